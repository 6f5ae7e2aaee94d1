"""Sync figures against a WooCommerce-compatible shop on 127.0.0.1:

1. bytes sent for a one-field change (a price) in a 500-product catalogue
   that the shop already holds (URL with its query, plus body, as the
   transport counts them; HTTP headers not counted) against the bytes of publishing the whole catalogue;
2. time to drain 1,000 outbox items (1,000 new products, batches of 100).

Usage: python benchmarks/sync.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SMEDESK_LANG", "en")

from smedesk.core import business, settings, users  # noqa: E402
from smedesk.core.db import tx  # noqa: E402
from smedesk.production import catalogue  # noqa: E402
from smedesk.sync import config as sync_config  # noqa: E402
from smedesk.sync import outbox, sender  # noqa: E402
from smedesk.sync.woocommerce import WooCommerce  # noqa: E402
from tests.sync.conftest import KEYS  # noqa: E402
from tests.sync.wcserver import Shop  # noqa: E402


def new_business(folder: Path, name: str):
    db = business.create(folder / f"{name}.smedesk",
                         business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234"))
    return db, users.owner_actor(db)


def add(db, owner, count: int) -> None:
    with tx(db):
        for n in range(1, count + 1):
            catalogue.save_product(db, {"sku": f"P-{n:04d}", "name": f"Producto {n}", "name_en": f"Product {n}",
                                        "description_en": "Hand-made in Villa El Salvador, solid tornillo wood.",
                                        "price": f"{100 + n}.50"}, actor=owner)


def connect(db, shop):
    settings.set(db, "sync.base_url", shop.url, actor=users.owner_actor(db))
    # The local shop's certificate comes from a test CA (see tests/sync/wcserver.py).
    os.environ["REQUESTS_CA_BUNDLE"] = shop.ca_file
    config = sync_config.load(db)
    return WooCommerce.connect(shop.url, KEYS, config), config


def one_field_change(folder: Path) -> None:
    db, owner = new_business(folder, "one")
    shop = Shop().start()
    try:
        market, config = connect(db, shop)
        add(db, owner, 500)
        sender.run(db, market, actor=owner, config=config, fetch=False)
        full = market.t.bytes_sent
        market.t.bytes_sent = market.t.requests = 0
        catalogue.save_product(db, {"sku": "P-0250", "name": "Producto 250", "name_en": "Product 250",
                                    "price": "999.90"}, actor=owner)
        result = sender.run(db, market, actor=owner, config=config, fetch=False)
        assert result.sent == 1, result
        print("one-field change in a 500-product catalogue:")
        print(f"  bytes sent: {market.t.bytes_sent} in {market.t.requests} request(s)")
        print(f"  (publishing all 500 products first: {full} bytes; ratio {full / market.t.bytes_sent:.0f}:1)")
    finally:
        shop.stop()
        db.close()


def drain_1000(folder: Path) -> None:
    db, owner = new_business(folder, "drain")
    shop = Shop().start()
    try:
        market, config = connect(db, shop)
        add(db, owner, 1000)
        assert outbox.counts(db)["pending"] == 1000
        start = time.perf_counter()
        result = sender.run(db, market, actor=owner, config=config, fetch=False)
        seconds = time.perf_counter() - start
        assert result.sent == 1000 and len(shop.products) == 1000, result
        print("drain 1,000 outbox items against the local shop:")
        print(f"  {seconds:.2f} s ({1000 / seconds:.0f} items/s, {market.t.requests} requests,"
              f" {market.t.bytes_sent / 1024:.0f} KiB sent)")
    finally:
        shop.stop()
        db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one_field_change(Path(tmp))
        drain_1000(Path(tmp))


if __name__ == "__main__":
    main()
