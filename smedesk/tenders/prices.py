"""Unit prices of past awards for a CUBSO or UNSPSC code, over time, and the
firm's own price (and unit cost, where the costing module exists) for the
product linked to that code."""

from __future__ import annotations

import statistics
from decimal import Decimal

from smedesk.core import money
from smedesk.core.db import row, rows
from smedesk.core.errors import SmedeskError
from smedesk.core.roles import require_view
from smedesk.production import costing
from smedesk.tenders.search import clean_codes


def awarded(db, code: str) -> list[dict]:
    """Award lines whose CUBSO or UNSPSC starts with `code`, oldest first.
    Lines with no published unit price are left out; cancelled awards too."""
    code = clean_codes([code])[0] if str(code).strip() else ""
    found = rows(
        db,
        "SELECT p.id AS process_id, p.ocid, p.title, p.department, p.buyer, a.date, a.supplier,"
        " a.supplier_ruc, a.status, i.description, i.cubso, i.unspsc, i.quantity, i.unit, i.unit_price_cents"
        " FROM seace_award_items i JOIN seace_awards a ON a.id = i.award_row_id"
        " JOIN seace_processes p ON p.id = i.process_id"
        " WHERE (i.cubso LIKE ? OR i.unspsc LIKE ?) AND i.unit_price_cents IS NOT NULL"
        " AND a.status NOT IN ('cancelled', 'unsuccessful')"
        " ORDER BY a.date, p.ocid",
        [code + "%", code + "%"],
    )
    for line in found:
        line["unit_price"] = money.from_cents(line["unit_price_cents"])
        line["quantity"] = None if line["quantity"] is None else Decimal(line["quantity"])
    return found


def summary(lines: list[dict]) -> dict:
    """Lowest, median and highest unit price of the lines (None when none)."""
    prices = sorted(line["unit_price"] for line in lines)
    if not prices:
        return {"count": 0, "low": None, "median": None, "high": None}
    return {"count": len(prices), "low": prices[0], "median": money.round_cents(statistics.median(prices)),
            "high": prices[-1]}


def own_figures(db, product_id: int | None) -> dict:
    """The firm's own price and unit cost for a product (None where unknown).
    Unit cost comes from smedesk.production.costing (None when it cannot be costed)."""
    require_view(db)
    if not product_id:
        return {"product": None, "price": None, "unit_cost": None}
    product = row(db, "SELECT id, sku, name, price_cents FROM products WHERE id = ?", [product_id])
    if product is None:
        return {"product": None, "price": None, "unit_cost": None}
    cost = None
    try:
        breakdown = costing.unit_cost(db, product_id)
    except SmedeskError:  # no bill of materials or routing yet: cost unknown
        breakdown = None
    if breakdown is not None and breakdown.lines and breakdown.currency == "PEN":
        cost = money.round_cents(breakdown.unit_cost)
    price = None if product["price_cents"] is None else money.from_cents(product["price_cents"])
    return {"product": product, "price": price, "unit_cost": cost}


def compare(db, code: str, product_id: int | None) -> dict:
    """Past award prices for a code next to the firm's own figures."""
    lines = awarded(db, code)
    return {"lines": lines, "summary": summary(lines), **own_figures(db, product_id)}
