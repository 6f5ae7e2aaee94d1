"""Whatever edits and faults happen, once a sync gets through the shop holds
exactly the local catalogue: no duplicate product, no lost change, and at
most one open outbox row per product."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedesk.core.db import rows, scalar
from smedesk.production import catalogue
from smedesk.sync import listing, outbox, sender

SKUS = ["A-1", "A-2", "A-3"]
edits = st.tuples(st.sampled_from(SKUS), st.sampled_from(["price", "name", "active"]),
                  st.integers(min_value=1, max_value=999))
steps = st.lists(st.one_of(edits, st.sampled_from(["sync", "500", "drop", "timeout", "malformed"])),
                 min_size=1, max_size=12)


def edit(db, owner, sku, field, n):
    if field == "active":
        db.execute("UPDATE products SET active = ?, updated_at = 'x' WHERE sku = ?", [n % 2, sku])
        return
    found = catalogue.get_product(db, sku)
    data = {"sku": sku, "name": found["name"] if found else sku, "price": "10"}
    if found and found["price_cents"] is not None:
        data["price"] = str(found["price_cents"] / 100)
    data["price" if field == "price" else "name"] = str(n) if field == "price" else f"Producto {n}"
    catalogue.save_product(db, data, actor=owner)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=steps)
def test_the_shop_ends_equal_to_the_catalogue(db, owner, shop, market, cfg, steps):
    run = dict(actor=owner, config=cfg, sleep=lambda s: None, ignore_backoff=True, retries=0, fetch=False)
    for step in steps:
        if isinstance(step, tuple):
            edit(db, owner, *step)
        elif step == "sync":
            sender.run(db, market, **run)
        else:
            shop.fault(step, "/batch")
            sender.run(db, market, **run)
        assert scalar(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM outbox WHERE state IN"
                          " ('pending', 'failed') GROUP BY kind, entity_uid)") in (None, 1)
    shop.faults.clear()
    # examples share the file: after MAX_ATTEMPTS failures an item waits for the owner's retry
    outbox.retry_all_failed(db, actor=owner)
    sender.run(db, market, **run)
    in_shop = [p["sku"] for p in shop.products.values()]
    assert len(in_shop) == len(set(in_shop))
    for p in rows(db, "SELECT uid, sku FROM products"):
        local = listing.build(db, p["uid"], cfg)
        (remote,) = [x for x in shop.products.values() if x["sku"] == p["sku"]]
        assert remote["regular_price"] == local["price"]
        assert remote["name"] == local["name"]
        assert remote["status"] == ("publish" if local["active"] else "draft")
