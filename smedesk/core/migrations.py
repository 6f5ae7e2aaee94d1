"""Core tables: the business, its settings, users, and the audit log."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script

migrations = Migrations("smedesk.core")

# Columns every row that syncs carries: a stable uid, when it changed, a tombstone.
SYNC_COLUMNS = "uid TEXT NOT NULL UNIQUE, updated_at TEXT NOT NULL, deleted_at TEXT"


@migrations()
def m001_core(db):
    run_script(
        db,
        f"""
        CREATE TABLE business (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            ruc TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
            pin_hash TEXT NOT NULL,
            badge TEXT UNIQUE,
            active INTEGER NOT NULL DEFAULT 1,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            user_name TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT,
            detail TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log rows cannot be changed'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log rows cannot be deleted'); END;
        """
    )


@migrations()
def m002_parties(db):
    """Customers and suppliers, shared by orders, documents and quotations."""
    run_script(
        db,
        f"""
        CREATE TABLE parties (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            is_customer INTEGER NOT NULL DEFAULT 1,
            is_supplier INTEGER NOT NULL DEFAULT 0,
            id_type TEXT NOT NULL DEFAULT 'none'
                CHECK (id_type IN ('ruc', 'dni', 'foreign', 'none')),
            id_number TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT 'PE',
            address TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX parties_id_number ON parties(id_type, id_number)
            WHERE id_type IN ('ruc', 'dni') AND deleted_at IS NULL;
        CREATE INDEX parties_name ON parties(name);
        """,
    )


@migrations()
def m003_pin_tag(db):
    """A lookup tag beside each PIN hash (scrypt of the PIN with the business's
    own salt), so a station finds whose PIN it is with one hash instead of
    trying every user's. Filled when a PIN is set or next typed right."""
    run_script(
        db,
        """
        ALTER TABLE users ADD COLUMN pin_tag TEXT;
        CREATE INDEX users_pin_tag ON users(pin_tag);
        """,
    )
