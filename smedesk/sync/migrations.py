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


def _queue_message(uid: str, payload: str, at: str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") -> str:
    """Coalesce one open message per entity (a quotation, an order): the
    newest content replaces what was waiting, with a new key."""
    key = f"'order_update:' || {uid} || ':' || lower(hex(randomblob(8)))"
    return f"""
        UPDATE outbox SET version = version + 1, key = {key}, payload = {payload}, state = 'pending',
               attempts = 0, next_try_at = NULL, last_error = NULL, updated_at = {at}
         WHERE kind = 'order_update' AND entity_uid = {uid} AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, key, payload, version, state, attempts, created_at, updated_at)
        SELECT 'order_update', {uid}, {key}, {payload}, 1, 'pending', 0, {at}, {at}
         WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'order_update' AND entity_uid = {uid}
                           AND state IN ('pending', 'failed'));"""


@migrations()
def m002_buyer_messages(db):
    """Links between the shop's orders and local quotations and orders; a
    quotation sent and an order's progress become messages for the buyer in
    the same transaction (when the accounts and tracking tables exist)."""
    run_script(
        db,
        """
        CREATE TABLE sync_links (
            kind TEXT NOT NULL CHECK (kind IN ('quotation', 'order')),
            remote_ref TEXT NOT NULL,
            local_uid TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'woocommerce',
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, source, remote_ref)
        );
        CREATE UNIQUE INDEX sync_links_local ON sync_links(kind, local_uid);
        """,
    )
    tables = set(db.table_names())
    if "quotations" in tables:
        payload = ("json_object('subject', 'quotation', 'quotation_uid', NEW.uid,"
                   " 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'quotation' AND local_uid = NEW.uid))")
        run_script(db, f"""
            CREATE TRIGGER sync_quotation_sent AFTER UPDATE OF state ON quotations
            WHEN NEW.state = 'sent' AND OLD.state IS NOT 'sent'
             AND EXISTS (SELECT 1 FROM sync_links WHERE kind = 'quotation' AND local_uid = NEW.uid)
            BEGIN {_queue_message("NEW.uid", payload)}
            END;
            """)
    if {"orders", "scans", "track_units", "jobs"} <= tables:
        link = "(SELECT remote_ref FROM sync_links WHERE kind = 'order' AND local_uid = {uid})"
        order_payload = ("json_object('subject', 'progress', 'order_uid', NEW.uid, 'order_ref', "
                         + link.format(uid="NEW.uid") + ")")
        scan_uid = ("(SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id"
                    " JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id)")
        scan_payload = ("json_object('subject', 'progress', 'order_uid', " + scan_uid + ", 'order_ref', "
                        + link.format(uid=scan_uid) + ")")
        run_script(db, f"""
            CREATE TRIGGER sync_order_state AFTER UPDATE OF state ON orders
            WHEN NEW.state IS NOT OLD.state
             AND EXISTS (SELECT 1 FROM sync_links WHERE kind = 'order' AND local_uid = NEW.uid)
            BEGIN {_queue_message("NEW.uid", order_payload)}
            END;
            CREATE TRIGGER sync_scan_progress AFTER INSERT ON scans
            WHEN EXISTS (SELECT 1 FROM sync_links WHERE kind = 'order' AND local_uid = {scan_uid})
            BEGIN {_queue_message(scan_uid, scan_payload)}
            END;
            """)


@migrations()
def m003_shop_side_state(db):
    """What the shop's owner did by hand that smedesk must show: a product moved
    to the shop's trash is still updated there, invisible to buyers."""
    run_script(db, "ALTER TABLE sync_remote ADD COLUMN shop_status TEXT NOT NULL DEFAULT '';")


@migrations()
def m004_variant_shop_fields(db):
    """A variant's SKU, price and stock reach the shop (as a variation) too."""
    fields = ("size", "colour", "gtin", "deleted_at", "sku", "price_cents", "stock")
    product_uid = "(SELECT uid FROM products WHERE id = NEW.product_id)"
    run_script(db, f"""
        DROP TRIGGER IF EXISTS sync_variant_update;
        CREATE TRIGGER sync_variant_update AFTER UPDATE ON variants
        WHEN {_changed(fields)}
        BEGIN {_queue_product(product_uid, "NEW.product_id", "NEW.updated_at")}
        END;
        """)


@migrations()
def m005_triggers_written_out(db):
    """The outbox triggers of m001, m002 and m004 again, written out in full: those
    built their SQL from module constants (PRODUCT_FIELDS, the queueing
    helpers) and m002 made some triggers only when other areas' tables
    existed, so two files could differ after the same migrations. From here
    every file has exactly these triggers. It needs the accounts and tracking
    tables, which schema.AREAS applies before sync. Never edit this text: a
    change is a new migration."""
    run_script(
        db,
        """
        DROP TRIGGER IF EXISTS sync_order_state;
        CREATE TRIGGER sync_order_state AFTER UPDATE OF state ON orders
        WHEN NEW.state IS NOT OLD.state
        AND EXISTS (SELECT 1 FROM sync_links WHERE kind = 'order' AND local_uid = NEW.uid)
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'order_update:' || NEW.uid || ':' || lower(hex(randomblob(8))), payload = json_object('subject', 'progress', 'order_uid', NEW.uid, 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'order' AND local_uid = NEW.uid)), state = 'pending',
        attempts = 0, next_try_at = NULL, last_error = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE kind = 'order_update' AND entity_uid = NEW.uid AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, key, payload, version, state, attempts, created_at, updated_at)
        SELECT 'order_update', NEW.uid, 'order_update:' || NEW.uid || ':' || lower(hex(randomblob(8))), json_object('subject', 'progress', 'order_uid', NEW.uid, 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'order' AND local_uid = NEW.uid)), 1, 'pending', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'order_update' AND entity_uid = NEW.uid
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_product_insert;
        CREATE TRIGGER sync_product_insert AFTER INSERT ON products
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'product:' || NEW.uid || ':' || lower(hex(randomblob(8))), state = 'pending', attempts = 0,
        next_try_at = NULL, last_error = NULL, updated_at = NEW.updated_at
        WHERE kind = 'product' AND entity_uid = NEW.uid AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
        SELECT 'product', NEW.uid, NEW.id, 'product:' || NEW.uid || ':' || lower(hex(randomblob(8))), 1, 'pending', 0, NEW.updated_at, NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'product' AND entity_uid = NEW.uid
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_product_update;
        CREATE TRIGGER sync_product_update AFTER UPDATE ON products
        WHEN OLD.sku IS NOT NEW.sku OR OLD.name IS NOT NEW.name OR OLD.name_en IS NOT NEW.name_en OR OLD.description IS NOT NEW.description OR OLD.description_en IS NOT NEW.description_en OR OLD.price_cents IS NOT NEW.price_cents OR OLD.active IS NOT NEW.active OR OLD.photo IS NOT NEW.photo OR OLD.gtin IS NOT NEW.gtin OR OLD.deleted_at IS NOT NEW.deleted_at
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'product:' || NEW.uid || ':' || lower(hex(randomblob(8))), state = 'pending', attempts = 0,
        next_try_at = NULL, last_error = NULL, updated_at = NEW.updated_at
        WHERE kind = 'product' AND entity_uid = NEW.uid AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
        SELECT 'product', NEW.uid, NEW.id, 'product:' || NEW.uid || ':' || lower(hex(randomblob(8))), 1, 'pending', 0, NEW.updated_at, NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'product' AND entity_uid = NEW.uid
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_quotation_sent;
        CREATE TRIGGER sync_quotation_sent AFTER UPDATE OF state ON quotations
        WHEN NEW.state = 'sent' AND OLD.state IS NOT 'sent'
        AND EXISTS (SELECT 1 FROM sync_links WHERE kind = 'quotation' AND local_uid = NEW.uid)
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'order_update:' || NEW.uid || ':' || lower(hex(randomblob(8))), payload = json_object('subject', 'quotation', 'quotation_uid', NEW.uid, 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'quotation' AND local_uid = NEW.uid)), state = 'pending',
        attempts = 0, next_try_at = NULL, last_error = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE kind = 'order_update' AND entity_uid = NEW.uid AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, key, payload, version, state, attempts, created_at, updated_at)
        SELECT 'order_update', NEW.uid, 'order_update:' || NEW.uid || ':' || lower(hex(randomblob(8))), json_object('subject', 'quotation', 'quotation_uid', NEW.uid, 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'quotation' AND local_uid = NEW.uid)), 1, 'pending', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'order_update' AND entity_uid = NEW.uid
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_scan_progress;
        CREATE TRIGGER sync_scan_progress AFTER INSERT ON scans
        WHEN EXISTS (SELECT 1 FROM sync_links WHERE kind = 'order' AND local_uid = (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id))
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'order_update:' || (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id) || ':' || lower(hex(randomblob(8))), payload = json_object('subject', 'progress', 'order_uid', (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id), 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'order' AND local_uid = (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id))), state = 'pending',
        attempts = 0, next_try_at = NULL, last_error = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE kind = 'order_update' AND entity_uid = (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id) AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, key, payload, version, state, attempts, created_at, updated_at)
        SELECT 'order_update', (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id), 'order_update:' || (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id) || ':' || lower(hex(randomblob(8))), json_object('subject', 'progress', 'order_uid', (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id), 'order_ref', (SELECT remote_ref FROM sync_links WHERE kind = 'order' AND local_uid = (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id))), 1, 'pending', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'order_update' AND entity_uid = (SELECT o.uid FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = j.order_id WHERE u.id = NEW.unit_id)
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_variant_insert;
        CREATE TRIGGER sync_variant_insert AFTER INSERT ON variants
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'product:' || (SELECT uid FROM products WHERE id = NEW.product_id) || ':' || lower(hex(randomblob(8))), state = 'pending', attempts = 0,
        next_try_at = NULL, last_error = NULL, updated_at = NEW.updated_at
        WHERE kind = 'product' AND entity_uid = (SELECT uid FROM products WHERE id = NEW.product_id) AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
        SELECT 'product', (SELECT uid FROM products WHERE id = NEW.product_id), NEW.product_id, 'product:' || (SELECT uid FROM products WHERE id = NEW.product_id) || ':' || lower(hex(randomblob(8))), 1, 'pending', 0, NEW.updated_at, NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'product' AND entity_uid = (SELECT uid FROM products WHERE id = NEW.product_id)
        AND state IN ('pending', 'failed'));
        END;
        DROP TRIGGER IF EXISTS sync_variant_update;
        CREATE TRIGGER sync_variant_update AFTER UPDATE ON variants
        WHEN OLD.size IS NOT NEW.size OR OLD.colour IS NOT NEW.colour OR OLD.gtin IS NOT NEW.gtin OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.sku IS NOT NEW.sku OR OLD.price_cents IS NOT NEW.price_cents OR OLD.stock IS NOT NEW.stock
        BEGIN
        UPDATE outbox SET version = version + 1, key = 'product:' || (SELECT uid FROM products WHERE id = NEW.product_id) || ':' || lower(hex(randomblob(8))), state = 'pending', attempts = 0,
        next_try_at = NULL, last_error = NULL, updated_at = NEW.updated_at
        WHERE kind = 'product' AND entity_uid = (SELECT uid FROM products WHERE id = NEW.product_id) AND state IN ('pending', 'failed');
        INSERT INTO outbox (kind, entity_uid, entity_id, key, version, state, attempts, created_at, updated_at)
        SELECT 'product', (SELECT uid FROM products WHERE id = NEW.product_id), NEW.product_id, 'product:' || (SELECT uid FROM products WHERE id = NEW.product_id) || ':' || lower(hex(randomblob(8))), 1, 'pending', 0, NEW.updated_at, NEW.updated_at
        WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE kind = 'product' AND entity_uid = (SELECT uid FROM products WHERE id = NEW.product_id)
        AND state IN ('pending', 'failed'));
        END;
        """,
    )
