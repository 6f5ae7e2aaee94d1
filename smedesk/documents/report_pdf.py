"""A report (trial balance, P&L, …) as a one-table PDF."""

from __future__ import annotations

from pathlib import Path

from smedesk.documents.pdf_common import TITLE, Paragraph, Spacer, build, business_block, esc, grid


def write_report_pdf(db, title: str, header: list[str], rows: list[list], path: Path) -> Path:
    story = business_block(db) + [Spacer(1, 6), Paragraph(esc(title), TITLE)]
    width = 180
    widths = [width / len(header)] * len(header)
    if len(header) >= 3:
        widths = [22] + [width - 22 - 30 * (len(header) - 2)] + [30] * (len(header) - 2)
    story.append(grid([header] + [[str(c) for c in r] for r in rows], widths, numeric_from=2 if len(header) > 2 else 1))
    build(path, story, title)
    return path
