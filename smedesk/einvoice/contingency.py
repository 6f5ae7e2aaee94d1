"""The resumen de comprobantes emitidos en contingencia: the text file SUNAT
asks for the comprobantes issued on paper while electronic issuing could not
be used (RS 097-2012/SUNAT and amendments), uploaded (zipped) through SUNAT
Operaciones en Línea.

What the layout rests on (see docs/sunat.md «Contingency»): SUNAT's guide for
the electronic issuer (Anexo 6, 6.4 «Resumen – contingencia», as reproduced on
a public page): a TXT file, one line per comprobante (facturas, boletas,
notas de crédito and de débito), no item detail, each field followed by a pipe
«|», compressed into a ZIP and uploaded in SOL; the fields themselves are
listed in that guide's Anexo 11, whose text could not be found here, so their
order and codes follow a public implementation of it (a stored procedure of a
Peruvian point-of-sale system, 2017: motivo, tipo de operación, fecha de
emisión dd/mm/yyyy, tipo de comprobante, serie, número, número final del rango,
tipo, número and name of the buyer's document, moneda, gravadas, exoneradas,
inafectas, ISC, IGV, otros tributos, importe total, and the comprobante a nota
modifies). The list is data (FIELDS), so a correction is one line.

A document with export lines is refused: the layout found has no column for
exports, and guessing one would misreport the sale.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from smedesk.core import audit
from smedesk.core.db import rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import Actor, require
from smedesk.einvoice import catalogs, issue, store
from smedesk.einvoice.model import Comprobante
from smedesk.sync import outbox

# Motivo de contingencia, as the public implementation codes them.
REASONS = {"1": N_("no internet connection"), "2": N_("power failure"), "3": N_("natural disaster"),
           "4": N_("theft"), "5": N_("failure of the electronic issuing system"),
           "6": N_("sales by itinerant issuers"), "7": N_("other")}
DOMESTIC = "01"  # tipo de operación: venta interna


@dataclass(frozen=True)
class Field:
    """One column of the file. Attributes: name (the layout's words), value
    (from (comprobante, reason) to its text)."""

    name: str
    value: Callable[[Comprobante, str], str]


def _amount(cents: int) -> str:
    """Céntimos as 1234.50 (exact: two places, «.», no grouping)."""
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def _base(treatment: str) -> Callable[[Comprobante, str], str]:
    return lambda c, _r: _amount(c.by_treatment().get(treatment, (0, 0))[0])


def _customer(c: Comprobante) -> tuple[str, str, str]:
    if c.customer.doc_type == catalogs.DOC_NONE:
        return catalogs.DOC_NONE, "-", "-"  # catálogo 06 «-»: varios, sales without a buyer's document
    return c.customer.doc_type, c.customer.doc_number, c.customer.name


FIELDS: tuple[Field, ...] = (
    Field("motivo de contingencia", lambda c, r: r),
    Field("tipo de operación", lambda c, r: DOMESTIC),
    Field("fecha de emisión", lambda c, r: dt.date.fromisoformat(c.date).strftime("%d/%m/%Y")),
    Field("tipo de comprobante", lambda c, r: c.doc_type),
    Field("serie", lambda c, r: c.series),
    Field("número", lambda c, r: str(c.number)),
    Field("número final del rango", lambda c, r: ""),  # ticket ranges only
    Field("tipo de documento del adquirente", lambda c, r: _customer(c)[0]),
    Field("número de documento del adquirente", lambda c, r: _customer(c)[1]),
    Field("nombre o razón social del adquirente", lambda c, r: _customer(c)[2]),
    Field("moneda", lambda c, r: c.currency),
    Field("total valor de venta gravadas", _base("igv")),
    Field("total valor de venta exoneradas", _base("exonerado")),
    Field("total valor de venta inafectas", _base("inafecto")),
    Field("ISC", lambda c, r: _amount(0)),
    Field("IGV", lambda c, r: _amount(c.tax_cents)),
    Field("otros tributos y cargos", lambda c, r: _amount(0)),
    Field("importe total", lambda c, r: _amount(c.total_cents)),
    Field("tipo de comprobante que modifica", lambda c, r: c.ref.doc_type if c.ref else ""),
    Field("serie que modifica", lambda c, r: c.ref.series if c.ref else ""),
    Field("número que modifica", lambda c, r: str(c.ref.number) if c.ref else ""),
)
_FORBIDDEN = re.compile(r"[|\r\n]")


def month_bounds(month: str) -> tuple[str, str]:
    """(first day, last day) of YYYY-MM, or a Spanish refusal."""
    if not re.fullmatch(r"\d{4}-\d{2}", month or "") or not 1 <= int(month[5:]) <= 12:
        raise ValidationError(tr("Write the month as YYYY-MM (for example 2026-03)."), field="month")
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()


def documents(db, month: str) -> list[int]:
    """Contingency (paper) sales documents dated in `month`, in the order of the file."""
    first, last = month_bounds(month)
    return [r["id"] for r in rows(
        db, "SELECT d.id FROM documents d JOIN einvoice_documents e ON e.document_id = d.id"
            " WHERE d.kind = 'sale' AND e.state = 'contingency' AND d.date BETWEEN ? AND ?"
            " ORDER BY d.date, d.doc_type, d.series, d.number", [first, last])]


def line(c: Comprobante, reason: str) -> str:
    """One comprobante's line: every field followed by «|»."""
    values = []
    for f in FIELDS:
        value = f.value(c, reason)
        if _FORBIDDEN.search(value):
            raise ValidationError(tr("{doc}: «{field}» holds a «|» or a line break, which would break SUNAT's file; "
                                     "correct it first.", doc=c.document_id, field=f.name), field="document")
        values.append(value + "|")
    return "".join(values)


def build(db, month: str, reason: str) -> tuple[str, list[int]]:
    """(the file's text, the documents it reports) for a month; refuses what it cannot report."""
    if reason not in REASONS:
        raise ValidationError(tr("The contingency reason is a code from 1 to 7: {codes}.", codes="; ".join(
            f"{k} {tr(v)}" for k, v in REASONS.items())), field="reason")
    found = documents(db, month)
    if not found:
        raise ValidationError(tr("There are no contingency (paper) documents dated in {month}.", month=month),
                              field="month")
    out = []
    for doc_id in found:
        c = issue.comprobante(db, doc_id)
        if "export" in c.by_treatment():
            raise ValidationError(tr("{doc} has export lines, and the layout of the resumen de contingencia found "
                                     "has no column for them: report it in SUNAT Operaciones en Línea by hand.",
                                     doc=c.document_id), field="document")
        out.append(line(c, reason))
    return "\r\n".join(out) + "\r\n", found


def write(db, month: str, reason: str, path: Path, *, actor: Actor) -> dict:
    """Write the file (a .zip holding the .txt when `path` ends in .zip) and
    record the documents as reported in it: they leave the SUNAT queue, their
    state stays «contingency» with a note to upload the file in SOL."""
    require(actor, "accounts.post")
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=path.parent), field="output")
    text, found = build(db, month, reason)
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        raise ValidationError(tr("A name in these documents has characters SUNAT's text file cannot carry "
                                 "(only Spanish letters and signs): correct it first."), field="document") from None
    if path.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(path.stem + ".txt", data)
        data = buffer.getvalue()
    note = tr("Reported in the resumen de contingencia {file}: upload it in SUNAT Operaciones en Línea.",
              file=path.name)
    with tx(db):
        from smedesk.einvoice import part1

        interface = part1.current()
        for doc_id in found:
            doc = store.document(db, doc_id)
            interface.set_state(db, doc_id, "contingency", description=note, actor=actor)
            key = store.outbox_key(db, doc["uid"])
            if key:
                outbox.mark_sent(db, key, remote_ref=path.name)
        audit.record(db, actor, "sunat.contingency", "documents", found[0], month=month, file=path.name,
                     documents=len(found))
        path.write_bytes(data)
    return {"file": str(path), "documents": len(found), "month": month}
