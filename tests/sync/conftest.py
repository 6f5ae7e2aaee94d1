import pytest

from smedesk.core import settings
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync.credentials import Keys
from smedesk.sync.woocommerce import WooCommerce
from tests.sync.wcserver import Shop


@pytest.fixture
def shop():
    server = Shop().start()
    yield server
    server.stop()


@pytest.fixture
def cfg(db, owner, shop):
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    return sync_config.load(db)


@pytest.fixture
def market(shop, cfg):
    return WooCommerce.connect(shop.url, Keys("ck_test", "cs_test"), cfg, timeout=(2.0, 0.5))


@pytest.fixture
def keys_dir(tmp_path, monkeypatch):
    folder = tmp_path / "claves"
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(folder))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")
    return folder


def add_products(db, owner, count, prefix="SILLA", price="100"):
    return [catalogue.save_product(db, {"sku": f"{prefix}-{n:02d}", "name": f"Silla {n}", "name_en": f"Chair {n}",
                                        "price": price}, actor=owner) for n in range(1, count + 1)]
