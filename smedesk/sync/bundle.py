"""USB bundles for owners whose only connection is a cabina pública.

At the workshop, `write_bundle` puts the pending outbox into one file. On a
connected machine, `send_bundle` (no business file needed: the portable
build on the stick) sends it and writes the shop's answers into the same
file. Back at the workshop, `read_bundle` applies those answers. Reading
twice changes nothing twice: a bundle is recorded once, outbox rows are
marked by their keys and inbox items are unique by key.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from smedesk.core import audit, business, clock
from smedesk.core.db import scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.sync import bundle_file, inbox, messages, outbox, sender
from smedesk.sync.config import SyncConfig
from smedesk.sync.marketplace import OrderUpdate, Outcome, ProductChange


@dataclass
class BundleInfo:
    """Attributes: bundle_id, items (outbox items in it), sent, failed,
    received (new inbox items), already (it had been read before)."""

    bundle_id: str
    items: int = 0
    sent: int = 0
    failed: int = 0
    received: int = 0
    already: bool = False
    warnings: list = field(default_factory=list)  # what went but not whole (products without photos…)
    sunat: int = 0  # documents for SUNAT carried (written) or answered (sent, read)
    sunat_note: str = ""


def _config_dict(config: SyncConfig) -> dict:
    return {k: str(v) for k, v in config.__dict__.items()}


def config_from(manifest: dict) -> SyncConfig:
    data = manifest.get("config") or {}
    try:
        return SyncConfig(**{**data, "exchange_rate": Decimal(data.get("exchange_rate", "1"))})
    except (TypeError, ArithmeticError):
        raise bundle_file.refuse(tr("it is not a smedesk bundle")) from None


def _sunat_pack(db, actor, part1) -> tuple[dict | None, str]:
    """What waits for SUNAT, packed for the cabina (einvoice.cabina), or (None, why not)."""
    if not scalar(db, "SELECT 1 FROM outbox WHERE kind = 'sunat' AND state IN ('pending', 'failed')"):
        return None, ""
    from smedesk.einvoice import cabina
    from smedesk.einvoice import part1 as einvoice_part1

    try:
        packed = cabina.pack(db, part1 or einvoice_part1.current(), actor=actor)
    except ValidationError as exc:
        return None, str(exc)
    return (packed if packed["items"] else None), ""


def write_bundle(db, path: Path, *, actor: Actor, config: SyncConfig, part1=None) -> BundleInfo:
    """Write every pending outbox item into the bundle at `path` (the shop's, and
    what waits for SUNAT; `part1` signs, see smedesk.einvoice.part1)."""
    require(actor, "sync")
    path = Path(path)
    if not path.parent.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=path.parent), field="bundle")
    if path.exists():
        _guard_unread_answers(db, path)
    items = []
    sunat, sunat_note = _sunat_pack(db, actor, part1)
    for item in outbox.due(db, ignore_backoff=True):
        if item["kind"] == "sunat":
            continue  # carried in sunat.json
        entry = {"key": item["key"], "kind": item["kind"], "entity_uid": item["entity_uid"]}
        if item["kind"] == "product":
            change = sender.product_change(db, item, config)
            if change is None:
                continue
            entry["change"] = {**change.__dict__, "photo": base64.b64encode(change.photo).decode()
                               if change.photo else None}
        else:
            update = messages.build(db, item, config)
            if update is None:
                continue
            entry["update"] = {"order_ref": update.order_ref, "note": update.note, "status": update.status,
                               "attachment": base64.b64encode(update.attachment).decode() if update.attachment
                               else None, "attachment_name": update.attachment_name}
        items.append(entry)
    me = business.get(db)
    bundle_id = secrets.token_hex(12)
    manifest = {"bundle_id": bundle_id, "business_uid": me["uid"], "business_name": me["name"],
                "created_at": clock.now_iso(), "base_url": config.base_url, "adapter": "woocommerce",
                "cursor": sender.orders_since(db, "woocommerce"), "config": _config_dict(config)}
    members = {"outbox.json": {"items": items}}
    if sunat is not None:
        members["sunat.json"] = sunat
    bundle_file.write(path, manifest, members)
    with tx(db):
        db.execute("INSERT INTO sync_bundles (bundle_id, direction, file, items, at) VALUES (?, 'written', ?, ?, ?)",
                   [bundle_id, str(path), len(items), clock.now_iso()])
        audit.record(db, actor, "sync.bundle.write", "sync_bundles", bundle_id, items=len(items))
    return BundleInfo(bundle_id, items=len(items), sunat=len(sunat["items"]) if sunat else 0, sunat_note=sunat_note)


def _guard_unread_answers(db, path: Path) -> None:
    """Never overwrite answers that were not read back yet."""
    try:
        members = bundle_file.read(path)
    except ValidationError:
        return
    bundle_id = members["manifest.json"].get("bundle_id")
    read = scalar(db, "SELECT 1 FROM sync_bundles WHERE bundle_id = ? AND direction = 'read'", [bundle_id])
    if "answers.json" in members and not read:
        raise ValidationError(tr("{path} holds answers from the shop not read yet: read it first with «sync --read-bundle».",
                                 path=path), field="bundle")


def _items(members: dict) -> list[dict]:
    data = members["outbox.json"]
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("key"), str) for i in items):
        raise bundle_file.refuse(tr("the contents are not valid data"))
    return items


def _change(entry: dict) -> ProductChange:
    data = entry.get("change")
    if not isinstance(data, dict):
        raise bundle_file.refuse(tr("the contents are not valid data"))
    try:
        photo = base64.b64decode(data["photo"]) if data.get("photo") else None
        return ProductChange(data["key"], data["uid"], data["sku"], data.get("remote_id"), dict(data["listing"]),
                             list(data["fields"]), photo, dict(data.get("known") or {}))
    except (KeyError, TypeError, ValueError):
        raise bundle_file.refuse(tr("the contents are not valid data")) from None


def send_bundle(path: Path, connect, *, progress=None, cancelled=None, sleep=None, retries: int = 2,
                sunat_client=None) -> BundleInfo:
    """Send a bundle's items and write the answers back into it.
    `connect(manifest, config)` returns the marketplace to use (not called when
    the bundle has no shop); `sunat_client(manifest, sunat)` the SUNAT client
    when the bundle carries documents for SUNAT."""
    import time

    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    sleep = sleep or time.sleep
    members = bundle_file.read(path)
    manifest = members["manifest.json"]
    items = _items(members)
    previous = members.get("answers.json") or {}
    outcomes = {o["key"]: o for o in previous.get("outcomes", []) if isinstance(o, dict) and "key" in o}
    config = config_from(manifest)
    sunat_answers = members.get("sunat-answers.json")
    if "sunat.json" in members:
        from smedesk.einvoice import cabina

        sunat_answers = cabina.send(members["sunat.json"], sunat_client(manifest, members["sunat.json"]),
                                    previous=sunat_answers, progress=progress, cancelled=cancelled,
                                    **({"sleep": sleep} if sleep else {}))
    todo = [i for i in items if not outcomes.get(i["key"], {}).get("ok")]
    has_shop = bool(manifest.get("base_url")) or bool(todo)
    market = connect(manifest, config) if has_shop else None
    info = BundleInfo(manifest["bundle_id"], items=len(items))
    total, done = len(todo) + 1, 0
    progress(0, total)
    products = [_change(i) for i in todo if i.get("kind") == "product"]
    for start in range(0, len(products), sender.CHUNK):
        if cancelled():
            break
        chunk = products[start:start + sender.CHUNK]
        results = sender._with_retries(market.publish, chunk, retries=retries, sleep=sleep, backoff=1.0)
        outcomes.update({k: o.__dict__ for k, o in results.items()})
        done += len(chunk)
        progress(done, total)
    for entry in (i for i in todo if i.get("kind") == "order_update"):
        if cancelled():
            break
        data = entry.get("update") or {}
        try:
            attachment = base64.b64decode(data["attachment"]) if data.get("attachment") else None
        except (TypeError, ValueError):
            raise bundle_file.refuse(tr("the contents are not valid data")) from None
        update = OrderUpdate(entry["key"], str(data.get("order_ref", "")), str(data.get("note", "")),
                             str(data.get("status", "")), attachment, str(data.get("attachment_name", "")))
        outcomes[update.key] = market.update_order(update).__dict__
        done += 1
        progress(done, total)
    orders, cursor, errors = list(previous.get("orders", [])), previous.get("cursor") or manifest.get("cursor"), []
    if market is not None and not cancelled():
        from smedesk.sync.transport import TransportError

        try:
            fetched, cursor = market.fetch_orders(cursor)
            orders += [o.as_dict() for o in fetched]
        except TransportError as exc:
            errors.append(str(exc))
    progress(total, total)
    info.warnings = [str(w) for w in getattr(market, "warnings", [])]
    answers = {"sent_at": clock.now_iso(), "outcomes": list(outcomes.values()), "orders": orders,
               "cursor": cursor, "errors": errors, "warnings": info.warnings}
    written = {"outbox.json": members["outbox.json"], "answers.json": answers}
    if "sunat.json" in members:
        written.update({"sunat.json": members["sunat.json"], "sunat-answers.json": sunat_answers})
        info.sunat = sum(1 for a in sunat_answers["results"].values() if a.get("cdr") or a.get("ticket"))
        info.sunat_note = sunat_answers.get("stopped", "")
    bundle_file.write(path, {k: v for k, v in manifest.items() if k not in ("files",)}, written)
    info.sent = sum(1 for o in outcomes.values() if o.get("ok"))
    info.failed = len(outcomes) - info.sent
    info.received = len(orders)
    return info


def read_bundle(db, path: Path, *, actor: Actor, part1=None) -> BundleInfo:
    """Apply the shop's (and SUNAT's) answers carried back in a bundle."""
    require(actor, "sync")
    members = bundle_file.read(path)
    manifest = members["manifest.json"]
    me = business.get(db)
    if manifest.get("business_uid") != me["uid"]:
        raise bundle_file.refuse(tr("it belongs to another business ({name})",
                                    name=str(manifest.get("business_name", "?"))[:80]))
    if "answers.json" not in members:
        raise ValidationError(tr("This bundle was not sent yet: take it to a connected computer and run «smedesk sync --bundle»."),
                              field="bundle")
    bundle_id = manifest.get("bundle_id")
    answers = members["answers.json"]
    if (not isinstance(bundle_id, str) or not bundle_id or not isinstance(answers, dict)
            or not isinstance(answers.get("outcomes", []), list) or not isinstance(answers.get("orders", []), list)):
        raise bundle_file.refuse(tr("the contents are not valid data"))
    info = BundleInfo(bundle_id, items=len(_items(members)))
    if scalar(db, "SELECT 1 FROM sync_bundles WHERE bundle_id = ? AND direction = 'read'", [bundle_id]):
        info.already = True
        return info
    changes = {i["key"]: i for i in _items(members)}
    result = sender.RunResult()
    if isinstance(members.get("sunat-answers.json"), dict):  # idempotent by itself: applied first
        from smedesk.einvoice import cabina
        from smedesk.einvoice import part1 as einvoice_part1

        lines = cabina.apply(db, part1 or einvoice_part1.current(), members["sunat-answers.json"], actor=actor)
        info.sunat = sum(1 for li in lines if li.state in ("accepted", "observed", "rejected"))
    from smedesk.sync.listing import FIELDS as listing_fields

    with tx(db):
        for data in answers.get("outcomes", []):
            try:
                unsent = data.get("unsent") or []
                if not isinstance(unsent, list) or not all(f in listing_fields for f in unsent):
                    raise TypeError
                outcome = Outcome(str(data["key"]), bool(data["ok"]), data.get("remote_id"),
                                  str(data.get("error", "")), bool(data.get("retryable", True)),
                                  str(data.get("image_url", ""))[:500], hold=bool(data.get("hold", False)),
                                  unsent=unsent, trashed=bool(data.get("trashed", False)),
                                  variation_ids={str(k): int(v) for k, v in (data.get("variation_ids") or {}).items()})
            except (KeyError, TypeError, ValueError, AttributeError):
                raise bundle_file.refuse(tr("the contents are not valid data")) from None
            entry = changes.get(outcome.key)
            if entry is None:
                continue
            change = _change(entry) if entry.get("kind") == "product" else None
            sender.record(db, outcome.key, outcome, result, change)
        orders = [o for o in answers.get("orders", []) if isinstance(o, dict)]
        for order in orders:
            if not all(isinstance(order.get(k), str) for k in ("ref", "kind", "modified")):
                raise bundle_file.refuse(tr("the contents are not valid data"))
        info.received = inbox.receive_orders(db, "woocommerce", orders, answers.get("cursor"))
        found = answers.get("warnings")
        info.warnings = [str(w)[:500] for w in found[:10]] if isinstance(found, list) else []
        db.execute("INSERT INTO sync_bundles (bundle_id, direction, file, items, at) VALUES (?, 'read', ?, ?, ?)",
                   [bundle_id, str(path), info.items, clock.now_iso()])
        audit.record(db, actor, "sync.bundle.read", "sync_bundles", bundle_id, sent=result.sent,
                     failed=result.failed + result.retrying, received=info.received)
    inbox.apply_pending(db, actor=actor)
    info.sent, info.failed = result.sent, result.failed + result.retrying
    return info
