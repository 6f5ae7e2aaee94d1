"""The journal: balanced entries of two or more lines, immutable once posted
(database triggers refuse UPDATE and DELETE), corrected by reversing entries;
closed months refuse new postings (also a trigger)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import audit, clock, dates
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import dec_str, from_cents
from smedesk.core.roles import Actor, require


@dataclass(frozen=True)
class Line:
    """One journal line: an account and a debit or a credit in céntimos (PEN)."""

    account: str
    debit_cents: int = 0
    credit_cents: int = 0
    memo: str = ""


def parse_date(value, field: str = "date") -> str:
    """dd/mm/aaaa or aaaa-mm-dd (smedesk.core.dates) → aaaa-mm-dd."""
    return dates.read_date(value, field=field).isoformat()


def is_closed(db, day: str) -> bool:
    return bool(scalar(db, "SELECT 1 FROM closed_months WHERE month = ?", [day[:7]]))


def recode(db, lines: list[Line]) -> list[Line]:
    """Lines naming a re-coded account (40112 → 40111) post to its new code; the
    old lines keep the old code (immutable) and reports read them through
    `account_sql`."""
    moved = {r["code"]: r["recoded_to"] for r in rows(db, "SELECT code, recoded_to FROM accounts"
                                                          " WHERE recoded_to IS NOT NULL")}
    if not moved:
        return lines
    return [Line(moved.get(li.account, li.account), li.debit_cents, li.credit_cents, li.memo) for li in lines]


# The account a journal line counts in, re-coded accounts read as their new code;
# use with `FROM journal_lines l` and `LEFT JOIN accounts ra ON ra.code = l.account`.
ACCOUNT_SQL = "COALESCE(ra.recoded_to, l.account)"
RECODE_JOIN = " LEFT JOIN accounts ra ON ra.code = l.account"


def check_lines(db, day: str, lines: list[Line]) -> None:
    """Refuse an entry that would not balance, names an unknown account or falls in a closed month."""
    if len(lines) < 2:
        raise ValidationError(tr("An entry needs at least two lines."), field="lines")
    for n, line in enumerate(lines, start=1):
        if row(db, "SELECT 1 AS ok FROM accounts WHERE code = ? AND active = 1", [line.account]) is None:
            raise ValidationError(tr("Line {n}: there is no account {code}.", n=n, code=line.account), field="account")
        if line.debit_cents < 0 or line.credit_cents < 0 or (line.debit_cents == 0) == (line.credit_cents == 0):
            raise ValidationError(tr("Line {n}: write either a debit or a credit, more than zero.", n=n), field="lines")
    debit = sum(li.debit_cents for li in lines)
    credit = sum(li.credit_cents for li in lines)
    if debit != credit:
        raise ValidationError(
            tr("The entry does not balance: debits {debit} and credits {credit}.",
               debit=dec_str(from_cents(debit)), credit=dec_str(from_cents(credit))),
            field="lines",
        )
    if is_closed(db, day):
        raise ValidationError(tr("{month} is closed: nothing can be posted into it.", month=day[:7]), field="date")


def post(db, day, lines: list[Line], *, memo: str = "", actor: Actor, source: str = "manual",
         source_ref: str = "", reverses_id: int | None = None) -> int:
    """Post a balanced entry; returns its id. Checked before anything is written."""
    require(actor, "accounts.post")
    day = parse_date(day)
    lines = recode(db, lines)
    check_lines(db, day, lines)
    now = clock.now_iso()
    try:
        with tx(db):
            cur = db.execute(
                "INSERT INTO journal_entries (date, memo, source, source_ref, reverses_id, created_at, created_by,"
                " uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [day, memo, source, source_ref, reverses_id, now, actor.name, new_uid(), now],
            )
            entry_id = cur.lastrowid
            db.conn.executemany(
                "INSERT INTO journal_lines (entry_id, line_no, account, debit_cents, credit_cents, memo)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(entry_id, n, li.account, li.debit_cents, li.credit_cents, li.memo)
                 for n, li in enumerate(lines, start=1)],
            )
            audit.record(db, actor, "journal.post", "journal_entries", entry_id, date=day, memo=memo,
                         total=dec_str(from_cents(sum(li.debit_cents for li in lines))))
    except sqlite3.IntegrityError as exc:
        raise ValidationError(tr("The entry was refused: {reason}", reason=exc), field="lines") from None
    return entry_id


def reverse(db, entry_id: int, *, actor: Actor, day=None, memo: str = "") -> int:
    """Correct a posted entry by posting its mirror image (debits and credits swapped)."""
    require(actor, "accounts.post")
    entry = row(db, "SELECT * FROM journal_entries WHERE id = ?", [entry_id])
    if entry is None:
        raise ValidationError(tr("There is no entry {id}.", id=entry_id), field="entry")
    if scalar(db, "SELECT id FROM journal_entries WHERE reverses_id = ?", [entry_id]):
        raise ValidationError(tr("Entry {id} has already been reversed.", id=entry_id), field="entry")
    day = parse_date(day) if day else clock.today_lima().isoformat()
    lines = [Line(li["account"], li["credit_cents"], li["debit_cents"], li["memo"]) for li in entry_lines(db, entry_id)]
    return post(db, day, lines, memo=memo or tr("Reversal of entry {id}", id=entry_id), actor=actor,
                source="reversal", source_ref=str(entry_id), reverses_id=entry_id)


def entry_lines(db, entry_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM journal_lines WHERE entry_id = ? ORDER BY line_no", [entry_id])


def entries(db, *, date_from: str | None = None, date_to: str | None = None, limit: int = 500) -> list[dict]:
    where, params = [], []
    if date_from:
        where.append("e.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("e.date <= ?")
        params.append(date_to)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return rows(db, "SELECT e.*, (SELECT SUM(debit_cents) FROM journal_lines l WHERE l.entry_id = e.id) AS total_cents"
                    f" FROM journal_entries e {clause} ORDER BY e.date DESC, e.id DESC LIMIT ?", [*params, limit])


def close_month(db, month: str, *, actor: Actor) -> None:
    """Close a month (YYYY-MM): from now on nothing posts into it."""
    require(actor, "accounts.post")
    month = (month or "").strip()
    try:
        dt.date.fromisoformat(month + "-01")
    except ValueError:
        raise ValidationError(tr("«{value}» is not a month (YYYY-MM).", value=month), field="month") from None
    if scalar(db, "SELECT 1 FROM closed_months WHERE month = ?", [month]):
        raise ValidationError(tr("{month} is already closed.", month=month), field="month")
    if month >= clock.today_lima().isoformat()[:7]:
        raise ValidationError(tr("Only a month that has ended can be closed."), field="month")
    with tx(db):
        db.execute("INSERT INTO closed_months (month, closed_at, closed_by) VALUES (?, ?, ?)",
                   [month, clock.now_iso(), actor.name])
        audit.record(db, actor, "month.close", "closed_months", month)


def closed_months(db) -> list[str]:
    return [r["month"] for r in rows(db, "SELECT month FROM closed_months ORDER BY month")]


def balance(db, account_prefix: str, *, date_to: str | None = None) -> Decimal:
    """Debit minus credit of an account and its sub-accounts, in PEN."""
    params = [account_prefix + "%"]
    clause = ""
    if date_to:
        clause = " AND e.date <= ?"
        params.append(date_to)
    cents = scalar(db, "SELECT COALESCE(SUM(l.debit_cents - l.credit_cents), 0) FROM journal_lines l"
                       f" JOIN journal_entries e ON e.id = l.entry_id{RECODE_JOIN} WHERE {ACCOUNT_SQL} LIKE ?{clause}",
                   params)
    return from_cents(cents)
