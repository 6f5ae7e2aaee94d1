"""Ventas y compras prints the selected comprobantes off the GUI thread: one
PDF for several, one file each, progress and Cancel."""

import re
import threading

import pytest
from PySide6.QtCore import QItemSelectionModel

from smedesk.accounts import documents
from smedesk.core import parties


def pages(path) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


@pytest.fixture
def page(window, db, owner, settle):
    customer = parties.save(db, {"name": "Tiendas Lima S.A.C.", "id_number": "20100070970"}, actor=owner)
    for day in ("2026-03-05", "2026-03-06", "2026-03-07"):
        documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1, "unit_price": "590"}],
                                  party_id=customer, date=day, actor=owner)
    shown = window.show_page("accounts_docs")
    shown.refresh()
    settle(window.ctx)  # the list is read on the worker
    assert shown.table.rowCount() == 3
    return shown


def select(page, rows) -> None:
    model = page.table.selectionModel()
    model.clearSelection()
    for r in rows:
        model.select(page.table.model().index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)


def folder(page):
    return page.ctx.db_path.parent / "documentos" / "comprobantes"


def wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.printouts.printing.busy(), timeout=20000)


def test_one_selected_prints_its_own_file(qtbot, page):
    select(page, [0])
    page.printouts.print_button.click()
    wait_idle(qtbot, page)
    label = page.table.item(0, 1).text()
    assert (folder(page) / f"venta-{label}.pdf").is_file() and label in page.message.text()


def test_several_selected_go_into_one_pdf(qtbot, page):
    select(page, [0, 1, 2])
    page.printouts.print_button.click()
    wait_idle(qtbot, page)
    (written,) = folder(page).glob("comprobantes-*.pdf")
    assert pages(written) == 3 and written.name in page.message.text()


def test_several_selected_one_file_each(qtbot, page):
    select(page, [0, 2])
    page.printouts.each_button.click()
    wait_idle(qtbot, page)
    names = sorted(p.name for p in folder(page).glob("*.pdf"))
    expected = sorted(f"venta-{page.table.item(r, 1).text()}.pdf" for r in (0, 2))
    assert names == expected and "2 comprobantes" in page.message.text()


def test_cancel_stops_the_batch_and_leaves_no_file(qtbot, page, monkeypatch):
    from smedesk.printouts import batch

    started, release = threading.Event(), threading.Event()
    real = batch.one_pdf

    def slow(items, path, **job):  # the render waits until the test has pressed Cancel
        started.set()
        release.wait(10)
        return real(items, path, **job)

    monkeypatch.setattr(batch, "one_pdf", slow)
    select(page, [0, 1, 2])
    page.printouts.print_button.click()
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert page.printouts.printing.running.isVisibleTo(page)
    page.printouts.printing.cancel_button.click()
    release.set()
    wait_idle(qtbot, page)
    assert list(folder(page).glob("*")) == [] and "Cancelado" in page.message.text()


def test_nothing_selected_says_so(page):
    page.table.selectionModel().clearSelection()
    page.printouts.print_button.click()
    assert not page.printouts.printing.busy() and "Primero elija" in page.message.text()
