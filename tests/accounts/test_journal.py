import sqlite3
from decimal import Decimal

import pytest

from smedesk.accounts import chart, journal
from smedesk.accounts.journal import Line
from smedesk.core.db import scalar
from smedesk.core.errors import PermissionDenied, ValidationError


def sale_lines(cents=11800):
    return [Line("1011", debit_cents=cents), Line("70111", credit_cents=cents)]


def test_chart_has_the_named_accounts(db):
    for code in ("1011", "1041", "1212", "2111", "2411", "40111", "4212", "5011", "6351", "6911", "70111",
                 "70121"):
        assert chart.get_account(db, code) is not None, code


def test_owner_adds_a_sub_account(db, owner):
    chart.add_account(db, "10414", "BCP soles", actor=owner)
    acc = chart.get_account(db, "10414")
    assert (acc["parent"], acc["is_money"]) == ("1041", 1)
    with pytest.raises(ValidationError):
        chart.add_account(db, "10414", "Otra", actor=owner)
    with pytest.raises(ValidationError):
        chart.add_account(db, "8888", "Sin madre", actor=owner)


def test_tax_rates_are_dated(db):
    assert chart.rates_on(db, "2025-12-31") == (16, 2)
    assert chart.rates_on(db, "2026-01-01") == (15.5, 2.5)
    assert chart.rates_on(db, "2027-06-01") == (15, 3)
    assert chart.rates_on(db, "2025-05-01", "reduced") == (8, 2)


def test_reduced_rate_is_dated_by_year(db):
    # Ley 31556 as amended by Ley 32219 (IGV 8% to 2026, 10% in 2027, then the standard rate);
    # the IPM follows Ley 32387 (2.5% in 2026, 3% in 2027, 3.5% in 2028, 4% from 2029)
    assert chart.rates_on(db, "2026-05-01", "reduced") == (8, Decimal("2.5"))
    assert chart.rates_on(db, "2027-05-01", "reduced") == (10, 3)
    assert chart.rates_on(db, "2028-05-01", "reduced") == chart.rates_on(db, "2028-05-01") == (Decimal("14.5"),
                                                                                               Decimal("3.5"))
    assert chart.rates_on(db, "2030-01-01", "reduced") == (14, 4)


def test_balanced_entry_posts(db, owner):
    entry = journal.post(db, "2026-03-02", sale_lines(), memo="venta", actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM journal_lines WHERE entry_id = ?", [entry]) == 2
    assert journal.balance(db, "1011") == 118


def test_unbalanced_entry_writes_nothing(db, owner):
    with pytest.raises(ValidationError, match="no cuadra"):
        journal.post(db, "2026-03-02", [Line("1011", debit_cents=100), Line("70111", credit_cents=99)], actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM journal_entries") == 0


def test_unknown_account_refused(db, owner):
    with pytest.raises(ValidationError):
        journal.post(db, "2026-03-02", [Line("1011", debit_cents=1), Line("9999999", credit_cents=1)], actor=owner)


def test_posted_lines_cannot_be_changed_in_the_database(db, owner):
    entry = journal.post(db, "2026-03-02", sale_lines(), actor=owner)
    with pytest.raises(sqlite3.DatabaseError, match="reversing"):
        db.execute("UPDATE journal_lines SET debit_cents = 1 WHERE entry_id = ?", [entry])
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("DELETE FROM journal_lines WHERE entry_id = ?", [entry])
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE journal_entries SET memo = 'x' WHERE id = ?", [entry])


def test_reversal_mirrors_and_only_once(db, owner):
    entry = journal.post(db, "2026-03-02", sale_lines(), actor=owner)
    journal.reverse(db, entry, actor=owner, day="2026-03-03")
    assert journal.balance(db, "1011") == 0
    with pytest.raises(ValidationError):
        journal.reverse(db, entry, actor=owner)


def test_closed_month_refuses_postings_also_in_the_database(db, owner):
    journal.close_month(db, "2026-02", actor=owner)
    with pytest.raises(ValidationError, match="cerrado"):
        journal.post(db, "2026-02-27", sale_lines(), actor=owner)
    with pytest.raises(sqlite3.DatabaseError, match="closed"):
        db.execute("INSERT INTO journal_entries (date, created_at, uid, updated_at) VALUES ('2026-02-10', 'x', 'u', 'x')")
    journal.post(db, "2026-03-01", sale_lines(), actor=owner)


def test_current_month_cannot_be_closed(db, owner):
    with pytest.raises(ValidationError):
        journal.close_month(db, "2026-03", actor=owner)


def test_staff_cannot_post(db, staff):
    with pytest.raises(PermissionDenied):
        journal.post(db, "2026-03-02", sale_lines(), actor=staff)
