"""Catalogue tables: materials with dated prices, products, variants, parts,
bills of materials, routing steps, overhead."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script
from smedesk.core.migrations import SYNC_COLUMNS

migrations = Migrations("smedesk.production")


@migrations()
def m001_catalogue(db):
    run_script(
        db,
        f"""
        CREATE TABLE materials (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            unit TEXT NOT NULL,
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'PEN' CHECK (currency IN ('PEN', 'USD')),
            waste_pct TEXT NOT NULL DEFAULT '0',
            supplier TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE material_prices (
            id INTEGER PRIMARY KEY,
            material_id INTEGER NOT NULL REFERENCES materials(id),
            valid_from TEXT NOT NULL,
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            currency TEXT NOT NULL CHECK (currency IN ('PEN', 'USD')),
            source TEXT NOT NULL DEFAULT 'manual',
            created_at TEXT NOT NULL
        );
        CREATE INDEX material_prices_lookup ON material_prices(material_id, valid_from, id);
        CREATE TABLE products (
            id INTEGER PRIMARY KEY,
            sku TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_en TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            description_en TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT 'unit',
            hs_code TEXT NOT NULL DEFAULT '',
            gtin TEXT NOT NULL DEFAULT '',
            photo BLOB,
            min_order INTEGER NOT NULL DEFAULT 1,
            price_cents INTEGER,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE variants (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            size TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL DEFAULT '',
            gtin TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS},
            UNIQUE (product_id, size, colour)
        );
        CREATE TABLE product_parts (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            seq INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            qty INTEGER NOT NULL CHECK (qty > 0),
            UNIQUE (product_id, seq)
        );
        CREATE TABLE bom_lines (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            variant_id INTEGER REFERENCES variants(id),
            material_id INTEGER NOT NULL REFERENCES materials(id),
            qty TEXT NOT NULL,
            unit TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX bom_lines_product ON bom_lines(product_id, variant_id);
        CREATE INDEX bom_lines_material ON bom_lines(material_id);
        CREATE TABLE routing_steps (
            id INTEGER PRIMARY KEY,
            product_id INTEGER NOT NULL REFERENCES products(id),
            seq INTEGER NOT NULL CHECK (seq > 0),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            std_minutes TEXT NOT NULL,
            rate_per_hour_cents INTEGER NOT NULL CHECK (rate_per_hour_cents >= 0),
            piece_rate_cents INTEGER CHECK (piece_rate_cents IS NULL OR piece_rate_cents >= 0),
            UNIQUE (product_id, seq)
        );
        CREATE TABLE overhead_items (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            monthly_cents INTEGER NOT NULL CHECK (monthly_cents >= 0),
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        """,
    )


@migrations()
def m002_variant_sku_price_stock(db):
    """A variant a buyer can choose on the shop has its own SKU, may have its own
    price (NULL: the product's) and a stock (NULL: made to order, not counted)."""
    run_script(db, """
        ALTER TABLE variants ADD COLUMN sku TEXT NOT NULL DEFAULT '';
        ALTER TABLE variants ADD COLUMN price_cents INTEGER CHECK (price_cents IS NULL OR price_cents >= 0);
        ALTER TABLE variants ADD COLUMN stock INTEGER CHECK (stock IS NULL OR stock >= 0);
        """)
