"""A printable comprobante (factura, boleta, notes) in Spanish or English.
It is a representation for the customer, not an electronic invoice. Drawn
from plain data (accounts.printing gathers it) in the language of the
translator it is given: no database, no switch of the program's language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from smedesk.accounts.documents import DOC_TYPES
from smedesk.accounts.tax import TREATMENT_NAMES
from smedesk.core.i18n import Translator
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
)


def title_of(data: dict, tr: Translator) -> str:
    doc = data["document"]
    return f"{tr(DOC_TYPES[doc['doc_type']])} {doc['label']}"


def story(data: dict, tr: Translator) -> list:
    """`data`: {"business": business dict, "document": accounts.documents.get_document's
    dict, "modifies": the label of the document a note modifies, or None}."""
    doc, lang = data["document"], tr.lang
    cur = doc["currency"]
    title = title_of(data, tr)
    story = business_block(data["business"]) + [Spacer(1, 6), Paragraph(esc(title.upper()), TITLE)]
    facts = [(tr("Customer") if doc["kind"] == "sale" else tr("Supplier"), doc["party_name"]),
             (tr("Tax id"), doc["party_doc"] or "—"), (tr("Date"), date_text(doc["date"], lang)),
             (tr("Due"), date_text(doc["due_date"], lang)), (tr("Currency"), cur)]
    if cur != "PEN":
        facts.append((tr("Exchange rate"), doc["fx"]))
    if data.get("modifies"):
        facts.append((tr("Modifies"), data["modifies"]))
    for label, value in facts:
        story.append(Paragraph(f"<b>{esc(label)}:</b> {esc(value)}", NORMAL))
    story.append(Spacer(1, 8))
    rows = [[tr("No."), tr("Description"), tr("Quantity"), tr("Unit price"), tr("Tax"), tr("Amount")]]
    for li in doc["lines"]:
        rows.append([str(li["line_no"]), li["description"], amount(Decimal(li["qty"]), lang),
                     amount(Decimal(li["unit_price"]), lang), tr(TREATMENT_NAMES[li["tax"]]),
                     amount(from_cents(li["total_cents"]), lang)])
    totals = [(tr("Taxed"), doc["taxable_cents"]), (tr("Exonerated"), doc["exonerado_cents"]),
              (tr("Unaffected"), doc["inafecto_cents"]), (tr("Export"), doc["export_cents"]),
              ("IGV", doc["igv_cents"]), ("IPM", doc["ipm_cents"]),
              (tr("Total {currency}", currency=cur), doc["total_cents"])]
    shown = [(label, cents) for label, cents in totals if cents or label.startswith(tr("Total"))]
    for label, cents in shown:
        rows.append(["", label, "", "", "", amount(from_cents(cents), lang)])
    story.append(grid(rows, [10, 82, 20, 26, 18, 26], numeric_from=2, total_rows=len(shown)))
    story += [Spacer(1, 10), Paragraph(esc(tr("Printed representation for the customer; not an electronic invoice.")),
                                       SMALL)]
    return story


def render(data: dict, path: Path | str, *, tr: Translator, progress=None, cancelled=None) -> Path | None:
    """Write the comprobante to `path`; None (and no file) when cancelled."""
    return build(path, story(data, tr), title_of(data, tr), progress=progress, cancelled=cancelled)
