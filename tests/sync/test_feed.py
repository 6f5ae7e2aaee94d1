"""The product feed: Google Merchant XML and schema.org JSON-LD."""

import json
from xml.etree import ElementTree as ET

import pytest

from smedesk.core import settings
from smedesk.core.errors import ValidationError
from smedesk.production import catalogue
from smedesk.sync import config, feed

G = "{http://base.google.com/ns/1.0}"


@pytest.fixture
def cfg(db, owner):
    settings.set(db, "sync.shop_url", "https://tienda.example.pe", actor=owner)
    settings.set(db, "sync.shop_currency", "USD", actor=owner)
    settings.set(db, "sync.exchange_rate", "3.80", actor=owner)
    catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa", "name_en": "Table & bench", "price": "380",
                                "gtin": "7751234567892"}, actor=owner)
    pid = catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla", "price": "95"}, actor=owner)
    catalogue.save_variant(db, pid, size="M", colour="Nogal", actor=owner)
    catalogue.save_product(db, {"sku": "SIN-PRECIO", "name": "Muestra"}, actor=owner)
    return config.load(db)


def test_google_feed_lists_priced_products_with_merchant_fields(db, owner, cfg, tmp_path):
    info = feed.write_feed(db, tmp_path / "feed.xml", actor=owner, config=cfg)
    assert (info.count, info.skipped) == (2, 1)
    items = ET.parse(tmp_path / "feed.xml").getroot().find("channel").findall("item")
    mesa = items[0]
    assert mesa.find(f"{G}id").text == "MESA-01"
    assert mesa.find("title").text == "Table & bench"
    # S/ 380.00 / 3.80 = 100.00 USD
    assert mesa.find(f"{G}price").text == "100.00 USD"
    assert mesa.find(f"{G}gtin").text == "7751234567892"
    assert mesa.find("link").text == "https://tienda.example.pe/?sku=MESA-01"
    silla = items[1]
    # 95 / 3.80 = 25.00
    assert silla.find(f"{G}price").text == "25.00 USD"
    assert silla.find(f"{G}identifier_exists").text == "no"
    assert (silla.find(f"{G}size").text, silla.find(f"{G}color").text) == ("M", "Nogal")


def test_schema_org_feed_is_an_item_list_of_products_with_offers(db, owner, cfg, tmp_path):
    feed.write_feed(db, tmp_path / "feed.json", actor=owner, config=cfg)
    data = json.loads((tmp_path / "feed.json").read_text())
    assert data["@type"] == "ItemList" and data["numberOfItems"] == 2
    product = data["itemListElement"][0]["item"]
    assert product["offers"] == {"@type": "Offer", "price": "100.00", "priceCurrency": "USD",
                                 "availability": "https://schema.org/InStock",
                                 "itemCondition": "https://schema.org/NewCondition",
                                 "url": "https://tienda.example.pe/?sku=MESA-01"}


def test_inactive_and_deleted_products_are_left_out(db, owner, cfg, tmp_path):
    db.execute("UPDATE products SET active = 0 WHERE sku = 'MESA-01'")
    db.execute("UPDATE products SET deleted_at = 'x' WHERE sku = 'SILLA-01'")
    assert feed.write_feed(db, tmp_path / "f.xml", actor=owner, config=cfg).count == 0


def test_feed_into_a_missing_folder_is_refused(db, owner, cfg, tmp_path):
    with pytest.raises(ValidationError):
        feed.write_feed(db, tmp_path / "nope" / "f.xml", actor=owner, config=cfg)
