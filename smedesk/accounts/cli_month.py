"""Subcommands for the accountant's month: report 621, exchange rates, detracciones,
retenciones, UIT, SUNAT's due-date schedule and the offline RUC padrón."""

from __future__ import annotations

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.i18n import tr


def register(sub, parent, rsub) -> None:
    import smedesk.accounts.withholdings  # noqa: F401  (its settings: accounts.regime, bn_account, coefficient)

    a = rsub.add_parser("621", parents=[parent], help="Formulario 621 figures of a month")
    a.add_argument("--month", required=True)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_621)

    p = sub.add_parser("fx", parents=[parent], help="SBS exchange rates (soles per dollar)")
    fsub = p.add_subparsers(dest="fx_command", metavar="ACTION", required=True)
    a = fsub.add_parser("import", parents=[parent], help="import SBS's daily rate file (all or nothing)")
    a.add_argument("file")
    a.set_defaults(handler=cmd_fx_import)
    a = fsub.add_parser("set", parents=[parent], help="type a day's selling rate once")
    a.add_argument("day")
    a.add_argument("rate")
    a.set_defaults(handler=cmd_fx_set)
    a = fsub.add_parser("list", parents=[parent], help="list the rates")
    a.add_argument("--from", dest="date_from", default=None)
    a.add_argument("--to", dest="date_to", default=None)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_fx_list)

    p = sub.add_parser("spot", parents=[parent], help="detracciones (SPOT)")
    ssub = p.add_subparsers(dest="spot_command", metavar="ACTION", required=True)
    a = ssub.add_parser("deposit", parents=[parent], help="record a detracción deposited")
    a.add_argument("document", help="SERIES-NUMBER (a sale; with --paid-from, a purchase)")
    a.add_argument("--date", default=None)
    a.add_argument("--constancia", default="")
    a.add_argument("--paid-from", dest="paid_from", default=None, help="purchase: the account that paid it")
    a.set_defaults(handler=cmd_spot_deposit)
    a = ssub.add_parser("pending", parents=[parent], help="purchases whose deposit is still to make")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_spot_pending)
    a = ssub.add_parser("balance", parents=[parent], help="the Banco de la Nación account's balance")
    a.set_defaults(handler=cmd_spot_balance)
    a = ssub.add_parser("product", parents=[parent], help="give a product or service its SPOT code (- clears it)")
    a.add_argument("sku")
    a.add_argument("code")
    a.set_defaults(handler=cmd_spot_product)

    p = sub.add_parser("retention", parents=[parent], help="comprobantes de retención (type 20) received")
    tsub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    a = tsub.add_parser("add", parents=[parent], help="record a comprobante de retención on a factura")
    a.add_argument("document")
    a.add_argument("amount")
    a.add_argument("--series", required=True)
    a.add_argument("--number", required=True)
    a.add_argument("--date", default=None)
    a.set_defaults(handler=cmd_retention_add)
    a = tsub.add_parser("agent", parents=[parent], help="mark a customer (by RUC) as agente de retención, or not")
    a.add_argument("ruc")
    a.add_argument("--no", dest="agent", action="store_false")
    a.set_defaults(handler=cmd_retention_agent)

    p = sub.add_parser("uit", parents=[parent], help="the UIT of a year")
    usub = p.add_subparsers(dest="uit_command", metavar="ACTION", required=True)
    a = usub.add_parser("set", parents=[parent])
    a.add_argument("year", type=int)
    a.add_argument("amount")
    a.set_defaults(handler=cmd_uit_set)

    p = sub.add_parser("tax-calendar", parents=[parent], help="SUNAT's due dates by the RUC's last digit")
    csub = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    a = csub.add_parser("import", parents=[parent], help="CSV period,digit,due_date")
    a.add_argument("file")
    a.set_defaults(handler=cmd_calendar_import)
    a = csub.add_parser("list", parents=[parent])
    a.add_argument("year")
    a.set_defaults(handler=cmd_calendar_list)

    p = sub.add_parser("padron", parents=[parent], help="SUNAT's padrón reducido, as a local index (optional)")
    psub = p.add_subparsers(dest="padron_command", metavar="ACTION", required=True)
    a = psub.add_parser("import", parents=[parent], help="import padron_reducido_ruc.zip (or .txt)")
    a.add_argument("file")
    a.set_defaults(handler=cmd_padron_import)
    a = psub.add_parser("lookup", parents=[parent], help="name, state and condition of a RUC")
    a.add_argument("ruc")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_padron_lookup)


def _show(lines: list[list], headers: list[str]) -> None:
    text = table([dict(zip(headers, (str(v) for v in li), strict=True)) for li in lines], headers)
    if text:
        print(text)


def cmd_621(args) -> int:
    from smedesk.accounts import form621
    from smedesk.accounts.reports import as_json

    with business_session(args) as (db, _):
        data = as_json(form621.figures(db, args.month))
    if args.json:
        print_json(data)
    else:
        _show([[k, "" if v is None else str(v)] for k, v in data.items()], [tr("Figure"), tr("Value")])
    return 0


def cmd_fx_import(args) -> int:
    from smedesk.accounts import exchange

    with business_session(args) as (db, actor):
        done = exchange.import_sbs_file(db, args.file, actor=actor)
    print(tr("{count} rates imported ({first} to {last}).", count=done.count, first=done.first, last=done.last))
    return 0


def cmd_fx_set(args) -> int:
    from smedesk.accounts import exchange

    with business_session(args) as (db, actor):
        exchange.set_rate(db, args.day, args.rate, actor=actor)
    return 0


def cmd_fx_list(args) -> int:
    from smedesk.accounts import exchange

    with business_session(args) as (db, _):
        found = exchange.list_rates(db, args.date_from, args.date_to)
    if args.json:
        print_json(found)
    else:
        _show([[r["day"], r["sell"], r["buy"], r["source"]] for r in found],
              [tr("Date"), tr("Sell"), tr("Buy"), tr("Source")])
    return 0


def cmd_spot_deposit(args) -> int:
    from smedesk.accounts import withholdings

    with business_session(args) as (db, actor):
        withholdings.record_spot_deposit(db, args.document, actor=actor, date=args.date, constancia=args.constancia,
                                         paid_from=args.paid_from)
    return 0


def cmd_spot_pending(args) -> int:
    from smedesk.accounts import withholdings
    from smedesk.core.money import dec_str, from_cents

    with business_session(args) as (db, _):
        found = withholdings.pending_spot_purchases(db)
    shaped = [{"document": r["label"], "date": r["date"], "supplier": r["party_name"], "ruc": r["party_doc"],
               "spot_code": r["spot_code"], "amount": dec_str(from_cents(r["detraccion_cents"]))} for r in found]
    if args.json:
        print_json(shaped)
    else:
        _show([list(r.values()) for r in shaped], [tr("Document"), tr("Date"), tr("Supplier"), "RUC", "SPOT",
                                                   tr("Deposit")])
    return 0


def cmd_spot_balance(args) -> int:
    from smedesk.accounts import withholdings
    from smedesk.core.money import dec_str

    with business_session(args) as (db, _):
        print(dec_str(withholdings.bn_balance(db)))
    return 0


def cmd_retention_add(args) -> int:
    from smedesk.accounts import withholdings

    with business_session(args) as (db, actor):
        withholdings.record_retention(db, args.document, args.amount, series=args.series, number=args.number,
                                      date=args.date, actor=actor)
    return 0


def cmd_spot_product(args) -> int:
    from smedesk.accounts import withholdings
    from smedesk.core.db import scalar
    from smedesk.core.errors import ValidationError

    with business_session(args) as (db, actor):
        product = scalar(db, "SELECT id FROM products WHERE sku = ? AND deleted_at IS NULL", [args.sku])
        if product is None:
            raise ValidationError(tr("There is no product {sku}.", sku=args.sku), field="sku")
        withholdings.set_product_spot(db, product, None if args.code == "-" else args.code, actor=actor)
    return 0


def cmd_retention_agent(args) -> int:
    from smedesk.accounts import withholdings
    from smedesk.core.db import scalar
    from smedesk.core.errors import ValidationError

    with business_session(args) as (db, actor):
        party = scalar(db, "SELECT id FROM parties WHERE id_type = 'ruc' AND id_number = ? AND deleted_at IS NULL",
                       [args.ruc.strip()])
        if party is None:
            raise ValidationError(tr("There is no customer with RUC {ruc}.", ruc=args.ruc), field="ruc")
        withholdings.set_retention_agent(db, party, args.agent, actor=actor)
    return 0


def cmd_uit_set(args) -> int:
    from smedesk.accounts import form621

    with business_session(args) as (db, actor):
        form621.set_uit(db, args.year, args.amount, actor=actor)
    return 0


def cmd_calendar_import(args) -> int:
    from smedesk.accounts import form621

    with business_session(args) as (db, actor):
        count = form621.import_calendar(db, args.file, actor=actor)
    print(tr("{count} due dates imported.", count=count))
    return 0


def cmd_calendar_list(args) -> int:
    from smedesk.accounts import form621

    with business_session(args) as (db, _):
        found = form621.calendar(db, args.year)
    _show([[r["period"], r["digit"], r["due_date"]] for r in found], [tr("Period"), tr("Last digit"), tr("Due date")])
    return 0


def cmd_padron_import(args) -> int:
    from smedesk.accounts import padron

    with business_session(args) as (db, actor):
        done = padron.import_padron(db, args.file, actor=actor)
    print(tr("{count} RUCs in the index {path} ({size} MB).", count=done.count, path=done.path,
             size=round(done.size / 1e6, 1)))
    return 0


def cmd_padron_lookup(args) -> int:
    from smedesk.accounts import padron

    with business_session(args) as (db, _):
        found = padron.lookup(db, args.ruc)
    if found is None:
        print(tr("{ruc} is not in the padrón index.", ruc=args.ruc))
        return 1
    if args.json:
        print_json(found)
    else:
        print(f"{found['ruc']} {found['name']} — {found['state']} / {found['condition']}")
        if found["warning"]:
            print(found["warning"])
    return 0
