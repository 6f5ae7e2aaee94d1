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

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from smedesk.core import clock, settings, units
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import round_cents, to_decimal

CURRENCY = "PEN"
IGV_PCT = Decimal("18")  # IGV 16% + IPM 2%; dated tax tables live in accounts
HUNDRED = Decimal(100)
SIXTY = Decimal(60)

settings.define("fx.usd_pen", "3.75", "decimal", "Exchange rate: soles per US dollar, for USD prices")
settings.define("production.hours_per_month", "208", "decimal",
                "Productive labour hours per month, to spread overhead")
settings.define("production.margin_pct", "30", "decimal", "Target margin on price for suggested prices (%)")

KIND_NAMES = {"material": N_("Material"), "labour": N_("Labour"), "overhead": N_("Overhead")}

OVERRIDE_KEYS = frozenset({"materials", "step_rates", "piece_rates", "fx", "overhead_items", "hours_per_month"})


@dataclass(frozen=True)
class CostLine:
    """One line of the breakdown. `amount` is exact (not rounded); `shown` is
    the amount as a document prints it. For materials `quantity`/`unit` are the
    bill-of-materials figures; for labour and overhead they are minutes."""

    kind: str  # "material" | "labour" | "overhead"
    reference: str  # material code, step name, or "overhead"
    quantity: Decimal
    unit: str
    amount: Decimal
    name: str = ""
    rate: Decimal = Decimal(0)  # price in PEN per material unit, rate per hour, or piece rate
    rate_unit: str = ""  # "kg", "m3", "h", "unit" …
    waste_pct: Decimal = Decimal(0)
    detail: str = ""  # e.g. "USD 0.12 × 3.75", "piece rate"

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


# ---- settings-driven rates ---------------------------------------------------

def _clean_overrides(overrides: dict | None) -> dict:
    if not overrides:
        return {}
    unknown = set(overrides) - OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"unknown overrides: {sorted(unknown)}")
    out: dict = {}
    for key in ("materials", "step_rates", "piece_rates", "overhead_items"):
        if overrides.get(key):
            cleaned = {}
            for ref, value in overrides[key].items():
                number = to_decimal(value, field=key)
                if number < 0:
                    raise ValidationError(tr("A price or rate cannot be negative."), field=key)
                norm = str(ref).strip().upper() if key == "materials" else str(ref).strip().casefold()
                cleaned[norm] = number
            out[key] = cleaned
    for key in ("fx", "hours_per_month"):
        if overrides.get(key) not in (None, ""):
            number = to_decimal(overrides[key], field=key)
            if number <= 0:
                raise ValidationError(tr("«{value}» must be more than zero.", value=key), field=key)
            out[key] = number
    return out


def fx_usd_pen(db, overrides: dict | None = None) -> Decimal:
    if overrides and "fx" in overrides:
        return Decimal(overrides["fx"])
    rate = settings.get_decimal(db, "fx.usd_pen", "3.75")
    if rate <= 0:
        raise ValidationError(tr("The exchange rate fx.usd_pen must be more than zero."), field="fx.usd_pen")
    return rate


def hours_per_month(db, overrides: dict | None = None) -> Decimal:
    if overrides and "hours_per_month" in overrides:
        return Decimal(overrides["hours_per_month"])
    return settings.get_decimal(db, "production.hours_per_month", "208")


def monthly_overhead(db, overrides: dict | None = None) -> Decimal:
    items = {r["name"].casefold(): Decimal(r["monthly_cents"]) / HUNDRED
             for r in rows(db, "SELECT name, monthly_cents FROM overhead_items WHERE deleted_at IS NULL")}
    if overrides and overrides.get("overhead_items"):
        items.update(overrides["overhead_items"])
    return sum(items.values(), Decimal(0))


def overhead_rate(db, overrides: dict | None = None) -> Decimal:
    """Overhead per productive labour hour, exact: Σ monthly overhead ÷ hours per month."""
    overrides = _clean_overrides(overrides)
    return _overhead_rate(db, overrides)


def _overhead_rate(db, overrides: dict) -> Decimal:
    total = monthly_overhead(db, overrides)
    hours = hours_per_month(db, overrides)
    if hours <= 0:
        if total == 0:
            return Decimal(0)
        raise ValidationError(tr("The productive hours per month must be more than zero."),
                              field="production.hours_per_month")
    return total / hours


# ---- loading in batches --------------------------------------------------------

@dataclass
class Context:
    """What costing needs besides the product itself, loaded once."""

    day: str
    fx: Decimal
    overhead_rate: Decimal
    overrides: dict
    materials: dict[int, dict] = field(default_factory=dict)
    _factors: dict = field(default_factory=dict)

    def factor(self, from_unit: str, to_unit: str) -> Decimal:
        key = (from_unit, to_unit)
        if key not in self._factors:
            self._factors[key] = units.convert(Decimal(1), from_unit, to_unit)
        return self._factors[key]


def _day(as_of) -> str:
    if as_of in (None, ""):
        return clock.today_lima().isoformat()
    if isinstance(as_of, dt.datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, dt.date):
        return as_of.isoformat()
    return dt.date.fromisoformat(str(as_of).strip()).isoformat()


MATERIAL_SQL = """
SELECT m.id, m.code, m.name, m.unit, m.waste_pct, m.price_cents, m.currency,
  (SELECT p.price_cents || ' ' || p.currency FROM material_prices p
    WHERE p.material_id = m.id AND p.valid_from <= :day ORDER BY p.valid_from DESC, p.id DESC LIMIT 1) AS on_day,
  (SELECT p.price_cents || ' ' || p.currency FROM material_prices p
    WHERE p.material_id = m.id ORDER BY p.valid_from, p.id LIMIT 1) AS first_price
FROM materials m
"""


def load_materials(db, day: str, where: str = "", params: dict | None = None) -> dict[int, dict]:
    """Materials with the price in force on `day` (their first price if none yet)."""
    out = {}
    for r in rows(db, MATERIAL_SQL + where, {"day": day, **(params or {})}):
        dated = r["on_day"] or r["first_price"]
        if dated:
            cents, currency = dated.split(" ")
        else:
            cents, currency = r["price_cents"], r["currency"]
        r["price"] = Decimal(int(cents)) / HUNDRED
        r["price_currency"] = currency
        r["waste"] = Decimal(r["waste_pct"] or "0")
        out[r["id"]] = r
    return out


def context(db, *, as_of=None, overrides: dict | None = None, where: str = "",
            params: dict | None = None) -> Context:
    clean = _clean_overrides(overrides)
    day = _day(as_of)
    ctx = Context(day=day, fx=fx_usd_pen(db, clean), overhead_rate=_overhead_rate(db, clean), overrides=clean)
    ctx.materials = load_materials(db, day, where, params)
    return ctx


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
    m = ctx.materials[line["material_id"]]
    qty = Decimal(line["qty"])
    price, currency, detail = m["price"], m["price_currency"], ""
    override = ctx.overrides.get("materials", {}).get(m["code"].upper())
    if override is not None:
        price = override
    if currency == "USD":
        detail = f"USD {price} × {ctx.fx}"
        price = price * ctx.fx
    in_material_unit = qty * ctx.factor(line["unit"], m["unit"])
    amount = in_material_unit * (1 + m["waste"] / HUNDRED) * price
    return CostLine("material", m["code"], qty, line["unit"], amount, name=m["name"], rate=price,
                    rate_unit=m["unit"], waste_pct=m["waste"], detail=detail)


def step_lines(ctx: Context, step: dict) -> tuple[CostLine, Decimal]:
    """The labour line of a step, and its hours (for overhead)."""
    minutes = Decimal(step["std_minutes"])
    hours = minutes / SIXTY
    key = step["name"].strip().casefold()
    piece = ctx.overrides.get("piece_rates", {}).get(key)
    if piece is None and step["piece_rate_cents"] is not None:
        piece = Decimal(step["piece_rate_cents"]) / HUNDRED
    if piece is not None:
        line = CostLine("labour", step["name"], minutes, "min", piece, name=step["name"], rate=piece,
                        rate_unit="unit", detail="piece")
    else:
        rate = ctx.overrides.get("step_rates", {}).get(key)
        if rate is None:
            rate = Decimal(step["rate_per_hour_cents"]) / HUNDRED
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
    route = rows(db, "SELECT product_id, seq, name, std_minutes, rate_per_hour_cents, piece_rate_cents"
                     " FROM routing_steps WHERE product_id = ? ORDER BY seq", [product["id"]])
    return compute(ctx, product, bom_lines, route, variant=variant)


def cost_all(db, *, as_of=None, overrides: dict | None = None, product_ids=None) -> dict[int, CostBreakdown]:
    """Cost of every active product (or those in `product_ids`), with four queries in all."""
    ctx = context(db, as_of=as_of, overrides=overrides)
    products = rows(db, f"SELECT {PRODUCT_COLS} FROM products WHERE deleted_at IS NULL ORDER BY sku")
    if product_ids is not None:
        wanted = set(product_ids)
        products = [p for p in products if p["id"] in wanted]
    by_product: dict[int, list] = defaultdict(list)
    for line in rows(db, "SELECT product_id, variant_id, material_id, qty, unit FROM bom_lines ORDER BY id"):
        by_product[line["product_id"]].append(line)
    routes: dict[int, list] = defaultdict(list)
    for step in rows(db, "SELECT product_id, seq, name, std_minutes, rate_per_hour_cents, piece_rate_cents"
                         " FROM routing_steps ORDER BY product_id, seq"):
        routes[step["product_id"]].append(step)
    return {p["id"]: compute(ctx, p, by_product.get(p["id"], []), routes.get(p["id"], [])) for p in products}


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
    cents = rows(db, "SELECT price_cents FROM products WHERE id = ?", [breakdown.product_id])
    if cents and cents[0]["price_cents"] is not None:
        net = Decimal(cents[0]["price_cents"]) / HUNDRED
        igv = round_cents(net * IGV_PCT / HUNDRED)
        return Price(cost=breakdown.unit_cost, net=round_cents(net), igv=igv, gross=round_cents(net) + igv,
                     basis="list", pct=Decimal(0))
    return suggested_price(breakdown, margin_pct=settings.get_decimal(db, "production.margin_pct", "30"))
