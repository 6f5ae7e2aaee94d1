"""Quotation PDF in Spanish or English."""

from __future__ import annotations

from pathlib import Path

from smedesk.accounts.quotations import STATE_NAMES, get_quotation
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
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
    language,
)


def write_quotation_pdf(db, quotation_id: int, path: Path | str, lang: str = "es") -> Path:
    q = get_quotation(db, quotation_id)
    if q is None:
        raise ValidationError(tr("There is no quotation {id}.", id=quotation_id), field="quotation_id")
    path = Path(path)
    with language(lang):
        story = business_block(db)
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
        data = [[tr("No."), tr("Description"), tr("Quantity"), tr("Unit price"), tr("Amount")]]
        for li in q["lines"]:
            data.append([str(li["line_no"]), li["description"], amount(li["qty"], lang, 2),
                         amount(li["unit_price"], lang), amount(li["total"], lang)])
        data.append(["", tr("Total {currency}", currency=q["currency"]), "", "", amount(q["total"], lang)])
        story.append(grid(data, [10, 90, 22, 28, 30], numeric_from=2, total_rows=1))
        if q["notes"]:
            story += [Spacer(1, 8), Paragraph(esc(q["notes"]), NORMAL)]
        story += [Spacer(1, 10), Paragraph(esc(tr("Prices as quoted; taxes according to the law in force.")), SMALL)]
        build(path, story, tr("Quotation {number}", number=q["number"]))
    return path
