"""E-invoice tables: the electronic side of each sales document (state, signed XML,
hash), its cuotas, the unit and discount of each line, summaries (RC) and voidings (RA)."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script

migrations = Migrations("smedesk.einvoice")

STATES = "('pending', 'accepted', 'observed', 'rejected', 'voided', 'contingency', 'portal')"


@migrations()
def m001_einvoice(db):
    run_script(
        db,
        f"""
        ALTER TABLE document_lines ADD COLUMN unit TEXT NOT NULL DEFAULT 'NIU';
        ALTER TABLE document_lines ADD COLUMN discount_cents INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE document_lines ADD COLUMN sku TEXT NOT NULL DEFAULT '';
        CREATE TABLE einvoice_documents (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            state TEXT NOT NULL CHECK (state IN {STATES}),
            file_name TEXT NOT NULL,
            operation TEXT NOT NULL DEFAULT '0101',
            payment TEXT NOT NULL DEFAULT 'contado' CHECK (payment IN ('contado', 'credito', '')),
            tax_percent TEXT NOT NULL DEFAULT '18',
            reason_code TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            hash TEXT,
            xml BLOB,
            signed_at TEXT,
            state_code TEXT,
            state_description TEXT,
            state_at TEXT NOT NULL
        );
        CREATE INDEX einvoice_documents_state ON einvoice_documents(state);
        CREATE TRIGGER einvoice_documents_signed_fixed BEFORE UPDATE OF xml, hash, file_name ON einvoice_documents
        WHEN OLD.xml IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an issued document is immutable: its signed XML cannot change'); END;
        CREATE TRIGGER einvoice_documents_no_delete BEFORE DELETE ON einvoice_documents
        BEGIN SELECT RAISE(ABORT, 'an issued document cannot be deleted'); END;
        CREATE TABLE einvoice_cuotas (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            n INTEGER NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            due_date TEXT NOT NULL,
            PRIMARY KEY (document_id, n)
        );
        CREATE TABLE einvoice_events (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            at TEXT NOT NULL,
            state TEXT NOT NULL,
            code TEXT,
            description TEXT,
            user_name TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX einvoice_events_document ON einvoice_events(document_id);
        CREATE TABLE einvoice_batches (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('RC', 'RA')),
            name TEXT NOT NULL UNIQUE,
            reference_date TEXT NOT NULL,
            issue_date TEXT NOT NULL,
            seq INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            hash TEXT NOT NULL,
            xml BLOB NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN {STATES}),
            ticket TEXT,
            state_code TEXT,
            state_description TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (kind, issue_date, seq)
        );
        CREATE TABLE einvoice_batch_items (
            batch_id INTEGER NOT NULL REFERENCES einvoice_batches(id),
            document_id INTEGER NOT NULL REFERENCES documents(id),
            condition TEXT NOT NULL DEFAULT '1',
            PRIMARY KEY (batch_id, document_id)
        );
        """,
    )
