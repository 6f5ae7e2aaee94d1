"""A proforma invoice / quotation for a foreign buyer at the chosen Incoterm
(reportlab). It shows prices only: never the cost or the margin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from smedesk.core import business, clock
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import round_cents
from smedesk.exportplan import plans, pricing
from smedesk.exportplan.pricing import money_text
from smedesk.printouts.exportplan_pdf import GRID, footer, in_language, para, product_name, styles

DEFAULT_PLACES = {"EXW": "Lima", "FCA": "Lima", "FOB": "Callao", "CFR": "", "CIF": ""}


@dataclass(frozen=True)
class Buyer:
    """Attributes: name, address, country, contact (all text; name required)."""

    name: str
    address: str = ""
    country: str = ""
    contact: str = ""


def write_proforma_pdf(db, plan_id, out: Path | str, buyer: Buyer, *, lang: str = "en",
                       incoterm: str | None = None, place: str = "", valid_days: int = 30,
                       payment: str = "") -> Path:
    """Quote the plan's product to `buyer` at `incoterm` (the plan's by default)."""
    if not (buyer.name or "").strip():
        raise ValidationError(tr("Write the buyer's name."), field="buyer")
    if valid_days <= 0:
        raise ValidationError(tr("The quotation must be valid for at least one day."), field="valid_days")
    out = Path(out)
    with in_language(lang):
        plan = plans.get_plan(db, plan_id)
        term = pricing.clean_incoterm(incoterm or plan["incoterm"])
        price = plans.price_of(db, {**plan, "incoterm": term})
        build = price.build
        st = styles()
        firm = business.get(db) or {}
        today = clock.today_lima()
        number = f"PF-{today:%Y%m%d}-{plan['id']:03d}"
        place = place.strip() or DEFAULT_PLACES.get(term) or plan["country"]
        product = plan["product"]
        story = [
            para(tr("Proforma invoice / Quotation"), st["title"]),
            para(f"{firm.get('name', '')} · RUC {firm.get('ruc', '')}", st["label"]),
            para(firm.get("address", ""), st["small"]),
            Spacer(1, 6),
        ]
        head = Table([
            [tr("Number"), number, tr("Date"), today.isoformat()],
            [tr("Buyer"), para(buyer.name, st["cell"]), tr("Valid until"),
             (today + dt.timedelta(days=valid_days)).isoformat()],
            [tr("Address"), para(", ".join(x for x in (buyer.address, buyer.country) if x), st["cell"]),
             tr("Contact"), para(buyer.contact, st["cell"])],
        ], colWidths=[25 * mm, 70 * mm, 25 * mm, 50 * mm], hAlign="LEFT")
        head.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                                  ("FONTNAME", (2, 0), (2, -1), "Helvetica-Bold")]))
        story += [head, Spacer(1, 8)]
        # A document line: the unit price is rounded as shown and the amount is
        # that shown price times the quantity, so the buyer can check it.
        unit = round_cents(build.unit_usd[term])
        amount = unit * build.qty
        lines = Table([
            [tr("Product"), tr("Tariff code"), tr("Quantity"), tr("Unit price US$"), tr("Amount US$")],
            [para(f"{product['sku']} · {product_name(product, lang)}", st["cell"]), product["hs_code"] or "-",
             str(build.qty), money_text(unit, "USD"), money_text(amount, "USD")],
            [tr("Total {term} {place}", term=term, place=place), "", "", "", money_text(amount, "USD")],
        ], colWidths=[62 * mm, 28 * mm, 20 * mm, 32 * mm, 32 * mm], hAlign="LEFT")
        lines.setStyle(GRID)
        lines.setStyle(TableStyle([("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                                   ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                                   ("SPAN", (0, -1), (3, -1)), ("ALIGN", (0, -1), (3, -1), "RIGHT")]))
        story += [lines, Spacer(1, 8)]
        terms = [tr("Incoterm: {term} {place} (Incoterms 2020).", term=term, place=place),
                 tr("Currency: US dollars. Origin: Peru."),
                 tr("Payment: {payment}", payment=payment.strip() or tr("to be agreed")),
                 tr("Prices valid for {days} days.", days=valid_days)]
        story += [para(t, st["p"]) for t in terms]
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm, title=number)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out
