"""Quotation PDF in Spanish or English, drawn from plain data
(accounts.printing gathers it) in the language of the translator given."""

from __future__ import annotations

from pathlib import Path

from smedesk.accounts.quotations import STATE_NAMES
from smedesk.core.i18n import Translator
from smedesk.printouts.pdf_common import (
    NORMAL,
    SMALL,
    TITLE,
    Paragraph,
    Spacer,
    amount,
    build,
    business_block,
    date_text,
    esc,
    grid,
)


def render(data: dict, path: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """`data`: {"business": business dict, "quotation": accounts.quotations.get_quotation's dict}."""
    q, lang = data["quotation"], tr.lang
    path = Path(path)
    story = business_block(data["business"])
    story += [Spacer(1, 6), Paragraph(esc(tr("Quotation {number}", number=q["number"])), TITLE)]
    facts = [
        (tr("Customer"), q["party_name"]),
        (tr("Tax id"), q["party_id_number"] or "—"),
        (tr("Date"), date_text(q["date"], lang)),
        (tr("Valid until"), date_text(q["valid_until"], lang)),
        (tr("Currency"), q["currency"]),
        (tr("State"), tr(STATE_NAMES[q["state"]])),
    ]
    if q["incoterm"]:
        facts.append((tr("Incoterm"), q["incoterm"]))
    for label, value in facts:
        story.append(Paragraph(f"<b>{esc(label)}:</b> {esc(value)}", NORMAL))
    story.append(Spacer(1, 8))
    rows = [[tr("No."), tr("Description"), tr("Quantity"), tr("Unit price"), tr("Amount")]]
    for li in q["lines"]:
        rows.append([str(li["line_no"]), li["description"], amount(li["qty"], lang, 2),
                     amount(li["unit_price"], lang), amount(li["total"], lang)])
    rows.append(["", tr("Total {currency}", currency=q["currency"]), "", "", amount(q["total"], lang)])
    story.append(grid(rows, [10, 90, 22, 28, 30], numeric_from=2, total_rows=1))
    if q["notes"]:
        story += [Spacer(1, 8), Paragraph(esc(q["notes"]), NORMAL)]
    story += [Spacer(1, 10), Paragraph(esc(tr("Prices as quoted; taxes according to the law in force.")), SMALL)]
    return build(path, story, tr("Quotation {number}", number=q["number"]), progress=progress, cancelled=cancelled)
