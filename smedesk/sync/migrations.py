"""Sync tables: the outbox (changes meant for the outside, each with an
idempotency key), the inbox (what came in, applied once), what the remote
side knows of each row, cursors, and the bundles already read.

Catalogue changes reach the outbox through triggers, so they are written in
the same transaction as the change itself whoever makes it."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script

migrations = Migrations("smedesk.sync")

# Fields the marketplace shows: a change to any other column sends nothing.
PRODUCT_FIELDS = ("sku", "name", "name_en", "description", "description_en", "price_cents",
                  "active", "photo", "gtin", "deleted_at")
VARIANT_FIELDS = ("size", "colour", "gtin", "deleted_at")


def _queue_product(uid: str, entity_id: str, at: str) -> str:
    """Statements that coalesce one open outbox row per product: a second
    change before sending bumps the version and the key instead of adding a row."""
    key = f"'product:' || {uid} || ':' || lower(hex(randomblob(8)))"
    return f"""
        UPDATE outbox SET version = version + 1, key = {key}, state = 'pending', attempts = 0,
               next_try_at = NULL, last_error = NULL, updated_at = {at}
         WHERE kind = 'product' AND entity_uid = {uid} AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
        SELECT 'product', {uid}, {entity_id}, {key}, 1, 'pending', 0, {at}, {at}
         WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'product' AND entity_uid = {uid}
                           AND state IN ('pending', 'failed'));"""


def _changed(fields) -> str:
    return " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in fields)


@migrations()
def m001_outbox_inbox(db):
    product_uid = "(SELECT uid FROM products WHERE id = NEW.product_id)"
    run_script(
        db,
        f"""
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('product', 'order_update')),
            entity_uid TEXT NOT NULL,
            entity_id INTEGER,
            key TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL DEFAULT 1,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'failed', 'dropped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT,
            last_error TEXT,
            payload TEXT,
            remote_ref TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE UNIQUE INDEX outbox_open ON outbox(kind, entity_uid) WHERE state IN ('pending', 'failed');
        CREATE INDEX outbox_state ON outbox(state, next_try_at);
        CREATE TABLE inbox (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            remote_ref TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'applied', 'waiting', 'failed')),
            error TEXT,
            received_at TEXT NOT NULL,
            applied_at TEXT,
            result_ref TEXT
        );
        CREATE INDEX inbox_state ON inbox(state);
        CREATE TABLE sync_remote (
            kind TEXT NOT NULL,
            entity_uid TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            last_payload TEXT NOT NULL DEFAULT '{{}}',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (kind, entity_uid)
        );
        CREATE TABLE sync_cursors (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE sync_bundles (
            bundle_id TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('written', 'read')),
            file TEXT NOT NULL,
            items INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (bundle_id, direction)
        );
        CREATE TRIGGER sync_product_insert AFTER INSERT ON products
        BEGIN {_queue_product("NEW.uid", "NEW.id", "NEW.updated_at")}
        END;
        CREATE TRIGGER sync_product_update AFTER UPDATE ON products
        WHEN {_changed(PRODUCT_FIELDS)}
        BEGIN {_queue_product("NEW.uid", "NEW.id", "NEW.updated_at")}
        END;
        CREATE TRIGGER sync_variant_insert AFTER INSERT ON variants
        BEGIN {_queue_product(product_uid, "NEW.product_id", "NEW.updated_at")}
        END;
        CREATE TRIGGER sync_variant_update AFTER UPDATE ON variants
        WHEN {_changed(VARIANT_FIELDS)}
        BEGIN {_queue_product(product_uid, "NEW.product_id", "NEW.updated_at")}
        END;
        """,
    )
