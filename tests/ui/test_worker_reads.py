"""The Panel, Pedidos and Producción read on the database worker and paint the
answer when it arrives; long lists are filled a chunk at a time (RowsTable)."""

import dataclasses
import re
import threading

import pytest
from PySide6.QtGui import QColor

from smedesk.core import parties
from smedesk.core.changes import Changes
from smedesk.production import catalogue
from smedesk.tracking import orders, release
from smedesk.ui.pages import production_page
from smedesk.ui.pages.panel_page import PanelPage
from smedesk.ui.panel import margins_section, stock, sunat, today
from smedesk.ui.panel import orders as panel_orders
from smedesk.ui.rows_table import RowsTable


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")  # Monday 2 March 2026 in Lima


def two_orders(db, owner):
    product = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": "Corte", "std_minutes": "10"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente Uno"}, actor=owner)
    for number, due in (("P-0001", "2026-03-30"), ("P-0002", "2026-03-03")):
        orders.create_order(db, number, customer, [{"sku": "MESA-01", "qty": 2}], due, actor=owner)
        release.release(db, number, actor=owner)


def on_threads(monkeypatch, module, name, seen):
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        seen.append((name, threading.current_thread().name))
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, recorded)


def test_every_panel_section_is_read_on_the_worker(qtbot, ctx, db, owner, settle, monkeypatch):
    two_orders(db, owner)
    seen = []
    for module in (panel_orders, stock, sunat, today, margins_section):
        on_threads(monkeypatch, module, "load", seen)
        # the section's SECTION holds the function itself: point it at the recorded one
        monkeypatch.setattr(module, "SECTION", dataclasses.replace(module.SECTION, load=module.load))
    page = PanelPage(ctx)
    qtbot.addWidget(page)
    assert page.findChild(RowsTable, "orders_by_risk").rowCount() == 0  # nothing read on the GUI thread
    settle(ctx)
    assert len(seen) == 5 and {thread for _, thread in seen} == {"smedesk-db"}, seen
    table = page.findChild(RowsTable, "orders_by_risk")
    # P-0002 is due on 3 March (two days after the test's today): the most at risk first
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["P-0002", "P-0001"]
    # dates day first, as everywhere in the window (the forecast is a date too, never ISO)
    assert table.item(0, 2).text() == "03/03/2026" and re.fullmatch(r"\d\d/\d\d/\d{4}", table.item(0, 3).text())


def test_the_panel_reads_again_only_what_follows_the_change(qtbot, ctx, db, owner, settle, monkeypatch):
    page = PanelPage(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    asked = []
    monkeypatch.setattr(page, "read", lambda fn, *a, done, key=None, **kw: asked.append(key))
    assert page.follows(Changes("seace"))  # the owner sees SEACE deadlines: that section follows it
    page.refresh()
    assert asked == ["seace"]


def test_production_reads_its_jobs_on_the_worker(qtbot, ctx, db, owner, settle, monkeypatch):
    two_orders(db, owner)
    seen = []
    on_threads(monkeypatch, production_page, "open_jobs", seen)
    page = production_page.ProductionPage(ctx)
    qtbot.addWidget(page)
    assert page.jobs.rowCount() == 0
    settle(ctx)
    assert seen == [("open_jobs", "smedesk-db")]
    # ordered by due date: P-0002 (3 March) before P-0001 (30 March)
    assert [page.jobs.item(r, 1).text() for r in range(page.jobs.rowCount())] == ["P-0002", "P-0001"]
    assert page.selected_job()["order_number"] == "P-0002"  # the first chosen, its steps shown
    assert page.steps.rowCount() == 1 and page.steps.item(0, 1).text() == "Corte"


def test_an_answer_for_a_page_already_gone_is_dropped(qtbot, ctx, db, owner, settle):
    PanelPage(ctx)  # made and dropped at once: no parent, nothing holds it
    settle(ctx)  # its answers arrive for widgets that no longer exist: nothing is painted, nothing fails
    page = PanelPage(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    assert "Rosa" in page.sections[0][1].text()


def test_rows_table_shows_rows_colours_and_the_chosen_row(qtbot):
    table = RowsTable(("Order", "Situation"))
    qtbot.addWidget(table)
    changed = []
    table.selection_changed.connect(lambda: changed.append(table.current_row()))
    table.set_rows([["P-1", "A tiempo"], ["P-2", "Atrasado"]], {1: [None, "#b00020"]}, select=1)
    assert changed == [1]  # once, when the rows are set with their choice
    assert table.rowCount() == 2 and table.item(1, 0).text() == "P-2" and table.filled()
    assert table.item(1, 1).foreground().color() == QColor("#b00020")
    assert table.horizontalHeaderItem(0).text() == "Pedido"  # headers in the window's language
    table.selectRow(0)
    assert changed == [1, 0] and table.current_row() == 0
    table.set_rows([["P-3", "A tiempo"]])  # a new list, nothing chosen
    assert table.current_row() is None and changed[-1] is None and table.rowCount() == 1


def test_a_long_list_is_filled_a_chunk_at_a_time_the_chosen_row_first(qtbot):
    table = RowsTable(("Order",))
    qtbot.addWidget(table)
    rows = [[f"P-{n:04d}"] for n in range(250)]  # 100 + 100 + 50
    table.set_rows(rows, select=249)
    assert table.rowCount() == 250 and not table.filled()
    assert table.item(99, 0).text() == "P-0099" and table.item(100, 0) is None  # the first chunk only
    assert table.item(249, 0).text() == "P-0249" and table.current_row() == 249  # the chosen one at once
    qtbot.waitUntil(table.filled, timeout=5000)  # the rest, a chunk per turn of the event loop
    assert [table.item(r, 0).text() for r in range(250)] == [r[0] for r in rows]


def test_columns_are_as_wide_as_their_longest_text_or_their_header(qtbot):
    table = RowsTable(("Order", "Customer", "State"))
    qtbot.addWidget(table)
    long_name = "Confecciones Gamarra Hermanos S.A.C."
    table.set_rows([["1", "Ana", "x"], ["2", long_name, "x"], ["3", "Luz", "x"]])
    cell, head = table.fontMetrics().horizontalAdvance, table.horizontalHeader().fontMetrics().horizontalAdvance
    assert cell(long_name) < table.columnWidth(1) <= cell(long_name) + 30  # the name fits, no more
    header = table.horizontalHeaderItem(0).text()  # "Pedido" is wider than "1"
    assert head(header) < table.columnWidth(0) <= head(header) + 30


def test_about_checks_the_file_on_the_worker(qtbot, window, ctx, settle, worker_threads):
    from smedesk.core import health

    ran_on = worker_threads(health, "check")
    page = window.show_page("about")
    settle(ctx)
    assert ran_on == ["smedesk-db"]
    assert "Estado del archivo: sano" in page.text.text()


def test_the_change_log_is_read_on_the_worker(qtbot, window, ctx, settle, worker_threads):
    from smedesk.core import audit

    ran_on = worker_threads(audit, "recent")
    page = window.show_page("audit")
    settle(ctx)
    assert ran_on == ["smedesk-db"]
    assert "Negocio creado" in [page.table.item(r, 2).text() for r in range(page.table.rowCount())]


def test_the_documents_list_is_read_on_the_worker(qtbot, window, ctx, db, owner, settle, monkeypatch):
    from smedesk.accounts import documents
    from smedesk.ui.pages import accounts_docs_page

    documents.create_document(db, "sale", "03", "B001", [{"description": "Mesa", "qty": 1, "unit_price": "118"}],
                              date="2026-03-02", actor=owner)
    seen = []
    on_threads(monkeypatch, accounts_docs_page, "outstanding_cents", seen)  # one per document listed
    page = window.show_page("accounts_docs")
    settle(ctx)
    assert seen and {thread for _, thread in seen} == {"smedesk-db"}
    assert page.table.item(0, 1).text() == "B001-00000001" and page.table.item(0, 6).text() == "118.00"


def test_pedidos_shows_the_forecast_day_first(qtbot, ctx, db, owner, settle):
    from smedesk.ui.pages.orders_page import OrdersPage

    two_orders(db, owner)
    page = OrdersPage(ctx)
    qtbot.addWidget(page)
    settle(ctx)
    assert page.table.item(0, 2).text() == "03/03/2026"  # P-0002, due 3 March
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", page.table.item(0, 6).text()), page.table.item(0, 6).text()


@pytest.mark.parametrize("key, module, name", [
    ("accounts_money", "smedesk.accounts.reports", "aging"),        # every open document's balance
    ("accounts_journal", "smedesk.accounts.journal", "entries"),    # the latest 500 entries
    ("sync", "smedesk.sync.outbox", "items"),                       # each SUNAT item named from its document
])
def test_pages_whose_reads_grow_with_the_books_read_on_the_worker(qtbot, window, ctx, settle, worker_threads,
                                                                    key, module, name):
    import importlib

    ran_on = worker_threads(importlib.import_module(module), name)
    window.show_page(key)
    settle(ctx)
    assert ran_on and set(ran_on) == {"smedesk-db"}, ran_on


def test_a_long_text_never_pushes_the_list_sideways(qtbot):
    """The change log's «Detalle» can run to hundreds of characters: the last column
    takes what is left of the width, the others stop at WIDEST, and a long text
    shows whole as its tooltip."""
    from smedesk.ui import rows_table

    table = RowsTable(("When", "What", "Detail"))
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    what, detail = "Producto " + "muy largo " * 30, "campos: " + ", ".join(f"campo {n}" for n in range(80))
    table.set_rows([["01/12/2026 10:00", what, detail]])
    assert table.columnWidth(1) == rows_table.WIDEST
    qtbot.wait(20)  # the header lays itself out
    assert sum(table.columnWidth(c) for c in range(3)) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert table.item(0, 2).toolTip() == detail and table.item(0, 0).toolTip() == ""


def test_the_panel_says_what_to_do_when_no_order_is_open(qtbot, ctx, settle):
    page = PanelPage(ctx)
    qtbot.addWidget(page)
    page.show()
    settle(ctx)
    table = page.findChild(RowsTable, "orders_by_risk")
    assert table.rowCount() == 0 and table.empty.isVisible()
    assert table.empty.text() == "No hay pedidos abiertos: un pedido nuevo se crea en Pedidos, con «Pedido nuevo»."


def test_widths_give_way_widest_first_to_fit_the_room():
    from smedesk.ui.rows_table import _shared_out

    # 100 + 300 + 400 = 800 in 600 px: one cap of 250 for the two wide ones, the narrow one whole
    assert _shared_out([100, 300, 400], [50, 50, 50], 600) == [100, 250, 250]
    assert _shared_out([100, 300], [50, 50], 600) == [100, 300]  # room enough: as wanted
    assert _shared_out([100, 300], [90, 280], 200) == [90, 280]  # never below a header


def test_five_columns_of_the_change_log_fit_without_a_sideways_scroll(qtbot):
    table = RowsTable(("When", "User", "Action", "What", "Detail"))
    qtbot.addWidget(table)
    table.resize(780, 300)
    table.show()
    when = "01/12/2026 10:51:40"
    table.set_rows([[when, "Marisol Condori", "Datos de almacén del material cambiados",
                     "Ajustes Moneda de los precios de la tienda en línea", "campos: " + "x, " * 200]])
    qtbot.wait(20)  # the header lays itself out
    assert sum(table.columnWidth(c) for c in range(5)) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(0) > table.fontMetrics().horizontalAdvance(when)  # the short ones whole
