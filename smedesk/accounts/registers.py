"""Sales and purchase registers for the accountant: SIRE replacement files (RVIE
for sales, RCE for purchases) to SUNAT's layouts kept in `sire_layouts`, each
inside a ZIP of the same name; optionally the PLE 14.1 / 8.1 files; and CSV/XLSX
copies.

SIRE amounts are in the comprobante's currency, with the currency code and the
exchange rate alongside (SIRE converts them); PLE, CSV and XLSX amounts are in
soles. Credit notes are negative; dates dd/mm/yyyy; ASCII, CRLF.
File names follow SUNAT: LE + RUC + AAAAMM + 00 + book + flags + .TXT.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

from smedesk.accounts import sire_layouts as layouts
from smedesk.accounts.tax import to_pen
from smedesk.core.db import row, rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, from_cents
from smedesk.core.roles import require_view

ID_TYPES = layouts.ID_TYPES
PLE_BOOKS = {"sale": "140100", "purchase": "080100"}

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
    from smedesk.accounts.withholdings import CREDIT_MONTH_SQL

    # Purchases are registered in the month their credit counts (a SPOT purchase: when deposited).
    when = "substr(d.date, 1, 7)" if kind == "sale" else CREDIT_MONTH_SQL
    docs = rows(db, "SELECT d.* FROM documents d LEFT JOIN document_taxes t ON t.document_id = d.id"
                    f" WHERE d.kind = ? AND {when} = ? AND d.deleted_at IS NULL"
                    " ORDER BY d.date, d.series, d.number", [kind, month])
    for d in docs:
        d["ref"] = row(db, "SELECT date, doc_type, series, number FROM documents WHERE id = ?",
                       [d["ref_document_id"]]) if d["ref_document_id"] else None
        d["sign"] = -1 if d["doc_type"] == "07" else 1
        d["pen"] = {k: v * d["sign"] for k, v in pen_parts(d).items()}
    return docs


def _m(cents: int) -> str:
    return dec_str(from_cents(cents))


def _fx(doc: dict) -> str:
    """Three decimals (SBS publishes three); 1.000 for soles."""
    return str(Decimal(doc["fx"]).quantize(Decimal("0.001")))


def _ref(doc: dict) -> list[str]:
    ref = doc["ref"]
    return [_d(ref["date"]), ref["doc_type"], ref["series"], str(ref["number"])] if ref else ["", "", "", ""]


def _own(doc: dict) -> dict[str, int]:
    """A document's amounts in its own currency, signed (credit notes negative)."""
    sign = doc["sign"]
    return {"export": doc["export_cents"] * sign, "taxable": doc["taxable_cents"] * sign,
            "tax": (doc["igv_cents"] + doc["ipm_cents"]) * sign, "exonerado": doc["exonerado_cents"] * sign,
            "inafecto": doc["inafecto_cents"] * sign, "total": doc["total_cents"] * sign}


def sire_values(biz: dict, doc: dict, month: str) -> dict[str, str]:
    """The values of one SIRE line, by the layout's keys."""
    a = _own(doc)
    ref_date, ref_type, ref_series, ref_number = _ref(doc)
    values = {
        "ruc": biz["ruc"], "name": biz["name"], "period": month.replace("-", ""), "date": _d(doc["date"]),
        "due_date": _d(doc["due_date"]) if doc["doc_type"] in layouts.DUE_DATE_TYPES else "",
        "doc_type": doc["doc_type"], "series": doc["series"], "number": str(doc["number"]),
        "party_doc_type": ID_TYPES.get(doc["party_doc_type"] or "none", "-"),
        "party_doc": doc["party_doc"] or ("-" if (doc["party_doc_type"] or "none") == "none" else ""),
        "party_name": doc["party_name"],
        "total": _m(a["total"]), "currency": doc["currency"], "fx": _fx(doc),
        "ref_date": ref_date, "ref_type": ref_type, "ref_series": ref_series, "ref_number": ref_number,
    }
    zero = "0.00"
    if doc["kind"] == "sale":
        values.update(export=_m(a["export"]), taxable=_m(a["taxable"]), taxable_discount=zero, tax=_m(a["tax"]),
                      tax_discount=zero, exonerado=_m(a["exonerado"]), inafecto=_m(a["inafecto"]), isc=zero,
                      ivap_base=zero, ivap=zero, icbper=zero, other_taxes=zero)
    else:
        # Every taxed purchase is destined to taxed operations (DG): a workshop sells taxed goods
        # or exports, which keep the credit.
        values.update(taxable_dg=_m(a["taxable"]), tax_dg=_m(a["tax"]), taxable_dgng=zero, tax_dgng=zero,
                      taxable_dng=zero, tax_dng=zero, untaxed=_m(a["exonerado"] + a["inafecto"] + a["export"]),
                      isc=zero, icbper=zero, other_taxes=zero)
    return values


def sire_lines(db, kind: str, month: str) -> list[str]:
    """RVIE / RCE lines, each checked against its layout as it is written."""
    biz = row(db, "SELECT ruc, name FROM business WHERE id = 1")
    layout = layouts.LAYOUTS[kind]
    return [layouts.format_line(layout, sire_values(biz, d, month)) for d in _documents(db, kind, month)]


def sire_rows(db, kind: str, month: str) -> list[list[str]]:
    """The SIRE lines as lists of fields (for CSV/XLSX copies and tests)."""
    return [line[:-3].split("|") for line in sire_lines(db, kind, month)]


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
    """SUNAT's name: LE + RUC + AAAAMM + 00 + book + flags. SIRE flags: 02 (oportunidad),
    1 (operating), 1/0 (with/without content), 1 (soles), 2 (SIRE); PLE: 00 1 1/0 1 1."""
    ruc = row(db, "SELECT ruc FROM business WHERE id = 1")["ruc"]
    period = month.replace("-", "") + "00"
    flag = "1" if has_data else "0"
    if layout == "sire":
        return f"LE{ruc}{period}{layouts.BOOKS[kind]}021{flag}12.TXT"
    return f"LE{ruc}{period}{PLE_BOOKS[kind]}001{flag}11.TXT"


def _write_zipped(folder: Path, name: str, text: str) -> Path:
    """The TXT inside a ZIP of the same base name (how SIRE takes a replacement)."""
    target = folder / (name[:-4] + ".zip")
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, text.encode("ascii"))
    partial.replace(target)
    return target


def check_month(month: str) -> str:
    try:
        dt.date.fromisoformat(str(month) + "-01")
    except ValueError:
        raise ValidationError(tr("«{value}» is not a month (YYYY-MM).", value=month), field="month") from None
    return month


def write_all(db, month: str, folder: Path, *, ple: bool = False) -> list[Path]:
    """SIRE RVIE and RCE (zipped), optionally PLE 14.1/8.1, and CSV/XLSX copies, for `month`."""
    require_view(db, "accounts.view")
    check_month(month)
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=folder), field="out")
    from openpyxl import Workbook

    written = []
    for kind in ("sale", "purchase"):
        lines = sire_lines(db, kind, month)
        written.append(_write_zipped(folder, file_name(db, kind, month, has_data=bool(lines)), "".join(lines)))
        if ple:
            data = ple_rows(db, kind, month)
            path = folder / file_name(db, kind, month, layout="ple", has_data=bool(data))
            text = "".join("|".join(layouts.ascii_text(c) for c in r) + "|\r\n" for r in data)
            path.write_bytes(text.encode("ascii"))
            written.append(path)
        sire = [line[:-3].split("|") for line in lines]
        header = [f.key for f in layouts.LAYOUTS[kind]]
        amounts = {i for i, f in enumerate(layouts.LAYOUTS[kind]) if f.fmt == "amount"}
        stem = ("registro_ventas_" if kind == "sale" else "registro_compras_") + month
        with open(folder / f"{stem}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(sire)
        book = Workbook()
        sheet = book.active
        sheet.title = tr("Sales register") if kind == "sale" else tr("Purchase register")
        sheet.append(header)
        for r in sire:
            sheet.append([Decimal(c) if i in amounts else c for i, c in enumerate(r)])
        book.save(folder / f"{stem}.xlsx")
        written += [folder / f"{stem}.csv", folder / f"{stem}.xlsx"]
    return written
