"""Sync settings (stored in the business file; keys never are: see credentials.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import settings

settings.define("sync.base_url", "", "text", "Address of the shop (WooCommerce), https://…")
settings.define("sync.adapter", "woocommerce", "choice:woocommerce", "Marketplace adapter")
settings.define("sync.shop_currency", "PEN", "choice:PEN,USD", "Currency of the shop's prices")
settings.define("sync.exchange_rate", "3.75", "decimal", "Soles per US dollar, for a shop in USD")
settings.define("sync.shop_language", "en", "choice:es,en", "Language of names on the shop")
settings.define("sync.rfq_status", "quote-request", "text", "Order status that marks a buyer's request for quotation")
settings.define("sync.quoted_status", "on-hold", "text", "Order status once the quotation is sent to the buyer")
settings.define("sync.progress_status", "processing", "text", "Order status while the order is being made")
settings.define("sync.shop_url", "", "text", "Public address of the shop, for links in the product feed")
settings.define("sync.brand", "", "text", "Brand shown in the product feed (default: the business name)")


@dataclass(frozen=True)
class SyncConfig:
    """Attributes: base_url, shop_currency, exchange_rate (PEN per USD),
    shop_language, rfq_status, quoted_status, progress_status, shop_url, brand."""

    base_url: str
    shop_currency: str
    exchange_rate: Decimal
    shop_language: str
    rfq_status: str
    quoted_status: str
    progress_status: str
    shop_url: str
    brand: str


def load(db) -> SyncConfig:
    from smedesk.core import business

    base = (settings.get(db, "sync.base_url") or "").strip().rstrip("/")
    return SyncConfig(
        base_url=base,
        shop_currency=settings.get(db, "sync.shop_currency") or "PEN",
        exchange_rate=settings.get_decimal(db, "sync.exchange_rate", "3.75"),
        shop_language=settings.get(db, "sync.shop_language") or "en",
        rfq_status=(settings.get(db, "sync.rfq_status") or "quote-request").strip(),
        quoted_status=(settings.get(db, "sync.quoted_status") or "on-hold").strip(),
        progress_status=(settings.get(db, "sync.progress_status") or "processing").strip(),
        shop_url=((settings.get(db, "sync.shop_url") or "").strip() or base).rstrip("/"),
        brand=(settings.get(db, "sync.brand") or "").strip() or (business.get(db) or {}).get("name", ""),
    )

settings.define("sync.accepted_statuses", "processing,completed", "text",
                "Order statuses that mean the buyer accepted the quotation")
settings.define("sync.lead_days", "30", "int", "Days from acceptance to the due date of an order from the shop")
