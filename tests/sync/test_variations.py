"""Sizes and colours a buyer can choose (issue 19, point 7): a product with
variants is a variable product, each size/colour a variation with its SKU,
price and stock, and orders come back with the size."""

from decimal import Decimal

import pytest

from smedesk.core.db import scalar
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync import sender
from smedesk.tracking import orders


@pytest.fixture
def polo(db, owner):
    pid = catalogue.save_product(db, {"sku": "POLO-01", "name": "Polo", "name_en": "Polo shirt", "price": "35"},
                                 actor=owner)
    catalogue.save_variant(db, pid, size="S", colour="Azul", stock=12, actor=owner)
    catalogue.save_variant(db, pid, size="M", colour="Azul", sku="POLO-M-AZ", price="38.50", stock=0, actor=owner)
    return pid


def sync(db, market, owner, **kw):
    return sender.run(db, market, actor=owner, config=sync_config.load(db), sleep=lambda s: None,
                      ignore_backoff=True, **kw)


def variations(shop):
    (parent,) = shop.catalogue()
    return parent, sorted(shop.variations(parent["id"]), key=lambda v: v["sku"])


def test_variants_become_variations_a_buyer_can_choose(db, owner, shop, market, cfg, polo):
    assert sync(db, market, owner, fetch=False).sent == 1
    parent, (s, m) = variations(shop)
    assert parent["type"] == "variable" and "regular_price" not in {k for k, v in parent.items() if v}
    assert parent["attributes"] == [
        {"name": "Size", "options": ["M", "S"], "visible": True, "variation": True},
        {"name": "Colour", "options": ["Azul"], "visible": True, "variation": True}]
    # S: SKU made from the product's, the product's price, 12 counted in stock
    assert (s["sku"], s["regular_price"], s["manage_stock"], s["stock_quantity"]) == ("POLO-01-S-AZUL", "35.00", True, 12)
    assert s["attributes"] == [{"name": "Size", "option": "S"}, {"name": "Colour", "option": "Azul"}]
    # M: its own SKU and price, none left
    assert (m["sku"], m["regular_price"], m["stock_status"]) == ("POLO-M-AZ", "38.50", "outofstock")


def test_a_new_price_sends_one_small_request_to_the_variations(db, owner, shop, market, cfg, polo):
    sync(db, market, owner, fetch=False)
    shop.log.clear()
    catalogue.save_product(db, {"sku": "POLO-01", "name": "Polo", "name_en": "Polo shirt", "price": "36"},
                           actor=owner)
    assert sync(db, market, owner, fetch=False).sent == 1
    (call,) = shop.log
    assert call["path"].endswith("/variations/batch") and call["bytes"] < 250
    parent, (s, m) = variations(shop)
    assert (s["regular_price"], m["regular_price"]) == ("36.00", "38.50")   # M keeps its own price


def test_a_variant_removed_here_is_removed_from_the_shop(db, owner, shop, market, cfg, polo):
    sync(db, market, owner, fetch=False)
    db.execute("UPDATE variants SET deleted_at = '2026-11-27T00:00:00Z' WHERE sku = 'POLO-M-AZ'")
    sync(db, market, owner, fetch=False)
    parent, found = variations(shop)
    assert [v["sku"] for v in found] == ["POLO-01-S-AZUL"]
    assert parent["attributes"][0]["options"] == ["S"]


def test_a_lost_answer_does_not_make_a_size_twice(db, owner, shop, market, cfg, polo):
    sync(db, market, owner, fetch=False)
    pid = catalogue.get_product(db, "POLO-01")["id"]
    catalogue.save_variant(db, pid, size="L", colour="Azul", actor=owner)
    shop.fault("drop", "/variations/batch")   # the shop makes L, the answer is lost
    sync(db, market, owner, fetch=False, retries=0)
    sync(db, market, owner, fetch=False)
    _parent, found = variations(shop)
    assert sorted(v["sku"] for v in found) == ["POLO-01-L-AZUL", "POLO-01-S-AZUL", "POLO-M-AZ"]


def test_an_order_of_a_size_arrives_with_the_size(db, owner, shop, market, cfg, polo, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-27T15:00:00Z")
    catalogue.set_routing(db, polo, [{"name": "Costura", "std_minutes": "20"}], actor=owner)
    sync(db, market, owner, fetch=False)
    ref = shop.add_order(status="processing", lines=[("POLO-M-AZ", 3)], currency="PEN")
    sync(db, market, owner)
    line = orders.get_order(db, f"WEB-{ref}")["lines"][0]
    variant = scalar(db, "SELECT id FROM variants WHERE sku = 'POLO-M-AZ'")
    assert (line["qty"], line["variant_id"], line["size"]) == (3, variant, "M")
    assert line["unit_price_cents"] == 3850   # the size's own price, S/ 38.50


def test_a_request_for_a_size_is_quoted_at_the_sizes_price(db, owner, shop, market, cfg, polo, monkeypatch):
    from smedesk.accounts import quotations

    monkeypatch.setenv("SMEDESK_NOW", "2026-11-27T15:00:00Z")
    shop.add_order(status="quote-request", lines=[("POLO-M-AZ", 10)], currency="PEN",
                   modified="2026-11-27T14:00:00")
    sync(db, market, owner)
    (q,) = quotations.list_quotations(db)
    (line,) = quotations.get_quotation(db, q["id"])["lines"]
    assert line["description"] == "Polo shirt (M Azul)" and line["unit_price"] == Decimal("38.50")
