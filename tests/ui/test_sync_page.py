"""The Sincronizar page: counts, retry and drop, background sync with progress."""

import pytest
from PySide6.QtWidgets import QPushButton

from smedesk.core import business, settings
from smedesk.core.changes import Changes
from smedesk.core.db import scalar
from smedesk.production import catalogue
from smedesk.sync import credentials, outbox
from smedesk.ui.main_window import MainWindow
from tests.sync.wcserver import Shop


@pytest.fixture
def shop(monkeypatch):
    server = Shop().start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", server.ca_file)
    yield server
    server.stop()


@pytest.fixture
def keys(tmp_path, monkeypatch):
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(tmp_path / "claves"))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")


def products(db, owner, n):
    for i in range(1, n + 1):
        catalogue.save_product(db, {"sku": f"S-{i}", "name": f"Silla {i}", "price": "10"}, actor=owner)


def click(page, name):
    page.findChild(QPushButton, name).click()
    settle(page)


def settle(page):
    """Wait for the database worker's answer and the refreshes it causes."""
    from PySide6.QtTest import QTest

    for _ in range(2):
        for _ in range(2000):  # bounded: at most some seconds
            if not page.ctx.ops.busy():
                break
            QTest.qWait(5)
        QTest.qWait(1)


def test_page_shows_counts_and_pending_items(window, db, owner):
    products(db, owner, 2)
    settings.set(db, "sync.base_url", "https://tienda.example.pe", actor=owner)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    assert "Pendientes: 2" in page.counts.text()
    assert page.table.rowCount() == 2
    assert page.table.item(0, 0).text().startswith("S-")


def test_staff_does_not_see_the_page(qtbot, staff_ctx):
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert "sync" not in win.page_keys()


def test_failed_item_shows_its_reason_and_can_be_retried(window, db, owner):
    products(db, owner, 1)
    key = scalar(db, "SELECT key FROM outbox")
    outbox.mark_failed(db, key, "La tienda respondió 400: SKU duplicado", retryable=False)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    assert page.table.rowCount() == 1  # shown by default: pending or failed
    page.filter.setCurrentIndex(2)  # failed
    settle(page)  # read on the worker
    assert page.table.item(0, 4).text() == "La tienda respondió 400: SKU duplicado"
    page.table.selectRow(0)
    click(page, "retry")
    assert outbox.counts(db) == {"pending": 1, "sent": 0, "failed": 0}


def test_drop_selected_item(window, db, owner):
    products(db, owner, 1)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    page.table.selectRow(0)
    click(page, "drop")
    assert outbox.counts(db)["pending"] == 0
    assert page.table.rowCount() == 0


def test_retry_without_selection_says_so(window):
    page = window.show_page("sync")
    click(page, "retry")
    assert "Elija" in page.message.banner.text()


def test_plain_http_address_is_refused_next_to_the_field(window, keys):
    page = window.show_page("sync")
    page.form.fields["base_url"].setText("http://tienda.example.pe")
    click(page, "save_connection")
    assert "https" in page.form.errors["base_url"].text()


def test_background_sync_sends_everything_and_reports(qtbot, window, db, owner, shop, keys):
    products(db, owner, 3)
    page = window.show_page("sync")
    page.form.fields["base_url"].setText(shop.url)
    page.form.fields["consumer_key"].setText("ck_test")
    page.form.fields["consumer_secret"].setText("cs_test")
    click(page, "save_connection")
    assert credentials.load(business.get(db)["uid"]).secret == "cs_test"
    assert settings.get(db, "sync.base_url") == shop.url
    with qtbot.waitSignal(window.ctx.bus.changed, timeout=10000, check_params_cb=lambda changes, _who: changes == Changes("sync")):
        click(page, "sync_now")
    settle(page)  # the counts are read again on the worker
    assert len(shop.products) == 3
    assert "Enviados: 3" in page.message.banner.text()
    assert "Pendientes: 0" in page.counts.text()
    assert page.sync_button.isEnabled() and not page.cancel_button.isEnabled()


def test_background_sync_without_keys_reports_the_reason(qtbot, window, db, owner, shop, keys):
    products(db, owner, 1)
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    page = window.show_page("sync")
    with qtbot.waitSignal(window.ctx.bus.changed, timeout=10000):
        click(page, "sync_now")
    assert "claves" in page.message.banner.text()
    assert shop.log == []


def test_apply_what_came_in_turns_a_request_into_a_quotation(qtbot, window, db, owner):
    from smedesk.accounts import quotations
    from smedesk.sync import inbox

    products(db, owner, 1)
    inbox.receive_orders(db, "woocommerce", [{"ref": "7", "kind": "rfq", "status": "quote-request",
                                               "modified": "2026-11-20T10:00:00", "currency": "USD",
                                               "buyer": {"company": "Andes Kids LLC", "country": "US"},
                                               "lines": [{"sku": "S-1", "name": "", "qty": 5}]}], None)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    assert page.inbox.item(0, 4).text() == "Nuevo"
    with qtbot.waitSignal(window.ctx.bus.changed, timeout=10000) as blocker:
        click(page, "apply_inbox")
    assert blocker.args[0] == Changes("sync", "quotations", "parties")
    assert page.inbox.item(0, 4).text() == "Hecho"
    assert len(quotations.list_quotations(db)) == 1


def test_a_shop_never_set_up_has_nothing_pending(window, db, owner, keys):
    products(db, owner, 3)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    assert "Pendientes" not in page.counts.text() and "ninguna tienda" in page.counts.text().lower()
    assert page.table.isHidden()


def test_usb_round_trip_with_buttons_only(window, db, owner, shop, keys, tmp_path, qtbot):
    """Workshop: write to the stick; cabina: the dialog sends it; workshop: read it back."""
    from smedesk.sync import bundle
    from smedesk.ui.cabina import CabinaDialog

    products(db, owner, 2)
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    credentials.save(business.get(db)["uid"], credentials.Keys("ck_test", "cs_test", "", ""))
    stick = tmp_path / "USB"
    stick.mkdir()
    page = window.show_page("sync")
    page.write_bundle(str(stick / "smedesk-envio.zip"))
    settle(page)
    assert "memoria" in page.usb_message.banner.text().lower() or "usb" in page.usb_message.banner.text().lower()
    assert str(tmp_path) not in page.usb_message.banner.text()  # plain words, no path
    dialog = CabinaDialog(folders=[stick])
    qtbot.addWidget(dialog)
    assert "Taller" in dialog.found.text() or "«" in dialog.found.text()
    assert dialog.keys_form.isHidden()  # the keys saved at the workshop are found
    dialog.findChild(QPushButton, "cabina_send").click()
    assert len(shop.products) == 2
    assert dialog.result.banner.text().startswith("Listo: 2 cambios llegaron a la tienda, y ")
    page.read_bundle(str(stick / "smedesk-envio.zip"))
    settle(page)
    assert outbox.counts(db)["sent"] == 2
    assert bundle is not None


def test_connection_keeps_the_application_password_and_when_orders_start(window, db, shop, keys):
    from smedesk.sync import config as sync_config

    page = window.show_page("sync")
    for name, value in (("base_url", shop.url), ("consumer_key", "ck_test"), ("consumer_secret", "cs_test"),
                        ("wp_user", "rosa"), ("app_password", "abcd EFGH ijkl MNOP qrst UVWX")):
        page.form.fields[name].setText(value)
    assert page.orders_from.currentData() == "now"   # the default: the shop's history is not new work
    click(page, "save_connection")
    stored = credentials.load(business.get(db)["uid"])
    assert (stored.wp_user, stored.app_password) == ("rosa", "abcdEFGHijklMNOPqrstUVWX")
    assert sync_config.orders_taken_since(db) is not None
    assert not page.orders_from.isEnabled() and "UTC" in page.orders_since.text()


def test_a_product_in_the_shop_trash_is_listed_and_can_be_restored(window, db, owner):
    from smedesk.sync import listing

    products(db, owner, 1)
    uid = scalar(db, "SELECT uid FROM products")
    key = scalar(db, "SELECT key FROM outbox")
    outbox.mark_sent(db, key)
    listing.remember(db, uid, "55", {"active": True}, trashed=True)
    page = window.show_page("sync")
    page.refresh()
    settle(page)  # read on the worker
    assert page.trash.rowCount() == 1 and page.trash.item(0, 1).text() == "55"
    page.trash.selectRow(0)
    click(page, "restore")
    assert outbox.counts(db)["pending"] == 1
