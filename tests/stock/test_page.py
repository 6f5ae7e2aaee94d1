"""The Almacén page and the Panel's stock warnings (pytest-qt, offscreen)."""

from decimal import Decimal

import pytest

from smedesk.core import users
from smedesk.stock import position
from smedesk.ui.context import AppContext, Bus


@pytest.fixture
def page_for(qtbot, db, db_path):
    def make(actor):
        from smedesk.ui.pages.stock_page import StockPage

        page = StockPage(AppContext(db=db, db_path=db_path, actor=actor, bus=Bus()))
        qtbot.addWidget(page)
        for _ in range(2):  # read on the worker (a part may ask again)
            qtbot.waitUntil(lambda: not page.ctx.ops.busy(), timeout=10000)
            qtbot.wait(1)
        return page
    return make


def cells(table, row):
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


def test_owner_sees_values_and_below_zero_in_red(page_for, owner, buy, db, settle):
    buy("JER", "1", "20")
    page = page_for(owner)
    page.move_code.setCurrentText("JER")
    page.move_qty.setText("1500")
    page.move_unit.setText("g")
    page.move_reason.setCurrentIndex(page.move_reason.findData("waste"))
    page.record_move()
    settle(page.ctx)
    row = next(n for n in range(page.stock.rowCount()) if page.stock.item(n, 0).text() == "JER")
    assert cells(page.stock, row)[3] == "-0.5"
    assert cells(page.stock, row)[8] == "-10.00"
    assert page.stock.item(row, 3).foreground().color().name() == "#b00020"
    assert "bajo cero" in page.message.text()


def test_count_typed_on_the_page(page_for, owner, buy, db, settle):
    buy("JER", "10", "20")
    page = page_for(owner)
    row = next(n for n in range(page.count.rowCount()) if page.count.item(n, 0).text() == "JER")
    page.count.item(row, 3).setText("9,5")
    page.record_count()
    settle(page.ctx)
    assert "cambiaron 1 de 1" in page.message.text()
    assert next(r for r in position.stock_list(db) if r["code"] == "JER")["on_hand"] == Decimal("9.5")


def test_counts_typed_are_kept_when_the_page_refreshes(page_for, owner, buy, db, settle):
    """Someone counting while the floor scans: the refresh a scan causes must not wipe the figures typed."""
    buy("JER", "10", "20")
    buy("TORN", "1", "1000")
    page = page_for(owner)
    rows = {page.count.item(n, 0).text(): n for n in range(page.count.rowCount())}
    page.count.item(rows["JER"], 3).setText("9,5")
    buy("TORN", "1", "1000")  # a purchase recorded elsewhere meanwhile
    page.refresh()
    settle(page.ctx)
    sheet = {page.count.item(n, 0).text(): (page.count.item(n, 2).text(), page.count.item(n, 3).text())
             for n in range(page.count.rowCount())}
    assert sheet == {"JER": ("10", "9,5"), "TORN": ("2", "")}  # the new figure shown, the typed one kept


def test_a_wrong_count_shows_why_and_saves_nothing(page_for, owner, buy, db, settle):
    buy("JER", "10", "20")
    page = page_for(owner)
    row = next(n for n in range(page.count.rowCount()) if page.count.item(n, 0).text() == "JER")
    page.count.item(row, 3).setText("-3")
    page.record_count()
    settle(page.ctx)
    assert "no puede ser negativo" in page.message.text()
    assert next(r for r in position.stock_list(db) if r["code"] == "JER")["on_hand"] == 10


def test_staff_see_quantities_without_money(page_for, db, staff, buy):
    from smedesk.core.roles import bind

    buy("JER", "10", "20")
    actor = users.actor_for(users.get_user(db, staff.user_id))
    bind(db, actor)
    page = page_for(actor)
    assert page.stock.columnCount() == 7
    assert not hasattr(page, "suggest")
    row = next(n for n in range(page.stock.rowCount()) if page.stock.item(n, 0).text() == "JER")
    assert cells(page.stock, row)[3] == "10"


def test_needs_and_suggested_purchases_recorded_as_a_purchase(page_for, owner, shop, buy, order, db, settle):
    buy("JER", "1", "19.25", party="textil")
    order("P-1", "POLO-01", 100)
    page = page_for(owner)
    assert "Para P-1 faltan 17.90 kg de tela jersey" in page.short.text()
    row = next(n for n in range(page.suggest.rowCount()) if page.suggest.item(n, 1).text() == "JER")
    page.suggest.selectRow(row)
    page.receive_doc.setText("F002-15")
    page.receive()
    settle(page.ctx)
    assert "Compra registrada" in page.message.text()
    assert next(r for r in position.stock_list(db) if r["code"] == "JER")["on_hand"] == Decimal("18.9")


def test_panel_warns_before_the_floor_stops(qtbot, db, db_path, owner, order):
    from smedesk.ui.panel.stock import SECTION, StockWarnings

    order("P-0005", "MESA-01", 4)          # 200 pt of tornillo, none on hand
    widget = StockWarnings(AppContext(db=db, db_path=db_path, actor=owner, bus=Bus()))
    qtbot.addWidget(widget)
    widget.fill(SECTION.load(db))
    assert widget.short.text() == "Para P-0005 faltan 0.48 m³ de tornillo: compre antes del 13/03"


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_releasing_a_short_order_asks_once(qtbot, monkeypatch, db, db_path, owner, order, answer):
    from PySide6.QtWidgets import QMessageBox

    from smedesk.stock import needs
    from smedesk.tracking import orders
    from smedesk.ui.pages.orders_page import OrdersPage

    order("P-0005", "MESA-01", 4)
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.Yes if answer == "yes" else QMessageBox.No
    monkeypatch.setattr(QMessageBox, "question", question)
    ctx = AppContext(db=db, db_path=db_path, actor=owner, bus=Bus())
    page = OrdersPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)  # the board is read on the worker
    page.table.selectRow(0)
    page.release()
    qtbot.waitUntil(lambda: bool(asked) and not ctx.ops.busy(), timeout=5000)
    qtbot.wait(10)  # the refresh the broadcast queued
    ctx.close()
    assert len(asked) == 1 and "Para P-0005 faltan 0.48 m³ de tornillo" in asked[0]
    state = orders.get_order(db, "P-0005")["state"]
    assert state == ("released" if answer == "yes" else "draft")
    assert [s.order for s in needs.shortages(db)] == ["P-0005"]      # listed either way


def test_units_and_dates_read_as_the_catalogue_writes_them(page_for, owner, db, settle):
    from smedesk.production import catalogue

    catalogue.save_material(db, {"code": "BOT", "name": "Botón", "unit": "unit", "price": "0.15"}, actor=owner)
    page = page_for(owner)
    page.move_code.setCurrentText("BOT")
    page.move_qty.setText("100")
    page.move_reason.setCurrentIndex(page.move_reason.findData("adjust"))
    page.move_date.setText("27/02/2026")
    page.record_move()
    settle(page.ctx)
    row = next(n for n in range(page.stock.rowCount()) if page.stock.item(n, 0).text() == "BOT")
    assert cells(page.stock, row)[2] == "unid."
    assert cells(page.history, 0)[:5] == ["27/02/2026", "BOT", "Ajuste", "100", "unid."]
    assert page.message.text().startswith("BOT: 100 unid.")


def test_the_stock_page_reads_on_the_worker(page_for, owner, buy, worker_threads):
    from smedesk.stock import needs, position

    seen = {name: worker_threads(module, name) for module, name in ((position, "stock_list"), (needs, "needs"))}
    buy("JER", "10", "20")
    page = page_for(owner)
    assert {name: set(threads) for name, threads in seen.items()} == {"stock_list": {"smedesk-db"},
                                                                       "needs": {"smedesk-db"}}
    assert {page.stock.item(n, 0).text() for n in range(page.stock.rowCount())} == {"JER", "TORN"}
