"""Connecting to the shop: its address, the keys and the application
password (kept outside the business file, see credentials.py), and, the
first time, from when its orders are taken. The window and the CLI call this."""

from __future__ import annotations

import datetime as dt
import json

from smedesk.core import business, clock, settings
from smedesk.core.db import rows, tx
from smedesk.core.roles import Actor, require
from smedesk.sync import config as sync_config
from smedesk.sync import credentials, outbox
from smedesk.sync.transport import check_base_url


def save(db, base_url: str, key: str = "", secret: str = "", wp_user: str = "", app_password: str = "", *,
         orders_from: str = "now", actor: Actor) -> None:
    """Save what was typed; a field left empty keeps what was stored. On the first
    connection, orders are taken from `orders_from` ('now', 'all', a number of
    days back, or YYYY-MM-DD). A new application password sends the photos
    that could not go before."""
    require(actor, "sync")
    url = check_base_url(base_url)
    uid = business.get(db)["uid"]
    stored = credentials.load(uid)
    had_media = bool(stored and stored.has_media)
    typed = (key, secret, wp_user, app_password)
    if any(x.strip() for x in typed):
        old = stored or credentials.Keys("", "")
        credentials.save(uid, credentials.Keys(key.strip() or old.key, secret.strip() or old.secret,
                                               wp_user.strip() or old.wp_user,
                                               app_password.strip() or old.app_password))
    settings.set(db, "sync.base_url", url, actor=actor)
    if sync_config.orders_taken_since(db) is None:
        when = (orders_from or "now").strip()
        if when.isdigit():
            when = (clock.today_lima() - dt.timedelta(days=int(when))).isoformat()
        sync_config.take_orders_from(db, when, actor=actor)
    now = credentials.load(uid)
    if now is not None and now.has_media and not had_media:
        requeue_unsent_photos(db)


def requeue_unsent_photos(db) -> int:
    """Queue again the products the shop holds without their photo."""
    count = 0
    with tx(db):
        for found in rows(db, "SELECT r.entity_uid, r.last_payload FROM sync_remote r"
                              " JOIN products p ON p.uid = r.entity_uid"
                              " WHERE r.kind = 'product' AND p.photo IS NOT NULL AND p.deleted_at IS NULL"):
            if json.loads(found["last_payload"] or "{}").get("photo_sha256") is None:
                outbox.enqueue(db, "product", found["entity_uid"], {})
                count += 1
    return count
