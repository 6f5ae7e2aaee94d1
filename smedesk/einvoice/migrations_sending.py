"""Sending to SUNAT: what was sent (the very zip, so a resend is byte-identical),
what came back (the CDR, its code, SUNAT's words), the state SUNAT gives each
sales document, and the outbox kind "sunat" that queues them.

A sales document enters the outbox by a trigger, in the transaction that
issues it, whoever issues it; one issued in SUNAT's own portal (series E…)
is already at SUNAT and is only recorded."""

import re

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script

migrations = Migrations("smedesk.einvoice.sending")

DOC_STATES = ("pending", "accepted", "observed", "rejected", "voided", "contingency", "portal")


def _outbox_with_sunat(db) -> None:
    """Let the outbox carry kind 'sunat'. SQLite cannot change a CHECK with
    ALTER TABLE; widening one does not touch what is stored, so the table's
    definition is edited in place, the procedure SQLite's documentation gives
    for CHECK constraints ("ALTER TABLE", section 7: writable_schema, then a new
    schema_version, in the migration's transaction). Rebuilding the table
    instead would move the schema's pages around the file."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").fetchone()[0]
    match = re.search(r"kind TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)", sql)
    if match is None:
        raise RuntimeError("outbox: kind check not found")
    if "'sunat'" in match.group(1):
        return
    new_sql = sql[:match.end(1)] + ", 'sunat'" + sql[match.end(1):]
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'outbox'", [new_sql])
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migrations()
def m001_sending(db):
    _outbox_with_sunat(db)
    states = ", ".join(f"'{s}'" for s in DOC_STATES)
    run_script(
        db,
        f"""
        CREATE TABLE sunat_submissions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('bill', 'summary', 'voided')),
            document_id INTEGER REFERENCES documents(id),
            name TEXT NOT NULL UNIQUE,
            zip BLOB NOT NULL,
            hash TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'in_flight', 'ticket', 'accepted', 'observed', 'rejected')),
            ticket TEXT,
            polls INTEGER NOT NULL DEFAULT 0,
            code TEXT,
            description TEXT,
            observations TEXT NOT NULL DEFAULT '[]',
            cdr BLOB,
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            answered_at TEXT
        );
        CREATE INDEX sunat_submissions_document ON sunat_submissions(document_id);
        CREATE TABLE sunat_submission_lines (
            submission_id INTEGER NOT NULL REFERENCES sunat_submissions(id),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            status TEXT NOT NULL DEFAULT '1' CHECK (status IN ('1', '2', '3')),
            PRIMARY KEY (submission_id, document_id)
        );
        CREATE TABLE sunat_status (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            state TEXT NOT NULL CHECK (state IN ({states})),
            code TEXT,
            description TEXT,
            observations TEXT NOT NULL DEFAULT '[]',
            submission_id INTEGER REFERENCES sunat_submissions(id),
            void_reason TEXT,
            reversal_entry_id INTEGER REFERENCES journal_entries(id),
            updated_at TEXT NOT NULL
        );
        CREATE TRIGGER sunat_queue_sale AFTER INSERT ON documents
        WHEN NEW.kind = 'sale' AND NEW.uid IS NOT NULL
        BEGIN
            INSERT INTO sunat_status (document_id, state, updated_at)
            VALUES (NEW.id, CASE WHEN substr(NEW.series, 1, 1) GLOB '[0-9]' THEN 'contingency'
                                 WHEN substr(NEW.series, 1, 1) = 'E' THEN 'portal' ELSE 'pending' END,
                    NEW.created_at);
            INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
            SELECT 'sunat', NEW.uid, NEW.id, 'sunat:' || NEW.uid || ':' || lower(hex(randomblob(8))), 1,
                   'pending', 0, NEW.created_at, NEW.created_at
             WHERE substr(NEW.series, 1, 1) != 'E';  -- issued in SUNAT's portal (E001, EB01): already there
        END;
        """,
    )


@migrations()
def m002_one_state(db):
    """A document's state with SUNAT, SUNAT's code and words live in one place,
    part 1's einvoice_documents (state, state_code, state_description); sunat_status
    keeps only what sending alone knows (observations, the submission carrying
    the document, a voiding asked, the reversing entry). What sending had recorded
    is carried over first: it was the later word where the two differed."""
    run_script(
        db,
        """
        UPDATE einvoice_documents SET
            state = (SELECT s.state FROM sunat_status s WHERE s.document_id = einvoice_documents.document_id),
            state_code = (SELECT s.code FROM sunat_status s WHERE s.document_id = einvoice_documents.document_id),
            state_description = (SELECT s.description FROM sunat_status s
                                  WHERE s.document_id = einvoice_documents.document_id)
        WHERE EXISTS (SELECT 1 FROM sunat_status s WHERE s.document_id = einvoice_documents.document_id
                      AND (s.state IS NOT einvoice_documents.state OR s.code IS NOT einvoice_documents.state_code
                           OR s.description IS NOT einvoice_documents.state_description));
        DROP TRIGGER sunat_queue_sale;
        ALTER TABLE sunat_status DROP COLUMN state;
        ALTER TABLE sunat_status DROP COLUMN code;
        ALTER TABLE sunat_status DROP COLUMN description;
        CREATE TRIGGER sunat_queue_sale AFTER INSERT ON documents
        WHEN NEW.kind = 'sale' AND NEW.uid IS NOT NULL
        BEGIN
            INSERT INTO sunat_status (document_id, updated_at) VALUES (NEW.id, NEW.created_at);
            INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
            SELECT 'sunat', NEW.uid, NEW.id, 'sunat:' || NEW.uid || ':' || lower(hex(randomblob(8))), 1,
                   'pending', 0, NEW.created_at, NEW.created_at
             WHERE substr(NEW.series, 1, 1) != 'E';  -- issued in SUNAT's portal (E001, EB01): already there
        END;
        """,
    )
