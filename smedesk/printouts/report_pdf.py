"""A report (trial balance, P&L, …) as a one-table PDF; amounts with thousands
separators, total rows (no account code) in bold."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from reportlab.platypus import TableStyle

from smedesk.core.i18n import Translator
from smedesk.core.money import grouped
from smedesk.printouts.pdf_common import (
    SMALL,
    TITLE,
    Paragraph,
    Spacer,
    build,
    business_block,
    esc,
    grid,
)


def _pretty(cell) -> str:
    text = str(cell)
    if text.count(".") == 1 and len(text.split(".")[1]) == 2:
        try:
            return grouped(Decimal(text))
        except InvalidOperation:
            return text
    return text


def write_report_pdf(biz: dict | None, title: str, header: list[str], rows: list[list], path: Path, *,
                     printed: str, tr: Translator, period: str = "", progress=None, cancelled=None) -> Path | None:
    """`biz`: business.get's dict; `rows`: the table as text; `period`: what it covers;
    `printed`: the day it is printed, as shown. None (and no file) when cancelled."""
    story = business_block(biz) + [Spacer(1, 6), Paragraph(esc(title), TITLE)]
    if period:
        story.append(Paragraph(f"<b>{esc(period)}</b>", SMALL))
    story += [Paragraph(esc(tr("Printed on {day}", day=printed)), SMALL),
              Spacer(1, 6)]
    width = 180
    widths = [width / len(header)] * len(header)
    if len(header) >= 3:
        widths = [22] + [width - 22 - 28 * (len(header) - 2)] + [28] * (len(header) - 2)
    table = grid([header] + [[_pretty(c) for c in r] for r in rows], widths,
                 numeric_from=2 if len(header) > 2 else 1)
    bold = [("FONT", (0, n), (-1, n), "Helvetica-Bold", 8) for n, r in enumerate(rows, start=1)
            if len(header) > 2 and str(r[0]) == ""]
    if bold:
        table.setStyle(TableStyle(bold))
    story.append(table)
    return build(path, story, title, progress=progress, cancelled=cancelled)
