"""Shops on hosts as they are (issue 19, point 5): CGI hosts that drop the
Authorization header, plain http, rate limits, a byte order mark before the
JSON, certificates this computer does not trust, the shop's currency."""

import os

import pytest
import requests

from smedesk.core.db import rows, scalar
from smedesk.sync import config as sync_config
from smedesk.sync import outbox, sender
from smedesk.sync.transport import USER_AGENT, Transport, TransportError
from smedesk.sync.woocommerce import WooCommerce
from tests.sync.conftest import KEYS, add_products
from tests.sync.wcserver import Shop


def sync(db, market, owner, **kw):
    kw.setdefault("sleep", lambda s: None)
    kw.setdefault("ignore_backoff", True)
    return sender.run(db, market, actor=owner, config=sync_config.load(db), **kw)


def test_a_host_that_drops_the_authorization_header_gets_the_keys_in_the_query(db, owner, shop, market, cfg):
    shop.strip_authorization = True
    add_products(db, owner, 2)
    result = sync(db, market, owner, fetch=False)
    assert result.sent == 2 and len(shop.products) == 2
    assert any("Authorization" in w for w in result.warnings)
    # found once, remembered: the next connection goes straight to the fallback
    assert sync_config.load(db).auth_in_query
    again = WooCommerce.connect(shop.url, KEYS, sync_config.load(db), timeout=(2.0, 0.5))
    shop.log.clear()
    add_products(db, owner, 3)
    assert sync(db, again, owner, fetch=False).sent == 1
    assert all("consumer_key=ck_test" in e["query"] for e in shop.log)


def test_wrong_keys_on_such_a_host_still_fail_with_the_keys_message(db, owner, shop, market, cfg):
    shop.strip_authorization = True
    shop.secret = "other"
    add_products(db, owner, 1)
    result = sync(db, market, owner, fetch=False)
    assert result.failed == 1 and "claves" in result.errors[0]
    assert not sync_config.load(db).auth_in_query


def test_plain_http_shop_ignores_basic_auth_so_smedesk_refuses_it(monkeypatch):
    plain = Shop(tls=False).start()
    try:
        # class-wc-rest-authentication.php: Basic auth only when is_ssl()
        answer = requests.get(plain.url + "/wp-json/wc/v3/products", auth=("ck_test", "cs_test"), timeout=5)
        assert answer.status_code == 401
        with pytest.raises(Exception) as refused:
            Transport(plain.url)
        assert "https://" in str(refused.value) and "OAuth 1.0a" in str(refused.value)
    finally:
        plain.stop()


def test_retry_after_is_waited_before_trying_again(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    shop.fault("429", "/batch")
    slept = []
    result = sync(db, market, owner, sleep=slept.append, fetch=False)
    assert result.sent == 1
    assert slept == [7.0]   # the shop's 7 s, not our 1 s


def test_a_long_retry_after_leaves_the_item_pending_until_then(db, owner, shop, market, cfg, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-27T15:00:00Z")
    add_products(db, owner, 1)
    shop.retry_after = "3600"
    for _ in range(3):
        shop.fault("429", "/batch")
    slept = []
    result = sync(db, market, owner, sleep=slept.append, fetch=False)
    assert slept == [] and result.retrying == 1
    (item,) = rows(db, "SELECT state, next_try_at FROM outbox")
    assert item["state"] == "pending" and item["next_try_at"].startswith("2026-11-27T16:00:00")


def test_a_byte_order_mark_before_the_json_is_accepted(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    shop.fault("bom", "/batch")
    assert sync(db, market, owner, fetch=False).sent == 1
    assert outbox.counts(db)["sent"] == 1


def test_an_untrusted_certificate_leaves_items_pending_with_a_clear_message(db, owner, shop, cfg, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    market = WooCommerce.connect(shop.url, KEYS, cfg, timeout=(2.0, 0.5))
    add_products(db, owner, 2)
    for _ in range(10):   # however often: never failed for good
        result = sync(db, market, owner, fetch=False)
    assert result.sent == 0 and result.failed == 0
    assert outbox.counts(db) == {"pending": 2, "sent": 0, "failed": 0}
    assert scalar(db, "SELECT max(attempts) FROM outbox") == 0
    assert "certificado" in result.errors[0] and "REQUESTS_CA_BUNDLE" in result.errors[0]
    assert shop.products == {}


@pytest.mark.skipif(os.name != "posix", reason="SSL_CERT_FILE is OpenSSL's system store setting")
def test_the_systems_trusted_certificates_are_honoured(shop, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    with pytest.raises(TransportError):
        Transport(shop.url, timeout=(2.0, 2.0)).request("GET", "wp-json/wc/v3/products")
    monkeypatch.setenv("SSL_CERT_FILE", shop.ca_file)   # the system store, as OpenSSL finds it
    with pytest.raises(TransportError) as answered:
        Transport(shop.url, timeout=(2.0, 2.0)).request("GET", "wp-json/wc/v3/products")
    assert answered.value.status == 401   # reached the shop: TLS was trusted


def test_requests_name_smedesk_in_their_user_agent(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    sync(db, market, owner)
    assert USER_AGENT.startswith("smedesk/")
    assert {e["user_agent"] for e in shop.log} == {USER_AGENT}


def test_a_shop_in_another_currency_gets_no_prices(db, owner, shop, market, cfg):
    shop.currency = "USD"   # smedesk prices in soles (sync.shop_currency PEN)
    add_products(db, owner, 2)
    result = sync(db, market, owner, fetch=False)
    assert shop.products == {}
    assert outbox.counts(db) == {"pending": 2, "sent": 0, "failed": 0}
    assert "USD" in result.errors[0] and "PEN" in result.errors[0]


def test_the_currency_is_asked_once_a_day(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    sync(db, market, owner, fetch=False)
    add_products(db, owner, 2)
    sync(db, market, owner, fetch=False)
    assert len([e for e in shop.log if e["path"].endswith("/currencies/current")]) == 1
