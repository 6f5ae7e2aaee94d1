"""`smedesk seace`: import OCDS files, pull from the portal, search, prices,
saved searches."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

from smedesk.core.cli_support import business_session, table
from smedesk.core.i18n import tr
from smedesk.tenders import client, importer, interests, prices
from smedesk.tenders.search import Criteria, cents_or_none, search


def register(sub, parent) -> None:
    p = sub.add_parser("seace", parents=[parent], help="public tenders (SEACE, OCDS data)")
    ssub = p.add_subparsers(dest="seace_command", metavar="ACTION", required=True)

    a = ssub.add_parser("import", parents=[parent], help="import OCDS JSON packages or bulk ZIPs")
    a.add_argument("files", nargs="+", metavar="FILE")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_import)

    a = ssub.add_parser("pull", parents=[parent], help="pull new processes from the portal")
    a.add_argument("--base-url", default=None, metavar="URL")
    a.add_argument("--max-pages", type=int, default=None, metavar="N")
    a.add_argument("--releases", action="store_true", help="pull releases instead of records")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_pull)

    a = ssub.add_parser("search", parents=[parent], help="search stored processes")
    a.add_argument("words", nargs="*", metavar="WORDS")
    a.add_argument("--cubso", action="append", default=[], metavar="PREFIX")
    a.add_argument("--department", action="append", default=[], metavar="NAME")
    a.add_argument("--min", default=None, metavar="AMOUNT")
    a.add_argument("--max", default=None, metavar="AMOUNT")
    a.add_argument("--open", action="store_true", help="only calls still open")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_search)

    a = ssub.add_parser("prices", parents=[parent], help="awarded unit prices for a CUBSO/UNSPSC code")
    a.add_argument("code", metavar="CODE")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_prices)

    a = ssub.add_parser("interests", parents=[parent], help="saved searches and their new/changed marks")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_interests)


def _number(value):
    """A Decimal as a JSON number with the same digits (never through arithmetic)."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral() else float(str(value))


def _dump(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _report(report, as_json: bool) -> int:
    if as_json:
        _dump(report.as_dict())
    else:
        print(tr("{new} new, {changed} changed, {same} unchanged.", new=len(report.new),
                 changed=len(report.changed), same=report.unchanged + report.older))
    for where, reason in report.problems:
        print(f"{where}: {reason}", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_import(args) -> int:
    with business_session(args) as (db, owner):
        return _report(importer.import_files(db, args.files, actor=owner), args.json)


def cmd_pull(args) -> int:
    with business_session(args) as (db, owner):
        with client.session() as session:
            report = client.pull(db, session, args.base_url, actor=owner, max_pages=args.max_pages,
                                 kind="releases" if args.releases else "records")
        return _report(report, args.json)


def cmd_search(args) -> int:
    with business_session(args) as (db, _owner):
        crit = Criteria(words=" ".join(args.words), codes=args.cubso, departments=args.department,
                        min_cents=cents_or_none(args.min, "min"), max_cents=cents_or_none(args.max, "max"))
        if args.open:
            from smedesk.core import clock

            crit.ending_after = clock.now_iso()
        found = search(db, crit, limit=None)
    if args.json:
        _dump([{"ocid": p["ocid"], "title": p["title"], "description": p["description"],
                "buyer": p["buyer"], "department": p["department"], "method": p["method"],
                "category": p["category"], "status": p["status"], "amount": _number(p["amount"]),
                "currency": p["currency"], "published": p["published"], "enquiry_end": p["enquiry_end"],
                "tender_end": p["tender_end"]} for p in found])
    else:
        print(table([{**p, "amount": p["amount"] if p["amount"] is not None else "-"} for p in found],
                    ["ocid", "title", "department", "status", "amount", "tender_end"]))
    return 0


def cmd_prices(args) -> int:
    with business_session(args) as (db, _owner):
        lines = prices.awarded(db, args.code)
    if args.json:
        _dump([{"ocid": x["ocid"], "date": x["date"], "unit_price": _number(x["unit_price"]),
                "quantity": _number(x["quantity"]), "unit": x["unit"], "supplier": x["supplier"],
                "supplier_ruc": x["supplier_ruc"], "cubso": x["cubso"], "department": x["department"]}
               for x in lines])
    else:
        print(table(lines, ["date", "ocid", "unit_price", "quantity", "supplier"]))
    return 0


def cmd_interests(args) -> int:
    with business_session(args) as (db, _owner):
        found = interests.list_interests(db)
    if args.json:
        _dump([{"id": i["id"], "name": i["name"], "words": i["words"], "codes": i["codes"],
                "departments": i["departments"], "new": i["new"], "changed": i["changed"]} for i in found])
    else:
        print(table(found, ["id", "name", "words", "new", "changed"]))
    return 0
