"""Sync commands: `smedesk sync [status|keys|retry]`, the bundle options, and
`smedesk feed -o FILE`."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from smedesk.core import business
from smedesk.core.cli_support import business_session, print_json
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.sync import bundle, credentials, feed, now, outbox
from smedesk.sync import config as sync_config
from smedesk.sync.transport import check_base_url
from smedesk.sync.woocommerce import WooCommerce

ACTIONS = ("status", "keys", "retry")


def register(sub, parent) -> None:
    p = sub.add_parser("sync", parents=[parent], help="send the outbox to the shop and bring in orders")
    p.add_argument("action", nargs="?", choices=ACTIONS,
                   help="status: counts; keys: store the shop's API keys; retry: retry every failed item")
    p.add_argument("--adapter", choices=("woocommerce",), default="woocommerce")
    p.add_argument("--base-url", metavar="URL", default=None, help="shop address (default: setting sync.base_url)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write-bundle", metavar="FILE", help="write the pending outbox into a bundle file")
    group.add_argument("--bundle", metavar="FILE", help="send a bundle and write the answers into it")
    group.add_argument("--read-bundle", metavar="FILE", help="apply the answers carried in a bundle")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.add_argument("--orders-from", metavar="WHEN", default=None,
                   help="with keys, on the first connection: take shop orders from now (default), all, or YYYY-MM-DD")
    p.add_argument("--sunat-user", metavar="USER", default=None,
                   help="with --bundle: the SOL user for SUNAT, typed at the cabina and not saved")
    p.add_argument("--sunat-password-stdin", action="store_true",
                   help="with --sunat-user: read the SOL password from stdin")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("feed", parents=[parent], help="write the product feed file (Google Merchant / schema.org)")
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--format", choices=feed.FORMATS, default=None, help="xml (Google Merchant) or json (schema.org)")
    p.set_defaults(handler=cmd_feed)


_keys_for = now.keys_for


def cmd_sync(args) -> int:
    if args.bundle:
        return _send_bundle(args)
    if args.action and (args.write_bundle or args.read_bundle):
        raise ValidationError(tr("Use an action or a bundle option, not both."))
    with business_session(args) as (db, owner):
        if args.action == "status":
            return _status(db, args)
        if args.action == "keys":
            return _keys(db, owner, args.orders_from)
        if args.action == "retry":
            print(tr("{count} failed items will be tried again.", count=outbox.retry_all_failed(db, actor=owner)))
            return 0
        config = sync_config.load(db)
        if args.write_bundle:
            info = bundle.write_bundle(db, Path(args.write_bundle), actor=owner, config=config)
            print(tr("{count} items written to {path}. Take it to a connected computer and run «smedesk sync --bundle {path}».",
                     count=info.items, path=args.write_bundle))
            if info.sunat:
                print(tr("{count} documents for SUNAT travel in it too.", count=info.sunat))
            if info.sunat_note:
                print(info.sunat_note, file=sys.stderr)
            return 0
        if args.read_bundle:
            info = bundle.read_bundle(db, Path(args.read_bundle), actor=owner)
            if info.already:
                print(tr("This bundle was already read; nothing changed."))
            else:
                print(tr("Bundle read: {sent} sent, {failed} failed, {received} new from the shop.",
                         sent=info.sent, failed=info.failed, received=info.received))
                for text in info.warnings:
                    print(text, file=sys.stderr)
                if info.sunat:
                    print(tr("{count} answers from SUNAT applied.", count=info.sunat))
            return 0
        return _run(db, owner, config, args)


def _status(db, args) -> int:
    counts = outbox.counts(db)
    if args.json:
        print_json(counts)
    else:
        print(tr("Pending: {pending}  Sent: {sent}  Failed: {failed}", **counts))
    return 0


def _keys(db, owner, orders_from: str | None) -> int:
    uid = business.get(db)["uid"]
    keys = now.env_keys()
    if keys is None:
        if sys.stdin.isatty():
            keys = credentials.Keys(input(tr("Consumer key: ")), getpass.getpass(tr("Consumer secret: ")),
                                    input(tr("WordPress user for photos (Enter: none): ")),
                                    getpass.getpass(tr("Application password (Enter: none): ")))
        else:
            # key, secret, then optionally the WordPress user and its application
            # password (whose groups of four may keep their spaces)
            words = sys.stdin.read().split()
            words += [""] * (3 - min(len(words), 3))
            keys = credentials.Keys(words[0], words[1], words[2], "".join(words[3:]))
    print(tr("Keys saved in {where}.", where=credentials.save(uid, keys)))
    if not keys.app_password:
        print(tr("Without an application password, products go without their photos and quotations without "
                 "their PDF (see docs/sync.md)."), file=sys.stderr)
    if sync_config.orders_taken_since(db) is None:
        start = sync_config.take_orders_from(db, orders_from or "now", actor=owner)
        print(tr("Shop orders are taken from {since} (UTC) on.", since=start.replace("T", " ")))
    elif orders_from:
        sync_config.take_orders_from(db, orders_from, actor=owner)  # refused, with the reason
    return 0


def _run(db, owner, config, args) -> int:
    def progress(done, total):
        print(tr("{done} of {total}", done=done, total=total), file=sys.stderr)

    result = now.sync_now(db, actor=owner, base_url=args.base_url, progress=progress)
    print(tr("Sent: {sent}  Failed: {failed}  To retry: {retrying}  New from the shop: {received}",
             sent=result.sent, failed=result.failed, retrying=result.retrying, received=result.received))
    for reason in result.errors:
        print(reason, file=sys.stderr)
    return 1 if result.errors else 0


def _send_bundle(args) -> int:
    """At the cabina: no business file is needed, only the bundle and the keys."""

    def connect(manifest, config):
        base = check_base_url(args.base_url or manifest.get("base_url") or "")
        return WooCommerce.connect(base, _keys_for(str(manifest.get("business_uid"))), config)

    def sunat_client(manifest, packed):
        from smedesk.einvoice import cabina

        password = None
        if args.sunat_user:
            password = (sys.stdin.readline().rstrip("\r\n") if args.sunat_password_stdin
                        else getpass.getpass(tr("SOL password: ")))
        return cabina.client_for(packed, str(manifest.get("business_uid")), user=args.sunat_user,
                                 password=password)

    info = bundle.send_bundle(Path(args.bundle), connect, sunat_client=sunat_client,
                              progress=lambda d, t: print(tr("{done} of {total}", done=d, total=t), file=sys.stderr))
    if info.sunat:
        print(tr("{count} documents answered by SUNAT.", count=info.sunat))
    if info.sunat_note:
        print(info.sunat_note, file=sys.stderr)
    print(tr("Bundle sent: {sent} sent, {failed} failed, {received} orders and requests fetched. Take it back to the workshop and run «smedesk sync --read-bundle».",
             sent=info.sent, failed=info.failed, received=info.received))
    for text in info.warnings:
        print(text, file=sys.stderr)
    return 1 if info.failed or info.sunat_note else 0


def cmd_feed(args) -> int:
    with business_session(args) as (db, owner):
        info = feed.write_feed(db, Path(args.output), actor=owner, config=sync_config.load(db), fmt=args.format)
    print(tr("Feed with {count} products written to {path}.", count=info.count, path=info.path))
    if info.skipped:
        print(tr("{count} products without a price were left out.", count=info.skipped), file=sys.stderr)
    return 0
