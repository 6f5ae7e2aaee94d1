"""Product catalogue for buyers: photo, name (English by default), SKU, tariff
code, minimum order and price, two products per row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from smedesk.core import business, clock, i18n
from smedesk.core.i18n import tr
from smedesk.core.money import grouped, round_cents
from smedesk.printouts.cost_sheet import LINE, language, money, photo_flowable, show_date, styles
from smedesk.production import costing

CARD_W = 88  # mm


def _placeholder(sku: str) -> Table:
    box = Table([[sku]], colWidths=[40 * mm], rowHeights=[40 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, -1), colors.whitesmoke),
                             ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 9),
                             ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    return box


def card(p: dict, st, fx: Decimal) -> Table:
    english = i18n.current() == "en"
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


def build_catalogue(db) -> list:
    st = styles()
    biz = business.get(db) or {}
    fx = costing.fx_usd_pen(db)
    from smedesk.production.printing import catalogue_products

    products = catalogue_products(db)
    story = [Paragraph(biz.get("name", ""), st["title"]),
             Paragraph(tr("Product catalogue · {date}", date=show_date(clock.today_lima().isoformat())), st["h2"]),
             Paragraph(f"RUC {biz.get('ruc', '')} · {biz.get('address', '') or ''}", st["small"]),
             Spacer(1, 5 * mm)]
    if not products:
        story.append(Paragraph(tr("No products yet."), st["body"]))
        return story
    cards = [card(p, st, fx) for p in products]
    pairs = [cards[i:i + 2] + [""] * (2 - len(cards[i:i + 2])) for i in range(0, len(cards), 2)]
    grid = Table(pairs, colWidths=[(CARD_W + 3) * mm] * 2)
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(grid)
    story += [Spacer(1, 4 * mm),
              Paragraph(tr("Prices in US dollars at S/ {fx} per dollar; minimum orders per reference.", fx=fx),
                        st["small"])]
    return story


def write_catalogue(db, path: Path, *, lang: str = "en") -> Path:
    path = Path(path)
    with language(lang):
        story = build_catalogue(db)
        doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=14 * mm, bottomMargin=14 * mm, title=tr("Product catalogue"),
                                author=(business.get(db) or {}).get("name", "smedesk"))
        doc.build(story)
    return path

