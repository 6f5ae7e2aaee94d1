import datetime as dt

import pytest
from PySide6.QtWidgets import QPushButton

from smedesk.accounts import documents
from smedesk.core import parties
from smedesk.core.changes import Changes
from smedesk.einvoice.client import SunatClient
from smedesk.ui.sunat_worker import SunatJob
from tests.einvoice.signed import TestPart1
from tests.einvoice.sunat_server import FakeSunat, Server

USER, PASSWORD = "20100123453MODDATOS", "moddatos"


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-20T15:00:00Z")


@pytest.fixture
def factura(db, owner):
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)

    def make(date="2026-03-20"):
        return documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "118"}], party_id=cust,
                                         date=date, actor=owner)
    return make


@pytest.fixture
def sunat():
    fake = FakeSunat({USER: PASSWORD}, today=dt.date(2026, 3, 20))
    with Server(fake) as server:
        yield server


def test_panel_says_what_is_due_in_red_when_today(qtbot, window, factura):
    factura("2026-03-17"), factura("2026-03-17")
    panel = window.show_page("panel")
    label = panel.findChild(object, "sunat_deadlines")
    window.ctx.bus.changed.emit(Changes("accounts"), None)  # as the window does after a document is issued
    qtbot.waitUntil(lambda: "vencen hoy" in label.text(), timeout=5000)
    assert "2 facturas vencen hoy: conéctese a internet para enviarlas." in label.text()
    assert "#b00020" in label.text()


def test_send_now_in_the_background_then_view_the_cdr(window, factura, sunat, qtbot, settle):
    factura()
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    assert page.table.item(0, 7).text() == "Por enviar"
    part1 = TestPart1()
    page.sunat.job_factory = lambda path, uid: SunatJob(
        path, uid, part1_source=lambda: part1,
        client_factory=lambda db: SunatClient(sunat.url + "/billService", user=USER, password=PASSWORD,
                                              consult_endpoint=sunat.url + "/billConsultService"))
    page.findChild(QPushButton, "sunat_send").click()
    qtbot.waitUntil(lambda: page.sunat.thread is None, timeout=20000)
    assert "No queda nada por enviar" in page.sunat.message.text()
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    assert page.table.item(0, 7).text() == "Aceptado por SUNAT (0)"
    assert "ha sido aceptada" in page.table.item(0, 8).text()
    page.table.selectRow(0)
    page.findChild(QPushButton, "sunat_cdr").click()
    assert "CDR guardado" in page.sunat.message.text()


def test_cdr_before_an_answer_says_so(window, factura, settle):
    factura()
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    page.table.selectRow(0)
    page.findChild(QPushButton, "sunat_cdr").click()
    assert "no hay CDR" in page.sunat.message.text()


def test_sincronizar_lists_what_waits_for_sunat(window, factura):
    factura()
    page = window.show_page("sync")
    page.refresh()
    texts = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "SUNAT: F001-00000001 (enviar hasta el 23/03/2026)" in texts


def test_reissuing_a_document_still_in_time_is_refused_on_the_worker(qtbot, window, factura, settle,
                                                                     worker_threads):
    from smedesk.einvoice import bajas

    ran_on = worker_threads(bajas, "reissue")
    factura()
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    page.table.selectRow(0)
    page.sunat.reissue()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"]
    assert page.sunat.message.text().startswith("Solo se vuelve a emitir un documento que SUNAT rechazó")
