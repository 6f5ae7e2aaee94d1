"""Gathering what the accounts printouts show, then writing them
(smedesk.printouts renders plain data; the reading is done here)."""

from __future__ import annotations

from pathlib import Path

from smedesk.accounts import doclabel
from smedesk.accounts.documents import get_document
from smedesk.accounts.quotations import get_quotation
from smedesk.core import business, clock
from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr, translator
from smedesk.core.roles import require_view


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


def report_pdf_data(db, name: str, data: dict, *, period: str = "") -> dict:
    """What a report's PDF shows (printouts.report_pdf.write_report_pdf's arguments but the path)."""
    from smedesk.accounts import exports

    require_view(db, "accounts.view")
    title, header, lines = exports.flatten(name, data)
    return {"biz": business.get(db), "title": title, "header": header, "rows": lines, "period": period,
            "printed": clock.today_lima().strftime("%d/%m/%Y")}


def report_pdf(db, title: str, header: list[str], lines: list[list], path: Path | str, *, period: str = "",
               lang: str | None = None, progress=None, cancelled=None) -> Path | None:
    from smedesk.printouts import report_pdf

    return report_pdf.write_report_pdf(business.get(db), title, header, lines, Path(path), period=period,
                                       printed=clock.today_lima().strftime("%d/%m/%Y"), tr=translator(lang),
                                       progress=progress, cancelled=cancelled)


def batch_data(db, document_ids, *, ticket: bool = False) -> list[dict]:
    """What printing several documents at once draws, in the order given: for
    each, {"kind": "einvoice" (the printed representation of an electronic
    comprobante) or "comprobante", "data", "layout" (a4, or ticket for a boleta
    when `ticket`), "name" (its file name: venta-F001-00000001)}."""
    from smedesk.einvoice.api import state_of
    from smedesk.einvoice.representation import printable

    require_view(db, "accounts.view")
    ids = list(dict.fromkeys(int(i) for i in document_ids))
    if not ids:
        raise ValidationError(tr("Select one or more documents in the table first."), field="document")
    items = []
    for document_id in ids:
        data = comprobante_data(db, document_id)
        doc = data["document"]
        name = f"{KIND_FILE_NAMES.get(doc['kind'], doc['kind'])}-{doc['label']}"
        if state_of(db, document_id) is not None:
            items.append({"kind": "einvoice", "data": printable(db, document_id), "name": name,
                          "layout": "ticket" if ticket and doc["doc_type"] == "03" else "a4"})
        else:
            items.append({"kind": "comprobante", "data": data, "name": name, "layout": "a4"})
    return items


KIND_FILE_NAMES = {"sale": "venta", "purchase": "compra"}


def write_batch(db, document_ids, out: Path | str, *, lang: str | None = None, one_file: bool = True,
                ticket: bool = False, progress=None, cancelled=None):
    """The documents in one PDF at `out` (one_file) or one PDF each in the folder `out`."""
    from smedesk.printouts import batch

    items = batch_data(db, document_ids, ticket=ticket)
    draw = batch.one_pdf if one_file else batch.one_file_each
    return draw(items, out, tr=translator(lang), progress=progress, cancelled=cancelled)
