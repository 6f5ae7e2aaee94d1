"""Which products sell below their cost, or below the target margin, at their
list price: what the owner should look at first."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import settings
from smedesk.core.db import rows
from smedesk.core.money import round_cents
from smedesk.core.roles import require_view
from smedesk.production import costing


@dataclass(frozen=True)
class Margin:
    """Attributes: sku, name, cost and price per unit (price None: no list price),
    margin_pct on price (None without a price), status: ok | low | loss | no_price."""

    product_id: int
    sku: str
    name: str
    cost: Decimal
    price: Decimal | None
    margin_pct: Decimal | None
    status: str


def margin_report(db, *, as_of=None) -> list[Margin]:
    """Every active product, the worst first (selling at a loss, then below the
    target margin `production.margin_pct`, then without a list price)."""
    require_view(db)
    target = settings.get_decimal(db, "production.margin_pct", "30")
    active = [r["id"] for r in rows(db, "SELECT id FROM products WHERE active = 1 AND deleted_at IS NULL")]
    costs = costing.cost_all(db, as_of=as_of, product_ids=active)
    prices = {r["id"]: r["price_cents"] for r in rows(db, "SELECT id, price_cents FROM products")}
    out = []
    for pid, cost in costs.items():
        cents = prices.get(pid)
        if cents is None:
            out.append(Margin(pid, cost.sku, cost.name, cost.unit_cost, None, None, "no_price"))
            continue
        price = Decimal(cents) / 100
        pct = round_cents((price - cost.exact) / price * 100) if price else Decimal("-100")
        status = "loss" if price < cost.exact else "low" if pct < target else "ok"
        out.append(Margin(pid, cost.sku, cost.name, cost.unit_cost, price, pct, status))
    order = {"loss": 0, "low": 1, "no_price": 2, "ok": 3}
    return sorted(out, key=lambda m: (order[m.status], m.margin_pct if m.margin_pct is not None else 0, m.sku))
