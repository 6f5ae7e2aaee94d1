"""A proforma invoice / quotation for a foreign buyer at the chosen Incoterm
(reportlab). It shows prices only: never the cost or the margin. Drawn from
plain data (`exportplan.printing.proforma_data` checks and gathers it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from smedesk.core.i18n import Translator
from smedesk.core.money import round_cents
from smedesk.exportplan.pricing import money_text
from smedesk.printouts.exportplan_pdf import GRID, MARGINS, footer, para, product_name, styles
from smedesk.printouts.pdf_common import build_doc

DEFAULT_PLACES = {"EXW": "Lima", "FCA": "Lima", "FOB": "Callao", "CFR": "", "CIF": ""}


@dataclass(frozen=True)
class Buyer:
    """Attributes: name, address, country, contact (all text; name required)."""

    name: str
    address: str = ""
    country: str = ""
    contact: str = ""


def story(data: dict, tr: Translator) -> list:
    """`data`: exportplan.printing.proforma_data's dict."""
    st, buyer, build, term, place = styles(), data["buyer"], data["price"].build, data["incoterm"], data["place"]
    firm, product, today = data["business"], data["plan"]["product"], data["today"]
    out = [
        para(tr("Proforma invoice / Quotation"), st["title"]),
        para(f"{firm.get('name', '')} · RUC {firm.get('ruc', '')}", st["label"]),
        para(firm.get("address", ""), st["small"]),
        Spacer(1, 6),
    ]
    head = Table([
        [tr("Number"), data["number"], tr("Date"), today.isoformat()],
        [tr("Buyer"), para(buyer.name, st["cell"]), tr("Valid until"),
         (today + dt.timedelta(days=data["valid_days"])).isoformat()],
        [tr("Address"), para(", ".join(x for x in (buyer.address, buyer.country) if x), st["cell"]),
         tr("Contact"), para(buyer.contact, st["cell"])],
    ], colWidths=[25 * mm, 70 * mm, 25 * mm, 50 * mm], hAlign="LEFT")
    head.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                              ("FONTNAME", (2, 0), (2, -1), "Helvetica-Bold")]))
    out += [head, Spacer(1, 8)]
    # A document line: the unit price is rounded as shown and the amount is
    # that shown price times the quantity, so the buyer can check it.
    unit = round_cents(build.unit_usd[term])
    amount = unit * build.qty
    lines = Table([
        [tr("Product"), tr("Tariff code"), tr("Quantity"), tr("Unit price US$"), tr("Amount US$")],
        [para(f"{product['sku']} · {product_name(product, tr.lang)}", st["cell"]), product["hs_code"] or "-",
         str(build.qty), money_text(unit, "USD"), money_text(amount, "USD")],
        [tr("Total {term} {place}", term=term, place=place), "", "", "", money_text(amount, "USD")],
    ], colWidths=[62 * mm, 28 * mm, 20 * mm, 32 * mm, 32 * mm], hAlign="LEFT")
    lines.setStyle(GRID)
    lines.setStyle(TableStyle([("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                               ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                               ("SPAN", (0, -1), (3, -1)), ("ALIGN", (0, -1), (3, -1), "RIGHT")]))
    out += [lines, Spacer(1, 8)]
    terms = [tr("Incoterm: {term} {place} (Incoterms 2020).", term=term, place=place),
             tr("Currency: US dollars. Origin: Peru."),
             tr("Payment: {payment}", payment=data["payment"] or tr("to be agreed")),
             tr("Prices valid for {days} days.", days=data["valid_days"])]
    return out + [para(t, st["p"]) for t in terms]


def render(data: dict, out: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Write the proforma to `out`; None (and no file) when cancelled."""
    return build_doc(out, story(data, tr), title=data["number"], margins=MARGINS, on_page=footer(tr),
                     author=data["business"].get("name") or "smedesk", progress=progress, cancelled=cancelled)
