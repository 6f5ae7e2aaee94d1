"""Reports from the journal and the documents: trial balance, profit and loss,
balance sheet, monthly IGV position (saldo a favor carried), aging, cash book.

Amounts come back as Decimal PEN; `as_json` turns them into 2-decimal strings.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.accounts import doclabel
from smedesk.accounts.journal import ACCOUNT_SQL, RECODE_JOIN
from smedesk.accounts.payments import outstanding_cents
from smedesk.core import clock, dates
from smedesk.core.db import row, rows, scalar
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, from_cents
from smedesk.core.roles import require_view


def _period(date_from, date_to) -> tuple[str, str]:
    lo = dates.read_date(date_from).isoformat() if date_from else "0001-01-01"
    hi = dates.read_date(date_to).isoformat() if date_to else "9999-12-31"
    return lo, hi


def _sums(db, lo: str, hi: str, prefix: str = "") -> list[dict]:
    return rows(db, f"SELECT {ACCOUNT_SQL} AS account, SUM(l.debit_cents) AS d, SUM(l.credit_cents) AS c"
                    f" FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id{RECODE_JOIN}"
                    f" WHERE e.date BETWEEN ? AND ? AND {ACCOUNT_SQL} LIKE ?"
                    f" GROUP BY {ACCOUNT_SQL} ORDER BY {ACCOUNT_SQL}", [lo, hi, prefix + "%"])


def _names(db) -> dict:
    from smedesk.accounts.chart import account_name

    return {r["code"]: account_name(r) for r in rows(db, "SELECT code, name, name_en FROM accounts")}


def trial_balance(db, date_from=None, date_to=None) -> dict:
    """Debit and credit movements per account over the period (sumas)."""
    require_view(db, "accounts.view")
    lo, hi = _period(date_from, date_to)
    names = _names(db)
    accounts = [{"account": r["account"], "name": names.get(r["account"], ""), "debit": from_cents(r["d"]),
                 "credit": from_cents(r["c"])} for r in _sums(db, lo, hi)]
    return {"accounts": accounts,
            "total_debit": sum((a["debit"] for a in accounts), Decimal("0.00")),
            "total_credit": sum((a["credit"] for a in accounts), Decimal("0.00"))}


def pnl(db, date_from=None, date_to=None) -> dict:
    """Income (class 7, credit − debit) minus expenses (class 6, debit − credit)."""
    require_view(db, "accounts.view")
    lo, hi = _period(date_from, date_to)
    found = row(db, "SELECT COALESCE(SUM(CASE WHEN substr(l.account, 1, 1) = '7' THEN l.credit_cents - l.debit_cents"
                    " END), 0) AS inc, COALESCE(SUM(CASE WHEN substr(l.account, 1, 1) = '6'"
                    " THEN l.debit_cents - l.credit_cents END), 0) AS exp FROM journal_lines l JOIN journal_entries e"
                    " ON e.id = l.entry_id WHERE e.date BETWEEN ? AND ?", [lo, hi])
    inc, exp = found["inc"], found["exp"]
    return {"from": date_from or "", "to": date_to or "", "income": from_cents(inc), "expenses": from_cents(exp),
            "net": from_cents(inc - exp)}


def pnl_detail(db, date_from=None, date_to=None) -> list[dict]:
    require_view(db, "accounts.view")
    lo, hi = _period(date_from, date_to)
    names = _names(db)
    out = []
    for r in _sums(db, lo, hi):
        if r["account"][0] in "67":
            amount = r["c"] - r["d"] if r["account"][0] == "7" else r["d"] - r["c"]
            out.append({"account": r["account"], "name": names.get(r["account"], ""), "amount": from_cents(amount)})
    return out


def balance_sheet(db, date_to=None) -> dict:
    """Assets (classes 1–3), liabilities (4), equity (5 + the result to date)."""
    require_view(db, "accounts.view")
    _, hi = _period(None, date_to)
    names = _names(db)
    out = {"to": date_to or "", "assets": [], "liabilities": [], "equity": []}
    result_cents = 0
    for r in _sums(db, "0001-01-01", hi):
        cls, net = r["account"][0], r["d"] - r["c"]
        if cls in "67":
            result_cents -= net
        if net == 0 or cls not in "12345":
            continue
        item = {"account": r["account"], "name": names.get(r["account"], "")}
        if cls in "123":
            out["assets"].append({**item, "amount": from_cents(net)})
        elif cls == "4":
            out["liabilities"].append({**item, "amount": from_cents(-net)})
        else:
            out["equity"].append({**item, "amount": from_cents(-net)})
    out["equity"].append({"account": "", "name": tr("Result of the period"), "amount": from_cents(result_cents)})
    for key in ("assets", "liabilities", "equity"):
        out[f"total_{key}"] = sum((i["amount"] for i in out[key]), Decimal("0.00"))
    return out


def _month_docs(db, kind: str, month: str) -> tuple[int, int]:
    """(taxable base, IGV+IPM) in PEN céntimos of a month's documents; credit notes subtract.
    Purchases count in the month their credit does (a SPOT purchase: when its deposit is recorded)."""
    from smedesk.accounts.withholdings import CREDIT_MONTH_SQL

    when = "substr(d.date, 1, 7)" if kind == "sale" else CREDIT_MONTH_SQL
    found = row(db, "SELECT COALESCE(SUM(CASE WHEN d.doc_type = '07' THEN -d.taxable_pen_cents"
                    " ELSE d.taxable_pen_cents END), 0) AS base, COALESCE(SUM(CASE WHEN d.doc_type = '07'"
                    " THEN -d.tax_pen_cents ELSE d.tax_pen_cents END), 0) AS tax FROM documents d"
                    " LEFT JOIN document_taxes t ON t.document_id = d.id"
                    f" WHERE d.kind = ? AND {when} = ? AND d.deleted_at IS NULL", [kind, month])
    return found["base"], found["tax"]


def igv_position(db, month: str) -> dict:
    """Output tax minus input tax of a month; unused credit (saldo a favor) carries forward."""
    require_view(db, "accounts.view")
    try:
        first = dt.date.fromisoformat(month + "-01")
    except ValueError:
        raise ValidationError(tr("«{value}» is not a month (YYYY-MM).", value=month), field="month") from None
    start = scalar(db, "SELECT MIN(substr(date, 1, 7)) FROM documents") or month
    carried, current = 0, dt.date.fromisoformat(min(start, month) + "-01")
    while True:
        key = current.strftime("%Y-%m")
        sales_base, output = _month_docs(db, "sale", key)
        purchases_base, input_tax = _month_docs(db, "purchase", key)
        previous = carried
        net = output - input_tax - previous
        payable, carried = max(net, 0), max(-net, 0)
        if current >= first:
            break
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return {"month": month, "sales_base": from_cents(sales_base), "output_tax": from_cents(output),
            "purchases_base": from_cents(purchases_base), "input_tax": from_cents(input_tax),
            "credit_from_previous": from_cents(previous), "payable": from_cents(payable),
            "credit_carried": from_cents(carried)}


BUCKETS = ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90"), (None, "90+"))


def aging(db, kind: str = "sale", on=None) -> dict:
    """What customers owe (sale) or what is owed to suppliers (purchase), by days past due."""
    require_view(db, "accounts.view")
    day = dt.date.fromisoformat(str(on)) if on else clock.today_lima()
    docs = rows(db, "SELECT * FROM documents WHERE kind = ? AND doc_type != '07' AND deleted_at IS NULL ORDER BY date, id",
                [kind])
    out, totals = [], {label: Decimal("0.00") for _, label in BUCKETS}
    for doc in docs:
        owed = outstanding_cents(db, doc)
        if owed <= 0:
            continue
        late = (day - dt.date.fromisoformat(doc["due_date"])).days
        bucket = next(label for limit, label in BUCKETS if limit is None or late <= limit)
        pen = from_cents(owed) if doc["currency"] == "PEN" else from_cents(owed) * Decimal(doc["fx"])
        pen = Decimal(dec_str(pen))
        totals[bucket] += pen
        out.append({"id": doc["id"], "document": doclabel.label(doc["series"], doc["number"]), "party": doc["party_name"],
                    "date": doc["date"], "due_date": doc["due_date"], "days_late": max(late, 0),
                    "currency": doc["currency"], "outstanding": from_cents(owed), "outstanding_pen": pen,
                    "bucket": bucket})
    return {"kind": kind, "on": day.isoformat(), "documents": out, "buckets": totals,
            "total": sum(totals.values(), Decimal("0.00"))}


def cash_book(db, account: str = "10", date_from=None, date_to=None) -> dict:
    """Movements of cash, bank and wallet accounts with a running balance."""
    require_view(db, "accounts.view")
    lo, hi = _period(date_from, date_to)
    opening = scalar(db, "SELECT COALESCE(SUM(l.debit_cents - l.credit_cents), 0) FROM journal_lines l JOIN"
                         " journal_entries e ON e.id = l.entry_id WHERE e.date < ? AND l.account LIKE ?",
                     [lo, account + "%"])
    moves = rows(db, "SELECT e.date, e.id AS entry, e.memo, l.account, l.debit_cents, l.credit_cents FROM journal_lines l"
                     " JOIN journal_entries e ON e.id = l.entry_id WHERE e.date BETWEEN ? AND ? AND l.account LIKE ?"
                     " ORDER BY e.date, e.id, l.line_no", [lo, hi, account + "%"])
    running, out = opening, []
    for m in moves:
        running += m["debit_cents"] - m["credit_cents"]
        out.append({"date": m["date"], "entry": m["entry"], "memo": m["memo"], "account": m["account"],
                    "in": from_cents(m["debit_cents"]), "out": from_cents(m["credit_cents"]),
                    "balance": from_cents(running)})
    return {"account": account, "opening": from_cents(opening), "moves": out, "closing": from_cents(running)}


def as_json(value):
    """Decimals → strings with two decimals, recursively (the CLI's JSON shapes)."""
    if isinstance(value, Decimal):
        return dec_str(value)
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value
