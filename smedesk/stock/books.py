"""The optional month-end entry: the change in the valued stock of materials.

Purchases are expensed (60) as they are recorded, and stock movements never
touch the journal. An accountant who keeps inventories posts, once a month,
the change of the stock's value since the last posted month (the first time,
since zero): an increase debits 2411 materias primas (or 2511 materiales
auxiliares, by the material's stock account) and credits 6121 (6131)
variación de existencias; a decrease the other way round. Because each month
compares with the last posted value, a movement dated back into a posted
month is caught by the next month's entry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock
from smedesk.core.db import row, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical, round_cents, to_cents
from smedesk.core.roles import Actor, require, require_view

ACCOUNTS = {"24": ("2411", "6121"), "25": ("2511", "6131")}
ZERO = Decimal(0)


def month_end(month: str) -> str:
    try:
        year, mon = (int(p) for p in str(month).strip().split("-"))
        return dt.date(year, mon, calendar.monthrange(year, mon)[1]).isoformat()
    except (ValueError, TypeError):
        raise ValidationError(tr("«{value}» is not a month (YYYY-MM).", value=month), field="month") from None


def valued_stock(db, day: str) -> dict[str, Decimal]:
    """{'24': value, '25': value} of the materials' stock at the end of `day`."""
    require_view(db, "money.view")
    out = {"24": ZERO, "25": ZERO}
    for value, account in db.execute(
            "SELECT s.value, COALESCE(sm.account, '24') FROM stock_moves s"
            " LEFT JOIN stock_materials sm ON sm.material_id = s.material_id"
            " WHERE s.material_id IS NOT NULL AND s.day <= ?", [day]):
        out[account] += Decimal(value)
    return {k: round_cents(v) for k, v in out.items()}


def variation(db, month: str) -> dict:
    """What the month-end entry would post: per account, the value at month
    end, the last posted value, and the change (soles)."""
    last_day = month_end(month)
    month = last_day[:7]
    before = row(db, "SELECT * FROM stock_month_entries WHERE month < ? ORDER BY month DESC LIMIT 1", [month])
    now = valued_stock(db, last_day)
    prev = {"24": Decimal(before["raw_value"]), "25": Decimal(before["supplies_value"])} if before else {
        "24": ZERO, "25": ZERO}
    return {"month": month, "date": last_day,
            "accounts": {k: {"value": now[k], "previous": prev[k], "change": now[k] - prev[k]} for k in now}}


def post_month_end(db, month: str, *, actor: Actor) -> dict:
    """Post the month's variation of the valued stock (61 against 24/25)."""
    from smedesk.accounts import journal
    from smedesk.accounts.journal import Line

    require(actor, "accounts.post")
    plan = variation(db, month)
    month, day = plan["month"], plan["date"]
    if day[:7] >= clock.today_lima().isoformat()[:7]:
        raise ValidationError(tr("{month} has not ended yet.", month=month), field="month")
    if row(db, "SELECT 1 AS x FROM stock_month_entries WHERE month >= ?", [month]):
        raise ValidationError(tr("The stock of {month} (or a later month) was already posted.", month=month),
                              field="month")
    lines = []
    for key, (stock_acc, change_acc) in ACCOUNTS.items():
        cents = to_cents(plan["accounts"][key]["change"])
        if cents > 0:
            lines += [Line(stock_acc, debit_cents=cents), Line(change_acc, credit_cents=cents)]
        elif cents < 0:
            lines += [Line(change_acc, debit_cents=-cents), Line(stock_acc, credit_cents=-cents)]
    with tx(db):
        entry_id = None
        if lines:
            entry_id = journal.post(db, day, lines, memo=tr("Change in inventories {month}", month=month),
                                    actor=actor, source="stock", source_ref=month)
        db.execute("INSERT INTO stock_month_entries (month, raw_value, supplies_value, entry_id, created_at)"
                   " VALUES (?, ?, ?, ?, ?)", [month, canonical(plan["accounts"]["24"]["value"]),
                                               canonical(plan["accounts"]["25"]["value"]), entry_id, clock.now_iso()])
        audit.record(db, actor, "stock.month_end", "stock_month_entries", month, entry_id=entry_id,
                     raw=str(plan["accounts"]["24"]["change"]), supplies=str(plan["accounts"]["25"]["change"]))
    return dict(plan, entry_id=entry_id)
