"""The migration to exact prices carries every stored price over unchanged."""

from decimal import Decimal

import sqlite_utils
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core import migrations as core_migrations
from smedesk.core import schema
from smedesk.production import migrations as production_migrations
from smedesk.production.migrations import _cents_text
from smedesk.tracking import migrations as tracking_migrations

NOW = "2026-01-05T10:00:00Z"


def _old_file(path):
    """A business file as the previous version wrote it: prices in whole céntimos."""
    db = sqlite_utils.Database(path)
    core_migrations.migrations.apply(db)
    production_migrations.migrations.apply(db, stop_before="m003_exact_prices")
    tracking_migrations.migrations.apply(db, stop_before="m003_exact_step_rates")
    for mid, code, cents in ((1, "TOR", 185000), (2, "ETQ", 12), (3, "CAP", 230050), (4, "OLD", 350)):
        db.execute("INSERT INTO materials (id, code, name, unit, price_cents, currency, created_at, uid, updated_at)"
                   " VALUES (?, ?, ?, 'kg', ?, 'PEN', ?, ?, ?)", [mid, code, code, cents, NOW, f"u{mid}", NOW])
    for mid, day, cents in ((1, "2026-01-01", 180000), (1, "2026-02-01", 185000), (2, "2026-01-01", 12),
                            (3, "2026-01-01", 230050)):  # OLD has no history: its stored price must survive
        db.execute("INSERT INTO material_prices (material_id, valid_from, price_cents, currency, created_at)"
                   " VALUES (?, ?, ?, 'PEN', ?)", [mid, day, cents, NOW])
    db.execute("INSERT INTO products (id, sku, name, created_at, uid, updated_at) VALUES (1, 'P', 'P', ?, 'p1', ?)",
               [NOW, NOW])
    db.execute("INSERT INTO routing_steps (product_id, seq, name, std_minutes, rate_per_hour_cents, piece_rate_cents)"
               " VALUES (1, 1, 'Corte', '30', 950, NULL), (1, 2, 'Costura', '12', 0, 150)")
    db.conn.commit()
    return db


def test_every_stored_price_is_carried_over_exactly(tmp_path):
    db = _old_file(tmp_path / "old.smedesk")
    assert schema.migrate(db) > 0
    history = [tuple(r) for r in db.execute(
        "SELECT material_id, valid_from, price, source FROM material_prices ORDER BY material_id, valid_from")]
    assert history == [(1, "2026-01-01", "1800", "manual"), (1, "2026-02-01", "1850", "manual"),
                       (2, "2026-01-01", "0.12", "manual"), (3, "2026-01-01", "2300.5", "manual"),
                       (4, "2026-01-05", "3.5", "migration")]
    steps = [tuple(r) for r in db.execute("SELECT name, rate_per_hour, piece_rate FROM routing_steps ORDER BY seq")]
    assert steps == [("Corte", "9.5", None), ("Costura", "0", "1.5")]
    columns = {r[1] for r in db.execute("PRAGMA table_info(materials)")}
    assert "price_cents" not in columns  # the current price is derived from the history now
    db.close()


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_cents_become_the_same_decimal(cents):
    assert Decimal(_cents_text(cents)) == Decimal(cents) / 100
