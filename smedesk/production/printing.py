"""Gathering what the catalogue printouts show (smedesk.printouts draws it)."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core.db import rows
from smedesk.core.roles import require_view
from smedesk.production import costing


def catalogue_products(db) -> list[dict]:
    """Active products with what a buyer sees; the price is the list price, or the
    suggested price from the target margin where none is set."""
    require_view(db, "money.view")
    found = rows(db, "SELECT id, sku, name, name_en, description, description_en, unit, hs_code, min_order,"
                     " price_cents, photo FROM products WHERE deleted_at IS NULL AND active = 1 ORDER BY sku")
    costs = costing.cost_all(db, product_ids=[p["id"] for p in found])
    for p in found:
        cost = costs.get(p["id"])
        p["price"] = costing.default_price(db, cost).net if cost else Decimal(p["price_cents"] or 0) / 100
        p["sizes"] = [r["size"] for r in rows(db, "SELECT DISTINCT size FROM variants WHERE product_id = ?"
                                                 " AND deleted_at IS NULL AND size != '' ORDER BY id", [p["id"]])]
    return found
