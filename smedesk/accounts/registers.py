"""Sales and purchase registers for the accountant: SIRE text files (RVIE for
sales, RCE for purchases), PLE 14.1 / 8.1 files, and CSV/XLSX copies.

Text files are pipe-separated, one document a line, amounts in the document's
currency with two decimals, dates dd/mm/yyyy, named as SUNAT names them:
LE + RUC + period YYYYMM00 + book code + opportunity + indicators + .txt.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from smedesk.core.db import row, rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, from_cents

ID_TYPES = {"ruc": "6", "dni": "1", "foreign": "0", "none": "0"}
SIRE_BOOKS = {"sale": "140400", "purchase": "080400"}
PLE_BOOKS = {"sale": "140100", "purchase": "080100"}


def _d(value: str) -> str:
    return dt.date.fromisoformat(value).strftime("%d/%m/%Y")


def _m(cents: int, sign: int = 1) -> str:
    return dec_str(from_cents(cents * sign))


def register_rows(db, kind: str, month: str) -> list[list[str]]:
    """The register's fields for each document of the month (credit notes negative)."""
    biz = row(db, "SELECT ruc, name FROM business WHERE id = 1")
    period = month.replace("-", "")
    out = []
    for d in rows(db, "SELECT * FROM documents WHERE kind = ? AND substr(date, 1, 7) = ? AND deleted_at IS NULL"
                      " ORDER BY date, series, number", [kind, month]):
        sign = -1 if d["doc_type"] == "07" else 1
        ref = row(db, "SELECT date, doc_type, series, number FROM documents WHERE id = ?", [d["ref_document_id"]]) \
            if d["ref_document_id"] else None
        out.append([
            biz["ruc"], biz["name"], period, "", _d(d["date"]), _d(d["due_date"]), d["doc_type"], d["series"],
            str(d["number"]), "", ID_TYPES.get(d["party_doc_type"], "0"), d["party_doc"], d["party_name"],
            _m(d["export_cents"], sign), _m(d["taxable_cents"], sign), "0.00", _m(d["igv_cents"] + d["ipm_cents"], sign),
            "0.00", _m(d["exonerado_cents"], sign), _m(d["inafecto_cents"], sign), "0.00", "0.00", "0.00", "0.00",
            "0.00", _m(d["total_cents"], sign), d["currency"], _fx(d["fx"]),
            _d(ref["date"]) if ref else "", ref["doc_type"] if ref else "", ref["series"] if ref else "",
            str(ref["number"]) if ref else "",
        ])
    return out


def _fx(text: str) -> str:
    from decimal import Decimal

    return str(Decimal(text).quantize(Decimal("0.001")))


HEADER = ["ruc", "razon_social", "periodo", "car", "fecha_emision", "fecha_vencimiento", "tipo_cp", "serie", "numero",
          "numero_final", "tipo_doc_identidad", "nro_doc_identidad", "nombre", "valor_exportacion", "base_gravada",
          "descuento_base", "igv_ipm", "descuento_igv", "exonerado", "inafecto", "isc", "base_ivap", "ivap", "icbper",
          "otros_tributos", "total", "moneda", "tipo_cambio", "fecha_doc_modificado", "tipo_doc_modificado",
          "serie_doc_modificado", "numero_doc_modificado"]


def file_name(db, kind: str, month: str, *, layout: str = "sire", has_data: bool = True) -> str:
    ruc = row(db, "SELECT ruc FROM business WHERE id = 1")["ruc"]
    period = month.replace("-", "") + "00"
    flag = "1" if has_data else "0"
    if layout == "sire":
        return f"LE{ruc}{period}{SIRE_BOOKS[kind]}021{flag}12.txt"
    return f"LE{ruc}{period}{PLE_BOOKS[kind]}001{flag}11.txt"


def write_all(db, month: str, folder: Path) -> list[Path]:
    """SIRE and PLE text files, CSV and XLSX, for sales and purchases of `month`."""
    try:
        dt.date.fromisoformat(month + "-01")
    except ValueError:
        raise ValidationError(tr("«{value}» is not a month (YYYY-MM).", value=month), field="month") from None
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=folder), field="out")
    from openpyxl import Workbook

    written = []
    for kind in ("sale", "purchase"):
        data = register_rows(db, kind, month)
        for layout in ("sire", "ple"):
            path = folder / file_name(db, kind, month, layout=layout, has_data=bool(data))
            path.write_text("".join("|".join(r) + "|\r\n" for r in data), encoding="utf-8")
            written.append(path)
        stem = ("registro_ventas_" if kind == "sale" else "registro_compras_") + month
        with open(folder / f"{stem}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(data)
        written.append(folder / f"{stem}.csv")
        book = Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for r in data:
            sheet.append(r)
        book.save(folder / f"{stem}.xlsx")
        written.append(folder / f"{stem}.xlsx")
    return written
