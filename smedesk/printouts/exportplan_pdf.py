"""The export plan as a PDF, in Spanish or in English (reportlab), drawn from
plain data (`exportplan.printing.plan_data` gathers it) in the language of the
translator it is given."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from smedesk.core.i18n import Translator
from smedesk.exportplan import templates
from smedesk.exportplan.pricing import money_text
from smedesk.printouts.pdf_common import build_doc

GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
    ("FONTSIZE", (0, 0), (-1, -1), 9),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


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


MARGINS = (18 * mm, 18 * mm, 16 * mm, 16 * mm)


def price_table(price, st, tr: Translator) -> list:
    """`price`: exportplan.plans.PlanPrice."""
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


def story(data: dict, tr: Translator) -> list:
    """`data`: exportplan.printing.plan_data's dict."""
    st, plan, lang = styles(), data["plan"], tr.lang
    firm = data["business"]
    out = [para(tr("Export plan"), st["title"]), para(plan["title"], st["h"]),
           para(f"{firm.get('name', '')} · RUC {firm.get('ruc', '')} · {firm.get('address', '')}", st["small"]),
           para(tr("Prepared on {date}", date=data["today"]), st["small"])]
    for step in templates.STEPS:
        out.append(para(tr(step.title), st["h"]))
        if step.key == "company":
            out.append(para(tr("People making the product: {people}; hours each per month: {hours}.",
                               people=plan["people"], hours=plan["hours_per_month"]), st["p"]))
        elif step.key == "product":
            out.extend(product_block(data, st, tr))
        elif step.key == "markets":
            out.append(para(tr("Country: {country}", country=plan["country"] or "-"), st["label"]))
        elif step.key == "price":
            out.extend(price_block(data, st, tr))
        elif step.key == "distribution":
            out.append(para(tr("Incoterm: {term}", term=plan["incoterm"]), st["label"]))
        elif step.key == "actions":
            out.append(actions_table(plan, st, tr))
        elif step.key == "budget":
            out.append(budget_table(plan, st, tr))
        for key, label in step.texts:
            out.append(para(tr(label), st["label"]))
            out.append(para(text_in(plan, key, lang) or "-", st["p"]))
            out.append(Spacer(1, 3))
    return out


def product_block(data: dict, st, tr: Translator) -> list:
    product, lang = data["plan"]["product"], tr.lang
    if not product:
        return [para(tr("No product chosen yet."), st["p"])]
    desc = (product.get("description_en") if lang == "en" else "") or product.get("description") or ""
    lines = [para(f"{product['sku']} · {product_name(product, lang)}", st["label"]), para(desc, st["p"]),
             para(tr("Tariff code (subpartida nacional): {code}", code=product["hs_code"] or "-"), st["p"])]
    if data["unit_cost"] is not None:
        lines.append(para(tr("Unit cost: {cost}", cost=money_text(data["unit_cost"], "PEN")), st["p"]))
    else:
        lines.append(para(data["unit_cost_problem"], st["warn"]))
    capacity = data["capacity"]
    lines.append(para(tr("Monthly capacity: {n} units", n=capacity) if capacity is not None
                      else tr("Monthly capacity: enter the people and hours, and the product's steps."), st["p"]))
    photo = photo_flowable(product)
    if photo is None:
        return lines
    table = Table([[lines, photo]], colWidths=[120 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def price_block(data: dict, st, tr: Translator) -> list:
    if data["price"] is None:
        return [para(tr("The price cannot be worked out yet: {reason}", reason=data["price_problem"]), st["warn"])]
    lines = [para(tr("Chosen Incoterm: {term}", term=data["plan"]["incoterm"]), st["label"])]
    return lines + price_table(data["price"], st, tr)


def actions_table(plan: dict, st, tr: Translator):
    data = [[tr("Task"), tr("Responsible"), tr("Date"), tr("Done")]]
    for a in plan["actions"]:
        data.append([para(a["what"], st["cell"]), para(a["who"], st["cell"]), a["due"], tr("yes") if a["done"] else ""])
    if len(data) == 1:
        return para(tr("No tasks yet."), st["p"])
    table = Table(data, colWidths=[85 * mm, 40 * mm, 25 * mm, 15 * mm], hAlign="LEFT", repeatRows=1)
    table.setStyle(GRID)
    return table


def budget_table(plan: dict, st, tr: Translator):
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


def footer(tr: Translator):
    """The page number at the foot of every page, in the translator's language."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, tr("Page {n}", n=doc.page))
        canvas.restoreState()
    return draw


def render(data: dict, out: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Write the plan to `out`; None (and no file) when cancelled."""
    return build_doc(out, story(data, tr), title=f"{tr('Export plan')}: {data['plan']['title']}", margins=MARGINS,
                     author=data["business"].get("name") or "smedesk", on_page=footer(tr), progress=progress,
                     cancelled=cancelled)
