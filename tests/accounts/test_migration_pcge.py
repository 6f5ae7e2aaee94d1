"""The PCGE 2019 migration on a file written before it: every posted line stays as
it was, every balance is the same, the IPM that sat in 40112 reads as 40111."""

import sqlite3

import pytest
import sqlite_utils

from smedesk.accounts import journal, reports
from smedesk.accounts.journal import Line
from smedesk.core import schema
from smedesk.core.db import rows, scalar
from smedesk.core.roles import SYSTEM

# What the program posted before the migration (2026 rates, IPM in 40112):
# sale 1180.00 = 1000.00 + IGV 155.00 + IPM 25.00; purchase 2360.00 = 2000.00 + 360.00 (IGV+IPM in 40111)
OLD_ENTRIES = (
    ("2026-02-05", [("1212", 118000, 0), ("70111", 0, 100000), ("40111", 0, 15500), ("40112", 0, 2500)]),
    ("2026-02-10", [("6011", 200000, 0), ("40111", 36000, 0), ("4212", 0, 236000)]),
)


@pytest.fixture
def old_file():
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys=ON")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    for s in schema.migration_sets():
        s.apply(db, stop_before="m004_pcge_2019_taxes" if s.name == "smedesk.accounts" else None)
    for n, (day, lines) in enumerate(OLD_ENTRIES, start=1):
        db.execute("INSERT INTO journal_entries (id, date, memo, created_at, uid, updated_at)"
                   " VALUES (?, ?, 'old', '2026-02-01T00:00:00Z', ?, '2026-02-01T00:00:00Z')", [n, day, f"u{n}"])
        for k, (acc, dr, cr) in enumerate(lines, start=1):
            db.execute("INSERT INTO journal_lines (entry_id, line_no, account, debit_cents, credit_cents)"
                       " VALUES (?, ?, ?, ?, ?)", [n, k, acc, dr, cr])
    db.execute("INSERT INTO closed_months (month, closed_at, closed_by) VALUES ('2026-02', 'x', 'Rosa')")
    yield db
    db.close()


def snapshot(db):
    return [tuple(r.values()) for r in rows(db, "SELECT * FROM journal_lines ORDER BY id")]


def test_migration_keeps_every_line_and_balance(old_file):
    before_lines = snapshot(old_file)
    before = {r["account"]: r["net"] for r in rows(old_file, "SELECT account, SUM(debit_cents - credit_cents)"
                                                             " AS net FROM journal_lines GROUP BY account")}
    schema.migrate(old_file)
    assert snapshot(old_file) == before_lines  # nothing rewritten, even in a closed month
    after = {a["account"]: int((a["debit"] - a["credit"]) * 100) for a in reports.trial_balance(old_file)["accounts"]}
    # 40111 now holds IGV and IPM: −15500 − 2500 + 36000 = 18000 (a tax credit of 180.00)
    assert after["40111"] == before["40111"] + before["40112"] == 18000
    assert "40112" not in after
    assert {k: v for k, v in after.items() if k != "40111"} == {k: v for k, v in before.items()
                                                                if k not in ("40111", "40112")}
    assert journal.balance(old_file, "4011") == journal.balance(old_file, "40111") == 180
    assert journal.balance(old_file, "40112") == 0  # read as 40111 everywhere
    acc = old_file.execute("SELECT active, recoded_to FROM accounts WHERE code = '40112'").fetchone()
    assert acc == (0, "40111")


def test_after_the_migration_40112_postings_land_in_40111(old_file):
    schema.migrate(old_file)
    entry = journal.post(old_file, "2026-03-01", [Line("1011", debit_cents=100), Line("40112", credit_cents=100)],
                         actor=SYSTEM, memo="x")
    assert scalar(old_file, "SELECT account FROM journal_lines WHERE entry_id = ? AND credit_cents = 100",
                  [entry]) == "40111"
