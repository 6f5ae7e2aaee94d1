"""The Exportación page: list, guided editor, live price table, refusals, PDFs."""

import pytest

from smedesk.core.changes import Changes
from smedesk.exportplan import plans
from smedesk.ui.context import AppContext, Bus
from smedesk.ui.pages.exportplan_page import ExportPlanPage
from tests.exportplan.conftest import COSTS


@pytest.fixture
def page(qtbot, db, db_path, owner, silla):
    plans.create_plan(db, "Sillas a EE. UU.", template="furniture", product="SIL-TOR-01", actor=owner)
    widget = ExportPlanPage(AppContext(db=db, db_path=db_path, actor=owner, bus=Bus()))
    qtbot.addWidget(widget)
    return widget


def type_costs(page, **changes):
    page.price.form.fields["qty"].setText("50")
    for name, value in {**COSTS, **changes}.items():
        page.price.form.fields[name].setText(value)


def test_page_lists_plans_and_loads_the_first(page):
    assert page.plans_table.rowCount() == 1
    assert page.country.text() == "" and "FSC" in page.text_pairs[4].es.toPlainText() + page.text_pairs[5].es.toPlainText()


def test_price_table_updates_as_you_type(page):
    type_costs(page)
    page.price.incoterm.setCurrentIndex(4)  # CIF
    # CIF 189.057 soles → S/ 189.06; 50.4152 US$ × 50 = 2,520.76
    assert page.price.table.item(4, 0).text().endswith("189.06")
    assert "2,520.76" in page.price.table.item(4, 2).text()
    page.price.form.fields["margin_pct"].setText("20")
    # EXW = 105 / 0.80 = 131.25
    assert page.price.table.item(0, 0).text().endswith("131.25")


def test_bad_margin_is_shown_next_to_the_field_while_typing(page):
    type_costs(page, margin_pct="100")
    error = page.price.form.errors["margin_pct"]
    assert not error.isHidden() and "100%" in error.text()
    assert page.price.table.item(0, 0) is None


def test_save_writes_the_plan(page, db, settle, worker_threads):
    ran_on = worker_threads(plans, "save_plan")
    type_costs(page)
    page.country.setText("Estados Unidos")
    page.actions.add_row({"what": "Cotizar flete", "due": "2026-12-01", "who": "Rosa"})
    page.save()
    settle(page.ctx)
    assert page.banner.text() == "Plan guardado."
    assert ran_on == ["smedesk-db"]  # on the database worker, not the GUI thread
    plan = plans.get_plan(db, page.plan_id)
    assert plan["country"] == "Estados Unidos" and plan["qty"] == 50 and plan["actions"][0]["who"] == "Rosa"


def test_refused_save_keeps_what_was_typed_and_the_plan(page, db, settle):
    type_costs(page, fx_usd_pen="")
    page.country.setText("Canadá")
    page.save()
    settle(page.ctx)
    assert "tipo de cambio" in page.banner.text() and page.steps.currentRow() == 3
    assert page.country.text() == "Canadá"
    assert plans.get_plan(db, page.plan_id)["country"] == ""


def test_new_plan_from_a_template(page, db, qtbot, settle):
    page.new_title.setText("Polos a Chile")
    page.new_template.setCurrentIndex(0)  # garments
    page.create()
    settle(page.ctx)
    assert page.plans_table.rowCount() == 2
    assert any("algodón" in pair.es.toPlainText() for pair in page.text_pairs)


def test_empty_title_is_refused(page, settle):
    page.create()
    settle(page.ctx)
    assert "título" in page.new_error.text()


def written(qtbot, page, start) -> None:
    """Start a PDF and wait until the print bar is idle again (it renders off the GUI thread)."""
    start()
    qtbot.waitUntil(lambda: not page.printing.busy(), timeout=20000)


def test_pdf_buttons_write_both_languages(page, qtbot, tmp_path, settle):
    type_costs(page)
    page.save()
    settle(page.ctx)
    assert page.banner.text() == "Plan guardado."
    for lang in ("es", "en"):
        written(qtbot, page, lambda lang=lang: page.write_pdf(lang, tmp_path / f"p-{lang}.pdf"))
        assert (tmp_path / f"p-{lang}.pdf").read_bytes().startswith(b"%PDF")
    written(qtbot, page, lambda: page.write_proforma("Casa Miami", tmp_path / "pf.pdf"))
    assert (tmp_path / "pf.pdf").read_bytes().startswith(b"%PDF")


def test_drawback_rate_is_added_and_shown(page, settle):
    type_costs(page)
    page.drawback.form.fields["valid_from"].setText("2019-01-01")
    page.drawback.form.fields["rate_pct"].setText("3")
    page.drawback.save()
    settle(page.ctx)
    assert page.drawback.table.rowCount() == 1
    # FOB 157 × 50 × 3% = 235.50
    assert "235.50" in page.price.notes.text()


def test_another_pages_change_does_not_wipe_what_was_typed(page):
    page.country.setText("Canadá")
    page.ctx.bus.changed.emit(Changes("catalogue"), None)  # another page saved a product
    page.refresh_if_needed()
    page.refresh()
    assert page.country.text() == "Canadá"


def test_capacity_follows_the_people_typed(page):
    page.steps.setCurrentRow(1)
    page.company_form.fields["people"].setText("4")
    page.company_form.fields["hours_per_month"].setText("192")
    # 4 × 192 × 60 / (30 + 60 + 30) = 384
    assert "384" in page.product_info.text()


def test_document_errors_are_shown_not_raised(page, qtbot, tmp_path):
    written(qtbot, page, lambda: page.write_proforma(" ", tmp_path / "pf.pdf"))
    assert "comprador" in page.banner.text() and not (tmp_path / "pf.pdf").exists()
    written(qtbot, page, lambda: page.write_pdf("es", tmp_path / "ok.pdf"))
    assert "ok.pdf" in page.banner.text()


def test_staff_do_not_see_the_export_page(qtbot, db, db_path, staff):
    from smedesk.ui.main_window import MainWindow

    window = MainWindow(AppContext(db=db, db_path=db_path, actor=staff, bus=Bus()))
    qtbot.addWidget(window)
    assert "exportplan" not in window.page_keys()


def test_proforma_dialog_gives_the_buyer_and_terms(page, qtbot, tmp_path, settle):
    from smedesk.ui.exportplan_proforma import ProformaDialog

    type_costs(page)
    page.save()
    settle(page.ctx)
    assert page.banner.text() == "Plan guardado."
    dialog = ProformaDialog(page, "FOB", "Estados Unidos")
    qtbot.addWidget(dialog)
    dialog.form.fields["buyer"].setText("Casa Miami LLC")
    dialog.form.fields["place"].setText("Callao")
    options = dialog.options()
    assert options["buyer"].name == "Casa Miami LLC" and options["buyer"].country == "Estados Unidos"
    assert options["incoterm"] == "FOB" and options["valid_days"] == 30 and options["lang"] == "en"
    buyer = options.pop("buyer")
    written(qtbot, page, lambda: page.write_proforma(buyer, tmp_path / "pf.pdf", **options))
    assert (tmp_path / "pf.pdf").read_bytes().startswith(b"%PDF")


def test_a_new_plan_proposes_the_exchange_rate(page):
    # no SBS rate typed in the accounts yet: the business's setting (3.75 by default)
    assert page.price.form.fields["fx_usd_pen"].text() == "3.75"
