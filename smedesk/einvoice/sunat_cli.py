"""`smedesk sunat credentials|send|status|cdr|void|reissue|contingency`: the SUNAT side of
electronic comprobantes from the command line (same functions as the window)."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core.cli_support import business_session, print_json
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.einvoice import bajas, contingency, part1, sending, sol, waiting


def register(sub, parent) -> None:
    p = sub.add_parser("sunat", parents=[parent], help="send comprobantes to SUNAT and read its answers (CDR)")
    actions = p.add_subparsers(dest="sunat_action", metavar="ACTION", required=True)

    c = actions.add_parser("credentials", parents=[parent], help="store the SOL user for SUNAT's web services")
    c.add_argument("--user", required=True, help="the RUC followed by the SOL user (20100123453MODDATOS)")
    c.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    c.add_argument("--endpoint", metavar="URL", default=None,
                   help="beta, production or an OSE's https:// address (default: beta for MODDATOS, else production)")
    c.add_argument("--consult-endpoint", metavar="URL", default=None,
                   help="billConsultService address, to fetch CDRs again (default: SUNAT's, in production)")
    c.set_defaults(handler=cmd_credentials)

    s = actions.add_parser("send", parents=[parent], help="send what waits for SUNAT")
    s.add_argument("--max", type=int, default=None, metavar="N", help="at most N documents")
    s.set_defaults(handler=cmd_send)

    t = actions.add_parser("status", parents=[parent], help="state of each document with SUNAT")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=cmd_status)

    d = actions.add_parser("cdr", parents=[parent], help="write the CDR SUNAT gave for a document")
    d.add_argument("document", metavar="SERIES-NUMBER")
    d.add_argument("-o", "--output", metavar="FILE.zip", required=True)
    d.set_defaults(handler=cmd_cdr)

    v = actions.add_parser("void", parents=[parent], help="void an accepted document (baja or resumen)")
    v.add_argument("document", metavar="SERIES-NUMBER")
    v.add_argument("--reason", required=True, metavar="TEXT")
    v.set_defaults(handler=cmd_void)

    r = actions.add_parser("reissue", parents=[parent],
                           help="issue again, under a new number, a document SUNAT rejected or one past its deadline")
    r.add_argument("document", metavar="SERIES-NUMBER")
    r.set_defaults(handler=cmd_reissue)

    g = actions.add_parser("contingency", parents=[parent],
                           help="write the resumen of the contingency (paper) comprobantes of a month, to upload "
                                "in SUNAT Operaciones en Línea")
    g.add_argument("--month", required=True, metavar="YYYY-MM")
    g.add_argument("--reason", required=True, metavar="1-7",
                   help="motivo de contingencia: 1 no internet, 2 power failure, 3 natural disaster, 4 theft, "
                        "5 issuing system failure, 6 itinerant sales, 7 other")
    g.add_argument("-o", "--output", required=True, metavar="FILE.txt|FILE.zip")
    g.set_defaults(handler=cmd_contingency)


def cmd_credentials(args) -> int:
    password = sys.stdin.readline().rstrip("\r\n")
    with business_session(args) as (db, _owner):
        where = sol.save(db, args.user, password, args.endpoint, args.consult_endpoint)
    print(tr("SOL user saved in {where}.", where=where))
    return 0


def cmd_send(args) -> int:
    if args.max is not None and args.max < 1:
        raise ValidationError(tr("--max must be 1 or more."), field="max")
    with business_session(args) as (db, owner):
        client = sol.load(db).client()
        result = sending.run(db, client, part1.current(), actor=owner, max_items=args.max)
        for line in result.lines:
            print(line.text())
        if result.stopped:
            print(result.stopped, file=sys.stderr)
        if result.left:
            reasons = {li.message for li in result.lines if li.state not in ("accepted", "observed", "rejected")}
            for reason in sorted(r for r in reasons if r):
                print(reason, file=sys.stderr)
            print(tr("{count} documents still wait for SUNAT.", count=result.left), file=sys.stderr)
            return 1
    return 0


def cmd_status(args) -> int:
    with business_session(args) as (db, _owner):
        found = waiting.documents(db)
    keys = ("document", "type", "state", "code", "description", "observations", "deadline")
    if args.json:
        print_json([{k: d[k] for k in keys} for d in found])
        return 0
    for d in found:
        due = tr(" (send by {date})", date=d["deadline"]) if d["deadline"] else ""
        code = f" {d['code']}" if d["code"] else ""
        print(f"{d['document']}  {d['type']}  {tr(waiting.STATE_NAMES[d['state']])}{code}{due}"
              + (f"  {d['description']}" if d["description"] else ""))
        for o in d["observations"]:
            print(f"    {o.get('code', '')} {o.get('description', '')}")
    return 0


def cmd_cdr(args) -> int:
    with business_session(args) as (db, _owner):
        _name, data = waiting.cdr_zip(db, args.document)
    out = Path(args.output)
    if not out.parent.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=out.parent), field="output")
    out.write_bytes(data)
    print(tr("CDR written to {path}.", path=out))
    return 0


def cmd_void(args) -> int:
    with business_session(args) as (db, owner):
        print(bajas.void(db, args.document, args.reason, actor=owner, part1=part1.current()))
    return 0


def cmd_reissue(args) -> int:
    with business_session(args) as (db, owner):
        new_id = bajas.reissue(db, args.document, actor=owner)
        doc = waiting.by_document(db, new_id)
    print(tr("Issued again as {doc}; it waits to be sent to SUNAT.", doc=doc["document"]))
    return 0


def cmd_contingency(args) -> int:
    with business_session(args) as (db, owner):
        done = contingency.write(db, args.month, args.reason, Path(args.output), actor=owner)
    print(tr("{count} contingency documents of {month} written to {path}: upload it in SUNAT Operaciones en Línea.",
             count=done["documents"], month=done["month"], path=done["file"]))
    return 0
