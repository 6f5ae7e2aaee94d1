"""Fuzzers for the scanner: keystrokes typed or scanned at the station, and
the batch files cordless scanners upload. A scan is counted once or refused
with a reason; the count of live scans moves by exactly the counted ones."""

from __future__ import annotations

from hypothesis import strategies as st

from reliability.fuzz_kit import HOSTILE_CELLS, check_refusal, demo_db, digest, run_fuzzer
from smedesk.core import users
from smedesk.core.errors import SmedeskError

LIVE = "SELECT count(*) FROM scans WHERE undone_at IS NULL AND deleted_at IS NULL"


def _setup(tmp):
    from smedesk.tracking import station, trackcodes

    db, owner = demo_db(tmp)
    codes = [r[0] for r in db.execute("SELECT u.code FROM track_units u JOIN orders o ON o.id = u.order_id"
                                      " ORDER BY o.state IN ('delivered', 'cancelled'), u.id LIMIT 60")]
    steps = list(station.known_steps(db).values())
    people = [{"name": r[0], "badge": r[1]} for r in db.execute("SELECT name, badge FROM users WHERE role = 'staff'")]
    staff = users.actor_for(users.find_user(db, people[0]["name"]))
    return {"db": db, "owner": owner, "staff": staff, "codes": codes, "steps": steps,
            "cards": [trackcodes.step_card_code(s) for s in steps] + ["PASO1", "PASO99", "paso corte", "PASO"],
            "people": [p["name"] for p in people] + [p["badge"] for p in people if p["badge"]]}


def _mangled(codes):
    code = st.sampled_from(codes)
    return st.one_of(
        code,
        code.map(str.lower),
        code.map(lambda c: f"{c[:3]}-{c[3:]}"),  # dashes and spaces as printed on the label
        code.map(lambda c: f" {c[:4]} {c[4:]}\r\n"),
        code.map(lambda c: c[:-1]),  # one character short
        code.map(lambda c: c + "A"),
        code.map(lambda c: c[:-1] + ("B" if c[-1] != "B" else "C")),  # wrong check character
        code.map(lambda c: c.replace("-", "'")),  # Spanish keyboard layout
    )


def fuzz_station(examples: int):
    from smedesk.tracking import station

    def strategy(ctx):
        key = st.one_of(_mangled(ctx["codes"]), st.sampled_from(ctx["cards"] + ctx["people"] + ["UNDO"] * 3),
                        st.sampled_from(HOSTILE_CELLS), st.text(max_size=20))
        return st.lists(key, min_size=1, max_size=25)

    def one(ctx, keys):
        db = ctx["db"]
        desk = station.Station(db, ctx["staff"])
        expected = db.execute(LIVE).fetchone()[0]
        for text in keys:
            if text == "UNDO":
                had = desk.last_scan_id is not None
                event = desk.undo_last(actor=ctx["owner"])
                expected -= had
            else:
                event = desk.handle(text)
                expected += bool(event.kind == station.SCAN and event.result.ok)
            assert isinstance(event.message, str)
            if event.outcome not in ("info", "counted", "ok") and event.kind != station.OPERATOR:
                assert event.message.strip(), f"refused «{text}» without a reason"
            assert db.execute(LIVE).fetchone()[0] == expected, f"live scans off after «{text}»"
        return "accepted"

    return run_fuzzer("scanner keystrokes at the station", examples, _setup, strategy, one)


def fuzz_scan_batch(examples: int):
    from smedesk.tracking import scanbatch

    def strategy(ctx):
        stamp = st.sampled_from(["", "2026-11-27T10:00:00Z", "2026-11-27 10:00", "2026-13-01T00:00:00Z", "ayer",
                                 "2026-11-27T10:00:00-05:00", "9999-12-31T23:59:59Z", "0"])
        line = st.one_of(
            st.tuples(_mangled(ctx["codes"]), stamp, st.sampled_from([",", ";", "\t"])).map(
                lambda t: t[0] + (t[2] + t[1] if t[1] else "")),
            st.sampled_from(["", "# comentario", "code,timestamp", ",,,", "a,b,c", "\x00\x01", "﻿"]),
            st.text(max_size=30))
        return st.tuples(st.lists(line, max_size=20),
                         st.sampled_from(ctx["steps"] + ["1", "99", "", "Nada", "'; DROP TABLE scans;--"]),
                         st.sampled_from(ctx["people"] + ["", "Nadie", "OP99"]),
                         st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
                         st.one_of(st.none(), st.binary(max_size=200)))

    def one(ctx, example):
        lines, step, operator, encoding, garbage = example
        db = ctx["db"]
        path = ctx["tmp"] / "lote.txt"
        path.write_bytes(garbage if garbage is not None else "\n".join(lines).encode(encoding, errors="replace"))
        before, live = digest(db), db.execute(LIVE).fetchone()[0]
        try:
            report = scanbatch.import_file(db, path, step=step, operator=operator, actor=ctx["owner"])
        except SmedeskError as exc:
            check_refusal(exc)
            assert digest(db) == before, "refused batch changed the file"
            return "refused"
        assert db.execute(LIVE).fetchone()[0] - live == report.counted, "counted scans do not match the file"
        assert all(str(reason).strip() for _n, _code, _outcome, reason in report.refused), report.refused
        return "accepted" if report.counted else "refused"

    return run_fuzzer("scanner batch files", examples, _setup, strategy, one)


FUZZERS = {"station": fuzz_station, "scanbatch": fuzz_scan_batch}
