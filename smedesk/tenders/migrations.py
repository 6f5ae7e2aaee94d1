"""SEACE tables: public procurement processes from OCDS data, their items,
awards, contracts and documents, a full-text index, saved searches and the
pull cursor."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script
from smedesk.core.migrations import SYNC_COLUMNS

migrations = Migrations("smedesk.seace")


@migrations()
def m001_seace(db):
    run_script(
        db,
        f"""
        CREATE TABLE seace_processes (
            id INTEGER PRIMARY KEY,
            ocid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            buyer TEXT NOT NULL DEFAULT '',
            buyer_ruc TEXT NOT NULL DEFAULT '',
            department TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            amount_cents INTEGER,
            currency TEXT NOT NULL DEFAULT 'PEN',
            published TEXT,
            enquiry_start TEXT,
            enquiry_end TEXT,
            tender_start TEXT,
            tender_end TEXT,
            release_date TEXT,
            content_hash TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX seace_processes_tender_end ON seace_processes(tender_end);
        CREATE INDEX seace_processes_published ON seace_processes(published);
        CREATE TABLE seace_items (
            id INTEGER PRIMARY KEY,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            item_id TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            cubso TEXT NOT NULL DEFAULT '',
            unspsc TEXT NOT NULL DEFAULT '',
            quantity TEXT,
            unit TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            status_details TEXT NOT NULL DEFAULT '',
            total_cents INTEGER
        );
        CREATE INDEX seace_items_process ON seace_items(process_id);
        CREATE INDEX seace_items_cubso ON seace_items(cubso);
        CREATE INDEX seace_items_unspsc ON seace_items(unspsc);
        CREATE TABLE seace_awards (
            id INTEGER PRIMARY KEY,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            award_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '',
            date TEXT,
            supplier TEXT NOT NULL DEFAULT '',
            supplier_ruc TEXT NOT NULL DEFAULT '',
            value_cents INTEGER
        );
        CREATE INDEX seace_awards_process ON seace_awards(process_id);
        CREATE TABLE seace_award_items (
            id INTEGER PRIMARY KEY,
            award_row_id INTEGER NOT NULL REFERENCES seace_awards(id) ON DELETE CASCADE,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            description TEXT NOT NULL DEFAULT '',
            cubso TEXT NOT NULL DEFAULT '',
            unspsc TEXT NOT NULL DEFAULT '',
            quantity TEXT,
            unit TEXT NOT NULL DEFAULT '',
            unit_price_cents INTEGER
        );
        CREATE INDEX seace_award_items_cubso ON seace_award_items(cubso);
        CREATE INDEX seace_award_items_unspsc ON seace_award_items(unspsc);
        CREATE INDEX seace_award_items_award ON seace_award_items(award_row_id);
        CREATE TABLE seace_contracts (
            id INTEGER PRIMARY KEY,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            contract_id TEXT NOT NULL,
            award_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            date_signed TEXT,
            value_cents INTEGER
        );
        CREATE INDEX seace_contracts_process ON seace_contracts(process_id);
        CREATE TABLE seace_documents (
            id INTEGER PRIMARY KEY,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL DEFAULT '',
            doc_type TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT '',
            published TEXT
        );
        CREATE INDEX seace_documents_process ON seace_documents(process_id);
        CREATE VIRTUAL TABLE seace_fts USING fts5(
            title, description, buyer, department, items,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE seace_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE seace_interests (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            words TEXT NOT NULL DEFAULT '',
            codes TEXT NOT NULL DEFAULT '',
            departments TEXT NOT NULL DEFAULT '',
            categories TEXT NOT NULL DEFAULT '',
            methods TEXT NOT NULL DEFAULT '',
            min_cents INTEGER,
            max_cents INTEGER,
            product_id INTEGER REFERENCES products(id),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE seace_marks (
            interest_id INTEGER NOT NULL REFERENCES seace_interests(id) ON DELETE CASCADE,
            process_id INTEGER NOT NULL REFERENCES seace_processes(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('new', 'changed')),
            at TEXT NOT NULL,
            PRIMARY KEY (interest_id, process_id)
        );
        """,
    )


@migrations()
def m002_release_hash(db):
    """A hash of the last release applied, so the same release again is
    recognised without loading the whole process."""
    run_script(db, "ALTER TABLE seace_processes ADD COLUMN release_hash TEXT;")


@migrations()
def m003_marks_by_process(db):
    """The list of all calls looks marks up by process."""
    run_script(db, "CREATE INDEX seace_marks_process ON seace_marks(process_id);")


@migrations()
def m004_compiled_release(db):
    """The compiled release of each process (OCDS merge of every release applied),
    so a newer release that repeats only what changed is merged into it instead
    of replacing the process."""
    run_script(db, "ALTER TABLE seace_processes ADD COLUMN compiled TEXT;")
