"""«Sync now»: the one way the window and `smedesk sync` send the outbox and
fetch what is new, with the same keys (from the environment when
SMEDESK_WC_KEY and SMEDESK_WC_SECRET are both set, the stored keys otherwise)
and the same checks."""

from __future__ import annotations

import os

from smedesk.core import business
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor
from smedesk.sync import config as sync_config
from smedesk.sync import credentials, sender
from smedesk.sync.transport import check_base_url


def env_keys() -> credentials.Keys | None:
    """SMEDESK_WC_KEY and SMEDESK_WC_SECRET (and, for photos, SMEDESK_WP_USER and
    SMEDESK_WP_APP_PASSWORD) when both keys are set."""
    key, secret = os.environ.get("SMEDESK_WC_KEY"), os.environ.get("SMEDESK_WC_SECRET")
    user, password = os.environ.get("SMEDESK_WP_USER", ""), os.environ.get("SMEDESK_WP_APP_PASSWORD", "")
    return credentials.Keys(key, secret, user, password) if key and secret else None


def keys_for(business_uid: str) -> credentials.Keys:
    keys = env_keys() or credentials.load(business_uid)
    if keys is None:
        raise ValidationError(tr("There are no keys for the shop yet: save them in Synchronise (Shop connection)"
                                 " or run «smedesk sync keys»."), field="consumer_key")
    return keys


def sync_now(db, *, actor: Actor, base_url: str | None = None, progress=None, cancelled=None):
    """Send what waits in the outbox and fetch what is new; returns sender.RunResult."""
    from smedesk.sync.woocommerce import WooCommerce

    config = sync_config.load(db)
    base = check_base_url(base_url or config.base_url)
    market = WooCommerce.connect(base, keys_for(business.get(db)["uid"]), config)
    return sender.run(db, market, actor=actor, config=config, progress=progress, cancelled=cancelled)
