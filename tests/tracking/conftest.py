"""Fixtures for tracking: a small catalogue (a chair with parts, a polo with
sizes), a customer, and helpers to make and release orders."""

from __future__ import annotations

import pytest

from smedesk.core import parties
from smedesk.production import catalogue
from smedesk.tracking import orders, release

NOW = "2026-03-02T15:00:00Z"  # Monday 2 March 2026, 10:00 in Lima


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", NOW)


@pytest.fixture
def shop(db, owner):
    """Chair: parts 4 legs + 1 seat (5 labels a piece), steps Corte 10, Lijado 20,
    Armado 30 minutes. Polo: sizes S, M; steps Corte 2, Costura 6, Planchado 2."""
    chair = catalogue.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    catalogue.set_parts(db, chair, [("Pata", 4), ("Asiento", 1)], actor=owner)
    catalogue.set_routing(db, chair, [
        {"name": "Corte", "std_minutes": "10", "piece_rate": "1.50"},
        {"name": "Lijado", "std_minutes": "20", "piece_rate": "2.00"},
        {"name": "Armado", "std_minutes": "30", "piece_rate": "3.00"},
    ], actor=owner)
    polo = catalogue.save_product(db, {"sku": "POLO-01", "name": "Polo"}, actor=owner)
    catalogue.save_variant(db, polo, size="S", actor=owner)
    catalogue.save_variant(db, polo, size="M", actor=owner)
    catalogue.set_routing(db, polo, [
        {"name": "Corte", "std_minutes": "2", "piece_rate": "0.20"},
        {"name": "Costura", "std_minutes": "6", "piece_rate": "0.60"},
        {"name": "Planchado", "std_minutes": "2"},
    ], actor=owner)
    table = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(db, table, [{"name": "Corte", "std_minutes": "60"},
                                      {"name": "Armado", "std_minutes": "60"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente Uno", "id_number": "20100123453"}, actor=owner)
    return {"chair": chair, "polo": polo, "table": table, "customer": customer}


@pytest.fixture
def make_order(db, owner, shop):
    def make(number="P-001", lines=None, due="2026-03-20", release_it=False, bundle=None):
        lines = lines or [{"sku": "MESA-01", "qty": 2, "unit_price": "100"}]
        orders.create_order(db, number, shop["customer"], lines, due, actor=owner)
        if release_it:
            release.release(db, number, bundle=bundle, actor=owner)
        return number
    return make
