import pytest

from smedesk.core import settings
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync import inbox
from smedesk.sync.credentials import Keys
from smedesk.sync.woocommerce import WooCommerce
from tests.sync.wcserver import Shop

# A WordPress user's application password, as WordPress shows it (groups of four).
APP_USER, APP_PASSWORD = "rosa", "abcd EFGH ijkl MNOP qrst UVWX"
KEYS = Keys("ck_test", "cs_test", APP_USER, APP_PASSWORD)


@pytest.fixture
def shop(monkeypatch):
    server = Shop().start()
    server.app_passwords[APP_USER] = APP_PASSWORD
    # The shop's certificate comes from a test CA, trusted the way an owner
    # trusts a private one: REQUESTS_CA_BUNDLE.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", server.ca_file)
    yield server
    server.stop()


@pytest.fixture
def cfg(db, owner, shop):
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    # Connected long ago: take the shop's orders from the start of the year.
    inbox.set_cursor(db, "woocommerce.orders", "2026-01-01T00:00:00")
    return sync_config.load(db)


@pytest.fixture
def market(shop, cfg):
    return WooCommerce.connect(shop.url, KEYS, cfg, timeout=(2.0, 0.5))


@pytest.fixture
def keys_dir(tmp_path, monkeypatch):
    folder = tmp_path / "claves"
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(folder))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")
    return folder


def add_products(db, owner, count, prefix="SILLA", price="100"):
    return [catalogue.save_product(db, {"sku": f"{prefix}-{n:02d}", "name": f"Silla {n}", "name_en": f"Chair {n}",
                                        "price": price}, actor=owner) for n in range(1, count + 1)]
