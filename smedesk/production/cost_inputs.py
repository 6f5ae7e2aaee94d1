"""What costing reads besides the product: dated material prices, the
exchange rate, the overhead rate, and what-if overrides; loaded in batches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from smedesk.core import clock, dates, settings, units
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import to_decimal

HUNDRED = Decimal(100)

settings.define("fx.usd_pen", "3.75", "decimal", N_("Exchange rate: soles per US dollar, for USD prices"))
settings.define("production.hours_per_month", "208", "decimal",
                N_("Productive labour hours per month, to spread overhead"))
settings.define("production.margin_pct", "30", "decimal", N_("Target margin on price for suggested prices (%)"))

OVERRIDE_KEYS = frozenset({"materials", "step_rates", "piece_rates", "fx", "overhead_items", "hours_per_month"})


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
    _priced: dict = field(default_factory=dict)
    _qty: dict = field(default_factory=dict)

    def priced(self, material_id: int) -> tuple[dict, Decimal, Decimal, str]:
        """(material, price in PEN per its unit, that price × (1 + waste), detail), once per material."""
        found = self._priced.get(material_id)
        if found is None:
            m = self.materials[material_id]
            price, detail = m["price"], ""
            override = self.overrides.get("materials", {}).get(m["code"].upper())
            if override is not None:
                price = override
            if m["price_currency"] == "USD":
                detail = f"USD {price} × {self.fx}"
                price = price * self.fx
            found = (m, price, price * (1 + m["waste"] / HUNDRED), detail)
            self._priced[material_id] = found
        return found

    def decimal(self, text: str) -> Decimal:
        found = self._qty.get(text)
        if found is None:
            found = self._qty[text] = Decimal(text)
        return found

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
    return dates.read_date(as_of, field="as_of").isoformat()


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
