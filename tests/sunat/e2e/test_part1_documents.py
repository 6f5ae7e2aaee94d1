"""Part 1's real documents (create_document → einvoice issue → signed XML kept),
sent by the real sender to the local SUNAT: factura, nota de crédito, boletas
in a resumen polled until SUNAT answers, a baja of an accepted factura."""

from __future__ import annotations

from smedesk.accounts import documents
from smedesk.core.db import row, scalar
from smedesk.einvoice import api, bajas, sending
from tests.sunat.e2e.conftest import boleta, factura, passed_sunats_rules


def test_factura_issued_by_part1_is_accepted(db, owner, cert, customer, send, fake):
    doc_id = factura(db, owner, customer)
    [line] = send().lines
    assert (line.document, line.state, line.code) == ("F001-00000001", "accepted", "0")
    assert api.state_of(db, doc_id)["state"] == "accepted"
    name = "20100123453-01-F001-00000001"
    assert fake.registrations == {name: 1}
    assert fake.registered[name]["hash"] == api.state_of(db, doc_id)["hash"]
    passed_sunats_rules(fake, name)


def test_credit_note_on_an_accepted_factura_is_accepted(db, owner, cert, customer, send, fake):
    original = factura(db, owner, customer, price="236.00")
    send()
    note = documents.create_document(db, "sale", "07", "F001", [{"description": "Devolución de una silla",
                                                                 "qty": "1", "unit_price": "118.00"}],
                                     actor=owner, ref=original)
    [line] = send().lines
    assert (line.document, line.state) == ("F001-00000001", "accepted")  # notas share the factura's series
    assert api.state_of(db, note)["state"] == "accepted"
    assert "20100123453-07-F001-00000001" in fake.registered
    passed_sunats_rules(fake, "20100123453-01-F001-00000001", "20100123453-07-F001-00000001")


def test_boletas_go_in_one_resumen_polled_until_sunat_answers(db, owner, cert, person, send, fake):
    first, second = boleta(db, owner), boleta(db, owner, "850.00", person)
    fake.summary_polls = 2  # "en proceso" (98) twice, then the CDR
    [line] = send().lines
    assert (line.document, line.state) == ("20100123453-RC-20260320-1", "accepted")
    assert [api.state_of(db, d)["state"] for d in (first, second)] == ["accepted", "accepted"]
    assert scalar(db, "SELECT polls FROM sunat_submissions WHERE kind = 'summary'") == 3
    assert sending.left(db) == 0
    passed_sunats_rules(fake, "20100123453-RC-20260320-1")


def test_boleta_resumen_still_in_process_is_asked_again_next_run(db, owner, cert, client, real, fake):
    doc_id = boleta(db, owner)
    fake.summary_polls = 5
    [line] = sending.run(db, client, real, actor=owner, sleep=lambda s: None, polls=2).lines
    assert line.state == "ticket"
    assert api.state_of(db, doc_id)["state"] == "pending"
    [line] = sending.run(db, client, real, actor=owner, sleep=lambda s: None, polls=5).lines
    assert line.state == "accepted"
    assert fake.registrations == {"20100123453-RC-20260320-1": 1}  # sent once, only polled after


def test_accepted_factura_is_voided_with_a_comunicacion_de_baja(db, owner, cert, customer, send, fake, real):
    doc_id = factura(db, owner, customer)
    send()
    bajas.void(db, "F001-1", "Error en el RUC del cliente", actor=owner, part1=real)
    [line] = send().lines
    assert (line.document, line.state) == ("20100123453-RA-20260320-1", "accepted")
    assert api.state_of(db, doc_id)["state"] == "voided"
    assert fake.registered["20100123453-01-F001-00000001"]["voided"]
    passed_sunats_rules(fake, "20100123453-01-F001-00000001", "20100123453-RA-20260320-1")
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    assert "F001-00000001" in row(db, "SELECT memo FROM journal_entries WHERE reverses_id = ?", [entry])["memo"]


def test_the_resumen_batch_keeps_its_ticket_then_sunats_answer(db, owner, cert, client, real, fake):
    boleta(db, owner)
    fake.summary_polls = 5
    sending.run(db, client, real, actor=owner, sleep=lambda s: None, polls=1)
    kept = api.batch(db, "20100123453-RC-20260320-1")
    assert (kept["state"], kept["ticket"]) == ("pending", "1700000000000")  # the fake's first ticket
    sending.run(db, client, real, actor=owner, sleep=lambda s: None, polls=5)
    kept = api.batch(db, "20100123453-RC-20260320-1")
    assert (kept["state"], kept["ticket"], kept["state_code"]) == ("accepted", "1700000000000", "0")
    assert kept["state_description"] == "El Resumen diario ha sido aceptado"


def test_a_refused_resumen_batch_is_rejected_and_its_boleta_keeps_its_state(db, owner, cert, send, real, fake):
    doc_id = boleta(db, owner)
    send()
    fake.registered.pop("20100123453-03-B001-00000001")
    bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    send()
    kept = api.batch(db, "20100123453-RC-20260320-2")
    assert (kept["state"], kept["state_code"]) == ("rejected", "2105")
    assert api.state_of(db, doc_id)["state"] == "accepted"
    assert api.state_of(db, doc_id)["code"] == "2105"  # SUNAT's words beside it, for the owner to see


def test_the_baja_batch_is_accepted_with_its_document_voided(db, owner, cert, customer, send, real):
    doc_id = factura(db, owner, customer)
    send()
    bajas.void(db, "F001-1", "Error en el RUC del cliente", actor=owner, part1=real)
    send()
    kept = api.batch(db, "20100123453-RA-20260320-1")
    assert (kept["kind"], kept["state"], kept["state_code"]) == ("RA", "accepted", "0")
    assert api.state_of(db, doc_id)["state"] == "voided"
