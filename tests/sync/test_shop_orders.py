"""Every order change reaches smedesk, history is not new work, and what the
owner decided on the shop is never undone (issue 19, points 2, 3 and 6)."""

import pytest

from smedesk.core.db import scalar
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync import inbox, sender
from smedesk.sync.marketplace import OrderUpdate
from smedesk.tracking import orders

NOW = "2026-11-27T15:00:00Z"


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", NOW)


@pytest.fixture
def chair(db, owner, shop):
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla", "price": "100"}, actor=owner)
    catalogue.set_routing(db, catalogue.get_product(db, "SILLA-01")["id"],
                          [{"name": "Armado", "std_minutes": "30"}], actor=owner)


def sync(db, market, owner):
    return sender.run(db, market, actor=owner, config=sync_config.load(db), sleep=lambda s: None,
                      ignore_backoff=True)


def refs(found):
    return sorted(int(o.ref) for o in found)


def test_an_order_modified_in_the_same_second_as_the_cursor_is_not_lost(db, owner, shop, market, cfg):
    first = shop.add_order(status="on-hold", modified="2026-11-20T10:00:05")
    found, cursor = market.fetch_orders("2026-11-20T10:00:00")
    assert refs(found) == [first] and cursor == "2026-11-20T10:00:05"
    # saved in the same second, after we read: modified_after=10:00:05 would leave it out
    second = shop.add_order(status="on-hold", modified="2026-11-20T10:00:05")
    found, cursor = market.fetch_orders(cursor)
    assert second in refs(found)
    assert inbox.receive_orders(db, "woocommerce", found, cursor) == 2


def test_an_order_edited_while_the_pages_are_read_is_not_skipped(db, owner, shop, market, cfg):
    ids = [shop.add_order(status="on-hold", modified=f"2026-11-20T10:{n // 60:02d}:{n % 60:02d}")
           for n in range(150)]

    def owner_edits_one(api, page):
        # after page 1 is served, the owner cancels an order from page 1 and
        # another customer's order on page 1 is trashed: page 2 shifts by one
        if page == 1 and not api.orders[ids[10]]["status"] == "cancelled":
            api.set_status(ids[10], "cancelled")
            del api.orders[ids[20]]

    shop.between_pages = owner_edits_one
    found, cursor = market.fetch_orders("2026-11-20T09:00:00")
    shop.between_pages = None
    wanted = {(o["id"], o["date_modified_gmt"]) for o in shop.orders.values()}
    assert wanted <= {(int(o.ref), o.modified) for o in found}   # nothing skipped
    assert ("cancelled" in [o.status for o in found if int(o.ref) == ids[10]])
    assert len(found) == len({(o.ref, o.modified) for o in found})   # nothing twice
    assert [(o.modified, int(o.ref)) for o in found] == sorted((o.modified, int(o.ref)) for o in found)


def test_first_sync_takes_only_orders_from_now_on(db, owner, shop, market, chair):
    db.execute("DELETE FROM sync_cursors")   # never connected before
    for _ in range(4):
        shop.add_order(status="completed", modified="2025-11-20T10:00:00")   # a year ago
    result = sync(db, market, owner)
    assert result.received == 0 and orders.list_orders(db) == []
    # from then on, what the shop gets is taken
    fresh = shop.add_order(status="processing", modified="2026-11-27T15:00:30")
    assert sync(db, market, owner).received == 1
    assert orders.get_order(db, f"WEB-{fresh}")


def test_the_owner_may_choose_to_take_older_orders_when_connecting(db, owner, shop, market, chair):
    db.execute("DELETE FROM sync_cursors")
    old = shop.add_order(status="processing", modified="2026-11-10T09:00:00")
    sync_config.take_orders_from(db, "2026-11-01", actor=owner)
    assert sync(db, market, owner).received == 1
    assert orders.get_order(db, f"WEB-{old}")


def test_taking_orders_from_a_date_is_only_for_the_first_connection(db, owner, shop, cfg):
    with pytest.raises(Exception) as refused:
        sync_config.take_orders_from(db, "2026-11-01", actor=owner)
    assert "ya" in str(refused.value)


@pytest.mark.parametrize("status", ["completed", "cancelled", "refunded"])
def test_a_closed_shop_order_never_becomes_a_work_order(db, owner, shop, market, chair, status):
    shop.add_order(status=status, lines=[("SILLA-01", 2)], modified="2026-11-27T14:00:00")
    result = sync(db, market, owner)
    assert result.received == 1
    assert orders.list_orders(db) == []
    assert scalar(db, "SELECT state FROM inbox") == "applied"


@pytest.mark.parametrize("final", ["completed", "cancelled", "refunded"])
def test_progress_never_moves_a_closed_shop_order_back(shop, market, final):
    ref = shop.add_order(status="processing")
    shop.set_status(ref, final)   # the owner closed it on the shop
    outcome = market.update_order(OrderUpdate("k1", str(ref), "Order P-1: being made; 50.0% made.", "processing"))
    assert outcome.ok
    assert shop.orders[ref]["status"] == final
    assert shop.status_history[ref] == ["processing", final]
    assert "50.0% made" in shop.notes[ref][0]["note"]   # the buyer still gets the news
