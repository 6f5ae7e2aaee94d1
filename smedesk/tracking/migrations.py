"""Tracking tables: orders and their lines, jobs (one per line) with the steps
copied from the product at release, trackable units (labels), scans, times
typed from worksheets, and the working calendar's public holidays."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script
from smedesk.core.migrations import SYNC_COLUMNS

migrations = Migrations("smedesk.production.tracking")


@migrations()
def m001_orders(db):
    run_script(
        db,
        f"""
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE COLLATE NOCASE,
            customer_id INTEGER NOT NULL REFERENCES parties(id),
            due_date TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN
                ('draft', 'released', 'in_production', 'finished', 'delivered', 'cancelled')),
            currency TEXT NOT NULL DEFAULT 'PEN' CHECK (currency IN ('PEN', 'USD')),
            notes TEXT NOT NULL DEFAULT '',
            bundle_size INTEGER,
            released_at TEXT,
            finished_at TEXT,
            delivered_at TEXT,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX orders_state ON orders(state, due_date);
        CREATE INDEX orders_customer ON orders(customer_id);
        CREATE TABLE order_lines (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            line_no INTEGER NOT NULL,
            product_id INTEGER NOT NULL REFERENCES products(id),
            variant_id INTEGER REFERENCES variants(id),
            qty INTEGER NOT NULL CHECK (qty > 0),
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            {SYNC_COLUMNS},
            UNIQUE (order_id, line_no)
        );
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            line_id INTEGER NOT NULL UNIQUE REFERENCES order_lines(id),
            number TEXT NOT NULL UNIQUE,
            product_id INTEGER NOT NULL REFERENCES products(id),
            variant_id INTEGER REFERENCES variants(id),
            qty INTEGER NOT NULL CHECK (qty > 0),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX jobs_order ON jobs(order_id);
        CREATE TABLE job_steps (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            name TEXT NOT NULL,
            std_minutes TEXT NOT NULL,
            rate_per_hour_cents INTEGER NOT NULL DEFAULT 0,
            piece_rate_cents INTEGER,
            {SYNC_COLUMNS},
            UNIQUE (job_id, seq)
        );
        CREATE TABLE track_units (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            order_id INTEGER NOT NULL REFERENCES orders(id),
            piece_no INTEGER NOT NULL,
            part_name TEXT NOT NULL DEFAULT '',
            part_no INTEGER NOT NULL DEFAULT 1,
            part_count INTEGER NOT NULL DEFAULT 1,
            per_piece INTEGER NOT NULL DEFAULT 1 CHECK (per_piece > 0),
            qty INTEGER NOT NULL CHECK (qty > 0),
            is_bundle INTEGER NOT NULL DEFAULT 0,
            {SYNC_COLUMNS}
        );
        CREATE INDEX track_units_job ON track_units(job_id, piece_no);
        CREATE INDEX track_units_order ON track_units(order_id);
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES track_units(id),
            job_step_id INTEGER NOT NULL REFERENCES job_steps(id),
            user_id INTEGER REFERENCES users(id),
            at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'station' CHECK (source IN ('station', 'cli', 'batch', 'demo')),
            undone_at TEXT,
            undone_by INTEGER REFERENCES users(id),
            {SYNC_COLUMNS}
        );
        -- A unit is counted once at a step: a second scan cannot be stored
        -- (an undone scan steps aside so the unit can be scanned again).
        CREATE UNIQUE INDEX scans_once ON scans(unit_id, job_step_id) WHERE undone_at IS NULL;
        CREATE INDEX scans_step ON scans(job_step_id);
        CREATE INDEX scans_user_at ON scans(user_id, at);
        CREATE INDEX scans_at ON scans(at);
        CREATE TABLE step_times (
            id INTEGER PRIMARY KEY,
            job_step_id INTEGER NOT NULL REFERENCES job_steps(id),
            user_id INTEGER REFERENCES users(id),
            day TEXT NOT NULL,
            minutes TEXT NOT NULL,
            pieces INTEGER NOT NULL CHECK (pieces > 0),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE INDEX step_times_step ON step_times(job_step_id);
        CREATE TABLE holidays (
            day TEXT PRIMARY KEY,
            name TEXT NOT NULL
        );
        """,
    )
    from smedesk.tracking.holidays_pe import HOLIDAYS

    for day, name in HOLIDAYS:
        db.execute("INSERT INTO holidays (day, name) VALUES (?, ?)", [day, name])


@migrations()
def m002_station_pin_lock(db):
    """Wrong PINs typed at a scan station, counted per station (a PIN names
    no one until it matches), so the station locks as the login does."""
    run_script(
        db,
        """
        CREATE TABLE station_pin_lock (
            station TEXT PRIMARY KEY,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        );
        """,
    )


def _cents_text(cents: int) -> str:
    """Whole céntimos as exact canonical decimal text; local so the migration never changes."""
    sign, cents = ("-" if cents < 0 else ""), abs(int(cents))
    whole, part = divmod(cents, 100)
    return f"{sign}{whole}" if part == 0 else f"{sign}{whole}.{part:02d}".rstrip("0")


@migrations()
def m003_exact_step_rates(db):
    """A released job's piece and labour rates keep their exact value (S/ 0.015 a
    piece), as the product's routing now does; stored rates are carried over exactly."""
    run_script(
        db,
        """
        ALTER TABLE job_steps ADD COLUMN rate_per_hour TEXT NOT NULL DEFAULT '0';
        ALTER TABLE job_steps ADD COLUMN piece_rate TEXT;
        """,
    )
    for sid, rate, piece in db.execute("SELECT id, rate_per_hour_cents, piece_rate_cents FROM job_steps").fetchall():
        db.execute("UPDATE job_steps SET rate_per_hour = ?, piece_rate = ? WHERE id = ?",
                   [_cents_text(rate), None if piece is None else _cents_text(piece), sid])
    run_script(
        db,
        """
        ALTER TABLE job_steps DROP COLUMN rate_per_hour_cents;
        ALTER TABLE job_steps DROP COLUMN piece_rate_cents;
        """,
    )
