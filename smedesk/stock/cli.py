"""Stock commands: what is on hand, movements, counts, what orders need,
suggested purchases and the month-end entry.

`smedesk stock list [--json]`, `smedesk stock move CODE QTY --reason
count|waste|return|adjust [--unit U] [--date D]`, `smedesk stock needs
[ORDER] [--json]` and `smedesk stock count FILE.csv` are contracts: their
names, arguments and JSON keys do not change. Refusals exit 1 with the
reason on stderr; nothing is half-saved."""

from __future__ import annotations

import sys

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.i18n import tr
from smedesk.core.money import canonical, dec_str

LIST_KEYS = ("code", "unit", "on_hand", "promised", "available", "average_cost", "value")
NEEDS_KEYS = ("code", "unit", "required", "on_hand", "promised", "to_buy")


def register(sub, parent) -> None:
    p = sub.add_parser("stock", parents=[parent], help="materials on hand, needs and purchases")
    ssub = p.add_subparsers(dest="stock_command", metavar="ACTION", required=True)
    a = ssub.add_parser("list", parents=[parent], help="stock per material with its average cost")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_list)
    a = ssub.add_parser("move", parents=[parent], help="record a count difference, waste, return or adjustment")
    a.add_argument("code")
    a.add_argument("qty", help="signed quantity (waste: what was lost, positive)")
    a.add_argument("--reason", required=True, choices=("count", "waste", "return", "adjust"))
    a.add_argument("--unit", default=None, help="unit of QTY (default: the material's)")
    a.add_argument("--date", default=None, metavar="YYYY-MM-DD")
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_move)
    a = ssub.add_parser("needs", parents=[parent], help="what one order or all open orders need, and what to buy")
    a.add_argument("order", nargs="?", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_needs)
    a = ssub.add_parser("count", parents=[parent], help="record a physical count from a CSV (code, qty, unit)")
    a.add_argument("file")
    a.add_argument("--date", default=None, metavar="YYYY-MM-DD")
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_count)
    a = ssub.add_parser("moves", parents=[parent], help="movements, newest first")
    a.add_argument("--code", default=None)
    a.add_argument("--reason", default=None)
    a.add_argument("--order", default=None)
    a.add_argument("--from", dest="date_from", default=None, metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="date_to", default=None, metavar="YYYY-MM-DD")
    a.add_argument("--limit", type=int, default=200)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_moves)
    a = ssub.add_parser("shortages", parents=[parent], help="open orders whose materials are short")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_shortages)
    a = ssub.add_parser("suggest", parents=[parent], help="suggested purchases by supplier")
    a.add_argument("--pdf", default=None, metavar="FILE")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_suggest)
    a = ssub.add_parser("receive", parents=[parent], help="record the supplier's document for goods that arrived")
    a.add_argument("ruc", help="the supplier's RUC")
    a.add_argument("document", metavar="SERIES-NUMBER")
    a.add_argument("--line", action="append", default=[], metavar="CODE:QTY:PRICE",
                   help="a material, its quantity and unit price net of IGV (default: the suggested lines)")
    a.add_argument("--date", default=None, metavar="YYYY-MM-DD")
    a.set_defaults(handler=cmd_receive)
    a = ssub.add_parser("minimum", parents=[parent], help="minimum stock and stock account of a material")
    a.add_argument("code")
    a.add_argument("qty", nargs="?", default=None)
    a.add_argument("--account", choices=("24", "25"), default=None)
    a.set_defaults(handler=cmd_minimum)
    a = ssub.add_parser("step", parents=[parent], help="the step of a product that uses a material")
    a.add_argument("sku")
    a.add_argument("material")
    a.add_argument("seq", type=int)
    a.set_defaults(handler=cmd_step)
    a = ssub.add_parser("month-end", parents=[parent], help="post the month's change in valued stock (61 vs 24/25)")
    a.add_argument("month", metavar="YYYY-MM")
    a.add_argument("--dry-run", action="store_true", help="show the entry without posting it")
    a.set_defaults(handler=cmd_month_end)


def _text(value) -> str:
    return "" if value is None else canonical(value)


def cmd_list(args) -> int:
    from smedesk.stock import position

    with business_session(args) as (db, _owner):
        found = position.stock_list(db)
    out = [{"code": r["code"], "unit": r["unit"], "on_hand": _text(r["on_hand"]), "promised": _text(r["promised"]),
            "available": _text(r["available"]), "average_cost": _text(r["average_cost"]),
            "value": dec_str(r["value"])} for r in found]
    if args.json:
        print_json(out)
        return 0
    for r, src in zip(out, found, strict=True):
        if src["below_zero"]:
            r["on_hand"] += " " + tr("(below zero)")
        elif src["below_minimum"]:
            r["available"] += " " + tr("(below minimum)")
    print(table(out, list(LIST_KEYS)) or tr("No materials yet."))
    return 0


def cmd_move(args) -> int:
    from smedesk.stock import moves

    with business_session(args) as (db, owner):
        done = moves.record_move(db, args.code, args.qty, args.reason, unit=args.unit, day=args.date,
                                 note=args.note, actor=owner)
    print(tr("{code}: {qty} {unit} recorded; on hand {on_hand} {unit}.", code=done["code"], qty=canonical(done["qty"]),
             unit=done["unit"], on_hand=canonical(done["on_hand"])))
    if done["below_zero"]:
        print(tr("Warning: the stock of {code} is below zero; count it or record the purchase.", code=done["code"]),
              file=sys.stderr)
    return 0


def cmd_needs(args) -> int:
    from smedesk.stock import needs

    with business_session(args) as (db, _owner):
        found = needs.needs(db, args.order)
    out = [{k: r[k] if k in ("code", "unit") else canonical(r[k]) for k in NEEDS_KEYS} for r in found]
    if args.json:
        print_json(out)
        return 0
    print(table(out, list(NEEDS_KEYS)) or tr("No material is needed."))
    return 0


def cmd_count(args) -> int:
    from smedesk.stock import counts

    with business_session(args) as (db, owner):
        done = counts.count_file(db, args.file, day=args.date, note=args.note, actor=owner)
    rows = [{"code": r["code"], "unit": r["unit"], "on_hand": canonical(r["on_hand"]),
             "counted": canonical(r["counted"]), "difference": canonical(r["difference"])} for r in done]
    print(table(rows, ["code", "unit", "on_hand", "counted", "difference"]))
    print(tr("Count recorded: {changed} of {count} materials changed.",
             changed=sum(1 for r in done if r["difference"]), count=len(done)))
    return 0


def cmd_moves(args) -> int:
    from smedesk.stock import moves

    with business_session(args) as (db, _owner):
        found = moves.list_moves(db, code=args.code, reason=args.reason, order=args.order, date_from=args.date_from,
                                 date_to=args.date_to, with_values=True, limit=args.limit)
    out = [{"day": r["day"], "code": r["code"], "reason": r["reason"], "qty": canonical(r["qty"]), "unit": r["unit"],
            "value": canonical(r["value"]), "order": r["order_number"], "note": r["note"]} for r in found]
    if args.json:
        print_json(out)
    else:
        print(table(out, ["day", "code", "reason", "qty", "unit", "value", "order", "note"]) or tr("No movements."))
    return 0


def cmd_shortages(args) -> int:
    from smedesk.stock import needs

    with business_session(args) as (db, _owner):
        found = needs.shortages(db)
    if args.json:
        print_json([{"order": s.order, "code": s.code, "unit": s.unit, "short": canonical(s.short),
                     "buy_before": s.buy_before, "message": s.message} for s in found])
    else:
        print("\n".join(s.message for s in found) or tr("No order is short of materials."))
    return 0


def cmd_suggest(args) -> int:
    from smedesk.stock import printing, purchases

    with business_session(args) as (db, _owner):
        if args.pdf:
            path = printing.suggested_pdf(db, args.pdf)
            print(tr("Suggested purchases written to {path}", path=path))
            return 0
        groups = purchases.suggested(db)
    if args.json:
        print_json([{"supplier": g["supplier"], "ruc": g["ruc"], "total": dec_str(g["total"]),
                     "lines": [{"code": ln["code"], "unit": ln["unit"], "qty": canonical(ln["qty"]),
                                "price": canonical(ln["price"]), "amount": dec_str(ln["amount"])}
                               for ln in g["lines"]]} for g in groups])
        return 0
    for g in groups:
        print(f"{g['supplier']}  {g['ruc'] or ''}".rstrip())
        print(table([{"code": ln["code"], "qty": canonical(ln["qty"]), "unit": ln["unit"],
                      "price": canonical(ln["price"]), "amount": dec_str(ln["amount"])} for ln in g["lines"]],
                    ["code", "qty", "unit", "price", "amount"]))
        print(tr("Total: S/ {amount}", amount=dec_str(g["total"])) + "\n")
    if not groups:
        print(tr("Nothing to buy: the stock covers the open orders."))
    return 0


def cmd_receive(args) -> int:
    from smedesk.core import parties
    from smedesk.core.errors import ValidationError
    from smedesk.stock import purchases

    series, _, number = args.document.strip().upper().partition("-")
    if not number.isdigit():
        raise ValidationError(tr("Write the document as SERIES-NUMBER (F001-123)."), field="document")
    with business_session(args) as (db, owner):
        party = parties.find_by_id_number(db, args.ruc)
        if party is None:
            raise ValidationError(tr("There is no supplier with RUC {ruc}.", ruc=args.ruc), field="ruc")
        lines = []
        for text in args.line:
            parts = text.split(":")
            if len(parts) != 3:
                raise ValidationError(tr("Write each line as CODE:QTY:PRICE; «{line}» is not.", line=text),
                                      field="line")
            lines.append({"code": parts[0], "qty": parts[1], "price": parts[2]})
        if not lines:
            group = next((g for g in purchases.suggested(db) if g["party_id"] == party["id"]), None)
            if group is None:
                raise ValidationError(tr("Nothing is suggested from {name}: give the lines with --line.",
                                         name=party["name"]), field="line")
            lines = [{"code": ln["code"], "qty": ln["qty"], "price": ln["price"]} for ln in group["lines"]]
        doc_id = purchases.record_purchase(db, party["id"], series, int(number), lines, date=args.date, actor=owner)
    print(tr("Purchase recorded (document {id}); its materials are in stock.", id=doc_id))
    return 0


def cmd_minimum(args) -> int:
    from smedesk.stock import position

    with business_session(args) as (db, owner):
        done = position.set_material_stock(db, args.code, minimum=args.qty, account=args.account, actor=owner)
    print(tr("{code}: minimum {minimum}, account {account}.", code=done["code"], minimum=canonical(done["minimum"]),
             account=done["account"]))
    return 0


def cmd_step(args) -> int:
    from smedesk.stock import consumption

    with business_session(args) as (db, owner):
        consumption.set_consuming_step(db, args.sku, args.material, args.seq, actor=owner)
    print(tr("{sku} uses {material} at step {seq}.", sku=args.sku.upper(), material=args.material.upper(),
             seq=args.seq))
    return 0


def cmd_month_end(args) -> int:
    from smedesk.stock import books

    with business_session(args) as (db, owner):
        plan = books.variation(db, args.month) if args.dry_run else books.post_month_end(db, args.month, actor=owner)
    for key, acc in plan["accounts"].items():
        print(tr("Account {account}: stock {value}, last posted {previous}, change {change}", account=key,
                 value=dec_str(acc["value"]), previous=dec_str(acc["previous"]), change=dec_str(acc["change"])))
    if not args.dry_run:
        print(tr("Entry {id} posted.", id=plan["entry_id"]) if plan["entry_id"] else tr("No change to post."))
    return 0
