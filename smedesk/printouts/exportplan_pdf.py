"""The export plan as a PDF, in Spanish or in English (reportlab)."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from smedesk.core import business, clock, i18n
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.exportplan import plans, templates
from smedesk.exportplan.pricing import money_text

GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
    ("FONTSIZE", (0, 0), (-1, -1), 9),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


def in_language(lang: str):
    """Render in `lang` in this thread (the window's language is untouched)."""
    if lang not in i18n.LANGUAGES:
        raise ValidationError(tr("Unknown language «{lang}» (use es or en).", lang=lang), field="lang")
    return i18n.rendering_in(lang)


def styles():
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=18, spaceAfter=4),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontSize=13, spaceBefore=10, spaceAfter=4, keepWithNext=1,
                            textColor=colors.HexColor("#1f3b57")),
        "label": ParagraphStyle("l", parent=base["Normal"], fontName="Helvetica-Bold", fontSize=9.5, keepWithNext=1),
        "p": ParagraphStyle("p", parent=base["Normal"], fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("s", parent=base["Normal"], fontSize=8, textColor=colors.HexColor("#555555")),
        "warn": ParagraphStyle("w", parent=base["Normal"], fontSize=9.5, textColor=colors.HexColor("#b00020")),
        "cell": ParagraphStyle("c", parent=base["Normal"], fontSize=9, leading=11),
    }


def para(text: str, style) -> Paragraph:
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def text_in(plan: dict, key: str, lang: str) -> str:
    """The section's text in `lang`; the Spanish text when no English was written."""
    if lang == "en":
        return plan["texts"].get(f"{key}_en") or plan["texts"].get(key, "")
    return plan["texts"].get(key, "")


def product_name(product: dict | None, lang: str) -> str:
    if not product:
        return ""
    return (product.get("name_en") if lang == "en" else "") or product["name"]


def photo_flowable(product: dict | None, width=45 * mm):
    if not product or not product.get("photo"):
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(product["photo"]))
        w, h = reader.getSize()
        return Image(io.BytesIO(product["photo"]), width=width, height=width * h / w)
    except Exception:  # a damaged photo must not stop the document
        return None


def price_table(price: plans.PlanPrice, st) -> list:
    build = price.build
    head = [tr("Incoterm"), tr("Per unit S/"), tr("Per unit US$"), tr("Shipment US$")]
    data = [head]
    for term in build.terms():
        data.append([term, money_text(build.unit_pen[term], "PEN"), money_text(build.unit_usd[term], "USD"),
                     money_text(build.total_usd_at(term), "USD")])
    table = Table(data, colWidths=[25 * mm, 40 * mm, 40 * mm, 45 * mm], hAlign="LEFT")
    table.setStyle(GRID)
    table.setStyle(TableStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    out = [table, Spacer(1, 4)]
    out.append(para(tr("Quantity per shipment: {qty} units. Exchange rate: S/ {fx} per US$.",
                       qty=build.qty, fx=build.costs.fx_usd_pen), st["small"]))
    if price.drawback_pen is not None:
        out.append(para(tr("Drawback refund (not part of the price): {rate}% of the FOB value = {amount}.",
                           rate=price.drawback_rate, amount=money_text(price.drawback_pen, "PEN")), st["p"]))
    for warning in price.warnings:
        out.append(para(warning, st["warn"]))
    return out


def story(db, plan: dict, lang: str) -> list:
    st = styles()
    firm = business.get(db) or {}
    out = [para(tr("Export plan"), st["title"]), para(plan["title"], st["h"]),
           para(f"{firm.get('name', '')} · RUC {firm.get('ruc', '')} · {firm.get('address', '')}", st["small"]),
           para(tr("Prepared on {date}", date=clock.today_lima().isoformat()), st["small"])]
    for step in templates.STEPS:
        out.append(para(tr(step.title), st["h"]))
        if step.key == "company":
            out.append(para(tr("People making the product: {people}; hours each per month: {hours}.",
                               people=plan["people"], hours=plan["hours_per_month"]), st["p"]))
        elif step.key == "product":
            out.extend(product_block(db, plan, lang, st))
        elif step.key == "markets":
            out.append(para(tr("Country: {country}", country=plan["country"] or "-"), st["label"]))
        elif step.key == "price":
            out.extend(price_block(db, plan, st))
        elif step.key == "distribution":
            out.append(para(tr("Incoterm: {term}", term=plan["incoterm"]), st["label"]))
        elif step.key == "actions":
            out.append(actions_table(plan, st))
        elif step.key == "budget":
            out.append(budget_table(plan, st))
        for key, label in step.texts:
            out.append(para(tr(label), st["label"]))
            out.append(para(text_in(plan, key, lang) or "-", st["p"]))
            out.append(Spacer(1, 3))
    return out


def product_block(db, plan: dict, lang: str, st) -> list:
    product = plan["product"]
    if not product:
        return [para(tr("No product chosen yet."), st["p"])]
    desc = (product.get("description_en") if lang == "en" else "") or product.get("description") or ""
    lines = [para(f"{product['sku']} · {product_name(product, lang)}", st["label"]), para(desc, st["p"]),
             para(tr("Tariff code (subpartida nacional): {code}", code=product["hs_code"] or "-"), st["p"])]
    try:
        lines.append(para(tr("Unit cost: {cost}", cost=money_text(
            plans.rates.unit_cost(db, product["id"]), "PEN")), st["p"]))
    except SmedeskError as exc:
        lines.append(para(str(exc), st["warn"]))
    capacity = plans.monthly_capacity(db, plan)
    lines.append(para(tr("Monthly capacity: {n} units", n=capacity) if capacity is not None
                      else tr("Monthly capacity: enter the people and hours, and the product's steps."), st["p"]))
    photo = photo_flowable(product)
    if photo is None:
        return lines
    table = Table([[lines, photo]], colWidths=[120 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def price_block(db, plan: dict, st) -> list:
    try:
        price = plans.price_of(db, plan)
    except SmedeskError as exc:
        return [para(tr("The price cannot be worked out yet: {reason}", reason=str(exc)), st["warn"])]
    lines = [para(tr("Chosen Incoterm: {term}", term=plan["incoterm"]), st["label"])]
    return lines + price_table(price, st)


def actions_table(plan: dict, st):
    data = [[tr("Task"), tr("Responsible"), tr("Date"), tr("Done")]]
    for a in plan["actions"]:
        data.append([para(a["what"], st["cell"]), para(a["who"], st["cell"]), a["due"], tr("yes") if a["done"] else ""])
    if len(data) == 1:
        return para(tr("No tasks yet."), st["p"])
    table = Table(data, colWidths=[85 * mm, 40 * mm, 25 * mm, 15 * mm], hAlign="LEFT", repeatRows=1)
    table.setStyle(GRID)
    return table


def budget_table(plan: dict, st):
    data = [[tr("Item"), tr("Amount")]]
    totals: dict[str, object] = {}
    for b in plan["budget"]:
        data.append([para(b["item"], st["cell"]), money_text(b["amount"], b["currency"])])
        totals[b["currency"]] = totals.get(b["currency"], 0) + b["amount"]
    if len(data) == 1:
        return para(tr("No budget lines yet."), st["p"])
    for currency, total in sorted(totals.items()):
        data.append([tr("Total {currency}", currency=currency), money_text(total, currency)])
    table = Table(data, colWidths=[120 * mm, 45 * mm], hAlign="LEFT")
    table.setStyle(GRID)
    table.setStyle(TableStyle([("ALIGN", (1, 1), (1, -1), "RIGHT"),
                               ("FONTNAME", (0, len(data) - len(totals)), (-1, -1), "Helvetica-Bold")]))
    return table


def footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor(colors.HexColor("#777777"))
    canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, tr("Page {n}", n=doc.page))
    canvas.restoreState()


def write_plan_pdf(db, plan_id, out: Path | str, *, lang: str = "es") -> Path:
    """Write the plan to `out` in `lang` ('es' or 'en'); return the path."""
    out = Path(out)
    with in_language(lang):
        plan = plans.get_plan(db, plan_id)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                                topMargin=16 * mm, bottomMargin=16 * mm,
                                title=f"{tr('Export plan')}: {plan['title']}")
        doc.build(story(db, plan, lang), onFirstPage=footer, onLaterPages=footer)
    return out



