"""Unit cost of a product: materials + labour + overhead, with every line kept.

    materials = Σ qty (in the material's unit) × (1 + waste_pct/100) × price in PEN
    labour    = Σ std_minutes/60 × rate_per_hour   (or the piece rate where given)
    overhead  = Σ std_minutes/60 × overhead rate   (Σ monthly overhead ÷ hours per month)

Everything is exact Decimal; the three parts and the unit cost are rounded
half-up to the céntimo only at the end (unit_cost = round(exact sum)).

Other areas depend on `unit_cost`, `CostBreakdown`, `CostLine`, `overhead_rate`
and `suggested_price`: keep their names and fields.

`overrides` (a dict) lets a what-if try prices without saving them:
    {"materials": {"TOR": Decimal("2000")},          # price in the material's currency
     "step_rates": {"Costura": Decimal("9.50")},      # rate per hour, by step name
     "piece_rates": {"Costura": Decimal("0.80")},     # piece rate, by step name
     "fx": Decimal("3.80"),                          # USD → PEN
     "overhead_items": {"Alquiler": Decimal("1800")}, # monthly amount, by name
     "hours_per_month": Decimal("1040")}
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from smedesk.core import settings
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import round_cents, to_decimal
from smedesk.core.roles import require_view
from smedesk.production.cost_inputs import (  # noqa: F401  (part of this module's interface)
    OVERRIDE_KEYS,
    Context,
    _clean_overrides,
    context,
    fx_usd_pen,
    hours_per_month,
    load_materials,
    monthly_overhead,
    overhead_rate,
)

CURRENCY = "PEN"
IGV_PCT = Decimal("18")  # IGV 16% + IPM 2%; dated tax tables live in accounts
HUNDRED = Decimal(100)
SIXTY = Decimal(60)

KIND_NAMES = {"material": N_("Material"), "labour": N_("Labour"), "overhead": N_("Overhead")}



class CostLine(NamedTuple):
    """One line of the breakdown (immutable). `amount` is exact (not rounded);
    `shown` is the amount as a document prints it. For materials `quantity` and
    `unit` are the bill-of-materials figures; for labour and overhead, minutes."""

    kind: str  # "material" | "labour" | "overhead"
    reference: str  # material code, step name, or "overhead"
    quantity: Decimal
    unit: str
    amount: Decimal
    name: str = ""
    rate: Decimal = Decimal(0)  # price in PEN per material unit, rate per hour, or piece rate
    rate_unit: str = ""  # "kg", "m3", "h", "unit" …
    waste_pct: Decimal = Decimal(0)
    detail: str = ""  # e.g. "USD 0.12 × 3.75"; "piece" for a piece rate

    @property
    def shown(self) -> Decimal:
        return round_cents(self.amount)


@dataclass(frozen=True)
class CostBreakdown:
    sku: str
    currency: str
    materials: Decimal
    labour: Decimal
    overhead: Decimal
    unit_cost: Decimal
    lines: tuple[CostLine, ...]
    product_id: int = 0
    name: str = ""
    variant: str = ""
    variant_id: int | None = None
    as_of: str = ""
    exact: Decimal = Decimal(0)  # the unrounded unit cost

    def as_json(self) -> dict:
        two = lambda d: str(round_cents(d))  # noqa: E731
        return {
            "sku": self.sku, "name": self.name, "variant": self.variant, "currency": self.currency,
            "as_of": self.as_of, "materials": two(self.materials), "labour": two(self.labour),
            "overhead": two(self.overhead), "unit_cost": two(self.unit_cost),
            "lines": [{"kind": ln.kind, "reference": ln.reference, "name": ln.name,
                       "quantity": format(ln.quantity.normalize(), "f") if ln.quantity else "0",
                       "unit": ln.unit, "amount": two(ln.amount)} for ln in self.lines],
        }


@dataclass(frozen=True)
class Price:
    """A suggested selling price per unit: net of IGV, the IGV, and with IGV."""

    cost: Decimal
    net: Decimal
    igv: Decimal
    gross: Decimal
    basis: str  # "margin" | "markup"
    pct: Decimal


# ---- the computation -------------------------------------------------------------

def effective_bom(lines: list[dict], variant_id: int | None) -> list[dict]:
    """Product lines, with a variant's line for a material replacing the product's."""
    base = [ln for ln in lines if ln["variant_id"] is None]
    if variant_id is None:
        return base
    own = [ln for ln in lines if ln["variant_id"] == variant_id]
    overridden = {ln["material_id"] for ln in own}
    return [ln for ln in base if ln["material_id"] not in overridden] + own


def material_line(ctx: Context, line: dict) -> CostLine:
    m, price, with_waste, detail = ctx.priced(line["material_id"])
    qty = ctx.decimal(line["qty"])
    amount = qty * ctx.factor(line["unit"], m["unit"]) * with_waste
    return CostLine("material", m["code"], qty, line["unit"], amount, m["name"], price, m["unit"], m["waste"], detail)


def step_lines(ctx: Context, step: dict) -> tuple[CostLine, Decimal]:
    """The labour line of a step, and its hours (for overhead)."""
    minutes = ctx.decimal(step["std_minutes"])
    hours = minutes / SIXTY
    key = step["name"].strip().casefold()
    piece = ctx.overrides.get("piece_rates", {}).get(key)
    if piece is None and step["piece_rate"] is not None:
        piece = ctx.decimal(step["piece_rate"])
    if piece is not None:
        line = CostLine("labour", step["name"], minutes, "min", piece, name=step["name"], rate=piece,
                        rate_unit="unit", detail="piece")
    else:
        rate = ctx.overrides.get("step_rates", {}).get(key)
        if rate is None:
            rate = ctx.decimal(step["rate_per_hour"])
        line = CostLine("labour", step["name"], minutes, "min", hours * rate, name=step["name"], rate=rate,
                        rate_unit="h")
    return line, hours


def compute(ctx: Context, product: dict, bom_lines: list[dict], route: list[dict], *,
            variant: dict | None = None) -> CostBreakdown:
    lines: list[CostLine] = []
    materials = labour = Decimal(0)
    for line in effective_bom(bom_lines, variant["id"] if variant else None):
        cl = material_line(ctx, line)
        materials += cl.amount
        lines.append(cl)
    total_minutes = Decimal(0)
    for step in sorted(route, key=lambda s: s["seq"]):
        cl, _hours = step_lines(ctx, step)
        labour += cl.amount
        total_minutes += cl.quantity
        lines.append(cl)
    overhead = total_minutes / SIXTY * ctx.overhead_rate
    if route:
        lines.append(CostLine("overhead", "overhead", total_minutes, "min", overhead, name=tr("Overhead"),
                              rate=ctx.overhead_rate, rate_unit="h"))
    exact = materials + labour + overhead
    label = " ".join(x for x in ((variant or {}).get("size", ""), (variant or {}).get("colour", "")) if x)
    return CostBreakdown(
        sku=product["sku"], currency=CURRENCY, materials=round_cents(materials), labour=round_cents(labour),
        overhead=round_cents(overhead), unit_cost=round_cents(exact), lines=tuple(lines),
        product_id=product["id"], name=product["name"], variant=label,
        variant_id=variant["id"] if variant else None, as_of=ctx.day, exact=exact,
    )


PRODUCT_COLS = "id, sku, name, name_en, unit, price_cents, min_order"


def _find_product(db, product_id) -> dict:
    if isinstance(product_id, str):
        found = rows(db, f"SELECT {PRODUCT_COLS} FROM products WHERE sku = ?", [product_id.strip()])
    else:
        found = rows(db, f"SELECT {PRODUCT_COLS} FROM products WHERE id = ?", [product_id])
    if not found:
        raise ValidationError(tr("There is no product «{sku}».", sku=product_id), field="sku")
    return found[0]


def unit_cost(db, product_id, *, variant_id: int | None = None, as_of=None,
              overrides: dict | None = None) -> CostBreakdown:
    """Cost of one unit of a product (by id or SKU), or of one of its variants."""
    require_view(db)
    product = _find_product(db, product_id)
    variant = None
    if variant_id is not None:
        found = rows(db, "SELECT id, size, colour FROM variants WHERE id = ? AND product_id = ?",
                     [variant_id, product["id"]])
        if not found:
            raise ValidationError(tr("That variant does not belong to {sku}.", sku=product["sku"]), field="variant")
        variant = found[0]
    ctx = context(db, as_of=as_of, overrides=overrides,
                  where="WHERE m.id IN (SELECT material_id FROM bom_lines WHERE product_id = :pid)",
                  params={"pid": product["id"]})
    bom_lines = rows(db, "SELECT product_id, variant_id, material_id, qty, unit FROM bom_lines"
                         " WHERE product_id = ? ORDER BY id", [product["id"]])
    route = rows(db, "SELECT product_id, seq, name, std_minutes, rate_per_hour, piece_rate"
                     " FROM routing_steps WHERE product_id = ? ORDER BY seq", [product["id"]])
    return compute(ctx, product, bom_lines, route, variant=variant)


def cost_all(db, *, as_of=None, overrides: dict | None = None, product_ids=None) -> dict[int, CostBreakdown]:
    """Base cost (no variant) of every product, or of those in `product_ids`,
    loading everything in a handful of queries rather than one per line."""
    require_view(db)
    ctx = context(db, as_of=as_of, overrides=overrides)
    only = ""
    if product_ids is not None:
        ids = sorted({int(i) for i in product_ids})
        if not ids:
            return {}
        only = f" AND {{col}} IN ({','.join(map(str, ids))})"
    products = rows(db, f"SELECT {PRODUCT_COLS} FROM products WHERE deleted_at IS NULL{only.format(col='id')}"
                        " ORDER BY sku")
    by_product: dict[int, list] = defaultdict(list)
    for line in rows(db, "SELECT product_id, variant_id, material_id, qty, unit FROM bom_lines"
                         f" WHERE variant_id IS NULL{only.format(col='product_id')} ORDER BY id"):
        by_product[line["product_id"]].append(line)
    routes: dict[int, list] = defaultdict(list)
    for step in rows(db, "SELECT product_id, seq, name, std_minutes, rate_per_hour, piece_rate"
                         f" FROM routing_steps WHERE 1 = 1{only.format(col='product_id')} ORDER BY product_id, seq"):
        routes[step["product_id"]].append(step)
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of small objects, none cyclic: skip the collector's passes
    try:
        return {p["id"]: compute(ctx, p, by_product.get(p["id"], []), routes.get(p["id"], [])) for p in products}
    finally:
        if collecting:
            gc.enable()


# ---- price --------------------------------------------------------------------------

def suggested_price(cost, *, margin_pct=None, markup_pct=None, igv_pct=IGV_PCT) -> Price:
    """Selling price from a target margin on price (price = cost ÷ (1 − m)) or a
    markup on cost (price = cost × (1 + k)); IGV added on the rounded net price."""
    if isinstance(cost, CostBreakdown):
        cost = cost.exact
    cost = to_decimal(cost, field="cost")
    if (margin_pct is None) == (markup_pct is None):
        raise ValueError("give exactly one of margin_pct or markup_pct")
    if margin_pct is not None:
        pct = to_decimal(margin_pct, field="margin_pct")
        if pct < 0 or pct >= 100:
            raise ValidationError(tr("The margin must be at least 0% and below 100%."), field="margin_pct")
        net, basis = cost / (1 - pct / HUNDRED), "margin"
    else:
        pct = to_decimal(markup_pct, field="markup_pct")
        if pct < 0:
            raise ValidationError(tr("The markup cannot be negative."), field="markup_pct")
        net, basis = cost * (1 + pct / HUNDRED), "markup"
    net = round_cents(net)
    igv = round_cents(net * Decimal(igv_pct) / HUNDRED)
    return Price(cost=round_cents(cost), net=net, igv=igv, gross=net + igv, basis=basis, pct=pct)


def default_price(db, breakdown: CostBreakdown) -> Price:
    """The price a document shows: the product's list price if set, else the target margin."""
    require_view(db)
    cents = rows(db, "SELECT price_cents FROM products WHERE id = ?", [breakdown.product_id])
    if cents and cents[0]["price_cents"] is not None:
        net = Decimal(cents[0]["price_cents"]) / HUNDRED
        igv = round_cents(net * IGV_PCT / HUNDRED)
        return Price(cost=breakdown.unit_cost, net=round_cents(net), igv=igv, gross=round_cents(net) + igv,
                     basis="list", pct=Decimal(0))
    return suggested_price(breakdown, margin_pct=settings.get_decimal(db, "production.margin_pct", "30"))
