"""Tracking commands: orders, labels, worksheets, scans, pay.

`smedesk scan` exits 0 counted, 2 already scanned at this step, 3 previous
step not done, 4 unknown or foreign code, 1 any other refusal, with a
one-line reason on stderr."""

from __future__ import annotations

import sys
from decimal import Decimal

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.errors import NeedsConfirmation
from smedesk.core.i18n import tr


def register(sub, parent) -> None:
    p = sub.add_parser("order", parents=[parent], help="customer orders")
    osub = p.add_subparsers(dest="order_command", metavar="ACTION", required=True)
    a = osub.add_parser("import", parents=[parent], help="import orders from CSV")
    a.add_argument("file")
    a.set_defaults(handler=cmd_import)
    a = osub.add_parser("release", parents=[parent], help="release an order: jobs and labels")
    a.add_argument("order_no")
    a.add_argument("--bundle", type=int, default=None, metavar="N", help="one label per bundle of N pieces")
    a.add_argument("--anyway", action="store_true", help="release even when materials are short")
    a.set_defaults(handler=cmd_release)
    a = osub.add_parser("units", parents=[parent], help="trackable units of an order")
    a.add_argument("order_no")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_units)
    a = osub.add_parser("status", parents=[parent], help="progress and delivery forecast")
    a.add_argument("order_no")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_status)
    a = osub.add_parser("list", parents=[parent], help="orders by risk")
    a.add_argument("--all", action="store_true", help="include finished, delivered and cancelled")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_list)
    for name, state, text in (("cancel", "cancelled", "cancel an order"),
                              ("deliver", "delivered", "mark a finished order delivered")):
        a = osub.add_parser(name, parents=[parent], help=text)
        a.add_argument("order_no")
        a.set_defaults(handler=cmd_state, state=state)
    a = osub.add_parser("due", parents=[parent], help="change an open order's due date")
    a.add_argument("order_no")
    a.add_argument("date", metavar="YYYY-MM-DD")
    a.set_defaults(handler=cmd_due)
    a = osub.add_parser("customer", parents=[parent], help="add a customer")
    a.add_argument("name")
    a.add_argument("--id", dest="id_number", default="", help="RUC, DNI or a foreign id")
    a.add_argument("--id-type", choices=("ruc", "dni", "foreign", "none"), default=None)
    a.add_argument("--country", default="PE")
    a.add_argument("--contact", default="")
    a.add_argument("--phone", default="")
    a.add_argument("--email", default="")
    a.set_defaults(handler=cmd_customer)
    a = osub.add_parser("customers", parents=[parent], help="list customers")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_customers)
    a = osub.add_parser("times", parents=[parent], help="standard vs actual times")
    a.add_argument("order_no")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_times)

    p = sub.add_parser("labels", parents=[parent], help="print an order's labels to PDF")
    p.add_argument("order_no")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--layout", choices=("a4", "roll"), default="a4")
    p.set_defaults(handler=cmd_labels)
    p = sub.add_parser("worksheet", parents=[parent], help="print an order's worksheets to PDF")
    p.add_argument("order_no")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_worksheet)
    p = sub.add_parser("cards", parents=[parent], help="print step cards and operator badges to PDF")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_cards)

    p = sub.add_parser("scan", parents=[parent], help="count a label at a step")
    p.add_argument("code")
    p.add_argument("--step", required=True, help="step name or sequence number")
    p.add_argument("--operator", required=True, help="operator name or badge")
    p.add_argument("--at", default=None, metavar="ISO8601")
    p.set_defaults(handler=cmd_scan)
    p = sub.add_parser("scans", parents=[parent], help="scanner batch files, undo, list")
    ssub = p.add_subparsers(dest="scans_command", metavar="ACTION", required=True)
    a = ssub.add_parser("import", parents=[parent], help="apply a scanner's code,timestamp file")
    a.add_argument("file")
    a.add_argument("--step", required=True)
    a.add_argument("--operator", required=True)
    a.set_defaults(handler=cmd_scans_import)
    a = ssub.add_parser("undo", parents=[parent], help="undo a scan (owner)")
    a.add_argument("scan_id", type=int)
    a.add_argument("--reason", default="")
    a.set_defaults(handler=cmd_scans_undo)
    a = ssub.add_parser("list", parents=[parent], help="latest scans")
    a.add_argument("--order", default=None)
    a.add_argument("--limit", type=int, default=30)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_scans_list)

    p = sub.add_parser("pay", parents=[parent], help="piece-rate pay for a week")
    p.add_argument("--week", default=None, metavar="YYYY-Www")
    p.add_argument("-o", "--output", default=None, metavar="FILE.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_pay)


def _run(args, work):
    with business_session(args) as (db, owner):
        return work(db, owner)


def cmd_import(args) -> int:
    from smedesk.tracking import orderimport

    def work(db, owner):
        created = orderimport.import_file(db, args.file, actor=owner)
        print(tr("{count} orders imported: {numbers}", count=len(created), numbers=", ".join(created)))
        return 0
    return _run(args, work)


def cmd_release(args) -> int:
    from smedesk.tracking import release

    def work(db, owner):
        try:
            done = release.release(db, args.order_no, bundle=args.bundle, accept_short=args.anyway, actor=owner)
        except NeedsConfirmation as short:
            print(str(short), file=sys.stderr)
            print(tr("Nothing was released. Repeat with --anyway to release it anyway."), file=sys.stderr)
            return 1
        print(tr("Order {order} released: {jobs} jobs, {units} labels.", **done))
        return 0
    return _run(args, work)


def cmd_units(args) -> int:
    from smedesk.tracking import release

    def work(db, owner):
        units = release.order_units(db, args.order_no)
        out = [{"code": u["code"], "sku": u["sku"], "part": u["part"] or None, "part_no": u["part_no"],
                "piece": u["piece_no"], "qty": u["qty"], "bundle": bool(u["is_bundle"]), "size": u["size"],
                "colour": u["colour"], "job": u["job"]} for u in units]
        if args.json:
            print_json(out)
        else:
            print(table(out, ["code", "sku", "part", "part_no", "piece", "qty", "size", "colour"]))
        return 0
    return _run(args, work)


def cmd_status(args) -> int:
    from smedesk.tracking import forecast, progress

    def work(db, owner):
        status = progress.order_status(db, args.order_no)
        if args.json:
            print_json(status)
            return 0
        print(tr("Order {order}: {percent}% done, due {due}, forecast {forecast} ({status})",
                 order=status["order"], percent=status["percent"], due=status["due"],
                 forecast=status["forecast"] or "—", status=forecast.status_name(status["status"]).lower()))
        print(table(status["steps"], ["seq", "step", "done", "pending"]))
        return 0
    return _run(args, work)


def cmd_list(args) -> int:
    from smedesk.tracking import board, orders

    def work(db, owner):
        entries = board.by_risk(board.board(db, states=None if args.all else orders.OPEN_STATES))
        out = [{"order": o["number"], "customer": o["customer"], "state": o["state"], "due": o["due"],
                "pieces": o["pieces"], "forecast": o["forecast"], "status": o["status"]} for o in entries]
        if args.json:
            print_json(out)
        else:
            print(table(out, ["order", "customer", "state", "due", "pieces", "forecast", "status"]))
        return 0
    return _run(args, work)


def cmd_due(args) -> int:
    from smedesk.tracking import orders

    def work(db, owner):
        order = orders.set_due_date(db, args.order_no, args.date, actor=owner)
        print(tr("Order {number} is now due on {due}.", number=order["number"], due=order["due_date"]))
        return 0
    return _run(args, work)


def cmd_customer(args) -> int:
    from smedesk.core import parties

    def work(db, owner):
        data = {k: getattr(args, k) for k in ("name", "id_number", "country", "contact", "phone", "email")}
        data["id_type"] = args.id_type or ""
        party_id = parties.save(db, data, actor=owner)
        print(tr("Customer «{name}» saved.", name=args.name.strip()) + f" (id {party_id})")
        return 0
    return _run(args, work)


def cmd_customers(args) -> int:
    from smedesk.core import parties

    def work(db, owner):
        found = [{k: p[k] for k in ("id", "name", "id_type", "id_number", "country", "contact", "phone", "email")}
                 for p in parties.list_parties(db, customers=True)]
        if args.json:
            print_json(found)
        else:
            print(table(found, ["id", "name", "id_type", "id_number", "country", "contact"]))
        return 0
    return _run(args, work)


def cmd_state(args) -> int:
    from smedesk.tracking import orders

    def work(db, owner):
        order = orders.set_state(db, args.order_no, args.state, actor=owner)
        print(tr("Order {number} is now {state}.", number=order["number"], state=orders.state_name(order["state"]).lower()))
        return 0
    return _run(args, work)


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def cmd_times(args) -> int:
    from smedesk.tracking import orders, worktime

    def work(db, owner):
        order = orders.require_order(db, args.order_no)
        times = worktime.order_times(db, order["id"])
        if args.json:
            print_json(_plain(times))
        else:
            print(table(times["steps"], ["seq", "step", "std", "actual", "pieces"]))
            print()
            print(table(times["workers"], ["operator", "pieces", "std_minutes", "actual_minutes", "efficiency"]))
        return 0
    return _run(args, work)


def cmd_labels(args) -> int:
    from smedesk.tracking import printing

    def work(db, owner):
        path = printing.labels_pdf(db, args.order_no, args.output, layout=args.layout)
        print(tr("Labels written to {path}", path=path))
        return 0
    return _run(args, work)


def cmd_worksheet(args) -> int:
    from smedesk.tracking import printing

    def work(db, owner):
        path = printing.worksheet_pdf(db, args.order_no, args.output)
        print(tr("Worksheet written to {path}", path=path))
        return 0
    return _run(args, work)


def cmd_cards(args) -> int:
    from smedesk.tracking import printing

    def work(db, owner):
        print(tr("Cards written to {path}", path=printing.cards_pdf(db, args.output)))
        return 0
    return _run(args, work)


def cmd_scan(args) -> int:
    from smedesk.tracking import scanning

    def work(db, owner):
        result = scanning.record_scan(db, args.code, args.step, args.operator, at=args.at, source="cli",
                                      actor=owner)
        if result.ok:
            print(result.message)
        else:
            print(result.message, file=sys.stderr)
        return result.exit_code
    return _run(args, work)


def cmd_scans_import(args) -> int:
    from smedesk.tracking import scanbatch

    def work(db, owner):
        report = scanbatch.import_file(db, args.file, step=args.step, operator=args.operator, actor=owner)
        print(tr("{counted} scans counted, {refused} refused.", counted=report.counted, refused=len(report.refused)))
        for line, code, _outcome, reason in report.refused:
            print(tr("line {line}: {code}: {reason}", line=line, code=code, reason=reason), file=sys.stderr)
        return 0 if not report.refused else 1
    return _run(args, work)


def cmd_scans_undo(args) -> int:
    from smedesk.tracking import scanning

    def work(db, owner):
        scanning.undo_scan(db, args.scan_id, reason=args.reason, actor=owner)
        print(tr("Scan {id} undone.", id=args.scan_id))
        return 0
    return _run(args, work)


def cmd_scans_list(args) -> int:
    from smedesk.tracking import orders, scanning

    def work(db, owner):
        order_id = orders.require_order(db, args.order)["id"] if args.order else None
        found = scanning.recent_scans(db, args.limit, order_id=order_id)
        if args.json:
            print_json(found)
        else:
            print(table(found, ["id", "at", "order_number", "code", "step", "operator", "undone_at"]))
        return 0
    return _run(args, work)


def cmd_pay(args) -> int:
    from smedesk.tracking import printing, worktime

    def work(db, owner):
        if args.output:
            print(tr("Pay sheet written to {path}", path=printing.pay_pdf(db, args.week, args.output, actor=owner)))
            return 0
        pay = worktime.week_pay(db, args.week, actor=owner)
        if args.json:
            print_json(_plain(pay))
            return 0
        print(tr("Week {week} ({start} — {end})", week=pay["week"], start=pay["from"], end=pay["to"]))
        print(table([{"operator": p["operator"], "total": p["total"]} for p in pay["operators"]],
                    ["operator", "total"]))
        return 0
    return _run(args, work)
