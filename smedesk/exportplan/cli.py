"""`smedesk exportplan …`: price build-up, plans, PDFs, drawback rates."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str
from smedesk.exportplan import plans, pricing, rates, templates


def register(sub, parent) -> None:
    p = sub.add_parser("exportplan", parents=[parent], help="export plans and export prices")
    esub = p.add_subparsers(dest="exportplan_command", metavar="ACTION", required=True)

    a = esub.add_parser("price", parents=[parent], help="export price build-up for a product")
    a.add_argument("sku")
    a.add_argument("--qty", required=True)
    a.add_argument("--incoterm", required=True, type=str.upper, choices=pricing.INCOTERMS)
    a.add_argument("--costs", required=True, metavar="FILE.json")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_price)

    a = esub.add_parser("pdf", parents=[parent], help="the plan as a PDF")
    a.add_argument("plan", help="plan number or title")
    a.add_argument("-o", "--out", required=True, metavar="FILE.pdf")
    a.add_argument("--lang", choices=("es", "en"), default="es")
    a.set_defaults(handler=cmd_pdf)

    a = esub.add_parser("proforma", parents=[parent], help="a proforma/quotation for a buyer")
    a.add_argument("plan")
    a.add_argument("-o", "--out", required=True, metavar="FILE.pdf")
    a.add_argument("--buyer", required=True)
    a.add_argument("--address", default="")
    a.add_argument("--country", default="")
    a.add_argument("--contact", default="")
    a.add_argument("--incoterm", type=str.upper, choices=pricing.INCOTERMS, default=None)
    a.add_argument("--place", default="")
    a.add_argument("--valid-days", type=int, default=30)
    a.add_argument("--payment", default="")
    a.add_argument("--lang", choices=("es", "en"), default="en")
    a.set_defaults(handler=cmd_proforma)

    a = esub.add_parser("list", parents=[parent], help="list export plans")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_list)

    a = esub.add_parser("create", parents=[parent], help="create a plan from a template")
    a.add_argument("title")
    a.add_argument("--template", choices=templates.TEMPLATES, default="blank")
    a.add_argument("--product", metavar="SKU", default=None)
    a.add_argument("--country", default="")
    a.set_defaults(handler=cmd_create)

    a = esub.add_parser("set", parents=[parent], help="change a plan's product, market or price inputs")
    a.add_argument("plan")
    a.add_argument("--product", metavar="SKU")
    a.add_argument("--country")
    a.add_argument("--qty")
    a.add_argument("--incoterm", type=str.upper, choices=pricing.INCOTERMS)
    a.add_argument("--costs", metavar="FILE.json")
    a.add_argument("--people")
    a.add_argument("--hours", dest="hours_per_month")
    a.set_defaults(handler=cmd_set)

    a = esub.add_parser("show", parents=[parent], help="show a plan and its price")
    a.add_argument("plan")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_show)

    a = esub.add_parser("delete", parents=[parent], help="delete a plan")
    a.add_argument("plan")
    a.set_defaults(handler=cmd_delete)

    a = esub.add_parser("drawback", parents=[parent], help="drawback (restitución) rates")
    dsub = a.add_subparsers(dest="drawback_command", metavar="ACTION", required=True)
    d = dsub.add_parser("list", parents=[parent])
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=cmd_drawback_list)
    d = dsub.add_parser("set", parents=[parent])
    d.add_argument("valid_from", metavar="YYYY-MM-DD")
    d.add_argument("rate_pct")
    d.add_argument("--note", default="")
    d.set_defaults(handler=cmd_drawback_set)


def read_costs(path: str) -> dict:
    file = Path(path)
    if not file.is_file():
        raise ValidationError(tr("The costs file {path} does not exist.", path=path), field="costs")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(tr("The costs file {path} is not valid JSON: {reason}", path=path, reason=exc),
                              field="costs") from None
    if not isinstance(data, dict):
        raise ValidationError(tr("The costs file must hold one JSON object."), field="costs")
    for key, value in data.items():
        if isinstance(value, float):  # read as text so no float ever touches the money
            data[key] = repr(value)
    unknown = sorted(set(data) - set(pricing.COST_FIELDS))
    if unknown:
        raise ValidationError(tr("Unknown keys in the costs file: {keys}", keys=", ".join(unknown)), field="costs")
    return data


def _price_lines(result: plans.PlanPrice) -> str:
    build = result.build
    lines = [f"{'':4} {tr('Per unit S/'):>14} {tr('Per unit US$'):>14} {tr('Shipment US$'):>14}"]
    for term in build.terms():
        lines.append(f"{term:4} {dec_str(build.unit_pen[term]):>14} {dec_str(build.unit_usd[term]):>14}"
                     f" {dec_str(build.total_usd_at(term)):>14}")
    if result.drawback_pen is not None:
        lines.append(tr("Drawback refund (not part of the price): {rate}% of the FOB value = S/ {amount}",
                        rate=result.drawback_rate, amount=dec_str(result.drawback_pen)))
    return "\n".join(lines)


def cmd_price(args) -> int:
    costs = pricing.clean_costs(read_costs(args.costs))
    qty = pricing.clean_qty(args.qty)
    with business_session(args) as (db, _owner):
        from smedesk.production import catalogue

        product = catalogue.get_product(db, args.sku)
        if product is None:
            raise ValidationError(tr("There is no product «{sku}» in the catalogue.", sku=args.sku), field="product")
        result = plans.price_with(db, rates.unit_cost(db, product["id"]), qty, costs, args.incoterm)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if args.json:
        print_json(result.build.as_json())
    else:
        print(_price_lines(result))
    return 0


def cmd_pdf(args) -> int:
    from smedesk.exportplan.printing import write_plan_pdf

    with business_session(args) as (db, _owner):
        path = write_plan_pdf(db, args.plan, args.out, lang=args.lang)
    print(path)
    return 0


def cmd_proforma(args) -> int:
    from smedesk.exportplan.printing import write_proforma_pdf
    from smedesk.printouts.proforma_pdf import Buyer

    with business_session(args) as (db, _owner):
        path = write_proforma_pdf(db, args.plan, args.out,
                                  Buyer(args.buyer, args.address, args.country, args.contact),
                                  lang=args.lang, incoterm=args.incoterm, place=args.place,
                                  valid_days=args.valid_days, payment=args.payment)
    print(path)
    return 0


def cmd_list(args) -> int:
    with business_session(args) as (db, _owner):
        found = plans.list_plans(db)
    if args.json:
        print_json(found)
    elif found:
        print(table(found, ["id", "title", "template", "sku", "country", "incoterm", "qty"]))
    else:
        print(tr("No export plans yet."))
    return 0


def cmd_create(args) -> int:
    with business_session(args) as (db, owner):
        plan_id = plans.create_plan(db, args.title, template=args.template, product=args.product,
                                    country=args.country, actor=owner)
    print(plan_id)
    return 0


def cmd_set(args) -> int:
    data = {k: getattr(args, k) for k in ("product", "country", "qty", "incoterm", "people", "hours_per_month")
            if getattr(args, k) is not None}
    if args.costs:
        data["costs"] = read_costs(args.costs)
    with business_session(args) as (db, owner):
        plans.save_plan(db, args.plan, data, actor=owner)
    return 0


def cmd_show(args) -> int:
    with business_session(args) as (db, _owner):
        plan = plans.get_plan(db, args.plan)
        try:
            result = plans.price_of(db, plan)
        except ValidationError as exc:
            result, reason = None, str(exc)
        capacity = plans.monthly_capacity(db, plan)
    product = plan["product"]
    if args.json:
        out = {k: plan[k] for k in ("id", "title", "template", "country", "incoterm", "qty", "people",
                                    "hours_per_month", "texts", "costs", "actions", "budget")}
        out["sku"] = product["sku"] if product else None
        out["monthly_capacity"] = capacity
        out["price"] = result.build.as_json() if result else None
        out["warnings"] = result.warnings if result else [reason]
        print_json(out)
        return 0
    print(f"{plan['id']}  {plan['title']}  ({plan['template']})")
    print(tr("Product: {product}", product=f"{product['sku']} {product['name']}" if product else "-"))
    print(tr("Country: {country}", country=plan["country"] or "-"))
    print(tr("Monthly capacity: {n} units", n=capacity if capacity is not None else "-"))
    print(_price_lines(result) if result else reason)
    for warning in result.warnings if result else []:
        print(warning)
    return 0


def cmd_delete(args) -> int:
    with business_session(args) as (db, owner):
        plans.delete_plan(db, args.plan, actor=owner)
    return 0


def cmd_drawback_list(args) -> int:
    with business_session(args) as (db, _owner):
        found = rates.drawback_rates(db)
    if args.json:
        print_json([{k: r[k] for k in ("valid_from", "rate_pct", "note")} for r in found])
    elif found:
        print(table(found, ["valid_from", "rate_pct", "note"]))
    else:
        print(tr("No drawback rate entered yet."))
    return 0


def cmd_drawback_set(args) -> int:
    with business_session(args) as (db, owner):
        rates.set_drawback_rate(db, args.valid_from, args.rate_pct, note=args.note, actor=owner)
    return 0
