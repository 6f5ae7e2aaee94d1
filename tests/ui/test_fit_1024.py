"""The window at 1024x768 in Spanish: no page needs sideways scrolling, and
pages that crashed on real data open."""

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPixmap

from smedesk.core import i18n
from smedesk.production import catalogue as cat
from smedesk.ui.main_window import MainWindow
from smedesk.ui.screen import CLIENT_AREA


@pytest.fixture
def spanish():
    before = i18n.current()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    pixmap = QPixmap(20, 10)
    pixmap.fill(QColor("brown"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    pixmap.save(buffer, "PNG")
    return bytes(data)


def test_no_page_scrolls_sideways_in_spanish_at_1024x768(qtbot, ctx, spanish):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    wide = []
    for key in window.page_keys():
        page = window.show_page(key)
        qtbot.wait(1)
        if page.horizontalScrollBar().maximum() > 0:
            wide.append(key)
    assert wide == []


def test_orders_buttons_are_not_squeezed_in_spanish(qtbot, ctx, spanish):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    page = window.show_page("orders")
    qtbot.wait(1)
    for button in page.buttons.values():
        assert button.width() >= button.sizeHint().width(), button.text()


def test_export_plan_page_opens_for_a_product_with_a_photo(qtbot, db, db_path, owner, ctx):
    from smedesk.exportplan import plans
    from smedesk.ui.pages.exportplan_page import ExportPlanPage

    cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "hs_code": "9401690000", "photo": _png()}, actor=owner)
    plans.create_plan(db, "Sillas", template="furniture", product="SIL-01", actor=owner)
    page = ExportPlanPage(ctx)
    qtbot.addWidget(page)
    shown = page.photo.pixmap()
    # 20x10 scaled into 140x140 keeping its shape: 140x70
    assert (shown.width(), shown.height()) == (140, 70)


def test_costs_page_shows_soles_with_thousands_separator():
    from decimal import Decimal

    from smedesk.ui.pages.costs_page import amount

    assert amount(Decimal("1850")) == "1,850.00"
    assert amount(Decimal("2200.5")) == "2,200.50"
    # 0.125 rounds half up to 0.13
    assert amount(Decimal("0.125")) == "0.13"


def test_screenshots_also_render_each_tab(qtbot, db, db_path, tmp_path):
    from smedesk.ui.screenshots import render_all

    db.close()
    names = [p.name for p in render_all(db_path, tmp_path / "shots", lang="es")]
    # the Catálogo page has Productos and Materiales tabs; the second gets its own picture
    assert any(n.endswith("-catalogue-materiales.png") for n in names)
    assert len(names) == len(set(names))


def test_backup_page_says_what_to_do_while_there_is_no_backup(qtbot, ctx, settle):
    from smedesk.ui.pages.backup_page import BackupPage

    page = BackupPage(ctx)
    qtbot.addWidget(page)
    assert page.list.count() == 0 and not page.empty_hint.isHidden()
    with qtbot.waitSignal(page.backup_written, timeout=10000):
        page.backup_now()
    settle(ctx)
    assert page.list.count() == 1 and page.empty_hint.isHidden()


def test_new_document_form_has_no_two_fields_with_the_same_label(qtbot, ctx, spanish):
    from PySide6.QtWidgets import QFormLayout, QLabel

    from smedesk.ui.pages.accounts_docs_page import AccountsDocsPage

    page = AccountsDocsPage(ctx)
    qtbot.addWidget(page)
    layout = page.form.layout()
    assert isinstance(layout, QFormLayout)
    labels = [layout.itemAt(r, QFormLayout.LabelRole).widget() for r in range(layout.rowCount())
              if layout.itemAt(r, QFormLayout.LabelRole)]
    texts = [w.text() for w in labels if isinstance(w, QLabel) and w.text()]
    assert len(texts) == len(set(texts)), texts


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sidebar_shows_every_area_without_scrolling(qtbot, ctx, lang):
    before = i18n.current()
    i18n.set_language(lang)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(CLIENT_AREA)
        window.show()
        qtbot.wait(1)
        bar = window.sidebar
        assert bar.verticalScrollBar().maximum() == 0
        font = QFont(bar.font())
        font.setPixelSize(15)  # SIDEBAR_STYLE
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(bar.item(r).text()) for r in range(bar.count()))
        # text plus 12 px left and 8 px right padding must fit in the bar
        assert widest + 20 <= bar.viewport().width()
    finally:
        i18n.set_language(before)


def test_accounts_tables_narrow_the_widest_column_instead_of_scrolling(qtbot):
    from smedesk.ui.accounts import fill, make_table

    table = make_table(["Documento", "Cliente", "Deuda"])
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    fill(table, [["F001-00000001", "Inversiones y Confecciones del Norte Peruano S.A.C." * 2, "21,346.50"]],
         numeric=(2,))
    qtbot.wait(1)
    assert table.horizontalScrollBar().maximum() == 0
    # the customer column gave up the width, not the amount
    assert table.horizontalHeader().sectionSize(2) >= table.sizeHintForColumn(2)


def test_tab_file_names_drop_accents_and_punctuation():
    from smedesk.ui.screenshots import _slug

    assert _slug("Órdenes & más") == "ordenes-mas"
    assert _slug("Talla / color") == "talla-color"


def test_staff_see_only_their_own_scans_and_times_on_production(qtbot, db, db_path, owner, staff):
    from smedesk.core import parties, users
    from smedesk.tracking import orders, release, scanning, worktime
    from smedesk.ui.context import AppContext, Bus
    from smedesk.ui.pages.production_page import ProductionPage

    product = cat.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    cat.set_routing(db, product, [{"name": "Corte", "std_minutes": "10", "rate_per_hour": "10"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente Uno"}, actor=owner)
    orders.create_order(db, "P-0001", customer, [{"sku": "MESA-01", "qty": 3}], "2026-12-20", actor=owner)
    release.release(db, "P-0001", actor=owner)
    first, second = (u["code"] for u in release.order_units(db, "P-0001")[:2])
    assert scanning.record_scan(db, first, "Corte", owner.user_id, actor=owner).outcome == "counted"
    assert scanning.record_scan(db, second, "Corte", "OP01", actor=staff).outcome == "counted"
    job = db.execute("SELECT id FROM jobs").fetchone()[0]
    step = release.job_steps(db, job)[0]["id"]
    for person in (owner.user_id, staff.user_id):
        worktime.add_step_time(db, step, "12", 1, user_id=person, actor=owner)

    def page_for(actor):
        page = ProductionPage(AppContext(db=db, db_path=db_path, actor=actor, bus=Bus()))
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.ctx.ops.busy(), timeout=10000)  # read on the worker
        return page

    mine = page_for(users.actor_for(users.get_user(db, staff.user_id)))
    assert [mine.scans.item(r, 5).text() for r in range(mine.scans.rowCount())] == ["Jorge"]
    assert [mine.workers.item(r, 0).text() for r in range(mine.workers.rowCount())] == ["Jorge"]
    everyone = page_for(owner)
    assert everyone.scans.rowCount() == 2 and everyone.workers.rowCount() == 2


def test_units_read_in_the_window_language(spanish):
    from smedesk.ui.costing.materials_view import unit_choice

    assert unit_choice("unit") == "unid. (unidad)"
    assert unit_choice("kg") == "kg (kilo)"
    assert unit_choice("m2") == "m²"  # no «m² (m²)»
    i18n.set_language("en")
    assert unit_choice("unit") == "pc"


def test_catalogue_materials_list_shows_spanish_unit(qtbot, ctx, db, owner, spanish):
    from smedesk.ui.costing.materials_view import MaterialsView

    cat.save_material(db, {"code": "BOT", "name": "Botón", "unit": "unit", "price": "0.08"}, actor=owner)
    view = MaterialsView(ctx)
    qtbot.addWidget(view)
    assert view.table.item(0, 2).text() == "unid."


def test_new_export_plan_starts_from_the_template_of_the_latest_plan(qtbot, db, owner, ctx):
    from smedesk.exportplan import plans
    from smedesk.ui.pages.exportplan_page import ExportPlanPage

    plans.create_plan(db, "Sillas", template="furniture", actor=owner)
    page = ExportPlanPage(ctx)
    qtbot.addWidget(page)
    assert page.new_template.currentData() == "furniture"


def test_panel_reads_work_left_in_hours():
    from smedesk.ui.panel.orders import work_left

    assert work_left(4950) == "82 h 30 min"  # 82 × 60 = 4920, 30 left
    assert work_left(45) == "45 min"
    assert work_left(120) == "2 h 00 min"


@pytest.mark.parametrize("key", ["accounts_docs", "accounts_quotations"])
def test_the_lines_of_a_new_document_show_every_column_at_1024x768(qtbot, ctx, spanish, key):
    """The lines take the form's whole width: in the field column beside the
    labels the price, tax and amount hid behind a sideways scroll bar."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    page = window.show_page(key)
    qtbot.wait(1)
    table = page.lines.table
    assert table.horizontalScrollBar().maximum() == 0
    shown = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]
    assert all(table.columnWidth(c) > 40 for c in shown)  # the description too


def test_the_totals_of_a_new_factura_read_in_soles(qtbot, ctx, spanish):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_page("accounts_docs")
    page.lines.set_cell(0, "description", "Polo")
    page.lines.set_cell(0, "qty", "12")
    page.lines.set_cell(0, "unit_price", "25.00")
    # 12 × 25.00 = 300.00 with IGV: 300 / 1.18 = 254.24, IGV 45.76
    assert page.lines.totals.text() == "Subtotal S/\xa0254.24   ·   IGV 18% S/\xa045.76   ·   Total S/\xa0300.00"


def test_the_settings_values_are_in_sight_at_1024x768(qtbot, ctx, spanish):
    """Negocio's settings: the longest meaning wraps instead of pushing the
    values behind a sideways scroll bar."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    page = window.show_page("business")
    qtbot.wait(1)
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(1) >= 200
    assert table.columnWidth(0) + table.columnWidth(1) <= table.viewport().width()


def test_the_comprobante_number_is_never_cut_to_fit(qtbot, db, owner, ctx, spanish, settle):
    """Ventas y compras at 1024×768: a long customer name wraps; the number
    (F001-00000001) and the date keep their whole width."""
    from smedesk.accounts import documents
    from smedesk.core import parties

    cust = parties.save(db, {"name": "Restaurante Turístico El Olivar de San Isidro S.A.C.",
                             "id_number": "20607182931"}, actor=owner)
    documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1, "unit_price": "1234567.00"}],
                              party_id=cust, date="2026-03-05", actor=owner)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    page = window.show_page("accounts_docs")
    settle(ctx)  # the list is read on the worker
    table = page.table
    assert table.item(0, 1).text() == "F001-00000001"
    for column in (0, 1):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)


def test_a_narrow_dropdown_of_a_line_tells_its_whole_text(qtbot, spanish):
    from smedesk.ui.accounts.document_lines import NoWheelCombo

    combo = NoWheelCombo()
    qtbot.addWidget(combo)
    combo.addItem("NIU unidad (bienes)", "NIU")
    combo.addItem("ZZ unidad (servicios)", "ZZ")
    combo.setFixedWidth(70)
    combo.show()
    combo.setCurrentIndex(1)
    assert combo.toolTip() == "ZZ unidad (servicios)"
    combo.showPopup()  # and its list is as wide as its longest entry
    assert combo.view().width() >= combo.fontMetrics().horizontalAdvance("ZZ unidad (servicios)")
    combo.hidePopup()
