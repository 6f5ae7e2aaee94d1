"""Fuzzers for files that come from elsewhere: OCDS packages and the portal's
ZIPs, and USB sync bundles (truncated, tampered, another business's, with
climbing paths, zip bombs, hostile JSON with valid checksums)."""

from __future__ import annotations

import io
import json
import secrets
import zipfile

from hypothesis import strategies as st

from reliability.fuzz_kit import HOSTILE_CELLS, check_refusal, demo_db, digest, run_fuzzer
from smedesk.core.errors import SmedeskError

SEACE_TABLES = ["seace_processes", "seace_items", "seace_awards", "seace_award_items", "seace_contracts",
                "seace_documents", "seace_interests", "audit_log"]
SAFE_NAMES = ["paquete.json", "2026/11/paquete.json", "x.JSON"]
BAD_NAMES = ["../../fuera.json", "/etc/abs.json", "a/../../b.json", "..\\..\\win.json", "C:/x.json", "nota.txt", "dir/"]
PATHS = [("ocid",), ("id",), ("date",), ("tag",), ("buyer",), ("parties",), ("tender",), ("tender", "items"),
         ("tender", "value", "amount"), ("tender", "tenderPeriod", "endDate"), ("tender", "title"),
         ("tender", "items", 0, "quantity"), ("tender", "items", 0, "classification"), ("awards",)]
ODD = st.one_of(st.none(), st.sampled_from(["", [], {}, 1e308, -1, True, "x" * 5000, [None], {"a": 1}]),
                st.sampled_from(HOSTILE_CELLS), st.text(max_size=10), st.integers())
JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                       max_leaves=8)


def _poke(body, path, value, delete):
    target = body
    for key in path[:-1]:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(target, dict):
        if delete:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    elif isinstance(target, list) and isinstance(path[-1], int) and path[-1] < len(target):
        target[path[-1]] = value


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def fuzz_ocds(examples: int):
    from smedesk.tenders import importer
    from tests.seace.builder import release

    @st.composite
    def package_bytes(draw):
        releases = []
        for n in draw(st.lists(st.integers(1, 6), max_size=4)):
            body = release(n, amount=float(draw(st.integers(1, 10**6))))
            for _ in range(draw(st.integers(0, 3))):
                _poke(body, draw(st.sampled_from(PATHS)), draw(ODD), draw(st.booleans()))
            releases.append(body)
        package = draw(st.sampled_from(["releases", "records", "junk"]))
        if package == "releases":
            data = {"uri": "x", "releases": releases}
        elif package == "records":
            data = {"records": [{"ocid": r.get("ocid"), "releases": [r], "compiledRelease": r} for r in releases]}
        else:
            data = draw(JSONISH)
        raw = json.dumps(data, ensure_ascii=False).encode(draw(st.sampled_from(["utf-8", "utf-16"])))
        cut = draw(st.sampled_from([None, None, None, 1, 10, 100]))
        return raw[:-cut] if cut and cut < len(raw) else raw

    def strategy(ctx):
        member = st.tuples(st.sampled_from(SAFE_NAMES + BAD_NAMES), package_bytes())
        return st.one_of(package_bytes().map(lambda b: ("json", b)),
                         st.lists(member, min_size=1, max_size=4, unique_by=lambda m: m[0]).map(lambda m: ("zip", zip_bytes(m), m)),
                         st.binary(max_size=200).map(lambda b: ("raw", b)),
                         st.just(("html", b"<html><body>Mantenimiento</body></html>")))

    def one(ctx, example):
        db = ctx["db"]
        path = ctx["tmp"] / ("seace.zip" if example[0] == "zip" else "seace.json")
        path.write_bytes(example[1])
        before = digest(db, SEACE_TABLES)
        try:
            report = importer.import_files(db, [path], actor=ctx["owner"])
        except SmedeskError as exc:
            check_refusal(exc)
            assert digest(db, SEACE_TABLES) == before
            return "refused"
        assert all(str(reason).strip() for _w, reason in report.problems), report.problems
        if example[0] == "zip":
            for name, _data in example[2]:
                if name in BAD_NAMES and not name.endswith("/"):
                    assert any(w.endswith(":" + name) for w, _r in report.problems), f"{name} was not refused"
        if not report.packages:
            assert digest(db, SEACE_TABLES) == before, "no package read, yet the SEACE tables changed"
        return "accepted" if report.new or report.changed else "refused"

    return run_fuzzer("OCDS files and ZIPs", examples, _setup_plain, strategy, one)


def _setup_plain(tmp):
    db, owner = demo_db(tmp)
    return {"db": db, "owner": owner}


def _setup_bundle(tmp):
    from smedesk.core import business
    from smedesk.sync import bundle_file

    ctx = _setup_plain(tmp)
    me = business.get(ctx["db"])
    ctx["manifest"] = {"bundle_id": secrets.token_hex(12), "business_uid": me["uid"], "business_name": me["name"],
                       "created_at": "2026-11-27T10:00:00Z", "base_url": "https://tienda.example.pe",
                       "adapter": "woocommerce", "cursor": None, "config": {}}
    ctx["outbox"] = {"items": [{"key": "order:1", "kind": "order_update", "entity_uid": "u1"}]}
    ctx["answers"] = {"outcomes": [{"key": "order:1", "ok": True, "remote_id": "9"}], "orders": [], "cursor": None}
    good = tmp / "good.zip"
    bundle_file.write(good, ctx["manifest"], {"outbox.json": ctx["outbox"], "answers.json": ctx["answers"]})
    ctx["good"] = good.read_bytes()
    return ctx


def fuzz_bundles(examples: int):
    from smedesk.sync import bundle, bundle_file

    def strategy(ctx):
        size = len(ctx["good"])
        return st.one_of(
            st.integers(0, size - 1).map(lambda n: ("truncated", n)),
            st.tuples(st.integers(0, size - 1), st.integers(1, 255)).map(lambda t: ("flipped", *t)),
            st.just(("other business",)),
            st.sampled_from(BAD_NAMES + ["answers.json/../../x"]).map(lambda name: ("climbing", name)),
            st.just(("bomb",)),
            st.tuples(st.sampled_from(["outbox.json", "answers.json", "manifest"]), JSONISH).map(
                lambda t: ("hostile", *t)))

    def build(ctx, example):
        kind = example[0]
        if kind == "truncated":
            return ctx["good"][:example[1]]
        if kind == "flipped":
            data = bytearray(ctx["good"])
            data[example[1]] ^= example[2]
            return bytes(data)
        path = ctx["tmp"] / "built.zip"
        manifest, members = dict(ctx["manifest"]), {"outbox.json": ctx["outbox"], "answers.json": ctx["answers"]}
        if kind == "other business":
            manifest["business_uid"] = secrets.token_hex(16)
        elif kind == "hostile" and example[1] == "manifest":
            manifest["cursor"] = example[2]
            manifest["bundle_id"] = example[2]
        elif kind == "hostile":
            members[example[1]] = example[2]
        if kind in ("climbing", "bomb"):
            name = example[1] if kind == "climbing" else "answers.json"
            data = b"{}" if kind == "climbing" else b" " * (60 * 1024 * 1024)
            return zip_bytes([("manifest.json", json.dumps(manifest).encode()), (name, data)])
        bundle_file.write(path, manifest, members)
        return path.read_bytes()

    def one(ctx, example):
        db = ctx["db"]
        path = ctx["tmp"] / "bundle.zip"
        path.write_bytes(build(ctx, example))
        before = digest(db)
        try:
            bundle.read_bundle(db, path, actor=ctx["owner"])
        except SmedeskError as exc:
            check_refusal(exc)
            assert digest(db) == before, f"refused ({exc}) but the file changed"
            return "refused"
        assert example[0] not in ("other business", "climbing", "bomb"), f"{example[0]} bundle was accepted"
        return "accepted"

    return run_fuzzer("sync bundles", examples, _setup_bundle, strategy, one)


FUZZERS = {"ocds": fuzz_ocds, "bundles": fuzz_bundles}
