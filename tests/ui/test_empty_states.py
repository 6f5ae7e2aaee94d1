"""An empty list says what to do to fill it, in Spanish, and goes away once
there is something in it."""

from smedesk.production import catalogue as cat
from smedesk.ui.main_window import MainWindow
from smedesk.ui.screen import CLIENT_AREA


def _window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(CLIENT_AREA)
    window.show()
    return window


def test_an_empty_catalogue_says_how_to_add_products_and_materials(qtbot, ctx, db, owner):
    window = _window(qtbot, ctx)
    page = window.show_page("catalogue")
    qtbot.wait(1)
    assert page.empty.isVisible()
    assert page.empty.text() == ("Todavía no hay productos: pulse «Nuevo producto» o tráigalos de una hoja de "
                                 "cálculo con «Importar archivo…».")
    materials = page.materials
    assert materials.empty.text() == ("Todavía no hay materiales: llene los datos a la derecha y pulse «Guardar "
                                      "material».")
    cat.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    page.refresh_products()
    assert page.products.rowCount() == 1 and not page.empty.isVisible()
    page.search.setText("mesa")  # a search that finds nothing is not an empty catalogue
    assert page.empty.isVisible() and page.empty.text() == "Nada coincide con «mesa»."


def test_no_comprobantes_yet_says_where_to_issue_one(qtbot, ctx):
    window = _window(qtbot, ctx)
    page = window.show_page("accounts_docs")
    qtbot.wait(1)
    assert page.empty.isVisible()
    assert page.empty.text() == "Todavía no hay comprobantes: llene «Nuevo comprobante» aquí abajo y pulse «Emitir»."
    page.filter.setCurrentIndex(page.filter.findData("purchase"))
    assert page.empty.text().startswith("Todavía no hay comprobantes de proveedores: elija «Compra»")


def test_no_overhead_yet_says_how_to_add_it(qtbot, ctx, db, owner):
    window = _window(qtbot, ctx)
    page = window.show_page("costs")
    qtbot.wait(1)
    assert page.overhead_empty.isVisible()
    assert page.overhead_empty.text().startswith("Todavía no hay gastos generales: escriba a la derecha")
    cat.save_overhead(db, "Alquiler", "1200", actor=owner)
    page.refresh()
    assert page.overhead.rowCount() == 1 and not page.overhead_empty.isVisible()


def test_an_empty_stock_says_where_materials_come_from(qtbot, ctx):
    window = _window(qtbot, ctx)
    page = window.show_page("stock")
    qtbot.wait(1)
    assert page.stock_empty.isVisible()
    assert page.stock_empty.text().startswith("Todavía no hay materiales: agréguelos en Catálogo › Materiales;")


def test_nobody_owes_says_so(qtbot, ctx):
    window = _window(qtbot, ctx)
    page = window.show_page("accounts_money")
    qtbot.wait(1)
    assert page.empty.isVisible()
    assert page.empty.text() == "Nadie le debe: una factura emitida al crédito aparece aquí hasta que se la paguen."
    page.kind.setCurrentIndex(page.kind.findData("purchase"))
    assert page.empty.text().startswith("No le debe a ningún proveedor:")
