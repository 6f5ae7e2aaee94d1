"""SUNAT's SIRE replacement layouts, as data: the one place that says which field
goes where. RVIE (sales): RS 112-2021/SUNAT, Anexo 3, 33 fields. RCE (purchases):
RS 040-2022/SUNAT, Anexo 11, 41 fields. Each field has its position (1-based),
a key the register code fills, and a format that `parse_line` checks, so every
line written can be read back field by field.

Text is plain ASCII (accents folded, SUNAT's forbidden characters replaced),
fields are separated by «|» and each line ends with «|» and CRLF.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

FORMATS = {
    "ruc": r"\d{11}",
    "text": r"[ -{}~]{0,200}",           # printable ASCII without the separator «|»
    "period": r"\d{6}",
    "date": r"(\d{2}/\d{2}/\d{4})?",
    "code": r"[0-9A-Z-]{0,4}",
    "series": r"[0-9A-Z]{0,20}",
    "docid": r"[0-9A-Za-z-]{0,20}",
    "int": r"\d{0,20}",
    "amount": r"-?\d{1,12}\.\d{2}",
    "fx": r"(\d{1,4}\.\d{3})?",
    "empty": r"",
}


@dataclass(frozen=True)
class Field:
    n: int
    key: str
    fmt: str
    name: str


def _fields(spec: str) -> tuple[Field, ...]:
    out = []
    for n, item in enumerate(spec.strip().splitlines(), start=1):
        key, fmt, name = (part.strip() for part in item.split(";"))
        out.append(Field(n, key, fmt, name))
    return tuple(out)


# RS 112-2021/SUNAT, Anexo 3 (Registro de Ventas e Ingresos Electrónico, reemplazo de la propuesta).
RVIE = _fields("""
ruc; ruc; RUC del generador
name; text; Apellidos y nombres o razón social
period; period; Periodo (AAAAMM)
car; empty; CAR SUNAT (lo asigna SUNAT)
date; date; Fecha de emisión
due_date; date; Fecha de vencimiento o de pago (solo tipos que lo piden)
doc_type; code; Tipo de comprobante (tabla 10)
series; series; Serie
number; int; Número
number_to; int; Número final (resúmenes)
party_doc_type; code; Tipo de documento de identidad del cliente (catálogo 06)
party_doc; docid; Número de documento de identidad del cliente
party_name; text; Apellidos y nombres o razón social del cliente
export; amount; Valor facturado de la exportación
taxable; amount; Base imponible de la operación gravada
taxable_discount; amount; Descuento de la base imponible
tax; amount; IGV y/o IPM
tax_discount; amount; Descuento del IGV y/o IPM
exonerado; amount; Importe total de la operación exonerada
inafecto; amount; Importe total de la operación inafecta
isc; amount; ISC
ivap_base; amount; Base imponible de la operación gravada con el IVAP
ivap; amount; IVAP
icbper; amount; ICBPER
other_taxes; amount; Otros tributos y cargos
total; amount; Importe total del comprobante
currency; code; Código de moneda (tabla 4)
fx; fx; Tipo de cambio
ref_date; date; Fecha del comprobante que se modifica
ref_type; code; Tipo del comprobante que se modifica
ref_series; series; Serie del comprobante que se modifica
ref_number; int; Número del comprobante que se modifica
project_id; empty; ID de proyecto de operadores / atribución
""")

# RS 040-2022/SUNAT, Anexo 11 (Registro de Compras Electrónico, reemplazo de la propuesta).
RCE = _fields("""
ruc; ruc; RUC del adquirente
name; text; Apellidos y nombres o razón social
period; period; Periodo (AAAAMM)
car; empty; CAR SUNAT (lo asigna SUNAT)
date; date; Fecha de emisión
due_date; date; Fecha de vencimiento o de pago (solo tipos que lo piden)
doc_type; code; Tipo de comprobante (tabla 10)
series; series; Serie
dua_year; empty; Año de emisión de la DUA o DSI
number; int; Número
number_to; int; Número final
party_doc_type; code; Tipo de documento de identidad del proveedor (catálogo 06)
party_doc; docid; Número de documento de identidad del proveedor
party_name; text; Apellidos y nombres o razón social del proveedor
taxable_dg; amount; Base imponible de adquisiciones gravadas destinadas a operaciones gravadas (DG)
tax_dg; amount; IGV y/o IPM (DG)
taxable_dgng; amount; Base imponible de adquisiciones gravadas destinadas a operaciones gravadas y no gravadas (DGNG)
tax_dgng; amount; IGV y/o IPM (DGNG)
taxable_dng; amount; Base imponible de adquisiciones gravadas destinadas a operaciones no gravadas (DNG)
tax_dng; amount; IGV y/o IPM (DNG)
untaxed; amount; Valor de las adquisiciones no gravadas
isc; amount; ISC
icbper; amount; ICBPER
other_taxes; amount; Otros tributos y cargos
total; amount; Importe total
currency; code; Código de moneda (tabla 4)
fx; fx; Tipo de cambio
ref_date; date; Fecha del comprobante que se modifica
ref_type; code; Tipo del comprobante que se modifica
ref_series; series; Serie del comprobante que se modifica
customs_office; empty; Código de la dependencia aduanera (DUA)
ref_number; int; Número del comprobante que se modifica
goods_class; empty; Clasificación de los bienes y servicios adquiridos
project_id; empty; ID de proyecto de operadores / atribución
share_pct; empty; Porcentaje de participación
imb; empty; Impuesto a los juegos / IMB
car_original; empty; CAR original (ajustes posteriores)
spot_flag; empty; Indicador de detracción (lo pone SUNAT)
note_type; empty; Tipo de nota
doc_state; empty; Estado del comprobante
incal; empty; Incal
""")

LAYOUTS = {"sale": RVIE, "purchase": RCE}
BOOKS = {"sale": "140400", "purchase": "080400"}
# Field 6 only for the document types whose annex asks for it (tabla 10: 14 recibo
# por servicios públicos); every other type leaves it empty.
DUE_DATE_TYPES = frozenset({"14"})
# Catálogo 06: 6 RUC, 1 DNI, 0 DOC.TRIB.NO.DOM.SIN.RUC (a foreign buyer);
# «-» VARIOS for a boleta to a customer without a document.
ID_TYPES = {"ruc": "6", "dni": "1", "foreign": "0", "none": "-"}

_FORBIDDEN = re.compile(r"[|\"'\\\x00-\x1f\x7f]")


def ascii_text(value: str) -> str:
    """Accents folded (Ñ → N, é → e), SUNAT's forbidden characters («|», quotes,
    backslash, control characters) replaced by a space, spaces collapsed."""
    folded = unicodedata.normalize("NFKD", str(value or ""))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = "".join(c if c.isascii() else " " for c in folded)
    return " ".join(_FORBIDDEN.sub(" ", folded).split())[:200]


def format_line(layout: tuple[Field, ...], values: dict[str, str]) -> str:
    """One line in the layout's order, ending with «|» and CRLF; checked as it is read back."""
    cells = []
    for f in layout:
        value = values.get(f.key, "")
        if f.fmt == "text":
            value = ascii_text(value)
        elif f.fmt == "docid":   # a foreign tax id may carry spaces or slashes SUNAT does not take
            value = re.sub(r"[^0-9A-Za-z-]", "", ascii_text(value))[:20]
        else:
            value = str(value)
        cells.append(value)
    line = "|".join(cells) + "|\r\n"
    parse_line(layout, line)
    return line


def parse_line(layout: tuple[Field, ...], line: str) -> dict[str, str]:
    """Read a line back: the field count and every field's format, or a ValidationError."""
    if not line.endswith("|\r\n"):
        raise ValidationError(tr("A register line must end with «|» and CRLF."), field="line")
    cells = line[:-3].split("|")
    if len(cells) != len(layout):
        raise ValidationError(tr("A register line has {found} fields; the layout has {expected}.",
                                 found=len(cells), expected=len(layout)), field="line")
    for f, cell in zip(layout, cells, strict=True):
        if not re.fullmatch(FORMATS[f.fmt], cell):
            raise ValidationError(tr("Field {n} ({name}) «{value}» is not in SUNAT's format.",
                                     n=f.n, name=f.name, value=cell), field="line")
    return {f.key: cell for f, cell in zip(layout, cells, strict=True)}
