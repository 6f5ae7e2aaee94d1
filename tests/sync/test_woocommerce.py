"""Publishing to a WooCommerce-compatible shop on 127.0.0.1, with faults."""

import json

import pytest

from smedesk.core.db import rows, scalar
from smedesk.production import catalogue
from smedesk.sync import listing, outbox, sender
from tests.sync.conftest import add_products


def sync(db, market, owner, cfg, **kw):
    kw.setdefault("sleep", lambda s: None)
    kw.setdefault("ignore_backoff", True)
    return sender.run(db, market, actor=owner, config=cfg, **kw)


def skus(shop):
    return sorted(p["sku"] for p in shop.products.values())


def consistent(db, shop):
    """Every product sent is in the shop once, with the id we remember."""
    remembered = {r["entity_uid"]: r["remote_id"] for r in rows(db, "SELECT * FROM sync_remote")}
    for p in rows(db, "SELECT uid, sku FROM products WHERE deleted_at IS NULL"):
        in_shop = [x for x in shop.products.values() if x["sku"] == p["sku"]]
        assert len(in_shop) <= 1
        if p["uid"] in remembered:
            assert in_shop and str(in_shop[0]["id"]) == remembered[p["uid"]]


def test_first_sync_creates_every_product_once(db, owner, shop, market, cfg):
    add_products(db, owner, 3)
    result = sync(db, market, owner, cfg)
    assert result.sent == 3
    assert skus(shop) == ["SILLA-01", "SILLA-02", "SILLA-03"]
    assert outbox.counts(db) == {"pending": 0, "sent": 3, "failed": 0}
    consistent(db, shop)


def test_product_fields_reach_the_shop(db, owner, shop, market, cfg):
    pid = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa", "name_en": "Dining table",
                                      "description_en": "Solid tornillo wood", "price": "450.50"}, actor=owner)
    catalogue.save_variant(db, pid, size="L", actor=owner)
    sync(db, market, owner, cfg)
    (p,) = shop.catalogue()
    assert (p["name"], p["type"], p["status"], p["stock_status"]) == ("Dining table", "variable", "publish", "instock")
    assert p["description"] == "Solid tornillo wood"
    assert p["attributes"] == [{"name": "Size", "options": ["L"], "visible": True, "variation": True}]
    assert p["meta_data"][0]["key"] == "_smedesk_uid"
    (v,) = shop.variations(p["id"])
    assert (v["sku"], v["regular_price"], v["attributes"]) == ("MESA-01-L", "450.50", [{"name": "Size", "option": "L"}])


def test_usd_shop_gets_prices_converted_half_up(db, owner, shop, market, cfg):
    from smedesk.core import settings
    from smedesk.sync import config

    settings.set(db, "sync.shop_currency", "USD", actor=owner)
    settings.set(db, "sync.exchange_rate", "3.75", actor=owner)
    shop.currency = "USD"
    catalogue.save_product(db, {"sku": "A", "name": "A", "price": "100"}, actor=owner)
    sync(db, market, owner, config.load(db))
    # 100.00 / 3.75 = 26.666… → 26.67
    assert next(iter(shop.products.values()))["regular_price"] == "26.67"


def test_one_edited_field_sends_only_that_product_and_field(db, owner, shop, market, cfg):
    add_products(db, owner, 5)
    sync(db, market, owner, cfg)
    shop.log.clear()
    catalogue.save_product(db, {"sku": "SILLA-03", "name": "Silla 3", "name_en": "Chair 3", "price": "130"},
                           actor=owner)
    assert sync(db, market, owner, cfg).sent == 1
    (batch,) = [e for e in shop.log if e["path"].endswith("/products/batch")]
    assert [e["method"] for e in shop.log if "products" in e["path"]] == ["POST"]  # id known: no lookup
    updated = [p for p in shop.products.values() if p["sku"] == "SILLA-03"][0]
    assert updated["regular_price"] == "130.00"
    assert batch["bytes"] < 200


def test_more_than_100_changes_go_in_batches_of_100(db, owner, shop, market, cfg):
    add_products(db, owner, 150)
    result = sync(db, market, owner, cfg)
    assert result.sent == 150
    assert len([e for e in shop.log if e["path"].endswith("/batch")]) == 2
    assert len(shop.products) == 150


def test_server_500_then_recovery_loses_nothing(db, owner, shop, market, cfg):
    add_products(db, owner, 2)
    shop.fault("500", "/batch")
    shop.fault("500", "/batch")
    shop.fault("500", "/batch")
    result = sync(db, market, owner, cfg)
    assert result.sent == 0 and result.retrying == 2
    assert "500" in result.errors[0]
    assert outbox.counts(db)["pending"] == 2
    assert sync(db, market, owner, cfg).sent == 2
    assert skus(shop) == ["SILLA-01", "SILLA-02"]


def test_a_passing_500_is_retried_within_the_run(db, owner, shop, market, cfg):
    add_products(db, owner, 2)
    shop.fault("500", "/batch")
    slept = []
    result = sync(db, market, owner, cfg, sleep=slept.append)
    assert result.sent == 2
    assert slept == [1.0]


def test_in_run_retries_wait_exponentially(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    for _ in range(3):
        shop.fault("500", "/batch")
    slept = []
    sync(db, market, owner, cfg, sleep=slept.append, retries=3)
    assert slept == [1.0, 2.0, 4.0]


def test_connection_dropped_after_the_shop_applied_the_batch_makes_no_duplicate(db, owner, shop, market, cfg):
    add_products(db, owner, 3)
    shop.fault("drop", "/batch")
    result = sync(db, market, owner, cfg, retries=0)
    assert result.sent == 0
    assert len(shop.products) == 3  # the shop did create them
    result = sync(db, market, owner, cfg)
    assert result.sent == 3
    assert skus(shop) == ["SILLA-01", "SILLA-02", "SILLA-03"]
    consistent(db, shop)


def test_timeout_is_retried_later_without_loss(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    shop.fault("timeout", "/batch")
    result = sync(db, market, owner, cfg, retries=0)
    assert result.retrying == 1
    assert "too long" in result.errors[0] or "tard" in result.errors[0]
    assert sync(db, market, owner, cfg).sent == 1
    assert len(shop.products) == 1


@pytest.mark.parametrize("fault", ["malformed", "html", "wrongtype", "huge", "redirect"])
def test_hostile_answers_change_nothing_locally(db, owner, shop, market, cfg, fault):
    add_products(db, owner, 2)
    before = rows(db, "SELECT id, key, version FROM outbox")
    market.t.max_bytes = 200_000
    shop.fault(fault, "/batch")
    result = sync(db, market, owner, cfg, retries=0)
    assert result.sent == 0
    assert scalar(db, "SELECT count(*) FROM sync_remote") == 0
    assert rows(db, "SELECT id, key, version FROM outbox") == before
    assert outbox.counts(db)["sent"] == 0


def test_refused_item_fails_with_the_shop_reason_and_others_go_through(db, owner, shop, market, cfg):
    add_products(db, owner, 2)
    shop.add_product("SILLA-02-X")  # unrelated
    db.execute("UPDATE products SET price_cents = NULL WHERE sku = 'SILLA-02'")
    orig = shop._create
    from tests.sync.wcapi import _item_error

    shop._create = lambda item: (_item_error(0, "product_invalid_sku", "Invalid or duplicated SKU.")
                                 if item["sku"] == "SILLA-02" else orig(item))
    result = sync(db, market, owner, cfg)
    assert result.sent == 1 and result.failed == 1
    failed = rows(db, "SELECT last_error FROM outbox WHERE state = 'failed'")[0]["last_error"]
    assert "SILLA-02" in failed and "duplicated SKU" in failed


def test_product_already_in_the_shop_is_matched_by_sku_not_duplicated(db, owner, shop, market, cfg):
    made = shop.add_product("SILLA-01", name="old", regular_price="1")
    add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    assert list(shop.products) == [made]
    assert shop.products[made]["name"] == "Chair 1"


def test_change_made_while_sending_is_sent_next_time(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    original = market.publish

    def publish_and_edit(changes):
        catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "999"},
                               actor=owner)
        market.publish = original
        return original(changes)

    market.publish = publish_and_edit
    sync(db, market, owner, cfg)
    assert outbox.counts(db)["pending"] == 1
    sync(db, market, owner, cfg)
    assert next(iter(shop.products.values()))["regular_price"] == "999.00"
    assert outbox.counts(db)["pending"] == 0


def test_deleted_product_is_removed_from_the_shop(db, owner, shop, market, cfg):
    (pid,) = add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    db.execute("UPDATE products SET deleted_at = '2026-11-27T00:00:00Z', updated_at = 'x' WHERE id = ?", [pid])
    assert sync(db, market, owner, cfg).sent == 1
    assert shop.products == {}


def test_inactive_product_becomes_a_draft_out_of_stock(db, owner, shop, market, cfg):
    (pid,) = add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    db.execute("UPDATE products SET active = 0 WHERE id = ?", [pid])
    sync(db, market, owner, cfg)
    p = next(iter(shop.products.values()))
    assert (p["status"], p["stock_status"]) == ("draft", "outofstock")


def test_photo_is_uploaded_once_and_attached(db, owner, shop, market, cfg):
    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    sync(db, market, owner, cfg)
    (media_id,) = shop.media
    assert [i["id"] for i in next(iter(shop.products.values()))["images"]] == [media_id]
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "101"},
                           actor=owner)
    sync(db, market, owner, cfg)
    assert len(shop.media) == 1


def test_wrong_keys_fail_with_the_shop_message_and_keep_items(db, owner, shop, market, cfg):
    shop.secret = "other"
    add_products(db, owner, 1)
    result = sync(db, market, owner, cfg)
    assert result.failed == 1
    assert "401" in result.errors[0]
    assert "cs_test" not in json.dumps(rows(db, "SELECT * FROM outbox"))


def test_cancel_stops_between_batches(db, owner, shop, market, cfg):
    add_products(db, owner, 120)
    calls = []
    result = sync(db, market, owner, cfg, progress=lambda d, t: calls.append((d, t)),
                  cancelled=lambda: len(calls) > 1)
    assert result.cancelled
    assert outbox.counts(db) == {"pending": 20, "sent": 100, "failed": 0}
    assert calls == [(0, 121), (100, 121)]


def test_remembered_listing_is_what_was_sent(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    uid = scalar(db, "SELECT uid FROM products")
    assert listing.remote(db, uid)["last"]["price"] == "100.00"


def test_change_reverted_after_a_lost_answer_still_reaches_the_shop(db, owner, shop, market, cfg):
    (pid,) = add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    db.execute("UPDATE products SET active = 0 WHERE id = ?", [pid])
    shop.fault("drop", "/batch")  # the shop makes it a draft, the answer is lost
    sync(db, market, owner, cfg, retries=0)
    db.execute("UPDATE products SET active = 1 WHERE id = ?", [pid])  # back as before
    sync(db, market, owner, cfg)
    assert next(iter(shop.products.values()))["status"] == "publish"


def test_photo_address_on_the_shop_reaches_the_feed(db, owner, shop, market, cfg, tmp_path):
    from smedesk.sync import feed

    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    sync(db, market, owner, cfg)
    (media_id,) = shop.media
    feed.write_feed(db, tmp_path / "f.xml", actor=owner, config=cfg)
    assert f"<g:image_link>{shop.media[media_id]['url']}</g:image_link>" in (tmp_path / "f.xml").read_text()


def test_orders_are_fetched_page_by_page_and_then_only_what_changed(db, owner, shop, market, cfg):
    for n in range(130):
        shop.add_order(status="on-hold", modified=f"2026-11-20T10:{n // 60:02d}:{n % 60:02d}")
    orders, cursor = market.fetch_orders(None)
    # 130 orders at 100 a page: 2 pages; read twice, the second pass finding nothing new
    assert len(orders) == 130
    assert [e["query"].count("page=2") for e in shop.log if e["path"].endswith("/orders")] == [0, 1, 0, 1]
    assert cursor == "2026-11-20T10:02:09"  # order 129: 2 min 9 s
    from smedesk.sync import inbox

    assert inbox.receive_orders(db, "woocommerce", orders, cursor) == 130
    later = shop.add_order(status="on-hold", modified="2026-11-21T08:00:00")
    newer, cursor = market.fetch_orders(cursor)
    # read from 10 minutes before the cursor: the last ones come again and are known by id and time
    assert str(later) in [o.ref for o in newer]
    assert inbox.receive_orders(db, "woocommerce", newer, cursor) == 1
    assert cursor == "2026-11-21T08:00:00"


def test_a_lying_page_count_is_refused(db, owner, shop, market, cfg):
    original = shop.page
    shop.page = lambda found, query: (200, original(found, query)[1], {"X-WP-TotalPages": "many"})
    from smedesk.sync.transport import TransportError

    with pytest.raises(TransportError):
        market.fetch_orders(None)


def test_a_failed_fetch_keeps_the_cursor_and_the_inbox(db, owner, shop, market, cfg):
    from smedesk.sync import inbox

    shop.add_order(status="on-hold")
    sync(db, market, owner, cfg)
    cursor = inbox.get_cursor(db, "woocommerce.orders")
    shop.add_order(status="on-hold", modified="2026-11-22T10:00:00")
    shop.fault("malformed", "/orders")
    result = sync(db, market, owner, cfg)
    assert result.received == 0 and result.errors
    assert inbox.get_cursor(db, "woocommerce.orders") == cursor
    assert sync(db, market, owner, cfg).received == 1
