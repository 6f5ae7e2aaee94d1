"""Voiding an accepted boleta: SUNAT takes it again in a resumen diario line
with condition 3 (anulado, catálogo 19), within the period; after it only a
nota de crédito undoes it."""

from __future__ import annotations

import io

import pytest

from smedesk.cli import main
from smedesk.core.db import row, rows, scalar
from smedesk.core.errors import ValidationError
from smedesk.einvoice import api, bajas, sending
from smedesk.einvoice import part1 as part1_module
from tests.sunat.conftest import PASSWORD, USER
from tests.sunat.e2e.conftest import boleta, passed_sunats_rules, resumen_lines


def test_accepted_boleta_is_voided_in_a_resumen_line_with_condition_3(db, owner, cert, send, real, fake):
    doc_id = boleta(db, owner)
    assert send().lines[0].state == "accepted"
    message = bajas.void(db, "B001-1", "Venta anulada por el cliente", actor=owner, part1=real)
    assert "resumen diario" in message
    [line] = send().lines
    assert (line.document, line.state) == ("20100123453-RC-20260320-2", "accepted")
    assert resumen_lines(db, "20100123453-RC-20260320-2") == [("B001-00000001", "3")]
    assert api.state_of(db, doc_id)["state"] == "voided"
    assert fake.registered["20100123453-03-B001-00000001"]["voided"]
    passed_sunats_rules(fake, "20100123453-RC-20260320-1", "20100123453-RC-20260320-2")
    assert sending.left(db) == 0


def test_voided_boleta_has_its_entry_reversed_with_a_note(db, owner, cert, send, real):
    doc_id = boleta(db, owner)
    send()
    bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    send()
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    reversal = row(db, "SELECT * FROM journal_entries WHERE reverses_id = ?", [entry])
    assert "B001-00000001" in reversal["memo"] and "SUNAT" in reversal["memo"]
    # the reversal takes back every line of the sale: 30.00 on each side, nothing left
    lines = rows(db, "SELECT account, debit_cents, credit_cents FROM journal_lines WHERE entry_id IN (?, ?)",
                 [entry, reversal["id"]])
    for account in {li["account"] for li in lines}:
        mine = [li for li in lines if li["account"] == account]
        assert sum(li["debit_cents"] - li["credit_cents"] for li in mine) == 0
    assert scalar(db, "SELECT reversal_entry_id FROM sunat_status WHERE document_id = ?", [doc_id]) == reversal["id"]


def test_one_resumen_adds_a_new_boleta_and_voids_an_accepted_one(db, owner, cert, send, real, fake):
    first = boleta(db, owner)
    send()
    bajas.void(db, "B001-1", "Error en el importe", actor=owner, part1=real)
    second = boleta(db, owner, "45.00")
    [line] = send().lines
    assert line.state == "accepted"
    assert resumen_lines(db, line.document) == [("B001-00000002", "1"), ("B001-00000001", "3")]
    assert [api.state_of(db, d)["state"] for d in (first, second)] == ["voided", "accepted"]
    passed_sunats_rules(fake, line.document)


def test_after_the_period_a_boleta_is_only_undone_by_a_credit_note(db, owner, cert, send, real, monkeypatch):
    boleta(db, owner)
    send()
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-28T15:00:00Z")  # issued 03-20: the period ended 03-27
    with pytest.raises(ValidationError, match="nota de crédito") as refused:
        bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    assert "2026-03-27" in str(refused.value)
    assert scalar(db, "SELECT void_reason FROM sunat_status") is None  # nothing queued


def test_a_boleta_whose_resumen_was_not_answered_cannot_be_voided_yet(db, owner, cert, real):
    boleta(db, owner)
    with pytest.raises(ValidationError, match="envíelo primero"):
        bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)


def test_sunat_refuses_voiding_a_boleta_it_never_received(db, owner, cert, send, real, fake):
    boleta(db, owner)
    send()
    fake.registered.pop("20100123453-03-B001-00000001")  # as if that resumen never reached SUNAT
    bajas.void(db, "B001-1", "Venta anulada", actor=owner, part1=real)
    [line] = send().lines
    assert (line.state, line.code) == ("rejected", "2105")
    assert scalar(db, "SELECT state FROM einvoice_documents") == "accepted"  # nothing changed in the books


def test_void_from_the_command_line(db_path, db, owner, cert, server, real, monkeypatch, capsys):
    monkeypatch.setattr(part1_module, "current", lambda: real)
    doc_id = boleta(db, owner)

    def cli(*argv, stdin=""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", str(db_path), *argv])
        return code, *capsys.readouterr()

    assert cli("sunat", "credentials", "--user", USER, "--password-stdin", "--endpoint", server.url + "/billService",
               stdin=PASSWORD + "\n")[0] == 0
    assert cli("sunat", "send")[0] == 0
    code, out, err = cli("sunat", "void", "B001-1", "--reason", "Venta anulada")
    assert code == 0, err
    assert "B001-00000001" in out and "resumen diario" in out
    code, out, err = cli("sunat", "send")
    assert code == 0, err
    assert api.state_of(db, doc_id)["state"] == "voided"
