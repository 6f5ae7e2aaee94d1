"""Cost sheet of one product (hoja de costos), Spanish or English: photo,
materials, steps, overhead, unit cost and suggested price. Drawn from plain
data (`production.printing.cost_sheet_data` gathers it) in the language of the
translator it is given."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from smedesk.core import units
from smedesk.core.i18n import Translator
from smedesk.core.money import grouped
from smedesk.printouts.pdf_common import build_doc
from smedesk.production import costing

INK = colors.HexColor("#1f2d3d")
LINE = colors.HexColor("#c8d0d8")
SHADE = colors.HexColor("#eef2f5")


def styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontName="Helvetica", fontSize=9, leading=11)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=colors.grey),
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=19,
                                textColor=INK),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=11, leading=14,
                             spaceBefore=8, spaceAfter=3, textColor=INK),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10),
    }


def money(amount: Decimal) -> str:
    return "S/ " + grouped(amount)


def number(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def show_date(iso: str, lang: str) -> str:
    """2026-11-27 → 27/11/2026 in Spanish; ISO in English (unambiguous for buyers)."""
    if lang != "es" or len(iso) != 10:
        return iso
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def photo_flowable(blob: bytes | None, size_mm: float):
    if not blob:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(blob))
        w, h = reader.getSize()
    except Exception:
        return None
    scale = min(size_mm * mm / w, size_mm * mm / h)
    return Image(io.BytesIO(blob), width=w * scale, height=h * scale)


def grid(data: list[list], widths: list[float], *, right: tuple[int, ...] = (), total_row: bool = False) -> Table:
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for col in right:
        style.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
    if total_row:
        style += [("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8.5), ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK)]
    table.setStyle(TableStyle(style))
    return table


def header_block(data: dict, st, tr: Translator) -> Table:
    biz, product, cost, lang = data["business"], data["product"], data["cost"], tr.lang
    name = product["name_en"] if lang == "en" and product["name_en"] else product["name"]
    title = f"{product['sku']} {cost.variant}".strip()
    text = [
        Paragraph(f"{biz.get('name', '')} · RUC {biz.get('ruc', '')}", st["small"]),
        Paragraph(tr("Cost sheet"), st["title"]),
        Paragraph(f"<b>{title}</b> — {name}", st["body"]),
        Paragraph(tr("Unit: {unit} · Tariff code: {hs} · Costed as of {day}", unit=units.label(product["unit"], lang),
                     hs=product["hs_code"] or "—", day=show_date(cost.as_of, lang)), st["body"]),
    ]
    photo = photo_flowable(product.get("photo"), 38)
    return Table([[text, photo or ""]], colWidths=[140 * mm, 40 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0)])


def material_rows(cost: costing.CostBreakdown, st, tr: Translator) -> list[list]:
    lang = tr.lang
    out = [[tr("Code"), tr("Material"), tr("Quantity"), tr("Price"), tr("Waste %"), tr("Amount")]]
    for ln in cost.lines:
        if ln.kind != "material":
            continue
        price = f"{money(ln.rate)} / {units.label(ln.rate_unit, lang)}"
        if ln.detail:
            price += f"<br/><font size=7 color=grey>{ln.detail}</font>"
        out.append([ln.reference, Paragraph(ln.name, st["cell"]), f"{number(ln.quantity)} {units.label(ln.unit, lang)}",
                    Paragraph(price, st["cell"]), number(ln.waste_pct), money(ln.amount)])
    out.append(["", tr("Materials"), "", "", "", money(cost.materials)])
    return out


def step_rows(cost: costing.CostBreakdown, tr: Translator) -> list[list]:
    out = [[tr("Step"), tr("Minutes"), tr("Rate"), tr("Amount")]]
    for ln in cost.lines:
        if ln.kind != "labour":
            continue
        rate = tr("{amount} per piece", amount=money(ln.rate)) if ln.rate_unit == "unit" else \
            tr("{amount} per hour", amount=money(ln.rate))
        out.append([ln.name, number(ln.quantity), rate, money(ln.amount)])
    out.append([tr("Labour"), "", "", money(cost.labour)])
    return out


def summary_rows(cost: costing.CostBreakdown, price: costing.Price, tr: Translator) -> list[list]:
    basis = tr("List price") if price.basis == "list" else tr("Suggested price ({pct}% margin on price)",
                                                                     pct=number(price.pct))
    return [
        [tr("Materials"), money(cost.materials)],
        [tr("Labour"), money(cost.labour)],
        [tr("Overhead"), money(cost.overhead)],
        [tr("Unit cost"), money(cost.unit_cost)],
        [basis + " — " + tr("without IGV"), money(price.net)],
        [tr("IGV {pct}%", pct=number(costing.IGV_PCT)), money(price.igv)],
        [tr("Price with IGV"), money(price.gross)],
    ]


def story(data: dict, tr: Translator) -> list:
    """`data`: production.printing.cost_sheet_data's dict."""
    st = styles()
    cost = data["cost"]
    out = [header_block(data, st, tr), Spacer(1, 4 * mm)]
    out += [Paragraph(tr("Materials"), st["h2"]),
            grid(material_rows(cost, st, tr), [18, 62, 24, 36, 16, 24], right=(2, 4, 5), total_row=True)]
    out += [Paragraph(tr("Process steps"), st["h2"]),
            grid(step_rows(cost, tr), [62, 30, 58, 30], right=(1, 3), total_row=True)]
    hours = sum((ln.quantity for ln in cost.lines if ln.kind == "labour"), Decimal(0)) / 60
    out += [Paragraph(tr("Overhead"), st["h2"]),
            Paragraph(tr("{monthly} a month ÷ {hours} productive hours = {rate} per hour; "
                         "{used} hours per unit → {amount}",
                         monthly=money(data["monthly_overhead"]), hours=number(data["hours_per_month"]),
                         rate=money(data["overhead_rate"]), used=number(round(hours, 3)),
                         amount=money(cost.overhead)), st["body"])]
    summary = grid([[tr("Summary"), tr("Per unit")]] + summary_rows(cost, data["price"], tr), [130, 50], right=(1,))
    summary.setStyle(TableStyle([("FONT", (0, 4), (-1, 4), "Helvetica-Bold", 9),
                                 ("LINEABOVE", (0, 4), (-1, 4), 0.8, INK),
                                 ("FONT", (0, 7), (-1, 7), "Helvetica-Bold", 9)]))
    day, _, hour = data["generated"].partition(" ")  # "2026-12-01 10:27": the day as the sheet writes days
    out += [Paragraph(tr("Unit cost and price"), st["h2"]), summary, Spacer(1, 6 * mm),
            Paragraph(tr("Exchange rate used for USD prices: {fx}. Generated {when}.",
                         fx=number(data["fx_usd_pen"]), when=f"{show_date(day, tr.lang)} {hour}".strip()),
                      st["small"])]
    return out


def render(data: dict, path: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Write the cost sheet to `path`; None (and no file) when cancelled."""
    return build_doc(path, story(data, tr), title=tr("Cost sheet"), author=data["business"].get("name") or "smedesk",
                     progress=progress, cancelled=cancelled)
