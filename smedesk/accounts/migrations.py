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


@migrations()
def m004_pcge_2019_taxes(db):
    """IGV and IPM both in 40111 «IGV – cuenta propia» (PCGE 2019); 40112 is PCGE's
    «servicios prestados por no domiciliados», so the IPM sub-account that used its
    code is re-coded: the old code stays (posted lines keep it, they are immutable)
    but is marked `recoded_to` 40111, so new postings and every report read it as
    40111. Adds the PCGE accounts for percepciones, retenciones, the detracciones
    account at the Banco de la Nación and the purchases by what was bought; dates
    the reduced-rate rows (Ley 31556 as amended by Ley 32219, IPM by Ley 32387)."""
    from smedesk.core import clock
    from smedesk.core.ids import new_uid

    run_script(db, "ALTER TABLE accounts ADD COLUMN recoded_to TEXT REFERENCES accounts(code);")
    now = clock.now_iso()
    for code, name, name_en, parent, is_money in (
        ("4011", "Impuesto general a las ventas", "General sales tax (IGV)", "40", 0),
        ("40113", "IGV – Régimen de percepciones", "IGV – perceptions suffered", "4011", 0),
        ("40114", "IGV – Régimen de retenciones", "IGV – withholdings suffered", "4011", 0),
        ("107", "Fondos sujetos a restricción", "Restricted funds", "10", 0),
        ("1071", "Fondos sujetos a restricción", "Restricted funds", "107", 0),
        ("10711", "Banco de la Nación – cuenta de detracciones", "Banco de la Nación – SPOT account", "1071", 0),
        ("6041", "Envases", "Purchases of containers", "60", 0),
        ("6042", "Embalajes", "Purchases of packaging", "60", 0),
    ):
        db.execute(
            "INSERT OR IGNORE INTO accounts (code, name, name_en, parent, is_money, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [code, name, name_en, parent, is_money, now, new_uid(), now])
    db.execute("UPDATE accounts SET parent = '4011' WHERE code = '40111'")
    db.execute("UPDATE accounts SET name = 'IPM (código anterior al PCGE 2019: se lee en 40111)',"
               " name_en = 'IPM (old code: read as 40111)', active = 0, recoded_to = '40111', parent = '4011',"
               " updated_at = ? WHERE code = '40112'", [now])
    db.execute("UPDATE accounts SET name = 'Materiales auxiliares' WHERE code = '6031'")
    for kind, day, igv, ipm, note in (
        ("reduced", "2026-01-01", "8", "2.5", "Ley 31556 (Ley 32219); IPM 2.5% Ley 32387"),
        ("reduced", "2027-01-01", "10", "3", "Ley 32219: IGV 10% en 2027; IPM 3% Ley 32387"),
        ("reduced", "2028-01-01", "14.5", "3.5", "Ley 32219: fin de la tasa reducida; Ley 32387"),
        ("reduced", "2029-01-01", "14", "4", "Ley 32387"),
    ):
        db.execute("INSERT OR IGNORE INTO tax_rates (kind, valid_from, igv_rate, ipm_rate, note) VALUES (?, ?, ?, ?, ?)",
                   [kind, day, igv, ipm, note])


@migrations()
def m005_month_taxes(db):
    """SPOT codes (dated), detracciones, retenciones, percepciones, the SBS
    exchange rate, the UIT and SUNAT's due-date schedule, as tables of their own
    (documents, parties and products stay as they are)."""
    run_script(
        db,
        f"""
        CREATE TABLE spot_codes (
            code TEXT NOT NULL CHECK (code GLOB '[0-9][0-9][0-9]'),
            valid_from TEXT NOT NULL,
            rate TEXT NOT NULL,
            threshold_cents INTEGER NOT NULL DEFAULT 70000,
            name TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (code, valid_from)
        );
        CREATE TABLE product_spot (
            product_id INTEGER PRIMARY KEY REFERENCES products(id),
            spot_code TEXT NOT NULL
        );
        CREATE TABLE party_tax (
            party_id INTEGER PRIMARY KEY REFERENCES parties(id),
            retention_agent INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE document_taxes (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            spot_code TEXT,
            spot_rate TEXT,
            detraccion_cents INTEGER NOT NULL DEFAULT 0 CHECK (detraccion_cents >= 0),
            retention_cents INTEGER NOT NULL DEFAULT 0 CHECK (retention_cents >= 0),
            perception_cents INTEGER NOT NULL DEFAULT 0 CHECK (perception_cents >= 0),
            credit_month TEXT
        );
        CREATE TABLE withholding_moves (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            kind TEXT NOT NULL CHECK (kind IN ('spot_deposit', 'spot_paid', 'retention', 'perception')),
            date TEXT NOT NULL,
            doc_type TEXT NOT NULL DEFAULT '',
            series TEXT NOT NULL DEFAULT '',
            number TEXT NOT NULL DEFAULT '',
            amount_pen_cents INTEGER NOT NULL CHECK (amount_pen_cents > 0),
            entry_id INTEGER REFERENCES journal_entries(id),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX withholding_moves_document ON withholding_moves(document_id);
        CREATE INDEX withholding_moves_date ON withholding_moves(date);
        CREATE UNIQUE INDEX withholding_moves_comprobante ON withholding_moves(kind, doc_type, series, number)
            WHERE doc_type != '';
        CREATE TABLE fx_rates (
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            currency TEXT NOT NULL DEFAULT 'USD',
            buy TEXT NOT NULL DEFAULT '',
            sell TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('sbs', 'typed')),
            created_at TEXT NOT NULL,
            PRIMARY KEY (day, currency)
        );
        CREATE TABLE uit_values (
            year INTEGER PRIMARY KEY,
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tax_calendar (
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
            digit TEXT NOT NULL CHECK (digit GLOB '[0-9]'),
            due_date TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (period, digit)
        );
        """,
    )
    from smedesk.accounts import taxdata

    taxdata.seed(db)
