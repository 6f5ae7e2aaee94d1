"""What the outside sees of a product (a marketplace-neutral listing), and
which of its fields changed since the marketplace last saw it."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from smedesk.core import clock
from smedesk.core.db import row, rows, tx
from smedesk.core.money import dec_str, from_cents, round_cents
from smedesk.production.catalogue import variant_sku
from smedesk.sync.config import SyncConfig

# Listing fields; `uid` and `sku` identify, the rest are what can change.
FIELDS = ("sku", "name", "description", "price", "currency", "active", "deleted", "gtin",
          "sizes", "colours", "photo_sha256", "variants")


def shop_price(cents: int | None, config: SyncConfig) -> str:
    """The price in the shop's currency as text with two decimals ('' when none).
    A USD shop divides by the exchange rate, rounding half-up to the cent:
    S/ 375.00 at 3.75 → 100.00."""
    if cents is None:
        return ""
    amount = from_cents(cents)
    if config.shop_currency == "USD":
        amount = round_cents(amount / config.exchange_rate)
    return dec_str(amount)


def build(db, entity_uid: str, config: SyncConfig) -> dict | None:
    """The listing of one product now, or None when there is no such product."""
    p = row(db, "SELECT * FROM products WHERE uid = ?", [entity_uid])
    if p is None:
        return None
    english = config.shop_language == "en"
    name = (p["name_en"] if english and p["name_en"] else p["name"]).strip()
    description = (p["description_en"] if english and p["description_en"] else p["description"]).strip()
    variants = rows(db, "SELECT uid, size, colour, gtin, sku, price_cents, stock FROM variants"
                        " WHERE product_id = ? AND deleted_at IS NULL ORDER BY id", [p["id"]])
    photo = p["photo"]
    return {
        "uid": p["uid"],
        "sku": p["sku"],
        "name": name,
        "description": description,
        "price": shop_price(p["price_cents"], config),
        "currency": config.shop_currency,
        "active": bool(p["active"]),
        "deleted": p["deleted_at"] is not None,
        "gtin": p["gtin"] or "",
        "sizes": sorted({v["size"] for v in variants if v["size"]}),
        "colours": sorted({v["colour"] for v in variants if v["colour"]}),
        "photo_sha256": hashlib.sha256(photo).hexdigest() if photo else "",
        # what a buyer chooses on the shop: each size/colour with its SKU, price and stock
        "variants": [{"uid": v["uid"], "sku": variant_sku(p["sku"], v), "size": v["size"], "colour": v["colour"],
                      "gtin": v["gtin"] or "",
                      "price": shop_price(v["price_cents"] if v["price_cents"] is not None else p["price_cents"],
                                          config),
                      "stock": v["stock"]} for v in variants],
    }


def photo(db, entity_uid: str) -> bytes | None:
    found = row(db, "SELECT photo FROM products WHERE uid = ?", [entity_uid])
    return bytes(found["photo"]) if found and found["photo"] else None


def changed_fields(listing: dict, last: dict | None) -> list[str]:
    """Fields that differ from what was last sent (all of them the first time)."""
    if not last:
        return list(FIELDS)
    return [f for f in FIELDS if listing.get(f) != last.get(f)]


def remote(db, entity_uid: str, kind: str = "product") -> dict | None:
    """{'remote_id', 'last': listing last sent} or None when never sent."""
    found = row(db, "SELECT remote_id, last_payload FROM sync_remote WHERE kind = ? AND entity_uid = ?",
                [kind, entity_uid])
    if found is None:
        return None
    return {"remote_id": found["remote_id"], "last": json.loads(found["last_payload"] or "{}")}


def remember(db, entity_uid: str, remote_id: str, listing: dict, kind: str = "product", *,
             trashed: bool = False) -> None:
    """Record what the marketplace now holds for this product (and whether the
    owner moved it to the shop's trash)."""
    with tx(db):
        db.execute(
            "INSERT INTO sync_remote (kind, entity_uid, remote_id, last_payload, updated_at, shop_status)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(kind, entity_uid) DO UPDATE SET remote_id = excluded.remote_id,"
            " last_payload = excluded.last_payload, updated_at = excluded.updated_at,"
            " shop_status = excluded.shop_status",
            [kind, entity_uid, str(remote_id), json.dumps(listing, sort_keys=True, ensure_ascii=False),
             clock.now_iso(), "trash" if trashed else ""],
        )


def forget(db, entity_uid: str, fields: list[str], kind: str = "product") -> None:
    """After a failed attempt the shop may or may not hold these fields (the
    answer can be lost after the shop applied them): mark them unknown so the
    next attempt sends them whatever the local value is."""
    known = remote(db, entity_uid, kind)
    if known is None:
        return
    last = known["last"]
    for field in fields:
        last[field] = None
    with tx(db):
        db.execute("UPDATE sync_remote SET last_payload = ? WHERE kind = ? AND entity_uid = ?",
                   [json.dumps(last, sort_keys=True, ensure_ascii=False), kind, entity_uid])


def price_decimal(listing: dict) -> Decimal | None:
    return Decimal(listing["price"]) if listing.get("price") else None


def trashed(db) -> list[dict]:
    """Products the owner moved to the shop's trash (still updated there, unseen by buyers)."""
    return rows(db, "SELECT p.uid, p.sku, p.name, r.remote_id FROM sync_remote r JOIN products p ON p.uid = r.entity_uid"
                    " WHERE r.kind = 'product' AND r.shop_status = 'trash' AND p.deleted_at IS NULL ORDER BY p.sku")


def restore(db, entity_uid: str, *, actor) -> None:
    """Take a product out of the shop's trash at the next sync (published again,
    or a draft if it is inactive here)."""
    from smedesk.core import audit
    from smedesk.core.errors import ValidationError
    from smedesk.core.i18n import tr
    from smedesk.core.roles import require
    from smedesk.sync import outbox

    require(actor, "sync")
    if not any(p["uid"] == entity_uid for p in trashed(db)):
        raise ValidationError(tr("This product is not in the shop's trash."), field="item")
    with tx(db):
        forget(db, entity_uid, ["active"])  # the status goes again, and brings it out of the trash
        outbox.enqueue(db, "product", entity_uid, {})
        audit.record(db, actor, "sync.restore", "products", None, uid=entity_uid)
