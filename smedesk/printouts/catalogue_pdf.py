"""Product catalogue for buyers: photo, name (English by default), SKU, tariff
code, minimum order and price, two products per row. Drawn from plain data
(`production.printing.catalogue_data` gathers it) in the translator's language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from smedesk.core.i18n import Translator
from smedesk.core.money import grouped, round_cents
from smedesk.printouts.cost_sheet import LINE, money, photo_flowable, show_date, styles
from smedesk.printouts.pdf_common import build_doc

CARD_W = 88  # mm


def _placeholder(sku: str) -> Table:
    box = Table([[sku]], colWidths=[40 * mm], rowHeights=[40 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, -1), colors.whitesmoke),
                             ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 9),
                             ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    return box


def card(p: dict, st, fx: Decimal, tr: Translator) -> Table:
    english = tr.lang == "en"
    name = (p["name_en"] or p["name"]) if english else p["name"]
    desc = (p["description_en"] or "") if english else (p["description"] or "")
    usd = round_cents(p["price"] / fx) if fx else Decimal(0)
    lines = [Paragraph(f"<b>{name}</b>", st["body"]), Spacer(1, 1.5 * mm),
             Paragraph(tr("SKU: {sku}", sku=p["sku"]), st["cell"]),
             Paragraph(tr("HS code: {hs}", hs=p["hs_code"] or "—"), st["cell"]),
             Paragraph(tr("Minimum order: 1 unit") if p["min_order"] == 1 else
                       tr("Minimum order: {qty} units", qty=p["min_order"]), st["cell"])]
    if p["sizes"]:
        lines.append(Paragraph(tr("Sizes: {sizes}", sizes=", ".join(p["sizes"])), st["cell"]))
    lines += [Spacer(1, 1.5 * mm),
              Paragraph(f"<b>USD {grouped(usd)}</b> <font size=7>({money(p['price'])})</font>", st["body"]),
              Paragraph(tr("per unit, ex works, without taxes"), st["small"])]
    if desc:
        lines.insert(1, Paragraph(desc, st["small"]))
    photo = photo_flowable(p["photo"], 40) or _placeholder(p["sku"])
    table = Table([[photo, lines]], colWidths=[43 * mm, (CARD_W - 43) * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return table


def story(data: dict, tr: Translator) -> list:
    """`data`: production.printing.catalogue_data's dict (business, fx_usd_pen, today, products)."""
    st = styles()
    biz, fx, products = data["business"], data["fx_usd_pen"], data["products"]
    out = [Paragraph(biz.get("name", ""), st["title"]),
           Paragraph(tr("Product catalogue · {date}", date=show_date(data["today"], tr.lang)), st["h2"]),
           Paragraph(f"RUC {biz.get('ruc', '')} · {biz.get('address', '') or ''}", st["small"]),
           Spacer(1, 5 * mm)]
    if not products:
        out.append(Paragraph(tr("No products yet."), st["body"]))
        return out
    cards = [card(p, st, fx, tr) for p in products]
    pairs = [cards[i:i + 2] + [""] * (2 - len(cards[i:i + 2])) for i in range(0, len(cards), 2)]
    # one row of two cards a flowable, so a long catalogue reports progress and can be stopped
    for pair in pairs:
        row = Table([pair], colWidths=[(CARD_W + 3) * mm] * 2)
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(row)
    out += [Spacer(1, 4 * mm),
            Paragraph(tr("Prices in US dollars at S/ {fx} per dollar; minimum orders per reference.", fx=fx),
                      st["small"])]
    return out


def render(data: dict, path: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Write the catalogue to `path`; None (and no file) when cancelled."""
    return build_doc(path, story(data, tr), title=tr("Product catalogue"),
                     author=data["business"].get("name") or "smedesk", progress=progress, cancelled=cancelled)
