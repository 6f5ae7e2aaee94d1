"""Demo sync data: a shop address, part of the catalogue already published,
one change the shop refused, and a buyer's request just received."""

from __future__ import annotations

from smedesk.core import settings
from smedesk.core.db import rows
from smedesk.sync import inbox, outbox

BUYERS = {
    "furniture": ({"name": "Anna Berg", "company": "Nordic Home AB", "email": "anna@nordichome.example",
                   "phone": "+46 8 555 0101", "country": "SE"}, "Chairs for a hotel in Stockholm, delivery FOB Callao."),
    "garments": ({"name": "Laura Pérez", "company": "Andes Kids LLC", "email": "laura@andeskids.example",
                  "phone": "+1 305 555 0199", "country": "US"}, "Organic cotton, 3 colours, labels with our brand."),
}


def populate(db, kind: str, owner) -> None:
    settings.set(db, "sync.base_url", "https://tienda.example.pe", actor=owner)
    settings.set(db, "sync.shop_currency", "USD", actor=owner)
    # the shop's items only: the comprobantes waiting for SUNAT share the outbox and stay
    # pending, as SUNAT has received none of them
    pending = rows(db, "SELECT key FROM outbox WHERE state = 'pending' AND kind IN ('product', 'order_update')"
                       " ORDER BY id")
    for item in pending[: len(pending) // 2]:
        outbox.mark_sent(db, item["key"])
    if len(pending) > 2:
        outbox.mark_failed(db, pending[-1]["key"],
                           "La tienda rechazó el producto: Invalid or duplicated SKU.", retryable=False)
    buyer, note = BUYERS[kind]
    skus = [r["sku"] for r in rows(db, "SELECT sku FROM products WHERE deleted_at IS NULL ORDER BY id LIMIT 2")]
    lines = [{"sku": sku, "name": sku, "qty": qty} for sku, qty in zip(skus, (40, 12), strict=False)]
    order = {"ref": "1042", "kind": "rfq", "status": "quote-request", "modified": "2026-11-20T14:05:00",
             "currency": "USD", "buyer": buyer, "lines": lines, "note": note}
    # Received, not applied: the first sync turns it into a quotation.
    inbox.receive_orders(db, "woocommerce", [order], "2026-11-20T14:05:00")
