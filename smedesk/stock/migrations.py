"""Stock tables: movements (immutable, like posted journal entries), running
balances kept beside them in the same transaction, per-job consumption
totals, per-material settings, the step that consumes a material, and the
month-end valuations posted to the books."""

from sqlite_utils.migrations import Migrations

from smedesk.core.db import run_script

migrations = Migrations("smedesk.stock")

# Accounts the optional month-end entry uses (PCGE), added when absent.
ACCOUNTS = (
    ("25", "Materiales auxiliares, suministros y repuestos", "Supplies and spare parts", None),
    ("2511", "Materiales auxiliares", "Auxiliary materials", "25"),
    ("61", "Variación de existencias", "Change in inventories", None),
    ("612", "Materias primas", "Change in raw materials", "61"),
    ("6121", "Materias primas para productos manufacturados", "Change in raw materials", "612"),
    ("613", "Materiales auxiliares, suministros y repuestos", "Change in supplies", "61"),
    ("6131", "Materiales auxiliares", "Change in auxiliary materials", "613"),
)


@migrations()
def m001_stock(db):
    run_script(
        db,
        """
        CREATE TABLE stock_moves (
            id INTEGER PRIMARY KEY,
            material_id INTEGER REFERENCES materials(id),
            product_id INTEGER REFERENCES products(id),
            day TEXT NOT NULL,
            qty TEXT NOT NULL,
            entered_qty TEXT NOT NULL,
            entered_unit TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('purchase', 'consume', 'return', 'waste', 'count',
                'adjust', 'made', 'delivered')),
            value TEXT NOT NULL DEFAULT '0',
            unit_cost TEXT NOT NULL DEFAULT '0',
            order_id INTEGER REFERENCES orders(id),
            job_id INTEGER REFERENCES jobs(id),
            document_line_id INTEGER REFERENCES document_lines(id),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            uid TEXT NOT NULL UNIQUE,
            CHECK ((material_id IS NULL) <> (product_id IS NULL))
        );
        CREATE INDEX stock_moves_material ON stock_moves(material_id, day, id);
        CREATE INDEX stock_moves_product ON stock_moves(product_id, day, id);
        CREATE INDEX stock_moves_order ON stock_moves(order_id);
        CREATE INDEX stock_moves_day ON stock_moves(day, id);
        CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
        BEGIN SELECT RAISE(ABORT, 'stock movements cannot be changed: record a new movement'); END;
        CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
        BEGIN SELECT RAISE(ABORT, 'stock movements cannot be deleted: record a new movement'); END;
        CREATE TABLE stock_balances (
            material_id INTEGER REFERENCES materials(id),
            product_id INTEGER REFERENCES products(id),
            qty TEXT NOT NULL DEFAULT '0',
            value TEXT NOT NULL DEFAULT '0',
            average_cost TEXT NOT NULL DEFAULT '0',
            moves INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            CHECK ((material_id IS NULL) <> (product_id IS NULL))
        );
        CREATE UNIQUE INDEX stock_balances_material ON stock_balances(material_id) WHERE material_id IS NOT NULL;
        CREATE UNIQUE INDEX stock_balances_product ON stock_balances(product_id) WHERE product_id IS NOT NULL;
        CREATE TABLE stock_job_totals (
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            material_id INTEGER REFERENCES materials(id),
            product_id INTEGER REFERENCES products(id),
            reason TEXT NOT NULL,
            qty TEXT NOT NULL DEFAULT '0'
        );
        CREATE UNIQUE INDEX stock_job_totals_key ON stock_job_totals(job_id, reason, COALESCE(material_id, 0),
            COALESCE(product_id, 0));
        CREATE TABLE stock_materials (
            material_id INTEGER PRIMARY KEY REFERENCES materials(id),
            min_qty TEXT NOT NULL DEFAULT '0',
            account TEXT NOT NULL DEFAULT '24' CHECK (account IN ('24', '25')),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE stock_bom_steps (
            product_id INTEGER NOT NULL REFERENCES products(id),
            material_id INTEGER NOT NULL REFERENCES materials(id),
            step_seq INTEGER NOT NULL CHECK (step_seq > 0),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (product_id, material_id)
        );
        CREATE TABLE stock_month_entries (
            month TEXT PRIMARY KEY,
            raw_value TEXT NOT NULL,
            supplies_value TEXT NOT NULL,
            entry_id INTEGER REFERENCES journal_entries(id),
            created_at TEXT NOT NULL
        );
        """,
    )
    from smedesk.core import clock
    from smedesk.core.ids import new_uid

    now = clock.now_iso()
    for code, name, name_en, parent in ACCOUNTS:
        db.execute(
            "INSERT OR IGNORE INTO accounts (code, name, name_en, parent, is_money, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, 0, ?, ?, ?)", [code, name, name_en, parent, now, new_uid(), now])
