"""Gathering what the accounts printouts show, then writing them
(smedesk.printouts renders plain data; the reading is done here)."""

from __future__ import annotations

from pathlib import Path

from smedesk.accounts import doclabel
from smedesk.accounts.documents import get_document
from smedesk.accounts.quotations import get_quotation
from smedesk.core import business
from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr, translator


def comprobante_data(db, document_id: int) -> dict:
    doc = get_document(db, document_id)
    if doc is None:
        raise ValidationError(tr("There is no document {id}.", id=document_id), field="document")
    ref = doc["ref_document_id"] and row(db, "SELECT series, number FROM documents WHERE id = ?",
                                         [doc["ref_document_id"]])
    return {"business": business.get(db), "document": doc,
            "modifies": doclabel.label(ref["series"], ref["number"]) if ref else None}


def write_comprobante_pdf(db, document_id: int, path: Path | str, lang: str = "es") -> Path:
    from smedesk.printouts import comprobante_pdf

    return comprobante_pdf.render(comprobante_data(db, document_id), path, tr=translator(lang))


def quotation_data(db, quotation_id: int) -> dict:
    q = get_quotation(db, quotation_id)
    if q is None:
        raise ValidationError(tr("There is no quotation {id}.", id=quotation_id), field="quotation_id")
    return {"business": business.get(db), "quotation": q}


def write_quotation_pdf(db, quotation_id: int, path: Path | str, lang: str = "es") -> Path:
    from smedesk.printouts import quotation_pdf

    return quotation_pdf.render(quotation_data(db, quotation_id), path, tr=translator(lang))


def report_pdf(db, title: str, header: list[str], lines: list[list], path: Path | str, *, period: str = "") -> Path:
    from smedesk.printouts import report_pdf

    return report_pdf.write_report_pdf(business.get(db), title, header, lines, Path(path), period=period)
