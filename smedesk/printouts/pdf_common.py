"""Shared pieces for printable PDFs: the page, the business header, a table,
money and dates in the document's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from smedesk.core import i18n
from smedesk.core.money import grouped

styles = getSampleStyleSheet()
SMALL = ParagraphStyle("small", parent=styles["Normal"], fontSize=8, leading=10)
NORMAL = ParagraphStyle("normal", parent=styles["Normal"], fontSize=9, leading=11)
TITLE = ParagraphStyle("title", parent=styles["Heading1"], fontSize=15, leading=18, spaceAfter=4)


def language(lang: str):
    """Render in `lang` (es/en) in this thread, whatever the window's language is."""
    return i18n.rendering_in(lang)


def amount(value: Decimal, lang: str, places: int = 2) -> str:
    """1234.5 → '1,234.50' (es-PE and en use the same separators)."""
    return grouped(Decimal(value), places)


def date_text(value: str | None, lang: str) -> str:
    if not value:
        return ""
    day = dt.date.fromisoformat(str(value)[:10])
    return day.strftime("%d/%m/%Y") if lang == "es" else day.isoformat()


def business_block(biz: dict | None) -> list:
    """The issuer's name, RUC and address (`biz`: business.get's dict)."""
    biz = {"name": "", "ruc": "", "address": "", **(biz or {})}
    return [Paragraph(f"<b>{_esc(biz['name'])}</b>", NORMAL),
            Paragraph(f"RUC {_esc(biz['ruc'])}", NORMAL),
            Paragraph(_esc(biz["address"]), SMALL)]


def _esc(text) -> str:
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc(text) -> str:
    return _esc(text)


def grid(data: list[list], widths: list[float], *, numeric_from: int | None = None, total_rows: int = 0) -> Table:
    body = [[Paragraph(_esc(c), SMALL) if isinstance(c, str) and len(c) > 40 else c for c in r] for r in data]
    table = Table(body, colWidths=[w * mm for w in widths], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#7a8b99")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if numeric_from is not None:
        style.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if total_rows:
        style += [("FONT", (0, -total_rows), (-1, -1), "Helvetica-Bold", 8),
                  ("LINEABOVE", (0, -total_rows), (-1, -total_rows), 0.6, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def build(path, story: list, title: str) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=title)
    doc.build(story)


__all__ = ["Paragraph", "Spacer", "TITLE", "NORMAL", "SMALL", "mm"]
