"""Catálogo and Costos pages, and the what-if dialog."""

from decimal import Decimal

import pytest
from PySide6.QtGui import QImage

from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.ui.costing.whatif_dialog import WhatIfDialog
from smedesk.ui.pages.catalogue_page import CataloguePage
from smedesk.ui.pages.costs_page import CostsPage


@pytest.fixture
def shop(db, owner):
    """Tornillo S/ 1,850/m³ no waste, 10 pt per chair; Corte 30 min at S/ 10/h; no overhead.
    Chair cost: 43.655138496 + 5 = 48.66."""
    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850"}, actor=owner,
                      valid_from="2026-01-01")
    cat.save_material(db, {"code": "COL", "name": "Cola", "unit": "kg", "price": "14"}, actor=owner,
                      valid_from="2026-01-01")
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "hs_code": "9401690000"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "TOR", "qty": "10", "unit": "pt"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Corte", "std_minutes": "30", "rate_per_hour": "10"}], actor=owner)
    return pid


@pytest.fixture
def catalogue_page(qtbot, ctx, shop):
    page = CataloguePage(ctx)
    qtbot.addWidget(page)
    return page


def test_catalogue_lists_and_searches_products(catalogue_page, db, owner):
    cat.save_product(db, {"sku": "MES-01", "name": "Mesa"}, actor=owner)
    catalogue_page.refresh()
    assert catalogue_page.products.rowCount() == 2
    catalogue_page.search.setText("mesa")
    assert catalogue_page.products.rowCount() == 1


def test_editor_shows_the_cost_and_updates_it_as_you_type(catalogue_page):
    editor = catalogue_page.editor
    assert editor.form.text("sku") == "SIL-01"
    assert "48.66" in editor.cost_label.text()
    editor.materials.set_cell(0, "qty", "20")
    # 20 pt → 87.310276992 + 5 = 92.31
    assert "92.31" in editor.cost_label.text()


def test_new_product_is_saved_with_materials_steps_and_parts(catalogue_page, db, settle):
    editor = catalogue_page.editor
    catalogue_page.new_product()
    for key, value in (("sku", "MES-01"), ("name", "Mesa"), ("hs_code", "9403609000"), ("min_order", "2")):
        editor.form.fields[key].setText(value)
    editor.materials.add_row({"material_code": "COL", "qty": "250", "unit": "g"})
    editor.steps.add_row({"name": "Armado", "std_minutes": "60", "rate_per_hour": "12"})
    editor.parts.add_row({"name": "Pata", "qty": "4"})
    editor.save()
    settle(editor.ctx)
    mesa = cat.get_product(db, "MES-01")
    assert mesa["hs_code"] == "9403.60.90.00"
    # 0.25 kg × 14 = 3.50; 1 h × 12 = 12.00; 15.50
    assert costing.unit_cost(db, mesa["id"]).unit_cost == Decimal("15.50")
    assert cat.parts(db, mesa["id"])[0]["qty"] == 4
    assert catalogue_page.products.rowCount() == 2


def test_bad_tariff_code_is_shown_by_its_field_and_nothing_saved(catalogue_page, db, settle):
    editor = catalogue_page.editor
    catalogue_page.new_product()
    editor.form.fields["sku"].setText("X-01")
    editor.form.fields["name"].setText("X")
    editor.form.fields["hs_code"].setText("9401")
    editor.steps.add_row({"name": "Corte", "std_minutes": "5", "rate_per_hour": "10"})
    editor.save()
    settle(editor.ctx)
    assert not editor.form.errors["hs_code"].isHidden()
    assert cat.get_product(db, "X-01") is None


def test_a_photo_is_scaled_and_kept(catalogue_page, db, tmp_path, settle):
    path = tmp_path / "silla.png"
    image = QImage(1200, 800, QImage.Format_RGB32)
    image.fill(0x8B5A2B)
    image.save(str(path))
    editor = catalogue_page.editor
    editor.set_photo_file(str(path))
    editor.save()
    settle(editor.ctx)
    saved = QImage.fromData(cat.get_product(db, "SIL-01")["photo"])
    assert (saved.width(), saved.height()) == (600, 400)


def test_material_price_change_is_dated(catalogue_page, db, settle):
    view = catalogue_page.materials
    view.load("TOR")
    view.form.fields["price"].setText("2000")
    view.form.fields["valid_from"].setText("2026-06-01")
    view.save()
    settle(view.ctx)
    assert [h["valid_from"] for h in cat.price_history(db, cat.get_material(db, "TOR")["id"])] == \
        ["2026-01-01", "2026-06-01"]


def test_import_of_a_bad_file_lists_the_lines(catalogue_page, tmp_path, db, settle):
    path = tmp_path / "m.csv"
    path.write_text("code,name,unit,price,currency,waste_pct\nA,A,kg,-1,PEN,0\nB,B,zz,1,PEN,0\n")
    catalogue_page.import_path("materials", path)
    settle(catalogue_page.ctx)
    text = catalogue_page.file_message.text()
    assert "Línea 2" in text and "Línea 3" in text
    assert cat.get_material(db, "A") is None


def test_staff_see_the_catalogue_without_money(qtbot, staff_ctx, shop):
    page = CataloguePage(staff_ctx)
    qtbot.addWidget(page)
    assert page.materials.table.columnCount() == 3
    assert page.editor.cost_label.isHidden() and page.editor.save_button.isHidden()
    form = page.editor.form
    assert form.layout_.labelForField(form.fields["price"].parentWidget()).isHidden()
    assert page.editor.steps.table.columnCount() == 2  # step and minutes, no rates


def test_staff_have_no_costs_page(qtbot, db, staff_ctx):
    from smedesk.ui.main_window import MainWindow

    window = MainWindow(staff_ctx)
    qtbot.addWidget(window)
    assert "catalogue" in window.page_keys() and "costs" not in window.page_keys()


# ---- Costos ----------------------------------------------------------------------

@pytest.fixture
def costs_page(qtbot, ctx, shop):
    page = CostsPage(ctx)
    qtbot.addWidget(page)
    return page


def test_costs_page_shows_the_breakdown(costs_page):
    assert costs_page.breakdown.rowCount() == 3  # tornillo, Corte, overhead (S/ 0.00 here)
    assert costs_page.totals["unit_cost"].text() == "S/ 48.66"


def test_the_breakdown_writes_units_in_the_windows_language(costs_page):
    from smedesk.core import i18n

    assert costs_page.breakdown.item(0, 2).text() == "10 pt"  # pies tablares, as the workshop says
    assert costs_page.breakdown.item(0, 3).text() == "S/ 1,850.00 / m³"
    i18n.set_language("en")
    costs_page.update_cost()
    assert costs_page.breakdown.item(0, 2).text() == "10 bd ft"  # board feet


def test_price_updates_as_you_type_the_margin(costs_page, qtbot):
    costs_page.margin.clear()
    qtbot.keyClicks(costs_page.margin, "50")
    # 48.655138496 / 0.5 = 97.31; IGV 17.5158 → 17.52; 114.83
    assert "97.31" in costs_page.price_label.text() and "114.83" in costs_page.price_label.text()
    qtbot.keyClicks(costs_page.markup, "100")
    assert costs_page.margin.text() == "" and "97.31" in costs_page.price_label.text()


def test_overhead_item_saved_changes_the_cost(costs_page, settle):
    form = costs_page.overhead_form
    form.fields["name"].setText("Alquiler")
    form.fields["monthly_amount"].setText("2080")
    costs_page.save_overhead()
    settle(costs_page.ctx)
    # 2080 / 208 h = 10 per hour; 0.5 h → 5.00; 48.66 + 5 = 53.66
    assert costs_page.totals["unit_cost"].text() == "S/ 53.66"
    assert "10.00" in costs_page.rate_label.text()


def test_what_if_shows_old_and_new_then_saves(qtbot, ctx, shop, db, settle):
    dialog = WhatIfDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_change("materials", "TOR", "2000")
    assert dialog.table.rowCount() == 1
    # 0.02359737216 × 2000 = 47.19474432 + 5 = 52.19
    assert [dialog.table.item(0, c).text() for c in (0, 2, 3)] == ["SIL-01", "S/ 48.66", "S/ 52.19"]
    assert costing.unit_cost(db, shop).unit_cost == Decimal("48.66")
    with qtbot.waitSignal(ctx.bus.changed):
        dialog.save()
        settle(dialog.ctx)
    assert costing.unit_cost(db, shop).unit_cost == Decimal("52.19")


def test_what_if_on_a_step_rate(qtbot, ctx, shop):
    dialog = WhatIfDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_change("step_rates", "Corte", "abc")
    assert dialog.table.rowCount() == 0 and dialog.message.text()
    dialog.value.setText("12")
    # Corte 0.5 h × 12 = 6 → 49.66
    assert dialog.table.item(0, 3).text() == "S/ 49.66"


def test_variant_with_its_own_material_line(catalogue_page, db, settle):
    panel = catalogue_page.editor.variants
    panel.form.fields["size"].setText("xl")
    panel.add_variant()
    settle(panel.ctx)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 0).text() == "XL"
    panel.table.selectRow(0)
    panel.lines.add_row({"material_code": "TOR", "qty": "12", "unit": "pt"})
    panel.save_lines()
    settle(panel.ctx)
    (variant,) = cat.variants(db, catalogue_page.editor.product_id)
    # 12 pt × 0.002359737216 × 1850 = 52.3861661952 + 5 = 57.39
    assert costing.unit_cost(db, "SIL-01", variant_id=variant["id"]).unit_cost == Decimal("57.39")
    assert panel.table.item(0, 3).text() == "S/ 57.39"


def test_an_inactive_product_leaves_the_buyers_catalogue(catalogue_page, db, settle):
    from smedesk.production.printing import catalogue_products

    editor = catalogue_page.editor
    editor.active.setChecked(False)
    editor.save()
    settle(editor.ctx)
    assert cat.get_product(db, "SIL-01")["active"] == 0
    assert catalogue_products(db) == []
    assert catalogue_page.products.item(0, 0).toolTip()


def test_cost_as_of_an_earlier_date(costs_page, db, owner):
    from PySide6.QtCore import QDate

    cat.set_material_price(db, cat.get_material(db, "TOR")["id"], "2000", actor=owner, valid_from="2026-06-01")
    costs_page.as_of.setDate(QDate(2026, 3, 1))
    assert costs_page.totals["unit_cost"].text() == "S/ 48.66"
    costs_page.as_of.setDate(QDate(2026, 7, 1))
    # 0.02359737216 × 2000 = 47.19474432 + 5 = 52.19
    assert costs_page.totals["unit_cost"].text() == "S/ 52.19"


def test_panel_section_names_a_product_sold_at_a_loss(qtbot, ctx, shop, db, owner):
    from smedesk.ui.panel.margins_section import SECTION, Margins

    cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "price": "40"}, actor=owner)
    section = Margins(ctx)
    qtbot.addWidget(section)
    section.fill(SECTION.load(db))
    assert "SIL-01" in section.text() and "pierde" in section.text()


def test_removing_an_overhead_item_lowers_the_cost(costs_page, db, owner, settle):
    cat.save_overhead(db, "Alquiler", "2080", actor=owner)
    costs_page.refresh()
    assert costs_page.totals["unit_cost"].text() == "S/ 53.66"  # 48.66 + 0.5 h × 2080/208
    costs_page.overhead.selectRow(0)
    costs_page.remove_overhead()
    settle(costs_page.ctx)
    assert costs_page.totals["unit_cost"].text() == "S/ 48.66" and cat.overhead_items(db) == []


def test_removing_a_variant_drops_its_lines(catalogue_page, db, settle):
    panel = catalogue_page.editor.variants
    panel.form.fields["size"].setText("L")
    panel.add_variant()
    settle(panel.ctx)
    panel.table.selectRow(0)
    panel.lines.add_row({"material_code": "TOR", "qty": "11", "unit": "pt"})
    panel.save_lines()
    settle(panel.ctx)
    panel.table.selectRow(0)
    panel.remove_selected()
    settle(panel.ctx)
    assert cat.variants(db, catalogue_page.editor.product_id) == []
    assert db.execute("SELECT count(*) FROM bom_lines WHERE variant_id IS NOT NULL").fetchone()[0] == 0


def test_costs_product_is_found_by_typing_part_of_its_name(costs_page, db, owner, qtbot):
    cat.save_product(db, {"sku": "MES-01", "name": "Mesa"}, actor=owner)
    costs_page.refresh()
    costs_page.product.setCurrentIndex(-1)
    costs_page.product.lineEdit().clear()
    qtbot.keyClicks(costs_page.product.lineEdit(), "Mesa")
    completer = costs_page.product.completer()
    assert completer.completionCount() == 1 and "MES-01" in completer.currentCompletion()


def test_a_bom_line_left_without_unit_shows_the_materials_unit(catalogue_page):
    editor = catalogue_page.editor
    catalogue_page.new_product()
    editor.materials.add_row({})
    material_col = 0
    unit_col = 2
    combo = editor.materials.table.cellWidget(0, material_col)
    combo.setCurrentIndex(combo.findData("COL"))
    unit = editor.materials.table.cellWidget(0, unit_col)
    assert unit.currentData() == cat.get_material(editor.ctx.db, "COL")["unit"]
    assert unit.currentText()  # shown, not blank


def test_the_product_sheet_is_saved_on_the_database_worker(catalogue_page, settle, worker_threads):
    from smedesk.ui.costing import product_editor

    ran_on = worker_threads(product_editor, "save_product_sheet")
    editor = catalogue_page.editor
    catalogue_page.new_product()
    editor.form.fields["sku"].setText("BANCO-01")
    editor.form.fields["name"].setText("Banco")
    editor.steps.add_row({"name": "Armado", "std_minutes": "30", "rate_per_hour": "12"})
    editor.save()
    assert ran_on == [] or ran_on == ["smedesk-db"]  # queued, not run on the GUI thread
    settle(editor.ctx)
    assert ran_on == ["smedesk-db"] and editor.message.text() == "Producto guardado."
    assert "BANCO-01" in [catalogue_page.products.item(r, 0).text() for r in range(catalogue_page.products.rowCount())]


def test_a_refused_product_keeps_everything_typed(catalogue_page, settle):
    editor = catalogue_page.editor
    catalogue_page.new_product()
    editor.form.fields["sku"].setText("X-02")
    editor.form.fields["name"].setText("Silla X")
    editor.form.fields["hs_code"].setText("9401")
    editor.save()
    settle(editor.ctx)
    assert editor.form.text("sku") == "X-02" and editor.form.text("name") == "Silla X"
    assert editor.form.text("hs_code") == "9401" and editor.message.text() != ""


def test_the_overhead_is_saved_on_the_worker_and_a_bad_amount_refused_beside_it(costs_page, settle, db,
                                                                                  worker_threads):
    from smedesk.ui.pages import costs_page as module

    ran_on = worker_threads(module, "save_cost_settings")
    form = costs_page.overhead_form
    form.fields["name"].setText("Luz")
    form.fields["monthly_amount"].setText("doce")
    costs_page.save_overhead()
    settle(costs_page.ctx)
    assert ran_on == ["smedesk-db"]
    assert form.text("name") == "Luz" and form.text("monthly_amount") == "doce"
    assert not form.errors["monthly_amount"].isHidden()
    assert all(item["name"] != "Luz" for item in cat.overhead_items(db))


def test_material_prices_read_as_soles_with_thousands(catalogue_page, db, settle):
    view = catalogue_page.materials
    rows = {view.table.item(r, 0).text(): view.table.item(r, 3).text() for r in range(view.table.rowCount())}
    assert rows == {"COL": "S/\xa014.00", "TOR": "S/\xa01,850.00"}
    view.load("TOR")
    assert view.history.text() == "Historial de precios: 01/01/2026: S/\xa01,850.00"


def test_a_material_never_bought_says_it_goes_at_its_list_price(costs_page):
    # the shop fixture records no purchase: Tornillo (TOR) is costed at its list price
    assert costs_page.at_average.text() == ("Al costo promedio del almacén: S/ 48.66 (materiales S/ 43.66). "
                                            "TOR: todavía no hay compras en el almacén, va a su precio de lista.")
