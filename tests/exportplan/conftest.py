"""Fixtures for export plans: a small catalogue and a stand-in for costing
that returns the unit costs a test names (costing is tested on its own)."""

from __future__ import annotations

import types
from dataclasses import dataclass
from decimal import Decimal

import pytest

import smedesk.production
from smedesk.production import catalogue as cat


@dataclass(frozen=True)
class Breakdown:
    unit_cost: Decimal


@pytest.fixture
def costs_by_sku(monkeypatch):
    """Map SKU -> unit cost; products not in it have no cost."""
    table: dict[str, Decimal] = {}

    def unit_cost(db, product_id, *, variant_id=None, as_of=None):
        sku = db.execute("SELECT sku FROM products WHERE id = ?", [product_id]).fetchone()[0]
        return Breakdown(table.get(sku, Decimal("0.00")))  # no materials, no steps: nothing to cost

    fake = types.ModuleType("smedesk.production.costing")
    fake.unit_cost = unit_cost
    monkeypatch.setitem(__import__("sys").modules, "smedesk.production.costing", fake)
    monkeypatch.setattr(smedesk.production, "costing", fake, raising=False)
    return table


@pytest.fixture
def silla(db, owner, costs_by_sku):
    pid = cat.save_product(db, {"sku": "SIL-TOR-01", "name": "Silla de tornillo", "name_en": "Tornillo wood chair",
                                "hs_code": "9401690000"}, actor=owner)
    cat.set_routing(db, pid, [{"name": "Corte", "std_minutes": "30", "rate_per_hour": "10"},
                              {"name": "Ensamble", "std_minutes": "60", "rate_per_hour": "10"},
                              {"name": "Acabado", "std_minutes": "30", "rate_per_hour": "10"}], actor=owner)
    costs_by_sku["SIL-TOR-01"] = Decimal("100.00")
    return pid


COSTS = {
    "margin_pct": "25", "packing_per_unit": "5", "inland_freight": "300", "customs_agent": "200",
    "documents": "100", "port_handling": "250", "main_freight_usd": "400", "insurance_rate_pct": "1",
    "fx_usd_pen": "3.75",
}
