"""Accounts subcommands: ledger import/close, docs import/pdf, report …, registers."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.i18n import tr


def register(sub, parent) -> None:
    p = sub.add_parser("ledger", parents=[parent], help="the journal")
    lsub = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    a = lsub.add_parser("import", parents=[parent], help="import entries from CSV date,entry,account,debit,credit,memo")
    a.add_argument("file")
    a.set_defaults(handler=cmd_ledger_import)
    a = lsub.add_parser("list", parents=[parent], help="list journal entries")
    a.add_argument("--from", dest="date_from", default=None)
    a.add_argument("--to", dest="date_to", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_ledger_list)
    a = lsub.add_parser("reverse", parents=[parent], help="reverse a posted entry")
    a.add_argument("entry", type=int)
    a.add_argument("--date", default=None)
    a.set_defaults(handler=cmd_ledger_reverse)
    a = lsub.add_parser("close", parents=[parent], help="close a month (YYYY-MM)")
    a.add_argument("month")
    a.set_defaults(handler=cmd_ledger_close)

    p = sub.add_parser("docs", parents=[parent], help="sales and purchase documents")
    dsub = p.add_subparsers(dest="docs_command", metavar="ACTION", required=True)
    a = dsub.add_parser("import", parents=[parent], help="import documents from CSV")
    a.add_argument("file")
    a.set_defaults(handler=cmd_docs_import)
    a = dsub.add_parser("from-order", parents=[parent], help="invoice an order (factura 01 or boleta 03)")
    a.add_argument("order")
    a.add_argument("--type", dest="doc_type", choices=("01", "03"), default="01")
    a.add_argument("--series", required=True)
    a.add_argument("--date", default=None)
    a.add_argument("--fx", default=None, help="PEN per dollar, for orders in USD")
    a.add_argument("--prices-include-igv", action="store_true")
    a.set_defaults(handler=cmd_docs_from_order)
    a = dsub.add_parser("list", parents=[parent], help="list documents")
    a.add_argument("--kind", choices=("sale", "purchase"), default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_docs_list)
    a = dsub.add_parser("xml", parents=[parent], help="write the signed XML of a sale, named as SUNAT names it")
    a.add_argument("document", help="SERIES-NUMBER of a sale")
    a.add_argument("-o", "--out", metavar="DIR", required=True)
    a.set_defaults(handler=_docs_xml)
    a = dsub.add_parser("pdf", parents=[parent], help="printed representation of a comprobante")
    a.add_argument("document", help="SERIES-NUMBER of a sale")
    a.add_argument("--out", required=True)
    a.add_argument("--lang", dest="pdf_lang", choices=("es", "en"), default="es")
    a.add_argument("--layout", choices=("a4", "ticket"), default="a4", help="A4, or an 80 mm ticket")
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
    from smedesk.accounts import cli_month

    cli_month.register(sub, parent, rsub)
    for name in ("receivables", "payables"):
        a = rsub.add_parser(name, parents=[parent])
        a.add_argument("--json", action="store_true")
        a.set_defaults(handler=cmd_report, report=name)
    a = rsub.add_parser("cash-book", parents=[parent])
    a.add_argument("--from", dest="date_from", default=None)
    a.add_argument("--to", dest="date_to", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_report, report="cash-book")

    p = sub.add_parser("account", parents=[parent], help="chart of accounts")
    asub = p.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    a = asub.add_parser("list", parents=[parent], help="list the chart of accounts")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_account_list)
    a = asub.add_parser("add", parents=[parent], help="add a sub-account (its code extends its parent's)")
    a.add_argument("code")
    a.add_argument("name")
    a.set_defaults(handler=cmd_account_add)

    p = sub.add_parser("tax-rate", parents=[parent], help="dated IGV/IPM rates")
    tsub = p.add_subparsers(dest="rate_command", metavar="ACTION", required=True)
    a = tsub.add_parser("list", parents=[parent], help="list the rate table")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_rate_list)
    a = tsub.add_parser("add", parents=[parent], help="date a new rate (a law changed it)")
    a.add_argument("kind", choices=("standard", "reduced"))
    a.add_argument("valid_from")
    a.add_argument("igv")
    a.add_argument("ipm")
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_rate_add)

    p = sub.add_parser("quotation", parents=[parent], help="quotations")
    qsub = p.add_subparsers(dest="quotation_command", metavar="ACTION", required=True)
    a = qsub.add_parser("list", parents=[parent], help="list quotations")
    a.add_argument("--state", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_quotation_list)
    a = qsub.add_parser("state", parents=[parent], help="move a quotation: sent, accepted, rejected, expired")
    a.add_argument("id", type=int)
    a.add_argument("state")
    a.set_defaults(handler=cmd_quotation_state)
    a = qsub.add_parser("pdf", parents=[parent], help="quotation PDF")
    a.add_argument("id", type=int)
    a.add_argument("--out", required=True)
    a.add_argument("--lang", dest="pdf_lang", choices=("es", "en"), default="es")
    a.set_defaults(handler=cmd_quotation_pdf)

    p = sub.add_parser("registers", parents=[parent], help="sales and purchase registers for the accountant")
    p.add_argument("--month", required=True)
    p.add_argument("--out", metavar="DIR", required=True)
    p.add_argument("--ple", action="store_true", help="also the PLE 14.1 and 8.1 files")
    p.set_defaults(handler=cmd_registers)


def cmd_ledger_import(args) -> int:
    from smedesk.accounts.imports import import_ledger

    with business_session(args) as (db, owner):
        count = import_ledger(db, args.file, actor=owner)
    print(tr("{count} entries imported.", count=count))
    return 0


def cmd_ledger_list(args) -> int:
    from smedesk.accounts.journal import entries, entry_lines
    from smedesk.accounts.reports import as_json
    from smedesk.core.money import from_cents

    with business_session(args) as (db, _):
        found = [{"entry": e["id"], "date": e["date"], "memo": e["memo"], "source": e["source"],
                  "lines": [{"account": li["account"], "debit": from_cents(li["debit_cents"]),
                             "credit": from_cents(li["credit_cents"])} for li in entry_lines(db, e["id"])]}
                 for e in entries(db, date_from=args.date_from, date_to=args.date_to, limit=100000)]
    if args.json:
        print_json(as_json(found))
    else:
        for e in as_json(found):
            print(f"{e['date']}  #{e['entry']}  {e['memo']}")
            for li in e["lines"]:
                print(f"    {li['account']:<8} {li['debit']:>12} {li['credit']:>12}")
    return 0


def cmd_ledger_reverse(args) -> int:
    from smedesk.accounts.journal import reverse

    with business_session(args) as (db, owner):
        new_id = reverse(db, args.entry, actor=owner, day=args.date)
    print(tr("Entry {id} reversed by entry {new}.", id=args.entry, new=new_id))
    return 0


def cmd_ledger_close(args) -> int:
    from smedesk.accounts.journal import close_month

    with business_session(args) as (db, owner):
        close_month(db, args.month, actor=owner)
    print(tr("{month} closed.", month=args.month))
    return 0


def cmd_docs_import(args) -> int:
    from smedesk.accounts.imports import import_documents

    with business_session(args) as (db, owner):
        count = import_documents(db, args.file, actor=owner)
    print(tr("{count} documents imported.", count=count))
    return 0


def cmd_docs_from_order(args) -> int:
    from smedesk.accounts.documents import get_document
    from smedesk.accounts.from_orders import invoice_from_order
    from smedesk.core.money import dec_str, from_cents

    with business_session(args) as (db, owner):
        doc = get_document(db, invoice_from_order(db, args.order, args.doc_type, args.series, actor=owner,
                                                  date=args.date, fx=args.fx,
                                                  prices_include_igv=args.prices_include_igv))
    print(tr("{doc} recorded: total {total}.", doc=doc["label"], total=dec_str(from_cents(doc["total_cents"]))))
    if args.fx and doc["currency"] != "PEN":
        from smedesk.accounts.exchange import fx_warning

        with business_session(args) as (db, _):
            warning = fx_warning(db, doc["date"], args.fx, doc["currency"])
        if warning:
            print(warning, file=sys.stderr)
    return 0


def cmd_docs_list(args) -> int:
    from smedesk.accounts.documents import list_documents
    from smedesk.accounts.reports import as_json
    from smedesk.core.money import from_cents

    with business_session(args) as (db, _):
        docs = list_documents(db, args.kind)
    shaped = [{"kind": d["kind"], "doc_type": d["doc_type"], "document": d["label"], "date": d["date"],
               "party": d["party_name"], "currency": d["currency"], "total": from_cents(d["total_cents"]),
               "total_pen": from_cents(d["total_pen_cents"]), "state": d["state"], "hash": d["hash"]} for d in docs]
    if args.json:
        print_json(as_json(shaped))
    else:
        print(table(as_json(shaped), ["kind", "doc_type", "document", "date", "party", "currency", "total", "state"]))
    return 0


def _docs_xml(args) -> int:
    from smedesk.einvoice.cli import cmd_docs_xml

    return cmd_docs_xml(args)


def cmd_docs_pdf(args) -> int:
    from smedesk.accounts.documents import find_sale, get_document
    from smedesk.accounts.printing import write_comprobante_pdf
    from smedesk.core.db import scalar

    with business_session(args) as (db, _):
        found = find_sale(db, args.document)
        if scalar(db, "SELECT 1 FROM einvoice_documents WHERE document_id = ?", [found["id"]]):
            from smedesk.core.i18n import translator
            from smedesk.einvoice.representation import printable
            from smedesk.printouts.einvoice_pdf import write_representation

            write_representation(printable(db, found["id"]), Path(args.out), layout=args.layout,
                                 translate=translator(args.pdf_lang))
        else:
            write_comprobante_pdf(db, get_document(db, found["id"])["id"], Path(args.out), args.pdf_lang)
    print(args.out)
    return 0


def cmd_report(args) -> int:
    from smedesk.accounts import reports

    with business_session(args) as (db, _):
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

    with business_session(args) as (db, _):
        written = registers.write_all(db, args.month, Path(args.out), ple=args.ple)
    for path in written:
        print(path)
    return 0


def cmd_account_list(args) -> int:
    from smedesk.accounts.chart import account_name, list_accounts

    with business_session(args) as (db, _):
        found = [{"account": a["code"], "name": account_name(a), "parent": a["parent"] or "",
                  "money": bool(a["is_money"])} for a in list_accounts(db)]
    if args.json:
        print_json(found)
    else:
        print(table(found, ["account", "name", "parent"]))
    return 0


def cmd_account_add(args) -> int:
    from smedesk.accounts.chart import add_account

    with business_session(args) as (db, owner):
        code = add_account(db, args.code, args.name, actor=owner)
    print(tr("Account {code} added.", code=code))
    return 0


def cmd_quotation_list(args) -> int:
    from smedesk.accounts.quotations import list_quotations
    from smedesk.accounts.reports import as_json

    with business_session(args) as (db, _):
        found = [{"id": q["id"], "number": q["number"], "party": q["party_name"], "date": q["date"],
                  "valid_until": q["valid_until"], "currency": q["currency"], "total": q["total"],
                  "state": q["state"]} for q in list_quotations(db, state=args.state)]
    if args.json:
        print_json(as_json(found))
    else:
        print(table(as_json(found), ["id", "number", "party", "valid_until", "currency", "total", "state"]))
    return 0


def cmd_quotation_state(args) -> int:
    from smedesk.accounts.quotations import set_quotation_state

    with business_session(args) as (db, owner):
        set_quotation_state(db, args.id, args.state, actor=owner)
    return 0


def cmd_quotation_pdf(args) -> int:
    from smedesk.accounts.printing import write_quotation_pdf

    with business_session(args) as (db, _):
        write_quotation_pdf(db, args.id, Path(args.out), args.pdf_lang)
    print(args.out)
    return 0


def cmd_rate_list(args) -> int:
    from smedesk.core.db import rows

    with business_session(args) as (db, _):
        found = rows(db, "SELECT kind, valid_from, igv_rate AS igv, ipm_rate AS ipm, note FROM tax_rates"
                         " ORDER BY kind, valid_from")
    if args.json:
        print_json(found)
    else:
        print(table(found, ["kind", "valid_from", "igv", "ipm", "note"]))
    return 0


def cmd_rate_add(args) -> int:
    from smedesk.accounts.chart import add_tax_rate
    from smedesk.core.money import to_decimal

    with business_session(args) as (db, owner):
        add_tax_rate(db, args.kind, args.valid_from, to_decimal(args.igv, field="igv", allow_negative=False),
                     to_decimal(args.ipm, field="ipm", allow_negative=False), actor=owner, note=args.note)
    return 0
