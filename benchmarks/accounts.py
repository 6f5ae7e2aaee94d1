"""Reports over a large journal: trial balance and profit and loss over
200,000 journal lines (100,000 two-line entries spread over two years), plus
the IGV position, the balance sheet and posting documents through the domain.

The journal is filled with bulk inserts (the benchmark measures the reports,
not the filling); documents are then posted through create_document.
Usage: python benchmarks/accounts.py [--lines N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smedesk.accounts import documents, reports  # noqa: E402
from smedesk.core import business, parties, users  # noqa: E402
from smedesk.core.db import tx  # noqa: E402

PAIRS = [("1212", "70111"), ("6011", "4212"), ("4212", "10411"), ("10411", "1212"), ("6352", "1011"),
         ("1011", "70111"), ("40111", "10411"), ("6361", "10412")]


def fill(db, lines: int) -> None:
    rnd = random.Random(7)
    start = dt.date(2025, 1, 1)
    now = "2026-01-01T00:00:00Z"
    entries = lines // 2
    with tx(db):
        for base in range(0, entries, 5000):
            rows_e, rows_l = [], []
            for i in range(base, min(base + 5000, entries)):
                day = (start + dt.timedelta(days=i * 730 // entries)).isoformat()
                rows_e.append((i + 1, day, "bench", "bench", now, f"bench-{i}", now))
                debit, credit = rnd.choice(PAIRS)
                cents = rnd.randint(100, 500000)
                rows_l.append((i + 1, 1, debit, cents, 0))
                rows_l.append((i + 1, 2, credit, 0, cents))
            db.conn.executemany("INSERT INTO journal_entries (id, date, memo, source, created_at, uid, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", rows_e)
            db.conn.executemany("INSERT INTO journal_lines (entry_id, line_no, account, debit_cents, credit_cents)"
                                " VALUES (?, ?, ?, ?, ?)", rows_l)


def timed(fn, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = business.create(Path(folder) / "bench.smedesk",
                             business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234"))
        owner = users.owner_actor(db)
        t0 = time.perf_counter()
        fill(db, args.lines)
        print(f"journal lines: {args.lines:,} (filled in {time.perf_counter() - t0:.1f} s)")
        print(f"trial balance, all time:     {timed(lambda: reports.trial_balance(db)):8.1f} ms (median of 5)")
        print(f"trial balance, one year:     "
              f"{timed(lambda: reports.trial_balance(db, '2025-01-01', '2025-12-31')):8.1f} ms")
        print(f"profit and loss, all time:   {timed(lambda: reports.pnl(db)):8.1f} ms")
        print(f"profit and loss, one month:  {timed(lambda: reports.pnl(db, '2025-06-01', '2025-06-30')):8.1f} ms")
        print(f"balance sheet:               {timed(lambda: reports.balance_sheet(db)):8.1f} ms")
        cust = parties.save(db, {"name": "Cliente", "id_number": "20100070970"}, actor=owner)
        n = 300
        t0 = time.perf_counter()
        for i in range(n):
            documents.create_document(db, "sale", "01", "F001", [{"qty": 1 + i % 5, "unit_price": "118.00"}],
                                      party_id=cust, date="2026-02-10", actor=owner)
        per_doc = (time.perf_counter() - t0) / n * 1000
        print(f"posting a factura:           {per_doc:8.1f} ms each ({n} in a row)")
        print(f"IGV position (2026-02):      {timed(lambda: reports.igv_position(db, '2026-02')):8.1f} ms")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
