"""What the owner does by hand on the shop (issue 19, point 4): products
deleted or moved to the trash there, SKUs with a comma."""

from smedesk.core.db import scalar
from smedesk.production import catalogue
from smedesk.sync import listing, outbox, sender
from tests.sync.conftest import add_products


def sync(db, market, owner, cfg):
    return sender.run(db, market, actor=owner, config=cfg, sleep=lambda s: None, ignore_backoff=True,
                      fetch=False)


def remote_id(db, sku):
    return scalar(db, "SELECT r.remote_id FROM sync_remote r JOIN products p ON p.uid = r.entity_uid"
                      " WHERE p.sku = ?", [sku])


def test_a_product_deleted_on_the_shop_is_put_back_and_its_new_id_remembered(db, owner, shop, market, cfg):
    add_products(db, owner, 2)
    sync(db, market, owner, cfg)
    old = int(remote_id(db, "SILLA-01"))
    shop.delete(old)   # Trash → Delete permanently, in wp-admin
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "120"},
                           actor=owner)
    result = sync(db, market, owner, cfg)
    assert result.sent == 1 and result.failed == 0
    back = shop.by_sku("SILLA-01")
    assert back["id"] != old and int(remote_id(db, "SILLA-01")) == back["id"]
    # put back whole, not only the price that changed
    assert (back["name"], back["regular_price"], back["status"]) == ("Chair 1", "120.00", "publish")
    assert outbox.counts(db) == {"pending": 0, "sent": 3, "failed": 0}


def test_a_product_in_the_shop_trash_is_reported_and_can_be_restored(db, owner, shop, market, cfg):
    add_products(db, owner, 1)
    sync(db, market, owner, cfg)
    pid = int(remote_id(db, "SILLA-01"))
    shop.trash(pid)
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "130"},
                           actor=owner)
    result = sync(db, market, owner, cfg)
    assert shop.products[pid]["regular_price"] == "130.00" and shop.products[pid]["status"] == "trash"
    assert any("papelera" in w and "SILLA-01" in w for w in result.warnings)
    (found,) = listing.trashed(db)
    assert found["sku"] == "SILLA-01"
    listing.restore(db, found["uid"], actor=owner)
    sync(db, market, owner, cfg)
    assert shop.products[pid]["status"] == "publish"
    assert listing.trashed(db) == []


def test_a_sku_with_a_comma_is_looked_up_exactly(db, owner, shop, market, cfg):
    # made by hand on the shop before smedesk: "MESA,ROBLE" and the unrelated "MESA"
    table = shop.add_product("MESA,ROBLE", name="old")
    other = shop.add_product("MESA", name="Mesa de otro")
    catalogue.save_product(db, {"sku": "MESA,ROBLE", "name": "Mesa", "name_en": "Oak table", "price": "500"},
                           actor=owner)
    result = sync(db, market, owner, cfg)
    assert result.sent == 1 and result.failed == 0
    assert sorted(shop.products) == sorted([table, other])   # matched, not created twice
    assert shop.products[table]["name"] == "Oak table"
    assert shop.products[other]["name"] == "Mesa de otro"
    assert int(remote_id(db, "MESA,ROBLE")) == table
