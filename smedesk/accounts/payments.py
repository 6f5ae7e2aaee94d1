"""Money in and out: receipts from customers and payments to suppliers against
documents (partial too) through cash, bank or wallet accounts, and expenses."""

from __future__ import annotations

from decimal import Decimal

from smedesk.accounts import chart, doclabel, journal, withholdings
from smedesk.accounts.documents import PAYABLE, RECEIVABLE, _amount
from smedesk.accounts.journal import Line
from smedesk.accounts.tax import to_pen
from smedesk.core import audit, clock
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, dec_str, from_cents, to_cents
from smedesk.core.roles import Actor, require, require_view

FX_GAIN, FX_LOSS = "7761", "6761"


def _money_account(db, code: str) -> dict:
    acc = chart.get_account(db, str(code or "").strip())
    if acc is None or not acc["is_money"]:
        raise ValidationError(tr("Choose a cash, bank or wallet account."), field="account")
    return acc


def outstanding_cents(db, doc: dict) -> int:
    """What is still owed on a document, in its currency: total − paid − credit notes."""
    require_view(db, "accounts.view")
    return _outstanding_cents(db, doc)


def _outstanding_cents(db, doc: dict) -> int:
    """The read behind `outstanding_cents`, for a write that has already checked its actor."""
    paid = scalar(db, "SELECT COALESCE(SUM(amount_cents), 0) FROM payments WHERE document_id = ?", [doc["id"]])
    notes = rows(db, "SELECT doc_type, total_cents FROM documents WHERE ref_document_id = ?", [doc["id"]])
    adjust = sum(n["total_cents"] if n["doc_type"] == "08" else -n["total_cents"] for n in notes)
    return doc["total_cents"] + adjust - paid


def _pen_outstanding(db, doc: dict) -> int:
    paid = scalar(db, "SELECT COALESCE(SUM(l.credit_cents - l.debit_cents), 0) FROM payments p"
                      " JOIN journal_lines l ON l.entry_id = p.entry_id AND l.account IN ('1212', '4212')"
                      " WHERE p.document_id = ?", [doc["id"]])
    notes = rows(db, "SELECT doc_type, total_pen_cents FROM documents WHERE ref_document_id = ?", [doc["id"]])
    adjust = sum(n["total_pen_cents"] if n["doc_type"] == "08" else -n["total_pen_cents"] for n in notes)
    paid = paid if doc["kind"] == "sale" else -paid
    return doc["total_pen_cents"] + adjust - paid


def record_payment(db, document_id: int, amount, *, account: str, actor: Actor, date=None, fx=None,
                   reference: str = "") -> int:
    """A receipt (sale) or payment (purchase) of `amount` in the document's currency."""
    require(actor, "accounts.post")
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [document_id])
    if doc is None or doc["doc_type"] == "07":
        raise ValidationError(tr("Choose a factura, boleta or debit note to pay."), field="document")
    money = _money_account(db, account)
    day = journal.parse_date(date or clock.today_lima())
    value = _amount(amount, "amount")
    cents = to_cents(value)
    if cents <= 0:
        raise ValidationError(tr("The amount must be more than zero."), field="amount")
    owed = _outstanding_cents(db, doc)
    reserved = withholdings.reserved_cents(db, doc)
    if reserved and cents > owed - reserved:
        raise ValidationError(tr("Only {owed} is paid in money: {reserved} is the detracción or retención, closed when "
                                 "it is deposited or its comprobante arrives.", owed=dec_str(from_cents(owed - reserved)),
                                 reserved=dec_str(from_cents(reserved))), field="amount")
    if cents > owed:
        raise ValidationError(tr("Only {owed} is still owed on this document.", owed=dec_str(from_cents(owed))),
                              field="amount")
    doc_fx = Decimal(doc["fx"])
    rate = doc_fx if fx in (None, "") or doc["currency"] == "PEN" else _amount(fx, "fx")
    if rate <= 0:
        raise ValidationError(tr("The exchange rate must be more than zero."), field="fx")
    pen = to_pen(cents, rate)
    # The receivable/payable is settled at the document's rate; the whole remainder on the last payment.
    settled = _pen_outstanding(db, doc) if cents == owed else to_pen(cents, doc_fx)
    diff = pen - settled
    ledger = RECEIVABLE if doc["kind"] == "sale" else PAYABLE
    if doc["kind"] == "sale":
        lines = [Line(money["code"], debit_cents=pen), Line(ledger, credit_cents=settled)]
        if diff > 0:
            lines.append(Line(FX_GAIN, credit_cents=diff))
        elif diff < 0:
            lines.append(Line(FX_LOSS, debit_cents=-diff))
    else:
        lines = [Line(ledger, debit_cents=settled), Line(money["code"], credit_cents=pen)]
        if diff > 0:
            lines.append(Line(FX_LOSS, debit_cents=diff))
        elif diff < 0:
            lines.append(Line(FX_GAIN, credit_cents=-diff))
    label = doclabel.label(doc["series"], doc["number"])
    memo = (tr("Receipt for {doc}", doc=label) if doc["kind"] == "sale" else tr("Payment of {doc}", doc=label))
    now = clock.now_iso()
    with tx(db):
        entry_id = journal.post(db, day, lines, memo=f"{memo} {doc['party_name']}", actor=actor, source="payment",
                                source_ref=str(document_id))
        cur = db.execute(
            "INSERT INTO payments (document_id, date, account, amount_cents, fx, amount_pen_cents, reference,"
            " entry_id, created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, day, money["code"], cents, canonical(rate), pen, reference, entry_id, now, new_uid(), now],
        )
        audit.record(db, actor, "payment.create", "payments", cur.lastrowid, document=label, amount=str(value))
    return cur.lastrowid


def record_expense(db, amount, *, account: str, paid_from: str, description: str, actor: Actor, date=None) -> int:
    """An expense without a comprobante to register (a tip, a fare): expense account against cash/bank."""
    require(actor, "accounts.post")
    acc = chart.get_account(db, str(account or "").strip())
    if acc is None or not acc["code"].startswith(("6", "3")):
        raise ValidationError(tr("Choose an expense account (class 6)."), field="account")
    money = _money_account(db, paid_from)
    description = (description or "").strip()
    if not description:
        raise ValidationError(tr("Say what the expense was for."), field="description")
    value = _amount(amount, "amount")
    cents = to_cents(value)
    if cents <= 0:
        raise ValidationError(tr("The amount must be more than zero."), field="amount")
    day = journal.parse_date(date or clock.today_lima())
    now = clock.now_iso()
    with tx(db):
        entry_id = journal.post(db, day, [Line(acc["code"], debit_cents=cents), Line(money["code"], credit_cents=cents)],
                                memo=description, actor=actor, source="expense")
        cur = db.execute(
            "INSERT INTO expenses (date, account, paid_from, amount_cents, description, entry_id, created_at, uid,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [day, acc["code"], money["code"], cents, description, entry_id, now, new_uid(), now],
        )
        audit.record(db, actor, "expense.create", "expenses", cur.lastrowid, amount=str(value), account=acc["code"])
    return cur.lastrowid


def list_payments(db, limit: int = 500) -> list[dict]:
    require_view(db, "accounts.view")
    return rows(db, f"SELECT p.*, d.kind, d.party_name, d.currency, {doclabel.sql('d')} AS label"
                    " FROM payments p JOIN documents d ON d.id = p.document_id ORDER BY p.date DESC, p.id DESC LIMIT ?",
                [limit])


def list_expenses(db, limit: int = 500) -> list[dict]:
    require_view(db, "accounts.view")
    return rows(db, "SELECT * FROM expenses ORDER BY date DESC, id DESC LIMIT ?", [limit])
