"""A printable comprobante (factura, boleta, notes) in Spanish or English.
It is a representation for the customer, not an electronic invoice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from smedesk.accounts import doclabel
from smedesk.accounts.documents import DOC_TYPES, get_document
from smedesk.accounts.tax import TREATMENT_NAMES
from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents
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


def write_comprobante_pdf(db, document_id: int, path: Path | str, lang: str = "es") -> Path:
    doc = get_document(db, document_id)
    if doc is None:
        raise ValidationError(tr("There is no document {id}.", id=document_id), field="document")
    path = Path(path)
    cur = doc["currency"]
    with language(lang):
        title = f"{tr(DOC_TYPES[doc['doc_type']])} {doc['label']}"
        story = business_block(db) + [Spacer(1, 6), Paragraph(esc(title.upper()), TITLE)]
        facts = [(tr("Customer") if doc["kind"] == "sale" else tr("Supplier"), doc["party_name"]),
                 (tr("Tax id"), doc["party_doc"] or "—"), (tr("Date"), date_text(doc["date"], lang)),
                 (tr("Due"), date_text(doc["due_date"], lang)), (tr("Currency"), cur)]
        if cur != "PEN":
            facts.append((tr("Exchange rate"), doc["fx"]))
        if doc["ref_document_id"]:
            ref = row(db, "SELECT series, number FROM documents WHERE id = ?", [doc["ref_document_id"]])
            facts.append((tr("Modifies"), doclabel.label(ref["series"], ref["number"])))
        for label, value in facts:
            story.append(Paragraph(f"<b>{esc(label)}:</b> {esc(value)}", NORMAL))
        story.append(Spacer(1, 8))
        data = [[tr("No."), tr("Description"), tr("Quantity"), tr("Unit price"), tr("Tax"), tr("Amount")]]
        for li in doc["lines"]:
            data.append([str(li["line_no"]), li["description"], amount(Decimal(li["qty"]), lang),
                         amount(Decimal(li["unit_price"]), lang), tr(TREATMENT_NAMES[li["tax"]]),
                         amount(from_cents(li["total_cents"]), lang)])
        totals = [(tr("Taxed"), doc["taxable_cents"]), (tr("Exonerated"), doc["exonerado_cents"]),
                  (tr("Unaffected"), doc["inafecto_cents"]), (tr("Export"), doc["export_cents"]),
                  ("IGV", doc["igv_cents"]), ("IPM", doc["ipm_cents"]), (tr("Total {currency}", currency=cur),
                                                                          doc["total_cents"])]
        shown = [(label, cents) for label, cents in totals if cents or label.startswith(tr("Total"))]
        for label, cents in shown:
            data.append(["", label, "", "", "", amount(from_cents(cents), lang)])
        story.append(grid(data, [10, 82, 20, 26, 18, 26], numeric_from=2, total_rows=len(shown)))
        story += [Spacer(1, 10), Paragraph(esc(tr("Printed representation for the customer; not an electronic invoice.")),
                                           SMALL)]
        build(path, story, title)
    return path
