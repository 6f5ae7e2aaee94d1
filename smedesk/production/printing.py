"""Gathering what the catalogue printouts show (smedesk.printouts draws it)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from smedesk.core import business, clock
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr, translator
from smedesk.core.roles import require_view
from smedesk.production import catalogue, costing


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


def cost_sheet_data(db, product_id: int, *, variant_id: int | None = None, as_of=None) -> dict:
    """What the cost sheet shows: the product, its cost breakdown, the price and
    the overhead figures behind it (money: refused to whoever may not see it)."""
    require_view(db, "money.view")
    product = catalogue.get_product(db, product_id)
    if product is None:
        raise ValidationError(tr("There is no product «{sku}».", sku=product_id), field="sku")
    cost = costing.unit_cost(db, product["id"], variant_id=variant_id, as_of=as_of)
    return {"business": business.get(db) or {}, "product": product, "cost": cost,
            "price": costing.default_price(db, cost), "monthly_overhead": costing.monthly_overhead(db),
            "hours_per_month": costing.hours_per_month(db), "overhead_rate": costing.overhead_rate(db),
            "fx_usd_pen": costing.fx_usd_pen(db), "generated": clock.to_lima(clock.now()).strftime("%Y-%m-%d %H:%M")}


def write_cost_sheet(db, product_id: int, path: Path | str, *, lang: str = "es", variant_id: int | None = None,
                     as_of=None, progress=None, cancelled=None) -> Path | None:
    from smedesk.printouts import cost_sheet

    data = cost_sheet_data(db, product_id, variant_id=variant_id, as_of=as_of)
    return cost_sheet.render(data, path, tr=translator(lang), progress=progress, cancelled=cancelled)


def catalogue_data(db) -> dict:
    """What the buyers' catalogue shows: the firm, the exchange rate and the active products."""
    return {"business": business.get(db) or {}, "fx_usd_pen": costing.fx_usd_pen(db),
            "today": clock.today_lima().isoformat(), "products": catalogue_products(db)}


def write_catalogue(db, path: Path | str, *, lang: str = "en", progress=None, cancelled=None) -> Path | None:
    from smedesk.printouts import catalogue_pdf

    return catalogue_pdf.render(catalogue_data(db), path, tr=translator(lang), progress=progress,
                                cancelled=cancelled)
