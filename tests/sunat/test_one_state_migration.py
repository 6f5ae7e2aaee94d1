"""m002_one_state on a file written before it: the state SUNAT gave each
document, its code and words end up in part 1's einvoice_documents (sending's
word kept where the two differed), sunat_status keeps only sending's own data,
and a sale issued afterwards is still queued for SUNAT."""

import sqlite3

import pytest
import sqlite_utils

from smedesk.accounts import documents
from smedesk.core import business, schema
from smedesk.core.db import row, rows, scalar

BEFORE = "m002_one_state"


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-20T15:00:00Z")


@pytest.fixture
def old_file():
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys=ON")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    for s in schema.migration_sets():
        s.apply(db, stop_before=BEFORE if s.name == "smedesk.einvoice.sending" else None)
    owner = business.setup(db, business.NewBusiness("Taller Prueba S.A.C.", "20100123453", "Rosa", "4826", "Lima"))
    yield db, owner
    db.close()


def boleta(db, owner, price):
    return documents.create_document(db, "sale", "03", "B001", [{"description": "Banco", "qty": "1",
                                                                 "unit_price": price}], actor=owner)


def test_sending_state_is_carried_into_part_1_and_dropped_from_sunat_status(old_file):
    db, owner = old_file
    accepted, refused, waiting = boleta(db, owner, "30.00"), boleta(db, owner, "40.00"), boleta(db, owner, "50.00")
    # what the sender of that version wrote: sunat_status moved, einvoice_documents not always
    db.execute("UPDATE sunat_status SET state = 'accepted', code = '0', description = 'El Resumen diario ha sido"
               " aceptado', observations = '[{\"code\": \"4000\"}]' WHERE document_id = ?", [accepted])
    db.execute("UPDATE sunat_status SET code = '2105', description = 'Resumen rechazado' WHERE document_id = ?",
               [refused])
    schema.migrate(db)
    state = {r["document_id"]: (r["state"], r["state_code"], r["state_description"])
             for r in rows(db, "SELECT * FROM einvoice_documents")}
    assert state == {accepted: ("accepted", "0", "El Resumen diario ha sido aceptado"),
                     refused: ("pending", "2105", "Resumen rechazado"),
                     waiting: ("pending", None, None)}
    columns = {c[1] for c in db.execute("PRAGMA table_info(sunat_status)").fetchall()}
    assert columns == {"document_id", "observations", "submission_id", "void_reason", "reversal_entry_id",
                       "updated_at"}
    assert row(db, "SELECT observations FROM sunat_status WHERE document_id = ?", [accepted])["observations"] == \
        '[{"code": "4000"}]'


def test_a_sale_issued_after_the_migration_is_still_queued(old_file):
    db, owner = old_file
    schema.migrate(db)
    doc_id = boleta(db, owner, "30.00")
    uid = scalar(db, "SELECT uid FROM documents WHERE id = ?", [doc_id])
    assert scalar(db, "SELECT count(*) FROM sunat_status WHERE document_id = ?", [doc_id]) == 1
    assert scalar(db, "SELECT count(*) FROM outbox WHERE kind = 'sunat' AND entity_uid = ?", [uid]) == 1
