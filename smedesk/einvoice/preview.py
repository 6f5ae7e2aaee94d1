"""What a document being typed adds up to, line by line, before it is issued:
the same arithmetic `create_document` uses, nothing written. The form shows it live."""

from __future__ import annotations

from decimal import Decimal

from smedesk.accounts import chart
from smedesk.accounts.tax import line_amounts
from smedesk.core.errors import SmedeskError
from smedesk.core.money import from_cents, to_decimal
from smedesk.einvoice.words import amount_in_words


def preview(db, lines: list[dict], *, date: str, currency: str = "PEN", prices_include_igv: bool = True,
            rate_kind: str = "standard") -> dict:
    """lines: dicts with qty, unit_price, tax, discount (text as typed). Returns per line
    {base, tax, total, problem} and the document's subtotal, igv, total, words, percent;
    a line that cannot be read yet carries its problem and counts zero."""
    try:
        igv_rate, ipm_rate = chart.rates_on(db, date, rate_kind)
    except SmedeskError:
        igv_rate, ipm_rate = chart.rates_on(db, "2999-12-31", rate_kind)
    shown, base, tax, total = [], 0, 0, 0
    for line in lines:
        try:
            qty = to_decimal(line.get("qty") or "1", field="qty", allow_negative=False)
            price = to_decimal(line.get("unit_price") or "0", field="unit_price", allow_negative=False)
            discount = to_decimal(line.get("discount") or "0", field="discount", allow_negative=False)
            a = line_amounts(qty, price, line.get("tax") or "igv", igv_rate, ipm_rate, prices_include_igv,
                             discount=discount)
        except SmedeskError as exc:
            shown.append({"base": Decimal(0), "tax": Decimal(0), "total": Decimal(0), "problem": exc.message})
            continue
        shown.append({"base": from_cents(a.base), "tax": from_cents(a.igv + a.ipm), "total": from_cents(a.total),
                      "problem": ""})
        base, tax, total = base + a.base, tax + a.igv + a.ipm, total + a.total
    return {"lines": shown, "subtotal": from_cents(base), "igv": from_cents(tax), "total": from_cents(total),
            "percent": igv_rate + ipm_rate,
            "words": amount_in_words(total, currency) if total >= 0 and currency in ("PEN", "USD") else ""}
