"""Accounts tables: chart, dated tax rates, journal (immutable, enforced by triggers),
closed months, documents with gapless correlatives, payments, expenses, quotations."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script
from smedesk.core.migrations import SYNC_COLUMNS

migrations = Migrations("smedesk.accounts")


@migrations()
def m001_books(db):
    run_script(
        db,
        f"""
        CREATE TABLE accounts (
            code TEXT PRIMARY KEY CHECK (code GLOB '[0-9]*' AND length(code) BETWEEN 2 AND 10),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_en TEXT NOT NULL DEFAULT '',
            parent TEXT REFERENCES accounts(code),
            is_money INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE tax_rates (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            igv_rate TEXT NOT NULL,
            ipm_rate TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (kind, valid_from)
        );
        CREATE TABLE closed_months (
            month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL
        );
        CREATE TABLE journal_entries (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            memo TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'manual',
            source_ref TEXT NOT NULL DEFAULT '',
            reverses_id INTEGER REFERENCES journal_entries(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE INDEX journal_entries_date ON journal_entries(date);
        CREATE UNIQUE INDEX journal_entries_one_reversal ON journal_entries(reverses_id)
            WHERE reverses_id IS NOT NULL;
        CREATE TABLE journal_lines (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id),
            line_no INTEGER NOT NULL,
            account TEXT NOT NULL REFERENCES accounts(code),
            debit_cents INTEGER NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
            credit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
            memo TEXT NOT NULL DEFAULT '',
            CHECK ((debit_cents = 0) <> (credit_cents = 0)),
            UNIQUE (entry_id, line_no)
        );
        CREATE INDEX journal_lines_account ON journal_lines(account);
        CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'posted journal entries cannot be changed: post a reversing entry'); END;
        CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
        BEGIN SELECT RAISE(ABORT, 'posted journal entries cannot be deleted: post a reversing entry'); END;
        CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines
        BEGIN SELECT RAISE(ABORT, 'posted journal lines cannot be changed: post a reversing entry'); END;
        CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines
        BEGIN SELECT RAISE(ABORT, 'posted journal lines cannot be deleted: post a reversing entry'); END;
        CREATE TRIGGER journal_entries_closed_month BEFORE INSERT ON journal_entries
        WHEN EXISTS (SELECT 1 FROM closed_months WHERE month = substr(NEW.date, 1, 7))
        BEGIN SELECT RAISE(ABORT, 'the month is closed: nothing can be posted into it'); END;
        CREATE TRIGGER journal_lines_closed_month BEFORE INSERT ON journal_lines
        WHEN EXISTS (SELECT 1 FROM closed_months c JOIN journal_entries e
                     ON c.month = substr(e.date, 1, 7) WHERE e.id = NEW.entry_id)
        BEGIN SELECT RAISE(ABORT, 'the month is closed: nothing can be posted into it'); END;
        CREATE TRIGGER closed_months_no_reopen BEFORE DELETE ON closed_months
        BEGIN SELECT RAISE(ABORT, 'a closed month cannot be reopened'); END;
        CREATE TABLE doc_series (
            doc_type TEXT NOT NULL,
            series TEXT NOT NULL,
            last_number INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (doc_type, series)
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('sale', 'purchase')),
            doc_type TEXT NOT NULL CHECK (doc_type IN ('01', '03', '07', '08')),
            series TEXT NOT NULL,
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99999999),
            date TEXT NOT NULL,
            due_date TEXT NOT NULL,
            party_id INTEGER REFERENCES parties(id),
            party_name TEXT NOT NULL DEFAULT '',
            party_doc TEXT NOT NULL DEFAULT '',
            party_doc_type TEXT NOT NULL DEFAULT '',
            currency TEXT NOT NULL DEFAULT 'PEN' CHECK (currency IN ('PEN', 'USD')),
            fx TEXT NOT NULL DEFAULT '1',
            prices_include_igv INTEGER NOT NULL DEFAULT 1,
            taxable_cents INTEGER NOT NULL DEFAULT 0,
            exonerado_cents INTEGER NOT NULL DEFAULT 0,
            inafecto_cents INTEGER NOT NULL DEFAULT 0,
            export_cents INTEGER NOT NULL DEFAULT 0,
            igv_cents INTEGER NOT NULL DEFAULT 0,
            ipm_cents INTEGER NOT NULL DEFAULT 0,
            total_cents INTEGER NOT NULL,
            taxable_pen_cents INTEGER NOT NULL DEFAULT 0,
            untaxed_pen_cents INTEGER NOT NULL DEFAULT 0,
            tax_pen_cents INTEGER NOT NULL DEFAULT 0,
            total_pen_cents INTEGER NOT NULL,
            ref_document_id INTEGER REFERENCES documents(id),
            order_id INTEGER,
            entry_id INTEGER REFERENCES journal_entries(id),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX documents_number ON documents(kind, doc_type, series, number, party_doc);
        CREATE INDEX documents_date ON documents(date);
        CREATE TABLE document_lines (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            line_no INTEGER NOT NULL,
            description TEXT NOT NULL,
            product_id INTEGER,
            material_id INTEGER,
            account TEXT REFERENCES accounts(code),
            qty TEXT NOT NULL DEFAULT '1',
            unit_price TEXT NOT NULL,
            tax TEXT NOT NULL CHECK (tax IN ('igv', 'exonerado', 'inafecto', 'export')),
            base_cents INTEGER NOT NULL,
            igv_cents INTEGER NOT NULL DEFAULT 0,
            ipm_cents INTEGER NOT NULL DEFAULT 0,
            total_cents INTEGER NOT NULL,
            UNIQUE (document_id, line_no)
        );
        CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
        BEGIN SELECT RAISE(ABORT, 'documents cannot be deleted: issue a credit note'); END;
        CREATE TRIGGER document_lines_no_change BEFORE UPDATE ON document_lines
        BEGIN SELECT RAISE(ABORT, 'document lines cannot be changed: issue a credit note'); END;
        CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            date TEXT NOT NULL,
            account TEXT NOT NULL REFERENCES accounts(code),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            fx TEXT NOT NULL DEFAULT '1',
            amount_pen_cents INTEGER NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            entry_id INTEGER REFERENCES journal_entries(id),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX payments_document ON payments(document_id);
        CREATE TABLE expenses (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            account TEXT NOT NULL REFERENCES accounts(code),
            paid_from TEXT NOT NULL REFERENCES accounts(code),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            description TEXT NOT NULL,
            entry_id INTEGER REFERENCES journal_entries(id),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        """,
    )


@migrations()
def m002_quotations(db):
    run_script(
        db,
        f"""
        CREATE TABLE quotations (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            party_id INTEGER NOT NULL REFERENCES parties(id),
            date TEXT NOT NULL,
            currency TEXT NOT NULL DEFAULT 'PEN' CHECK (currency IN ('PEN', 'USD')),
            incoterm TEXT,
            valid_until TEXT,
            notes TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'sent', 'accepted', 'rejected', 'expired')),
            total_cents INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL DEFAULT '',
            order_id INTEGER,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX quotations_party ON quotations(party_id);
        CREATE TABLE quotation_lines (
            id INTEGER PRIMARY KEY,
            quotation_id INTEGER NOT NULL REFERENCES quotations(id),
            line_no INTEGER NOT NULL,
            product_id INTEGER REFERENCES products(id),
            description TEXT NOT NULL,
            qty TEXT NOT NULL,
            unit_price TEXT NOT NULL,
            total_cents INTEGER NOT NULL,
            {SYNC_COLUMNS},
            UNIQUE (quotation_id, line_no)
        );
        """,
    )


@migrations()
def m003_seed(db):
    """The PCGE chart and the dated tax rates."""
    from smedesk.accounts.chart import seed

    seed(db)
