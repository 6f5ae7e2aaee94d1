"""Shared pieces for printable PDFs: the page, the business header, a table,
money and dates in the document's language."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from smedesk.core.money import grouped

styles = getSampleStyleSheet()
SMALL = ParagraphStyle("small", parent=styles["Normal"], fontSize=8, leading=10)
NORMAL = ParagraphStyle("normal", parent=styles["Normal"], fontSize=9, leading=11)
TITLE = ParagraphStyle("title", parent=styles["Heading1"], fontSize=15, leading=18, spaceAfter=4)


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


class Cancelled(Exception):
    """The person stopped the render: nothing is left at the PDF's path."""


def part_of(path) -> Path:
    """The hidden name a PDF is written under until it is whole."""
    path = Path(path)
    return path.with_name(f".{path.name}.part")


@contextlib.contextmanager
def written(path):
    """Write to a hidden name beside `path`, renamed onto `path` only when the
    whole file is written: a cancelled or failed render leaves no half a PDF."""
    part = part_of(path)
    try:
        yield part
        os.replace(part, Path(path))
    finally:
        part.unlink(missing_ok=True)


def check(progress=None, cancelled=None, done: int = 0, total: int = 0) -> None:
    """Tell `progress(done, total)`; raise Cancelled when `cancelled()` is true."""
    if progress is not None:
        progress(done, total)
    if cancelled is not None and cancelled():
        raise Cancelled


def build_doc(path, story: list, *, title: str, pagesize=A4, margins=(15 * mm, 15 * mm, 14 * mm, 14 * mm),
              author: str = "smedesk", on_page=None, progress=None, cancelled=None) -> Path | None:
    """A platypus document from `story` at `path` (left, right, top, bottom
    margins); `progress(done, total)` as flowables are laid out and None,
    with nothing written, when `cancelled()` turns true."""
    path = Path(path)
    try:
        with written(path) as part:
            left, right, top, bottom = margins
            doc = SimpleDocTemplate(str(part), pagesize=pagesize, leftMargin=left, rightMargin=right,
                                    topMargin=top, bottomMargin=bottom, title=title, author=author)
            if progress is not None or cancelled is not None:
                size = [len(story)]

                def report(kind, value):
                    if kind == "SIZE_EST":
                        size[0] = max(int(value), 1)
                    elif kind == "PROGRESS":
                        check(progress, cancelled, int(value), size[0])

                doc.setProgressCallBack(report)
            pages = {"onFirstPage": on_page, "onLaterPages": on_page} if on_page else {}
            doc.build(story, **pages)
    except Cancelled:
        return None
    return path


def build(path, story: list, title: str, *, progress=None, cancelled=None) -> Path | None:
    return build_doc(path, story, title=title, progress=progress, cancelled=cancelled)


__all__ = ["Paragraph", "Spacer", "TITLE", "NORMAL", "SMALL", "mm"]
