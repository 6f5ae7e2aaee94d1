"""Sync settings (stored in the business file; keys never are: see credentials.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import settings
from smedesk.core.db import scalar
from smedesk.core.i18n import N_

AUTH_IN_QUERY = "woocommerce.auth_in_query"

settings.define("sync.base_url", "", "text", N_("Address of the shop (WooCommerce), https://…"))
settings.define("sync.adapter", "woocommerce", "choice:woocommerce", N_("Marketplace adapter"))
settings.define("sync.shop_currency", "PEN", "choice:PEN,USD", N_("Currency of the shop's prices"))
settings.define("sync.exchange_rate", "3.75", "decimal", N_("Soles per US dollar, for a shop in USD"))
settings.define("sync.shop_language", "en", "choice:es,en", N_("Language of names on the shop"))
settings.define("sync.rfq_status", "quote-request", "text", N_("Order status that marks a buyer's request for quotation"))
settings.define("sync.quoted_status", "on-hold", "text", N_("Order status once the quotation is sent to the buyer"))
settings.define("sync.progress_status", "processing", "text", N_("Order status while the order is being made"))
settings.define("sync.shop_url", "", "text", N_("Public address of the shop, for links in the product feed"))
settings.define("sync.brand", "", "text", N_("Brand shown in the product feed (default: the business name)"))


@dataclass(frozen=True)
class SyncConfig:
    """Attributes: base_url, shop_currency, exchange_rate (PEN per USD),
    shop_language, rfq_status, quoted_status, progress_status, shop_url, brand,
    auth_in_query (the shop's host drops the Authorization header: found by a sync,
    kept with the cursors)."""

    base_url: str
    shop_currency: str
    exchange_rate: Decimal
    shop_language: str
    rfq_status: str
    quoted_status: str
    progress_status: str
    shop_url: str
    brand: str
    auth_in_query: bool = False


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
        auth_in_query=scalar(db, "SELECT value FROM sync_cursors WHERE name = ?", [AUTH_IN_QUERY]) == "1",
    )

settings.define("sync.accepted_statuses", "processing,completed", "text",
                N_("Order statuses that mean the buyer accepted the quotation"))
settings.define("sync.lead_days", "30", "int", N_("Days from acceptance to the due date of an order from the shop"))

ORDERS_CURSOR = "woocommerce.orders"


def orders_taken_since(db) -> str | None:
    """Since when (UTC, the shop's format) orders are taken, or None before the first connection."""
    return scalar(db, "SELECT value FROM sync_cursors WHERE name = ?", [ORDERS_CURSOR])


def take_orders_from(db, when: str, *, actor) -> str:
    """On the first connection, choose from when the shop's orders are taken:
    'now' (the default: the shop's history is not new work), 'all', or a date
    (YYYY-MM-DD, from its start in Lima). Returns the start, UTC."""
    import datetime as dt

    from smedesk.core import audit, clock
    from smedesk.core.db import tx
    from smedesk.core.errors import ValidationError
    from smedesk.core.i18n import tr
    from smedesk.core.roles import require

    require(actor, "sync")
    since = orders_taken_since(db)
    if since is not None:
        raise ValidationError(tr("Orders are already taken from the shop since {since} (UTC); the start is "
                                 "chosen only when connecting.", since=since.replace("T", " ")),
                              field="orders_from")
    when = (when or "now").strip().lower()
    if when == "now":
        moment = clock.now()
    elif when == "all":
        moment = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    else:
        try:
            day = dt.date.fromisoformat(when)
        except ValueError:
            raise ValidationError(tr("Give the date as YYYY-MM-DD (or «now», or «all»)."),
                                  field="orders_from") from None
        if day > clock.today_lima():
            raise ValidationError(tr("The date is in the future."), field="orders_from")
        moment = dt.datetime.combine(day, dt.time(), clock.LIMA)
    start = moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    with tx(db):
        db.execute("INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?)",
                   [ORDERS_CURSOR, start, clock.now_iso()])
        audit.record(db, actor, "sync.orders_from", "sync_cursors", None, since=start)
    return start
