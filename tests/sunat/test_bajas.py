import pytest

from smedesk.core.db import row, scalar
from smedesk.core.errors import ValidationError
from smedesk.einvoice import bajas, sending, store, waiting


def _state(db, doc_id):
    return store.status(db, doc_id)["state"]


def test_accepted_factura_is_voided_with_a_comunicacion_de_baja(db, owner, sale, client, part1, fake):
    doc_id = sale()
    sending.run(db, client, part1, actor=owner)
    message = bajas.void(db, "F001-1", "Error en el RUC", actor=owner, part1=part1)
    assert "RA-20260320-1" in message
    result = sending.run(db, client, part1, actor=owner, sleep=lambda s: None)
    assert [(li.document, li.state) for li in result.lines] == [("20100123453-RA-20260320-1", "accepted")]
    assert _state(db, doc_id) == "voided"
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    assert "voided" in row(db, "SELECT memo FROM journal_entries WHERE reverses_id = ?", [entry])["memo"].lower() or \
        "anulad" in row(db, "SELECT memo FROM journal_entries WHERE reverses_id = ?", [entry])["memo"]
    assert fake.registered["20100123453-01-F001-00000001"]["voided"]
    assert result.left == 0


def test_boleta_is_voided_through_the_resumen(db, owner, sale, client, part1):
    doc_id = sale("03", "B001", "30.00")
    sending.run(db, client, part1, actor=owner, sleep=lambda s: None)
    assert _state(db, doc_id) == "accepted"
    assert "resumen" in bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=part1)
    result = sending.run(db, client, part1, actor=owner, sleep=lambda s: None)
    assert [li.state for li in result.lines] == ["accepted"]
    assert _state(db, doc_id) == "voided"
    assert scalar(db, "SELECT status FROM sunat_submission_lines WHERE document_id = ? ORDER BY submission_id DESC",
                  [doc_id]) == "3"


def test_after_the_period_only_a_credit_note(db, owner, sale, client, part1, monkeypatch):
    sale()
    sending.run(db, client, part1, actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-28T15:00:00Z")  # issued 03-20, period to 03-27
    with pytest.raises(ValidationError, match="nota de crédito"):
        bajas.void(db, "F001-1", "Error", actor=owner, part1=part1)


def test_a_document_not_yet_at_sunat_cannot_be_voided(db, owner, sale, part1):
    sale()
    with pytest.raises(ValidationError, match="envíelo primero"):
        bajas.void(db, "F001-1", "Error", actor=owner, part1=part1)


def test_void_needs_a_reason_of_at_most_100_characters(db, owner, sale, part1):
    sale()
    with pytest.raises(ValidationError):
        bajas.void(db, "F001-1", "  ", actor=owner, part1=part1)
    with pytest.raises(ValidationError):
        bajas.void(db, "F001-1", "x" * 101, actor=owner, part1=part1)


def test_rejected_document_is_issued_again_under_a_new_number(db, owner, sale, client, part1):
    doc_id = sale()
    part1.overrides[doc_id] = {"currency": "BTC"}
    sending.run(db, client, part1, actor=owner)
    new_id = bajas.reissue(db, "F001-1", actor=owner)
    assert waiting.by_document(db, new_id)["document"] == "F001-00000002"
    assert waiting.by_document(db, new_id)["state"] == "pending"
    assert scalar(db, "SELECT total_cents FROM documents WHERE id = ?", [new_id]) == 11800
    assert sending.run(db, client, part1, actor=owner).lines[0].state == "accepted"


def test_late_document_is_issued_again_and_the_old_one_reversed(db, owner, sale, monkeypatch):
    doc_id = sale(date="2026-03-10")
    new_id = bajas.reissue(db, "F001-1", actor=owner)
    assert _state(db, doc_id) == "rejected"
    assert sending.left(db) == 1  # only the new one waits
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    assert row(db, "SELECT id FROM journal_entries WHERE reverses_id = ?", [entry]) is not None
    assert scalar(db, "SELECT date FROM documents WHERE id = ?", [new_id]) == "2026-03-20"


def test_an_accepted_document_is_not_issued_again(db, owner, sale, client, part1):
    sale()
    sending.run(db, client, part1, actor=owner)
    with pytest.raises(ValidationError):
        bajas.reissue(db, "F001-1", actor=owner)
