"""`smedesk cert load FILE --password-stdin`, `smedesk cert show [--json]`."""

from __future__ import annotations

import sys

from smedesk.core.cli_support import business_session, print_json
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr


def register(sub, parent) -> None:
    p = sub.add_parser("cert", parents=[parent], help="the digital certificate that signs the comprobantes")
    csub = p.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    a = csub.add_parser("load", parents=[parent], help="load a .pfx/.p12 certificate (password on standard input)")
    a.add_argument("file")
    a.add_argument("--password-stdin", action="store_true", required=True)
    a.set_defaults(handler=cmd_cert_load)
    a = csub.add_parser("show", parents=[parent], help="whose the certificate is and when it expires")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_cert_show)


def cmd_cert_load(args) -> int:
    from smedesk.einvoice import certificate

    password = sys.stdin.readline().rstrip("\r\n")
    with business_session(args) as (db, owner):
        info = certificate.install(db, args.file, password, actor=owner)
        warning = certificate.expiry_warning(info)
    print(tr("Certificate loaded: {subject}, RUC {ruc}, valid until {date}.", subject=info.subject, ruc=info.ruc,
             date=info.not_after[:10]))
    if warning:
        print(warning, file=sys.stderr)
    return 0


def cmd_cert_show(args) -> int:
    from smedesk.einvoice import certificate

    with business_session(args) as (db, _):
        info = certificate.info(db)
    if info is None:
        raise ValidationError(tr("No digital certificate is loaded: load the .pfx on the Business page "
                                 "(or `smedesk cert load`)."), field="certificate")
    if args.json:
        print_json(info.as_dict())
    else:
        for key, value in info.as_dict().items():
            print(f"{key}: {value}")
        warning = certificate.expiry_warning(info)
        if warning:
            print(warning)
    return 0


def cmd_docs_xml(args) -> int:
    """`smedesk docs xml SERIES-NUMBER -o DIR` (registered with the docs commands)."""
    from pathlib import Path

    from smedesk.accounts.documents import find_sale
    from smedesk.einvoice.api import signed_xml

    with business_session(args) as (db, _):
        doc = find_sale(db, args.document)
        name, xml = signed_xml(db, doc["id"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.xml"
    target.write_bytes(xml)
    print(target)
    return 0
