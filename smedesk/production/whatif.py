"""What if a price or a rate changes? Every affected product's old and new
unit cost, before anything is saved; `apply_changes` then saves the change."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import audit, clock, settings
from smedesk.core.db import rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical, round_cents
from smedesk.core.roles import Actor, require, require_view
from smedesk.production import catalogue as cat
from smedesk.production import costing, materials


@dataclass(frozen=True)
class Change:
    product_id: int
    sku: str
    name: str
    old: Decimal
    new: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new - self.old

    @property
    def percent(self) -> Decimal:
        if self.old == 0:
            return Decimal(0)
        return round_cents((self.new - self.old) / self.old * 100)


def check_references(db, overrides: dict) -> dict:
    """The cleaned overrides; refuses a material code or a step name that does not exist."""
    clean = costing._clean_overrides(overrides)
    for code in clean.get("materials", {}):
        if cat.get_material(db, code) is None:
            raise ValidationError(tr("There is no material «{code}».", code=code), field="material")
    names = {r["n"] for r in rows(db, "SELECT DISTINCT lower(name) AS n FROM routing_steps")}
    for key in ("step_rates", "piece_rates"):
        for step in clean.get(key, {}):
            if step.casefold() not in {n.casefold() for n in names}:
                raise ValidationError(tr("No product has a step called «{step}».", step=step), field="step")
    return clean


def affected_products(db, clean: dict) -> set[int] | None:
    """Products a change can touch (None: all of them), so only those are costed twice."""
    if "overhead_items" in clean or "hours_per_month" in clean:
        return None
    ids: set[int] = set()
    codes = list(clean.get("materials", {}))
    if codes:
        ids |= {r["product_id"] for r in rows(
            db, f"SELECT DISTINCT b.product_id FROM bom_lines b JOIN materials m ON m.id = b.material_id"
                f" WHERE m.code IN ({', '.join('?' * len(codes))})", codes)}
    if "fx" in clean:
        ids |= {r["product_id"] for r in rows(
            db, "SELECT DISTINCT product_id FROM bom_lines WHERE material_id IN"
                " (SELECT id FROM materials WHERE currency = 'USD'"
                "  UNION SELECT material_id FROM material_prices WHERE currency = 'USD')")}
    steps = list(clean.get("step_rates", {})) + list(clean.get("piece_rates", {}))
    if steps:
        ids |= {r["product_id"] for r in rows(
            db, f"SELECT DISTINCT product_id FROM routing_steps WHERE lower(name) IN ({', '.join('?' * len(steps))})",
            [s.lower() for s in steps])}
    return ids


def what_if(db, overrides: dict, *, as_of=None) -> list[Change]:
    """Products whose unit cost would change, with the cost now and after the change."""
    require_view(db)
    clean = check_references(db, overrides)
    if not clean:
        return []
    touched = affected_products(db, clean)
    before = costing.cost_all(db, as_of=as_of, product_ids=touched)
    after = costing.cost_all(db, as_of=as_of, overrides=clean, product_ids=touched)
    out = []
    for pid, old in before.items():
        new = after[pid]
        if new.exact != old.exact:
            out.append(Change(pid, old.sku, old.name, old.unit_cost, new.unit_cost))
    return out


def apply_changes(db, overrides: dict, *, actor: Actor, valid_from=None) -> None:
    """Save the tried prices and rates: material prices dated `valid_from` (today
    by default), step rates on every step of that name, fx, hours, overhead."""
    require(actor, "catalogue.edit")
    clean = check_references(db, overrides)
    with tx(db):
        for code, price in clean.get("materials", {}).items():
            material = cat.get_material(db, code)
            _now, currency = materials._price_on(db, material["id"], valid_from or clock.today_lima())
            cat.set_material_price(db, material["id"], price, currency, actor=actor,
                                   valid_from=valid_from or clock.today_lima(), source="what-if")
        for step, rate in clean.get("step_rates", {}).items():
            db.execute("UPDATE routing_steps SET rate_per_hour = ? WHERE lower(name) = lower(?)",
                       [canonical(rate), step])
        for step, rate in clean.get("piece_rates", {}).items():
            db.execute("UPDATE routing_steps SET piece_rate = ? WHERE lower(name) = lower(?)",
                       [canonical(rate), step])
        steps = list(clean.get("step_rates", {})) + list(clean.get("piece_rates", {}))
        if steps:  # the products' sheets changed: mark them for sync
            db.execute(f"UPDATE products SET updated_at = ? WHERE id IN (SELECT product_id FROM routing_steps"
                       f" WHERE lower(name) IN ({', '.join('?' * len(steps))}))",
                       [clock.now_iso(), *[s.lower() for s in steps]])
        for name, amount in clean.get("overhead_items", {}).items():
            existing = [o["name"] for o in cat._overhead_items(db) if o["name"].casefold() == name]
            cat.save_overhead(db, existing[0] if existing else name, amount, actor=actor)
        if "fx" in clean:
            settings.set(db, "fx.usd_pen", canonical(clean["fx"]), actor=actor)
        if "hours_per_month" in clean:
            settings.set(db, "production.hours_per_month", canonical(clean["hours_per_month"]), actor=actor)
        audit.record(db, actor, "costing.whatif_apply", "products", None,
                     **{k: {str(a): str(b) for a, b in v.items()} if isinstance(v, dict) else str(v)
                        for k, v in clean.items()})


def step_rates_now(db, step: str) -> list[dict]:
    """The exact rates (step_rates: per hour; piece_rates: per piece) the steps called
    `step` have now, for the what-if's «Now:» label (a money read)."""
    require_view(db)
    return [{"step_rates": Decimal(r["rate_per_hour"]),
             "piece_rates": None if r["piece_rate"] is None else Decimal(r["piece_rate"])}
            for r in rows(db, "SELECT rate_per_hour, piece_rate FROM routing_steps WHERE lower(name) = lower(?)",
                          [step])]
