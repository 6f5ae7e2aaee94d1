"""Accounts subcommands: ledger import/close, docs import/pdf, report …, registers."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core.cli_support import open_business, print_json, table
from smedesk.core.i18n import tr


def register(sub, parent) -> None:
    p = sub.add_parser("ledger", parents=[parent], help="the journal")
    lsub = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    a = lsub.add_parser("import", parents=[parent], help="import entries from CSV date,entry,account,debit,credit,memo")
    a.add_argument("file")
    a.set_defaults(handler=cmd_ledger_import)
    a = lsub.add_parser("close", parents=[parent], help="close a month (YYYY-MM)")
    a.add_argument("month")
    a.set_defaults(handler=cmd_ledger_close)

    p = sub.add_parser("docs", parents=[parent], help="sales and purchase documents")
    dsub = p.add_subparsers(dest="docs_command", metavar="ACTION", required=True)
    a = dsub.add_parser("import", parents=[parent], help="import documents from CSV")
    a.add_argument("file")
    a.set_defaults(handler=cmd_docs_import)
    a = dsub.add_parser("list", parents=[parent], help="list documents")
    a.add_argument("--kind", choices=("sale", "purchase"), default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_docs_list)
    a = dsub.add_parser("pdf", parents=[parent], help="printable comprobante (not an electronic invoice)")
    a.add_argument("document", help="SERIES-NUMBER of a sale")
    a.add_argument("--out", required=True)
    a.add_argument("--lang", dest="pdf_lang", choices=("es", "en"), default="es")
    a.set_defaults(handler=cmd_docs_pdf)

    p = sub.add_parser("report", parents=[parent], help="accounting reports")
    rsub = p.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    for name in ("trial-balance", "pnl", "balance"):
        a = rsub.add_parser(name, parents=[parent])
        a.add_argument("--from", dest="date_from", default=None)
        a.add_argument("--to", dest="date_to", default=None)
        a.add_argument("--json", action="store_true")
        a.add_argument("--csv", metavar="FILE", default=None)
        a.add_argument("--xlsx", metavar="FILE", default=None)
        a.add_argument("--pdf", metavar="FILE", default=None)
        a.set_defaults(handler=cmd_report, report=name)
    a = rsub.add_parser("igv", parents=[parent])
    a.add_argument("--month", required=True)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_report, report="igv")
    for name in ("receivables", "payables"):
        a = rsub.add_parser(name, parents=[parent])
        a.add_argument("--json", action="store_true")
        a.set_defaults(handler=cmd_report, report=name)
    a = rsub.add_parser("cash-book", parents=[parent])
    a.add_argument("--from", dest="date_from", default=None)
    a.add_argument("--to", dest="date_to", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_report, report="cash-book")

    p = sub.add_parser("registers", parents=[parent], help="sales and purchase registers for the accountant")
    p.add_argument("--month", required=True)
    p.add_argument("--out", metavar="DIR", required=True)
    p.set_defaults(handler=cmd_registers)


def cmd_ledger_import(args) -> int:
    from smedesk.accounts.imports import import_ledger

    db, owner = open_business(args)
    try:
        count = import_ledger(db, args.file, actor=owner)
    finally:
        db.close()
    print(tr("{count} entries imported.", count=count))
    return 0


def cmd_ledger_close(args) -> int:
    from smedesk.accounts.journal import close_month

    db, owner = open_business(args)
    try:
        close_month(db, args.month, actor=owner)
    finally:
        db.close()
    print(tr("{month} closed.", month=args.month))
    return 0


def cmd_docs_import(args) -> int:
    from smedesk.accounts.imports import import_documents

    db, owner = open_business(args)
    try:
        count = import_documents(db, args.file, actor=owner)
    finally:
        db.close()
    print(tr("{count} documents imported.", count=count))
    return 0


def cmd_docs_list(args) -> int:
    from smedesk.accounts.documents import list_documents
    from smedesk.accounts.reports import as_json
    from smedesk.core.money import from_cents

    db, _ = open_business(args)
    try:
        docs = list_documents(db, args.kind)
    finally:
        db.close()
    shaped = [{"kind": d["kind"], "doc_type": d["doc_type"], "document": d["label"], "date": d["date"],
               "party": d["party_name"], "currency": d["currency"], "total": from_cents(d["total_cents"]),
               "total_pen": from_cents(d["total_pen_cents"])} for d in docs]
    if args.json:
        print_json(as_json(shaped))
    else:
        print(table(as_json(shaped), ["kind", "doc_type", "document", "date", "party", "currency", "total"]))
    return 0


def cmd_docs_pdf(args) -> int:
    from smedesk.accounts.documents import find_document, get_document
    from smedesk.core.errors import ValidationError
    from smedesk.documents.comprobante_pdf import write_comprobante_pdf

    db, _ = open_business(args)
    try:
        series, _, number = args.document.upper().partition("-")
        from smedesk.core.db import row

        found = row(db, "SELECT id FROM documents WHERE kind = 'sale' AND series = ? AND number = ?",
                    [series, int(number) if number.isdigit() else -1]) or find_document(db, "sale", args.document)
        if found is None:
            raise ValidationError(tr("There is no sale {doc}.", doc=args.document), field="document")
        write_comprobante_pdf(db, get_document(db, found["id"])["id"], Path(args.out), args.pdf_lang)
    finally:
        db.close()
    print(args.out)
    return 0


def cmd_report(args) -> int:
    from smedesk.accounts import reports

    db, _ = open_business(args)
    try:
        name = args.report
        if name == "trial-balance":
            data = reports.trial_balance(db, args.date_from, args.date_to)
        elif name == "pnl":
            data = reports.pnl(db, args.date_from, args.date_to)
        elif name == "balance":
            data = reports.balance_sheet(db, args.date_to)
        elif name == "igv":
            data = reports.igv_position(db, args.month)
        elif name in ("receivables", "payables"):
            data = reports.aging(db, "sale" if name == "receivables" else "purchase")
        else:
            data = reports.cash_book(db, "10", args.date_from, args.date_to)
        for fmt in ("csv", "xlsx", "pdf"):
            target = getattr(args, fmt, None)
            if target:
                from smedesk.accounts import exports

                exports.write_report(db, name, data, Path(target), fmt)
    finally:
        db.close()
    shaped = reports.as_json(data)
    if getattr(args, "json", False):
        print_json(shaped)
    else:
        _print_text(name, shaped)
    return 0


def _print_text(name: str, data: dict) -> None:
    if name == "trial-balance":
        print(table(data["accounts"], ["account", "name", "debit", "credit"]))
        print(f"{tr('Total')}: {data['total_debit']}  {data['total_credit']}")
    elif name == "balance":
        for key in ("assets", "liabilities", "equity"):
            print(table(data[key], ["account", "name", "amount"]))
            print(f"  = {data['total_' + key]}\n")
    elif name in ("receivables", "payables"):
        print(table(data["documents"], ["document", "party", "due_date", "days_late", "outstanding_pen", "bucket"]))
        print(f"{tr('Total')}: {data['total']}")
    elif name == "cash-book":
        print(table(data["moves"], ["date", "memo", "account", "in", "out", "balance"]))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    sys.stdout.flush()


def cmd_registers(args) -> int:
    from smedesk.accounts import registers

    db, _ = open_business(args)
    try:
        written = registers.write_all(db, args.month, Path(args.out))
    finally:
        db.close()
    for path in written:
        print(path)
    return 0
