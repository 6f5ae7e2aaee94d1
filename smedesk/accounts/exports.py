"""Reports as CSV, XLSX or PDF: one flat table per report."""

from __future__ import annotations

import csv
from pathlib import Path

from smedesk.accounts.reports import as_json
from smedesk.core.i18n import tr
from smedesk.core.roles import require_view


def flatten(name: str, data: dict) -> tuple[str, list[str], list[list]]:
    """(title, header, rows) of a report, amounts as 2-decimal strings."""
    data = as_json(data)
    if name == "trial-balance":
        rows = [[a["account"], a["name"], a["debit"], a["credit"]] for a in data["accounts"]]
        rows.append(["", tr("Total"), data["total_debit"], data["total_credit"]])
        return tr("Trial balance"), [tr("Account"), tr("Name"), tr("Debit"), tr("Credit")], rows
    if name == "pnl":
        return tr("Profit and loss"), [tr("Item"), tr("Amount")], [
            [tr("Income"), data["income"]], [tr("Expenses"), data["expenses"]], [tr("Net result"), data["net"]]]
    if name == "balance":
        rows = []
        for key, label in (("assets", tr("Assets")), ("liabilities", tr("Liabilities")), ("equity", tr("Equity"))):
            rows += [[i["account"], i["name"], i["amount"]] for i in data[key]]
            rows.append(["", label, data["total_" + key]])
        return tr("Balance sheet"), [tr("Account"), tr("Name"), tr("Amount")], rows
    if name == "igv":
        return tr("IGV position"), [tr("Item"), tr("Amount")], [[k, v] for k, v in data.items()]
    if name == "621":
        from smedesk.accounts.form621 import LABELS

        return tr("Formulario 621"), [tr("Item"), tr("Amount")], [[tr(LABELS[k]), "" if v is None else v]
                                                                  for k, v in data.items()]
    if name in ("receivables", "payables"):
        rows = [[d["document"], d["party"], d["due_date"], str(d["days_late"]), d["outstanding_pen"]]
                for d in data["documents"]]
        return (tr("Receivables") if name == "receivables" else tr("Payables"),
                [tr("Document"), tr("Party"), tr("Due"), tr("Days late"), tr("Owed (PEN)")], rows)
    rows = [[m["date"], m["memo"], m["account"], m["in"], m["out"], m["balance"]] for m in data["moves"]]
    return tr("Cash book"), [tr("Date"), tr("Memo"), tr("Account"), tr("In"), tr("Out"), tr("Balance")], rows


def write_report(db, name: str, data: dict, path: Path, fmt: str, *, period: str = "") -> Path:
    """`period` ("Del 01/01/2026 al 30/11/2026") goes under the PDF's title."""
    require_view(db, "accounts.view")
    title, header, rows = flatten(name, data)
    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
    elif fmt == "xlsx":
        from decimal import Decimal

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = title[:31]
        sheet.append(header)
        for r in rows:
            sheet.append([_cell(v, Decimal) for v in r])
        book.save(path)
    else:
        from smedesk.accounts.printing import report_pdf

        report_pdf(db, title, header, rows, path, period=period)
    return path


def _cell(value, decimal_type):
    text = str(value)
    try:
        if text and text.replace(".", "", 1).lstrip("-").isdigit() and "." in text:
            return decimal_type(text)
    except ArithmeticError:
        pass
    return value
