"""The figures of the monthly declaration (Formulario 621 / PDT 621): the IGV part
and the income-tax payment on account, and the due date from SUNAT's schedule.

IGV (IGV + IPM, as declared together): output tax of the month's sales minus the
input tax of the purchases whose credit falls in the month (a purchase subject to
SPOT counts in the month its deposit is recorded) minus the credit carried from
the previous month; then percepciones and retenciones of the month (plus those
not applied before) reduce what is left; an excess of input tax carries forward
(saldo a favor), and so do percepciones and retenciones not applied.

Income tax on account, by the regime (business setting `accounts.regime`):
RMT 1% of the month's net income while the year's net income to date is within
300 UIT, then the general rule; RER 1.5%; Régimen General the greater of 1.5% and
the coefficient (`accounts.ir_coefficient`, a fraction such as 0.0200; 0 = none).
Amounts are to the céntimo (the form itself takes whole soles: round when typing).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from smedesk.accounts import withholdings
from smedesk.accounts.registers import check_month
from smedesk.core import settings
from smedesk.core.db import row, rows, scalar
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import from_cents
from smedesk.core.roles import require_view

KEYS = ("month", "regime", "sales_base", "output_tax", "purchases_base", "input_tax", "credit_from_previous",
        "perceptions", "retentions", "igv_payable", "credit_carried", "net_income", "income_tax_rate",
        "income_tax_payment", "due_date")
LABELS = {"month": N_("Period"), "regime": N_("Regime"), "sales_base": N_("Taxed sales (base)"),
          "output_tax": N_("IGV on sales"), "purchases_base": N_("Taxed purchases (base)"),
          "input_tax": N_("IGV on purchases (credit)"), "credit_from_previous": N_("Credit from the previous month"),
          "perceptions": N_("Percepciones"), "retentions": N_("Retenciones"), "igv_payable": N_("IGV to pay"),
          "credit_carried": N_("Credit carried to next month"), "net_income": N_("Net income of the month"),
          "income_tax_rate": N_("Income-tax rate on account (%)"),
          "income_tax_payment": N_("Income tax on account to pay"), "due_date": N_("Declaration due date")}
RMT_LIMIT_UIT = 300
RATES = {"rmt": Decimal("1"), "rer": Decimal("1.5"), "general": Decimal("1.5")}

CREDIT_MONTH_SQL = withholdings.CREDIT_MONTH_SQL


def _sales(db, month: str) -> dict[str, int]:
    found = row(db, "SELECT COALESCE(SUM(s * taxable_pen_cents), 0) AS base, COALESCE(SUM(s * tax_pen_cents), 0) AS tax,"
                    " COALESCE(SUM(s * (total_pen_cents - tax_pen_cents)), 0) AS income FROM"
                    " (SELECT CASE WHEN doc_type = '07' THEN -1 ELSE 1 END AS s, * FROM documents"
                    "  WHERE kind = 'sale' AND substr(date, 1, 7) = ? AND deleted_at IS NULL)", [month])
    return dict(found)


def _purchases(db, month: str) -> dict[str, int]:
    found = row(db, "SELECT COALESCE(SUM(CASE WHEN d.doc_type = '07' THEN -d.taxable_pen_cents ELSE d.taxable_pen_cents"
                    " END), 0) AS base, COALESCE(SUM(CASE WHEN d.doc_type = '07' THEN -d.tax_pen_cents"
                    " ELSE d.tax_pen_cents END), 0) AS tax FROM documents d"
                    " LEFT JOIN document_taxes t ON t.document_id = d.id"
                    f" WHERE d.kind = 'purchase' AND d.deleted_at IS NULL AND {CREDIT_MONTH_SQL} = ?", [month])
    return dict(found)


def _next(month: str) -> str:
    day = dt.date.fromisoformat(month + "-01")
    return (day.replace(day=28) + dt.timedelta(days=4)).strftime("%Y-%m")


def _first_month(db, month: str) -> str:
    found = scalar(db, "SELECT MIN(m) FROM (SELECT MIN(substr(date, 1, 7)) AS m FROM documents"
                       " UNION ALL SELECT MIN(substr(date, 1, 7)) FROM withholding_moves)")
    return min(found or month, month)


def igv_months(db, month: str) -> dict:
    """The IGV part for `month`, carrying credits from the first month with documents (cents)."""
    credit = perc_left = ret_left = 0
    current = _first_month(db, month)
    while True:
        sales, purchases = _sales(db, current), _purchases(db, current)
        credits = withholdings.month_credits(db, current)
        previous = credit
        tax = sales["tax"] - purchases["tax"] - previous
        credit = max(-tax, 0)
        tax = max(tax, 0)
        perceptions, retentions = credits["perceptions"] + perc_left, credits["retentions"] + ret_left
        used_p = min(perceptions, tax)
        tax -= used_p
        used_r = min(retentions, tax)
        tax -= used_r
        perc_left, ret_left = perceptions - used_p, retentions - used_r
        if current >= month:
            return {"sales_base": sales["base"], "output_tax": sales["tax"], "purchases_base": purchases["base"],
                    "input_tax": purchases["tax"], "credit_from_previous": previous, "perceptions": perceptions,
                    "retentions": retentions, "igv_payable": tax, "credit_carried": credit,
                    "net_income": sales["income"]}
        current = _next(current)


def uit(db, year: int) -> int:
    found = scalar(db, "SELECT amount_cents FROM uit_values WHERE year = ?", [year])
    if found is None:
        raise ValidationError(tr("There is no UIT for {year}: add it (smedesk uit set {year} AMOUNT).", year=year),
                              field="year")
    return found


def income_tax_rate(db, month: str, regime: str) -> Decimal:
    """The rate (percent) of the payment on account for `month` under `regime`."""
    coefficient = settings.get_decimal(db, "accounts.ir_coefficient", "0") * 100
    general = max(RATES["general"], coefficient) if coefficient > 0 else RATES["general"]
    if regime == "rer":
        return RATES["rer"]
    if regime == "general":
        return general
    year = month[:4]
    to_date = scalar(db, "SELECT COALESCE(SUM(CASE WHEN doc_type = '07' THEN tax_pen_cents - total_pen_cents"
                         " ELSE total_pen_cents - tax_pen_cents END), 0) FROM documents WHERE kind = 'sale'"
                         " AND deleted_at IS NULL AND substr(date, 1, 7) BETWEEN ? AND ?", [f"{year}-01", month])
    return RATES["rmt"] if to_date <= RMT_LIMIT_UIT * uit(db, int(year)) else general


def due_date(db, month: str) -> str | None:
    ruc = row(db, "SELECT ruc FROM business WHERE id = 1")["ruc"]
    return scalar(db, "SELECT due_date FROM tax_calendar WHERE period = ? AND digit = ?", [month, ruc[-1]])


def figures(db, month: str) -> dict:
    """The Formulario 621 figures of `month` (Decimal soles; keys exactly `KEYS`)."""
    require_view(db, "accounts.view")
    check_month(month)
    regime = settings.get(db, "accounts.regime", "rmt") or "rmt"
    if regime not in RATES:
        raise ValidationError(tr("The income-tax regime «{regime}» is not rmt, rer or general (setting "
                                 "accounts.regime).", regime=regime), field="accounts.regime")
    igv = igv_months(db, month)
    rate = income_tax_rate(db, month, regime)
    income = max(igv["net_income"], 0)
    payment = (from_cents(income) * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    out = {"month": month, "regime": regime, **{k: from_cents(v) for k, v in igv.items()},
           "income_tax_rate": rate.quantize(Decimal("0.01")), "income_tax_payment": payment,
           "due_date": due_date(db, month)}
    return {k: out[k] for k in KEYS}


def set_uit(db, year: int, amount, *, actor) -> None:
    from smedesk.core import audit
    from smedesk.core.db import tx
    from smedesk.core.money import to_cents, to_decimal
    from smedesk.core.roles import require

    require(actor, "accounts.post")
    cents = to_cents(to_decimal(amount, field="amount"))
    if cents <= 0 or not 1990 <= int(year) <= 2100:
        raise ValidationError(tr("Write the year and the UIT in soles."), field="amount")
    with tx(db):
        db.execute("INSERT OR REPLACE INTO uit_values (year, amount_cents, note) VALUES (?, ?, '')", [int(year), cents])
        audit.record(db, actor, "uit.set", "uit_values", int(year), amount=str(amount))


def import_calendar(db, path, *, actor) -> int:
    """Replace or add due dates from a CSV `period,digit,due_date` (SUNAT's table of a new year)."""
    import csv

    from smedesk.core import audit
    from smedesk.core.db import tx
    from smedesk.core.roles import require

    require(actor, "accounts.post")
    try:
        text = open(path, encoding="utf-8-sig").read()
    except OSError as exc:
        raise ValidationError(tr("The file cannot be read: {reason}", reason=exc.strerror or exc), field="file") from None
    found = []
    for n, r in enumerate(csv.reader(text.splitlines()), start=1):
        if n == 1 and r and r[0].strip().lower() == "period":
            continue
        try:
            period, digit, day = (c.strip() for c in r)
            check_month(period)
            dt.date.fromisoformat(day)
            if len(digit) != 1 or not digit.isdigit():
                raise ValueError
        except (ValueError, ValidationError):
            raise ValidationError(tr("Line {line}: write period (YYYY-MM), last digit of the RUC and due date "
                                     "(YYYY-MM-DD); nothing was imported.", line=n), field="file") from None
        found.append((period, digit, day))
    with tx(db):
        db.conn.executemany("INSERT OR REPLACE INTO tax_calendar (period, digit, due_date, source)"
                            " VALUES (?, ?, ?, 'owner')", found)
        audit.record(db, actor, "tax_calendar.import", "tax_calendar", "", count=len(found))
    return len(found)


def calendar(db, year: str) -> list[dict]:
    return rows(db, "SELECT * FROM tax_calendar WHERE substr(period, 1, 4) = ? ORDER BY period, digit", [str(year)])
