"""A boleta sent on its own with sendBill (setting sunat.boletas = bill),
instead of in the resumen diario (the default)."""

from __future__ import annotations

import pytest

from smedesk.core import settings
from smedesk.core.db import scalar
from smedesk.einvoice import api, bajas, sending
from tests.sunat.e2e.conftest import boleta, passed_sunats_rules, resumen_lines

NAME = "20100123453-03-B001-00000001"


@pytest.fixture
def one_by_one(db, owner):
    settings.set(db, "sunat.boletas", "bill", actor=owner)


def test_by_default_boletas_go_in_the_resumen(db, owner, cert, send, fake):
    assert settings.get(db, "sunat.boletas") == "summary"
    boleta(db, owner)
    [line] = send().lines
    assert line.document == "20100123453-RC-20260320-1"
    assert NAME not in fake.registrations


def test_a_boleta_sent_on_its_own_gets_its_own_cdr(db, owner, cert, one_by_one, send, fake):
    doc_id = boleta(db, owner)
    [line] = send().lines
    assert (line.document, line.state, line.code) == ("B001-00000001", "accepted", "0")
    assert fake.registrations == {NAME: 1}
    assert scalar(db, "SELECT count(*) FROM sunat_submissions WHERE kind = 'summary'") == 0
    assert scalar(db, "SELECT cdr FROM sunat_submissions WHERE name = ?", [NAME]).startswith(b"PK")
    assert api.state_of(db, doc_id)["state"] == "accepted"
    passed_sunats_rules(fake, NAME)
    assert sending.left(db) == 0


def test_lost_answer_of_a_boleta_is_taken_from_sunats_1033(db, owner, cert, one_by_one, send, fake):
    doc_id = boleta(db, owner)
    fake.cut_after_register = 1
    assert send().lines[0].state == "pending"
    [line] = send().lines  # sent again: SUNAT's consult gives no CDR for a boleta, its 1033 is its word
    assert (line.state, line.code) == ("accepted", "1033")
    assert fake.registrations == {NAME: 1}
    assert api.state_of(db, doc_id)["state"] == "accepted"


def test_a_boleta_sent_on_its_own_is_voided_in_the_resumen(db, owner, cert, one_by_one, send, real, fake):
    doc_id = boleta(db, owner)
    send()
    bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    [line] = send().lines
    assert (line.document, line.state) == ("20100123453-RC-20260320-1", "accepted")
    assert api.state_of(db, doc_id)["state"] == "voided"
    assert fake.registered[NAME]["voided"]
    passed_sunats_rules(fake, line.document)


def test_a_boleta_on_its_way_alone_is_not_informed_again_in_a_resumen(db, owner, cert, send, real, fake):
    first = boleta(db, owner)
    send()  # in the resumen (default)
    settings.set(db, "sunat.boletas", "bill", actor=owner)
    second = boleta(db, owner)
    fake.unavailable = 1  # the second one's sendBill does not get through
    send()
    assert api.state_of(db, second)["state"] == "pending"
    bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    fake.unavailable = 1  # and not on this run either: the resumen must leave it out
    lines = send().lines
    assert {li.document: li.state for li in lines} == {"B001-00000002": "pending",
                                                      "20100123453-RC-20260320-2": "accepted"}
    assert resumen_lines(db, "20100123453-RC-20260320-2") == [("B001-00000001", "3")]
    assert api.state_of(db, first)["state"] == "voided"
    [line] = send().lines
    assert (line.document, line.state) == ("B001-00000002", "accepted")
    assert fake.registrations["20100123453-03-B001-00000002"] == 1
