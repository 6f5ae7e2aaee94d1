"""Pedidos, Producción and the Panel's orders section, driven like a user."""

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from smedesk.core import parties
from smedesk.production import catalogue
from smedesk.tracking import orders, release, scanning
from smedesk.ui.pages.orders_page import OrdersPage
from smedesk.ui.pages.production_page import ProductionPage
from smedesk.ui.panel import orders as panel_orders
from smedesk.ui.panel.orders import OrdersByRisk


@pytest.fixture
def shop(db, owner, monkeypatch, tmp_path):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    product = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa", "price": "300"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": "Corte", "std_minutes": "10", "piece_rate": "2"},
                                        {"name": "Armado", "std_minutes": "20", "piece_rate": "4"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente Uno"}, actor=owner)
    orders.create_order(db, "P-0001", customer, [{"sku": "MESA-01", "qty": 3}], "2026-03-20", actor=owner)
    return customer


def click(qtbot, page, name):
    qtbot.mouseClick(page.findChild(QPushButton, name), Qt.LeftButton)
    settle(qtbot, page)


def settle(qtbot, page):
    """Wait for the database worker's answers (and the refreshes they cause)."""
    qtbot.waitUntil(lambda: not page.ctx.ops.busy(), timeout=10000)
    qtbot.wait(1)  # refreshes queued by the broadcast run once the event is done
    qtbot.waitUntil(lambda: not page.ctx.ops.busy(), timeout=10000)
    printing = getattr(page, "printing", None)  # a PDF is drawn on a render thread
    qtbot.waitUntil(lambda: printing is None or not printing.busy(), timeout=20000)


def orders_page(qtbot, ctx):
    page = OrdersPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)
    return page


def test_orders_page_lists_and_releases(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "P-0001"
    page.table.selectRow(0)
    click(qtbot, page, "release")
    assert orders.get_order(db, "P-0001")["state"] == "released"
    assert "3 etiquetas" in page.message.text()
    assert page.steps.rowCount() == 2


def test_orders_page_prints_labels_into_documents_folder(qtbot, ctx, shop, db, owner, db_path):
    release.release(db, "P-0001", actor=owner)
    page = orders_page(qtbot, ctx)
    page.table.selectRow(0)
    click(qtbot, page, "labels_a4")
    assert (db_path.parent / "documentos" / "etiquetas-P-0001-a4.pdf").exists()
    click(qtbot, page, "worksheet")
    assert (db_path.parent / "documentos" / "hoja-P-0001.pdf").exists()


def test_new_order_form_saves_a_draft(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    form = page.new_form
    form.customer.setCurrentText("Cliente Uno")
    form.due.setDate(QDate(2026, 3, 30))
    form.lines.cellWidget(0, 2).setValue(5)
    click(qtbot, form, "save_order")
    order = orders.get_order(db, "P-0002")
    assert order["lines"][0]["qty"] == 5 and order["lines"][0]["unit_price_cents"] == 30000
    assert page.table.rowCount() == 2


def test_new_order_form_shows_error_next_to_due_date(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    form = page.new_form
    form.customer.setCurrentText("Cliente Uno")
    form.due.setDate(QDate(2026, 2, 1))
    click(qtbot, form, "save_order")
    assert "ya pasó" in form.form.errors["due_date"].text()
    assert orders.get_order(db, "P-0002") is None


def test_production_page_shows_steps_and_undoes_a_scan(qtbot, ctx, shop, db, owner):
    release.release(db, "P-0001", actor=owner)
    code = release.order_units(db, "P-0001")[0]["code"]
    scanning.record_scan(db, code, "Corte", "Rosa", actor=owner)
    page = ProductionPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)  # the jobs, scans and pay are read on the worker
    assert page.jobs.rowCount() == 1
    assert page.steps.item(0, 3).text() == "1"  # Corte: 1 done
    assert page.pay.rowCount() == 2  # Rosa + total
    page.scans.selectRow(0)
    click(qtbot, page, "undo_scan")
    assert db.execute("SELECT count(*) FROM scans WHERE undone_at IS NULL").fetchone()[0] == 0


def test_production_page_saves_typed_time(qtbot, ctx, shop, db, owner):
    release.release(db, "P-0001", actor=owner)
    page = ProductionPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)
    page.minutes.setText("25")
    page.pieces.setValue(2)
    click(qtbot, page, "save_time")
    assert db.execute("SELECT minutes, pieces FROM step_times").fetchone() == ("25", 2)


def test_staff_sees_production_without_pay(qtbot, staff_ctx, shop):
    page = ProductionPage(staff_ctx)
    qtbot.addWidget(page)
    assert page.pay is None
    assert page.findChild(QPushButton, "undo_scan") is None


def test_panel_lists_late_orders_first(qtbot, ctx, shop, db, owner):
    orders.create_order(db, "P-0002", shop, [{"sku": "MESA-01", "qty": 900}], "2026-03-03", actor=owner)
    panel = OrdersByRisk(ctx)
    qtbot.addWidget(panel)
    panel.fill(panel_orders.SECTION.load(db))
    assert panel.item(0, 0).text() == "P-0002" and panel.item(0, 4).text() == "Atrasado"


def test_window_shows_tracking_pages_in_order(window):
    keys = window.page_keys()
    assert keys.index("orders") < keys.index("production") < keys.index("scan")


def test_staff_window_has_scan_but_not_orders(qtbot, staff_ctx):
    from smedesk.ui.main_window import MainWindow

    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert "scan" in win.page_keys() and "orders" not in win.page_keys()


def test_customer_form_saves_foreign_buyer(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    box = page.customers
    box.form.fields["name"].setText("Andes Knit LLC")
    box.id_type.setCurrentIndex(box.id_type.findData("foreign"))
    box.form.fields["id_number"].setText("US-88-1234567")
    box.form.fields["country"].setText("US")
    click(qtbot, box, "save_customer")
    saved = db.execute("SELECT id_type, country FROM parties WHERE name = 'Andes Knit LLC'").fetchone()
    assert saved == ("foreign", "US")
    assert page.new_form.customer.findText("Andes Knit LLC") >= 0


def test_customer_form_shows_bad_ruc_next_to_field(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    box = page.customers
    box.form.fields["name"].setText("Mal RUC")
    box.form.fields["id_number"].setText("20100123454")
    click(qtbot, box, "save_customer")
    assert "dígito verificador" in box.form.errors["id_number"].text()


def test_change_due_date_from_orders_page(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    page.table.selectRow(0)
    page.new_due.setDate(QDate(2026, 4, 15))
    click(qtbot, page, "change_due")
    assert orders.get_order(db, "P-0001")["due_date"] == "2026-04-15"


def test_production_page_imports_scanner_file(qtbot, ctx, shop, db, owner, tmp_path):
    release.release(db, "P-0001", actor=owner)
    codes = [u["code"] for u in release.order_units(db, "P-0001")]
    path = tmp_path / "lector.txt"
    path.write_text(f"{codes[0]},2026-03-02T08:00:00\nbasura\n{codes[1]},2026-03-02T08:05:00\n", encoding="utf-8")
    page = ProductionPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)  # the operators to choose from are read on the worker
    page.batch_step.setText("Corte")
    page.import_batch_file(path)
    settle(qtbot, page)
    assert "2 escaneos contados, 1 rechazados" in page.message.text()
    assert "línea 2" in page.message.text()
    assert db.execute("SELECT count(*) FROM scans").fetchone()[0] == 2


def test_change_draft_from_orders_page(qtbot, ctx, shop, db):
    page = orders_page(qtbot, ctx)
    page.table.selectRow(0)
    click(qtbot, page, "edit")
    form = page.new_form
    assert form.number.text() == "P-0001" and not form.number.isEnabled()
    form.lines.cellWidget(0, 2).setValue(7)
    click(qtbot, form, "save_order")
    assert orders.get_order(db, "P-0001")["lines"][0]["qty"] == 7
    assert form.number.text() == "P-0002" and form.number.isEnabled()


def test_a_negative_quantity_is_refused_not_turned_positive(qtbot, ctx, shop, db):
    page = OrdersPage(ctx)
    qtbot.addWidget(page)
    form = page.new_form
    form.customer.setCurrentText("Cliente Uno")
    form.due.setDate(QDate(2026, 3, 30))
    spin = form.lines.cellWidget(0, 2)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "-5")
    assert spin.value() == -5
    click(qtbot, form, "save_order")
    assert "número entero mayor que cero" in form.form.banner.text()
    assert orders.get_order(db, "P-0002") is None


def test_a_scan_is_undone_on_the_worker(qtbot, ctx, shop, db, owner, worker_threads):
    from smedesk.tracking import scanning

    release.release(db, "P-0001", actor=owner)
    code = release.order_units(db, "P-0001")[0]["code"]
    assert scanning.record_scan(db, code, "Corte", "Rosa", actor=owner).ok
    ran_on = worker_threads(scanning, "undo_scan")
    page = ProductionPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)
    page.scans.selectRow(0)
    page.undo_selected()
    settle(qtbot, page)
    assert ran_on == ["smedesk-db"] and "anulado" in page.message.text()
    assert db.execute("SELECT count(*) FROM scans WHERE undone_at IS NULL").fetchone()[0] == 0


def test_a_week_that_is_no_week_shows_no_pay_and_the_right_week_clears_it(qtbot, ctx, shop, db, owner):
    release.release(db, "P-0001", actor=owner)
    code = release.order_units(db, "P-0001")[0]["code"]
    scanning.record_scan(db, code, "Corte", "Rosa", actor=owner)
    page = ProductionPage(ctx)
    qtbot.addWidget(page)
    settle(qtbot, page)
    assert page.pay.rowCount() == 2  # Rosa + total, this week
    page.week.setText("semana")
    page.refresh_pay()
    settle(qtbot, page)
    assert page.message.text() == "«semana» no es una semana como 2026-W09."
    assert page.pay.rowCount() == 0  # not the last week's figures beside the refusal
    page.week.setText("2026-W10")  # 2 March 2026, the scan's week
    page.refresh_pay()
    settle(qtbot, page)
    assert page.message.text() == "" and page.pay.rowCount() == 2
