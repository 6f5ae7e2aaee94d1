"""Photos and PDFs go to WordPress's media library, which WooCommerce keys do
not open (issue 19, point 1)."""

import requests

from smedesk.core import business
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync import connection, credentials, outbox, sender
from smedesk.sync.credentials import Keys
from smedesk.sync.woocommerce import WooCommerce
from tests.sync.conftest import APP_PASSWORD, APP_USER, add_products


def sync(db, market, owner):
    return sender.run(db, market, actor=owner, config=sync_config.load(db), sleep=lambda s: None,
                      ignore_backoff=True, fetch=False)


def keys_only(shop, db):
    return WooCommerce.connect(shop.url, Keys("ck_test", "cs_test"), sync_config.load(db), timeout=(2.0, 0.5))


def test_the_fake_shop_refuses_keys_on_the_media_route_as_wordpress_does(shop):
    answer = requests.post(shop.url + "/wp-json/wp/v2/media", data=b"x", auth=("ck_test", "cs_test"),
                           headers={"Content-Disposition": 'attachment; filename="a.png"'},
                           verify=shop.ca_file, timeout=5)
    # the site has an application password in use: Basic with the keys is an unknown user
    assert (answer.status_code, answer.json()["code"]) == (401, "invalid_username")
    shop.app_passwords.clear()
    answer = requests.post(shop.url + "/wp-json/wp/v2/media", data=b"x", auth=("ck_test", "cs_test"),
                           headers={"Content-Disposition": 'attachment; filename="a.png"'},
                           verify=shop.ca_file, timeout=5)
    assert (answer.status_code, answer.json()["code"]) == (401, "rest_cannot_create")


def test_without_an_application_password_products_go_without_photos_and_it_says_so(db, owner, shop, cfg):
    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    result = sync(db, keys_only(shop, db), owner)
    assert result.sent == 1 and result.failed == 0
    (product,) = shop.catalogue()
    assert product["images"] == [] and shop.media == {}
    assert any("contraseña de aplicación" in w for w in result.warnings)
    assert outbox.counts(db) == {"pending": 0, "sent": 1, "failed": 0}


def test_saving_an_application_password_sends_the_missing_photos(db, owner, shop, cfg, keys_dir):
    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    connection.save(db, shop.url, "ck_test", "cs_test", actor=owner)
    sync(db, keys_only(shop, db), owner)
    assert outbox.counts(db)["pending"] == 0
    connection.save(db, shop.url, wp_user=APP_USER, app_password=APP_PASSWORD, actor=owner)
    stored = credentials.load(business.get(db)["uid"])
    assert (stored.key, stored.wp_user, stored.app_password) == ("ck_test", "rosa", "abcdEFGHijklMNOPqrstUVWX")
    assert outbox.counts(db)["pending"] == 1   # the photo is queued again
    market = WooCommerce.connect(shop.url, stored, sync_config.load(db), timeout=(2.0, 0.5))
    sync(db, market, owner)
    (media_id,) = shop.media
    assert [i["id"] for i in shop.catalogue()[0]["images"]] == [media_id]


def test_a_refused_application_password_publishes_without_photos_too(db, owner, shop, cfg):
    (pid,) = add_products(db, owner, 1)
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "price": "100"}, actor=owner)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    wrong = Keys("ck_test", "cs_test", APP_USER, "zzzz zzzz zzzz zzzz zzzz zzzz")
    market = WooCommerce.connect(shop.url, wrong, sync_config.load(db), timeout=(2.0, 0.5))
    result = sync(db, market, owner)
    assert result.sent == 1 and result.failed == 0 and shop.media == {}
    assert any("rechazó la contraseña de aplicación" in w for w in result.warnings)
