"""Sales and purchase registers for the accountant: SIRE text files (RVIE for
sales, RCE for purchases), PLE 14.1 / 8.1 files, and CSV/XLSX copies.

Text files are pipe-separated, one document a line, CRLF; amounts in soles
with two decimals and no thousands separator (credit notes negative), the
original currency and exchange rate alongside; dates dd/mm/yyyy. File names
follow SUNAT: LE + RUC + YYYYMM + 00 + book + opportunity + indicators + .txt.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from smedesk.accounts.tax import to_pen
from smedesk.core.db import row, rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, from_cents
from smedesk.core.roles import require_view

ID_TYPES = {"ruc": "6", "dni": "1", "foreign": "0", "none": ""}
SIRE_BOOKS = {"sale": "140400", "purchase": "080400"}
PLE_BOOKS = {"sale": "140100", "purchase": "080100"}

SIRE_HEADER = ["ruc", "razon_social", "periodo", "car", "fecha_emision", "fecha_vencimiento", "tipo_cp", "serie",
               "numero", "numero_final", "tipo_doc_identidad", "nro_doc_identidad", "nombre", "valor_exportacion",
               "base_gravada", "descuento_base", "igv_ipm", "descuento_igv", "exonerado", "inafecto", "isc",
               "base_ivap", "ivap", "icbper", "otros_tributos", "total", "moneda", "tipo_cambio",
               "fecha_doc_modificado", "tipo_doc_modificado", "serie_doc_modificado", "numero_doc_modificado"]


def _d(value: str | None) -> str:
    return dt.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def pen_parts(doc: dict) -> dict[str, int]:
    """A document's amounts in PEN céntimos, adding up to its PEN total."""
    fx = Decimal(doc["fx"])
    export, inafecto = to_pen(doc["export_cents"], fx), to_pen(doc["inafecto_cents"], fx)
    return {"export": export, "taxable": doc["taxable_pen_cents"], "tax": doc["tax_pen_cents"],
            "exonerado": doc["untaxed_pen_cents"] - export - inafecto, "inafecto": inafecto,
            "total": doc["total_pen_cents"]}


def _documents(db, kind: str, month: str) -> list[dict]:
    docs = rows(db, "SELECT * FROM documents WHERE kind = ? AND substr(date, 1, 7) = ? AND deleted_at IS NULL"
                    " ORDER BY date, series, number", [kind, month])
    for d in docs:
        d["ref"] = row(db, "SELECT date, doc_type, series, number FROM documents WHERE id = ?",
                       [d["ref_document_id"]]) if d["ref_document_id"] else None
        d["sign"] = -1 if d["doc_type"] == "07" else 1
        d["pen"] = {k: v * d["sign"] for k, v in pen_parts(d).items()}
    return docs


def _m(cents: int) -> str:
    return dec_str(from_cents(cents))


def _fx(doc: dict) -> str:
    return str(Decimal(doc["fx"]).quantize(Decimal("0.001")))


def _ref(doc: dict) -> list[str]:
    ref = doc["ref"]
    return [_d(ref["date"]), ref["doc_type"], ref["series"], str(ref["number"])] if ref else ["", "", "", ""]


def sire_rows(db, kind: str, month: str) -> list[list[str]]:
    """RVIE / RCE lines: the 32 fields of SIRE's replacement layout, in soles."""
    biz = row(db, "SELECT ruc, name FROM business WHERE id = 1")
    out = []
    for d in _documents(db, kind, month):
        p = d["pen"]
        out.append([
            biz["ruc"], biz["name"], month.replace("-", ""), "", _d(d["date"]), _d(d["due_date"]), d["doc_type"],
            d["series"], str(d["number"]), "", ID_TYPES.get(d["party_doc_type"], ""), d["party_doc"], d["party_name"],
            _m(p["export"]), _m(p["taxable"]), "0.00", _m(p["tax"]), "0.00", _m(p["exonerado"]), _m(p["inafecto"]),
            "0.00", "0.00", "0.00", "0.00", "0.00", _m(p["total"]), d["currency"], _fx(d), *_ref(d),
        ])
    return out


def ple_rows(db, kind: str, month: str) -> list[list[str]]:
    """PLE 14.1 (35 fields) or 8.1 (42 fields); CUO is the document's journal entry."""
    period = month.replace("-", "") + "00"
    out = []
    for d in _documents(db, kind, month):
        p = d["pen"]
        head = [period, str(d["entry_id"]), f"M{d['entry_id']}", _d(d["date"]), ""]
        ident = [ID_TYPES.get(d["party_doc_type"], ""), d["party_doc"], d["party_name"]]
        ref_date, ref_type, ref_series, ref_number = _ref(d)
        if kind == "sale":
            out.append(head + [d["doc_type"], d["series"], str(d["number"]), ""] + ident + [
                _m(p["export"]), _m(p["taxable"]), "0.00", _m(p["tax"]), "0.00", _m(p["exonerado"]),
                _m(p["inafecto"]), "0.00", "0.00", "0.00", "0.00", "0.00", _m(p["total"]), d["currency"], _fx(d),
                ref_date, ref_type, ref_series, ref_number, "", "", "", "1"])
        else:
            out.append(head + [d["doc_type"], d["series"], "", str(d["number"]), ""] + ident + [
                _m(p["taxable"]), _m(p["tax"]), "0.00", "0.00", "0.00", "0.00",
                _m(p["exonerado"] + p["inafecto"] + p["export"]), "0.00", "0.00", "0.00", _m(p["total"]),
                d["currency"], _fx(d), ref_date, ref_type, ref_series, "", ref_number, "", "", "", "", "", "", "",
                "", "", "", "1"])
    return out


def file_name(db, kind: str, month: str, *, layout: str = "sire", has_data: bool = True) -> str:
    ruc = row(db, "SELECT ruc FROM business WHERE id = 1")["ruc"]
    period = month.replace("-", "") + "00"
    flag = "1" if has_data else "0"
    if layout == "sire":
        return f"LE{ruc}{period}{SIRE_BOOKS[kind]}021{flag}12.txt"
    return f"LE{ruc}{period}{PLE_BOOKS[kind]}001{flag}11.txt"


def write_all(db, month: str, folder: Path) -> list[Path]:
    """SIRE and PLE text files, CSV and XLSX, for sales and purchases of `month`."""
    require_view(db, "accounts.view")
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
        sire = sire_rows(db, kind, month)
        for layout, data in (("sire", sire), ("ple", ple_rows(db, kind, month))):
            path = folder / file_name(db, kind, month, layout=layout, has_data=bool(data))
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write("".join("|".join(r) + "|\r\n" for r in data))
            written.append(path)
        stem = ("registro_ventas_" if kind == "sale" else "registro_compras_") + month
        with open(folder / f"{stem}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(SIRE_HEADER)
            writer.writerows(sire)
        book = Workbook()
        sheet = book.active
        sheet.title = tr("Sales register") if kind == "sale" else tr("Purchase register")
        sheet.append(SIRE_HEADER)
        for r in sire:
            sheet.append([Decimal(c) if 13 <= i <= 25 else c for i, c in enumerate(r)])
        book.save(folder / f"{stem}.xlsx")
        written += [folder / f"{stem}.csv", folder / f"{stem}.xlsx"]
    return written
