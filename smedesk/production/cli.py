"""Catalogue and costing commands: import, export, cost, whatif, costsheet, catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core.cli_support import business_session, print_json, table
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str
from smedesk.production.imports import KINDS


def register(sub, parent) -> None:
    p = sub.add_parser("import", parents=[parent], help="import materials, products, bom, routing or overhead")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("file")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[parent], help="export the catalogue as CSV or XLSX")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("file", help="FILE.csv or FILE.xlsx")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("cost", parents=[parent], help="unit cost of a product, line by line")
    p.add_argument("sku")
    p.add_argument("--variant", default=None, metavar="SIZE[/COLOUR]")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cost)

    p = sub.add_parser("whatif", parents=[parent], help="what if a price or rate changes")
    p.add_argument("--material", action="append", default=[], metavar="CODE=PRICE")
    p.add_argument("--rate", action="append", default=[], metavar="STEP=RATE_PER_HOUR")
    p.add_argument("--piece-rate", action="append", default=[], metavar="STEP=RATE")
    p.add_argument("--fx", default=None, help="soles per US dollar")
    p.add_argument("--hours", default=None, help="productive hours per month")
    p.add_argument("--apply", action="store_true", help="save the change")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_whatif)

    p = sub.add_parser("costsheet", parents=[parent], help="cost sheet of a product as PDF")
    p.add_argument("sku")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", dest="doc_lang", choices=("es", "en"), default="es")
    p.add_argument("--variant", default=None, metavar="SIZE[/COLOUR]")
    p.set_defaults(handler=cmd_costsheet)

    p = sub.add_parser("catalogue", parents=[parent], help="product catalogue PDF for buyers")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", dest="doc_lang", choices=("es", "en"), default="en")
    p.set_defaults(handler=cmd_catalogue)


def cmd_import(args) -> int:
    from smedesk.production.imports import import_file

    with business_session(args) as (db, owner):
        result = import_file(db, args.kind, args.file, actor=owner)
    print(result.summary())
    return 0


def cmd_export(args) -> int:
    from smedesk.production.imports import export_file

    with business_session(args) as (db, _owner):
        path = export_file(db, args.kind, args.file)
    print(tr("Written {path}", path=path))
    return 0


def find_variant(db, product_id: int, text: str | None) -> int | None:
    if not text:
        return None
    from smedesk.production import catalogue as cat

    size, _, colour = text.partition("/")
    for v in cat.variants(db, product_id):
        if v["size"].upper() == size.strip().upper() and (not colour or v["colour"].casefold() == colour.strip().casefold()):
            return v["id"]
    raise ValidationError(tr("The product has no variant «{variant}».", variant=text), field="variant")


def cmd_cost(args) -> int:
    from smedesk.production import catalogue as cat
    from smedesk.production import costing

    with business_session(args) as (db, _owner):
        product = cat.get_product(db, args.sku)
        if product is None:
            raise ValidationError(tr("There is no product «{sku}».", sku=args.sku), field="sku")
        cost = costing.unit_cost(db, product["id"], variant_id=find_variant(db, product["id"], args.variant),
                                 as_of=args.as_of)
        price = costing.default_price(db, cost)
    if args.json:
        data = cost.as_json()
        data["price"] = {"net": str(price.net), "igv": str(price.igv), "gross": str(price.gross),
                         "basis": price.basis}
        print_json(data)
        return 0
    title = f"{cost.sku} {cost.variant}".strip()
    print(f"{title} — {cost.name} ({cost.as_of})")
    print(table([{"kind": tr(costing.KIND_NAMES[k.kind]), "reference": k.reference, "quantity": k.quantity,
                  "unit": k.unit, "amount": dec_str(k.amount)} for k in cost.lines],
                ["kind", "reference", "quantity", "unit", "amount"]))
    for label_text, value in ((tr("Materials"), cost.materials), (tr("Labour"), cost.labour),
                              (tr("Overhead"), cost.overhead), (tr("Unit cost"), cost.unit_cost),
                              (tr("Price without IGV"), price.net), (tr("Price with IGV"), price.gross)):
        print(f"{label_text:>20}: S/ {value}")
    return 0


def _pairs(values: list[str], what: str) -> dict:
    out = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not key.strip():
            raise ValidationError(tr("Write {what} as NAME=NUMBER, not «{value}».", what=what, value=value))
        out[key.strip()] = number.strip()
    return out


def cmd_whatif(args) -> int:
    from smedesk.production.whatif import apply_changes, what_if

    overrides = {"materials": _pairs(args.material, "--material"), "step_rates": _pairs(args.rate, "--rate"),
                 "piece_rates": _pairs(args.piece_rate, "--piece-rate")}
    if args.fx:
        overrides["fx"] = args.fx
    if args.hours:
        overrides["hours_per_month"] = args.hours
    overrides = {k: v for k, v in overrides.items() if v}
    if not overrides:
        print(tr("Say what changes: --material, --rate, --piece-rate, --fx or --hours."), file=sys.stderr)
        return 2
    with business_session(args) as (db, owner):
        changes = what_if(db, overrides)
        if args.apply:
            apply_changes(db, overrides, actor=owner)
    if args.json:
        print_json([{"sku": c.sku, "name": c.name, "old": str(c.old), "new": str(c.new),
                     "difference": str(c.difference)} for c in changes])
    else:
        print(table([{"sku": c.sku, "name": c.name, "old": c.old, "new": c.new, "difference": c.difference}
                     for c in changes], ["sku", "name", "old", "new", "difference"]) or tr("No product changes."))
        if args.apply:
            print(tr("Saved."))
    return 0


def cmd_costsheet(args) -> int:
    from smedesk.production import catalogue as cat
    from smedesk.production.printing import write_cost_sheet

    with business_session(args) as (db, _owner):
        product = cat.get_product(db, args.sku)
        if product is None:
            raise ValidationError(tr("There is no product «{sku}».", sku=args.sku), field="sku")
        path = write_cost_sheet(db, product["id"], Path(args.output), lang=args.doc_lang,
                                variant_id=find_variant(db, product["id"], args.variant))
    print(tr("Written {path}", path=path))
    return 0


def cmd_catalogue(args) -> int:
    from smedesk.production.printing import write_catalogue

    with business_session(args) as (db, _owner):
        path = write_catalogue(db, Path(args.output), lang=args.doc_lang)
    print(tr("Written {path}", path=path))
    return 0
