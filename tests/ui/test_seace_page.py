"""The SEACE page: saved searches with marks, the process view, prices, and
pulls and imports in the background."""

import pytest
from PySide6.QtCore import QPoint, Qt

from smedesk.core import settings
from smedesk.core.db import scalar
from smedesk.production import catalogue
from smedesk.tenders import importer, interests
from smedesk.ui.seace.dialog import InterestDialog
from tests.seace.builder import dumps, record_package, release, write
from tests.seace.server import Portal

DESK = "5610151700000001"


def stock(db, owner):
    interests.save(db, {"name": "Carpetas", "words": "carpeta"}, actor=owner)
    importer.import_package(db, record_package([
        release(1, item="CARPETA ESCOLAR", amount=0.0, cubso=DESK,
                award=("MUEBLES SOL", "20100000001", 180.0, 100.0, "2026-03-01T10:00:00-05:00")),
        release(2, item="POLO DE ALGODON", cubso="5310161900000002"),
    ]), "test", actor=owner)


@pytest.fixture
def page(window, db, owner):
    stock(db, owner)
    shown = window.show_page("seace")
    shown.refresh()
    return shown


def cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_owner_sees_the_page_and_staff_does_not(window, qtbot, staff_ctx):
    from smedesk.ui.main_window import MainWindow

    assert "seace" in window.page_keys()
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert "seace" not in win.page_keys()


def test_saved_search_shows_its_new_calls(page):
    assert "1 nuevas" in page.searches.item(1).text()
    page.searches.setCurrentRow(1)
    assert cells(page.table, 0) == ["NUEVO"]
    assert cells(page.table, 4) == ["no publicado"]


def test_all_calls_with_words(page):
    page.words.setText("polos")
    page.show_results()
    assert cells(page.table, 2) == ["POLO DE ALGODON PARA UGEL 01 SAN JUAN DE MIRAFLORES"]


def test_mark_as_seen_clears_the_marks(page, settle):
    page.searches.setCurrentRow(1)
    page.mark_seen()
    settle(page.ctx)
    assert cells(page.table, 0) == [""]
    assert "nuevas" not in page.searches.item(1).text()


def test_choosing_a_call_shows_items_documents_and_awards(page):
    page.searches.setCurrentRow(1)
    page.table.selectRow(0)
    html = page.detail.toPlainText()
    assert "CARPETA ESCOLAR" in html and "Bases Administrativas" in html and "MUEBLES SOL" in html
    assert "S/ 180.00" in html


def test_prices_tab_shows_awards_and_own_price(page, db, owner):
    pid = catalogue.save_product(db, {"sku": "C1", "name": "Carpeta", "price": "170"}, actor=owner)
    page.prices.refresh()
    page.prices.product.setCurrentIndex(page.prices.product.findData(pid))
    page.prices.code.setText("56101517")
    page.prices.show_prices()
    assert cells(page.prices.table, 1) == ["S/\xa0180.00"]  # the one money format keeps S/ with its figure
    assert "S/\xa0170.00" in page.prices.summary.text()


def test_clicking_a_chart_point_opens_its_call(page, qtbot):
    page.tabs.setCurrentIndex(1)
    page.prices.code.setText("56101517")
    page.prices.show_prices()
    page.prices.chart.resize(600, 300)
    point = page.prices.chart.positions()[0][0]
    qtbot.mouseClick(page.prices.chart, Qt.LeftButton, pos=QPoint(int(point.x()), int(point.y())))
    assert page.tabs.currentIndex() == 0
    assert "LP-SM-1-2026-UGEL-1" in page.detail.toPlainText()


def test_new_search_dialog_shows_error_next_to_the_field(page, qtbot, settle):
    dialog = InterestDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.form.fields["words"].setText("mesa")
    dialog.save()
    settle(page.ctx)
    assert not dialog.form.errors["name"].isHidden()
    dialog.form.fields["name"].setText("Mesas")
    dialog.save()
    settle(page.ctx)
    assert dialog.saved_id is not None


def test_import_runs_in_the_background(page, qtbot, tmp_path, db):
    path = write(tmp_path / "p.json", record_package([release(5, item="CARPETA BIPERSONAL")]))
    with qtbot.waitSignal(page.job_done, timeout=10000):
        page.import_paths([path])
    assert "1 nuevos" in page.status.text()
    assert scalar(db, "SELECT count(*) FROM seace_processes") == 3


def test_pull_in_the_background_with_progress(page, qtbot, db, owner):
    with Portal() as portal:
        portal.script["/api/v1/recordsAfter"] = [dumps(record_package([release(7), release(8)]))]
        settings.set(db, "seace.min_seconds", "0", actor=owner)
        with qtbot.waitSignal(page.job_done, timeout=10000):
            page.start_pull(portal.url)
            assert not page.progress.isHidden()
    assert "2 nuevos" in page.status.text()
    assert page.progress.isHidden()


def test_cancel_stops_the_pull_and_keeps_what_came(page, qtbot, db, owner):
    with Portal() as portal:
        second = portal.url + "/api/v1/recordsAfter?page=2"
        portal.script["/api/v1/recordsAfter"] = [("slow", 0.5, dumps(record_package([release(7)], next_url=second)))]
        portal.script["/api/v1/recordsAfter?page=2"] = [dumps(record_package([release(8)]))]
        settings.set(db, "seace.min_seconds", "0", actor=owner)
        with qtbot.waitSignal(page.job_done, timeout=10000):
            page.start_pull(portal.url)
            qtbot.waitUntil(lambda: bool(portal.hits))
            page.cancel_button.click()
    assert scalar(db, "SELECT count(*) FROM seace_processes WHERE ocid LIKE '%1300007'") == 1
    assert scalar(db, "SELECT count(*) FROM seace_processes WHERE ocid LIKE '%1300008'") == 0


def test_portal_answering_html_is_shown(page, qtbot, db, owner):
    with Portal() as portal:
        portal.script["/api/v1/recordsAfter"] = [("html",)]
        with qtbot.waitSignal(page.job_done, timeout=10000):
            page.start_pull(portal.url)
    assert "HTML" in page.status.text()


def test_panel_lists_deadlines(qtbot, ctx, db, owner, monkeypatch):
    from smedesk.ui.panel.seace import SECTION, Deadlines

    monkeypatch.setenv("SMEDESK_NOW", "2026-09-28T12:00:00Z")
    interests.save(db, {"name": "Carpetas", "words": "carpeta"}, actor=owner)
    importer.import_package(db, record_package([release(1, item="CARPETA", tender_end="2026-10-02T11:00:00-05:00",
                                                        enquiry_end="2026-09-20T11:00:00-05:00")]),
                            "t", actor=owner)
    widget = Deadlines(ctx)
    qtbot.addWidget(widget)
    widget.fill(SECTION.load(db))
    # 11:00 in Lima on 2 October
    assert "02/10/2026 11:00" in widget.text() and "cierran las propuestas" in widget.text()


def test_dialog_saves_category_and_method(page, qtbot, db, settle):
    dialog = InterestDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.form.fields["name"].setText("Bienes por subasta")
    dialog.category.setCurrentIndex(dialog.category.findData("goods"))
    dialog.method.setCurrentText("Subasta Inversa Electrónica")
    dialog.save()
    settle(page.ctx)
    saved = interests.get(db, dialog.saved_id)
    assert (saved["categories"], saved["methods"]) == (["goods"], ["Subasta Inversa Electrónica"])


def test_a_saved_search_is_written_on_the_worker_and_the_list_follows(page, qtbot, settle, worker_threads):
    ran_on = worker_threads(interests, "save")
    dialog = InterestDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.form.fields["name"].setText("Carpetas")
    dialog.form.fields["words"].setText("carpeta")
    dialog.save()
    settle(page.ctx)
    assert ran_on == ["smedesk-db"] and dialog.result() == dialog.DialogCode.Accepted
    assert any("Carpetas" in page.searches.item(n).text() for n in range(page.searches.count()))
