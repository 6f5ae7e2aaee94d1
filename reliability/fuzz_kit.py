"""What every input fuzzer shares: a demo business to throw input at, a
content digest of its tables (to prove a refused input changed nothing), and
the loop that runs hypothesis and turns its verdict into a Result."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.report import Result
from smedesk.core import health, users
from smedesk.core.errors import RowErrors, SmedeskError

# cells that break importers: locale decimals, three decimals, huge and odd
# numbers, formulas, quotes, control characters, dates that do not exist
HOSTILE_CELLS = ["", " ", "0", "-1", "-0.01", "1.005", "1,50", "12.345", "9" * 30, "1e400", "1E3", "NaN", "inf",
                 "=1+1", "=HYPERLINK(\"http://x\")", "+SUM(A1)", "@A1", "-2+3", "abc", "ñandú", "O'Brien\";--",
                 "2026-02-30", "31/12/2026", "2026-11-27", "2026-11-27T10:00:00Z", "kg", "m", "und", "PEN", "USD",
                 " 12.50 ", "\x00", "\r", "\n", "\u202e", "0x10", "١٢", "S/ 10", "10%"]


def demo_db(tmp: Path, kind: str = "garments"):
    from smedesk import demo

    db = demo.create(tmp / "fuzz.smedesk", kind)
    return db, users.owner_actor(db)


def digest(db, tables: list[str] | None = None) -> str:
    """A hash of every row of `tables` (default: every table), order-free."""
    if tables is None:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'seace_fts%'")]
    h = hashlib.sha256()
    for table in sorted(tables):
        h.update(table.encode())
        for line in sorted(repr(tuple(r)) for r in db.execute(f'SELECT * FROM "{table}"')):
            h.update(line.encode())
    return h.hexdigest()


def cell(extra: list[str]):
    return st.one_of(st.sampled_from(HOSTILE_CELLS + extra), st.sampled_from(extra or ["x"]),
                     st.text(max_size=12))


def table_bytes(headers: list[str], extra_cells: list[str]):
    """CSV bytes in a random dialect and encoding, with headers that may be
    missing, repeated, reordered or unknown, and rows that may repeat."""
    header = st.one_of(st.just(headers), st.permutations(headers),
                       st.lists(st.sampled_from(headers + ["extra", "", "CODE", "Precio"]), max_size=len(headers) + 2))
    row = st.lists(cell(extra_cells), min_size=0, max_size=len(headers) + 2)

    @st.composite
    def build(draw):
        if draw(st.integers(0, 9)) == 0:
            return draw(st.binary(max_size=300))
        head = draw(header)
        body = draw(st.lists(row, max_size=6))
        if body and draw(st.booleans()):
            body.append(body[0])  # a duplicate row
        delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
        writer.writerow(head)
        writer.writerows(body)
        text = out.getvalue()
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
        return text.encode(encoding, errors="replace")

    return build()


def rows_of(data: bytes) -> list[list[str]]:
    """Best-effort rows of CSV bytes (to rewrite them as XLSX)."""
    text = data.decode("utf-8", errors="replace")
    try:
        return [list(r) for r in csv.reader(io.StringIO(text.replace("\x00", "")), delimiter=";" if ";" in text else ",")]
    except csv.Error:
        return [[text[:50]]]


def write_xlsx(path: Path, data: bytes) -> bool:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    try:
        for r in rows_of(data):
            ws.append(r)  # cells that start with "=" become real formulas
        wb.save(path)
    except Exception:  # openpyxl refuses control characters: that input stays CSV
        return False
    return True


def check_refusal(exc: SmedeskError) -> None:
    assert str(exc).strip(), f"{type(exc).__name__} without a reason"
    if isinstance(exc, RowErrors):
        assert exc.errors, "RowErrors without rows"
        for line, reason in exc.errors:
            assert isinstance(line, int) and line >= 0 and str(reason).strip(), (line, reason)


def run_fuzzer(name: str, examples: int, setup, strategy, one) -> Result:
    """setup(tmp) -> context dict with "db"; strategy(ctx) -> what to draw; one(ctx, example) -> "accepted" or
    "refused" (raising on a crash or a broken promise). After every example
    the file must pass check."""
    counts = {"n": 0, "accepted": 0, "refused": 0}
    with tempfile.TemporaryDirectory() as tmp:
        ctx = setup(Path(tmp))
        ctx["tmp"] = Path(tmp)

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(strategy(ctx))
        def loop(example):
            counts["n"] += 1
            counts[one(ctx, example)] += 1
            assert health.check(ctx["db"], quick=True).ok, "the file fails check after this input"

        try:
            loop()
        except Exception as exc:  # hypothesis re-raises the smallest failing example
            return Result("fuzz", name, counts["n"], False, f"{type(exc).__name__}: {exc}"[:300])
        finally:
            ctx["db"].close()
    return Result("fuzz", name, counts["n"], True,
                  f"{counts['accepted']} accepted, {counts['refused']} refused with a reason; no crash, "
                  "nothing half-applied, check passes")


def refused_or_applied(db, attempt, tables: list[str] | None = None) -> str:
    """Run attempt(); a refusal must say why and leave `tables` unchanged."""
    before = digest(db, tables)
    try:
        attempt()
    except SmedeskError as exc:
        check_refusal(exc)
        assert digest(db, tables) == before, f"refused ({str(exc)[:80]}) but the file changed"
        return "refused"
    return "accepted"
