"""Export plan tables: plans with their sections and cost lines, the action
plan, the budget, and the dated drawback (restitución) rates."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script
from smedesk.core.migrations import SYNC_COLUMNS

migrations = Migrations("smedesk.exportplan")


@migrations()
def m001_export_plans(db):
    run_script(
        db,
        f"""
        CREATE TABLE export_plans (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            template TEXT NOT NULL DEFAULT 'blank'
                CHECK (template IN ('garments', 'furniture', 'blank')),
            product_id INTEGER REFERENCES products(id),
            country TEXT NOT NULL DEFAULT '',
            people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
            hours_per_month TEXT NOT NULL DEFAULT '0',
            incoterm TEXT NOT NULL DEFAULT 'FOB'
                CHECK (incoterm IN ('EXW', 'FCA', 'FOB', 'CFR', 'CIF')),
            qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),
            margin_pct TEXT,
            packing_per_unit_cents INTEGER CHECK (packing_per_unit_cents >= 0),
            inland_freight_cents INTEGER CHECK (inland_freight_cents >= 0),
            customs_agent_cents INTEGER CHECK (customs_agent_cents >= 0),
            documents_cents INTEGER CHECK (documents_cents >= 0),
            port_handling_cents INTEGER CHECK (port_handling_cents >= 0),
            main_freight_usd_cents INTEGER CHECK (main_freight_usd_cents >= 0),
            insurance_rate_pct TEXT,
            fx_usd_pen TEXT,
            texts TEXT NOT NULL DEFAULT '{{}}',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        CREATE TABLE export_plan_actions (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES export_plans(id),
            seq INTEGER NOT NULL,
            what TEXT NOT NULL CHECK (length(trim(what)) > 0),
            who TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            UNIQUE (plan_id, seq)
        );
        CREATE TABLE export_plan_budget (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES export_plans(id),
            seq INTEGER NOT NULL,
            item TEXT NOT NULL CHECK (length(trim(item)) > 0),
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'PEN' CHECK (currency IN ('PEN', 'USD')),
            UNIQUE (plan_id, seq)
        );
        CREATE TABLE drawback_rates (
            id INTEGER PRIMARY KEY,
            valid_from TEXT NOT NULL UNIQUE,
            rate_pct TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            {SYNC_COLUMNS}
        );
        """,
    )
