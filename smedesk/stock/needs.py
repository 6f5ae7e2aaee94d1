"""What to buy, per order or for all open orders, and the shortages the
Panel warns about.

For one order: required = what it still needs; promised = what the other
released orders still need; to_buy = max(0, required + promised + minimum −
on_hand). For all open orders: required = what they all still need, promised
= 0 (no other orders), the same to_buy formula.

Warnings hand the stock to open orders in order of priority (released orders
in the order they were released, then drafts by due date): an order that
cannot get all it needs is short, and the material should be in
`stock.buy_days` days before its due date (not before today). Each order
counts with its whole need against the stock plus what these orders already
took, so an order released short stays listed while the stock is below zero."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from smedesk.core import clock, settings
from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical
from smedesk.stock.position import material_rows
from smedesk.stock.requirements import (
    PROMISING,
    consumed_by_orders,
    open_orders,
    promised,
    remaining_by_order,
)

ZERO = Decimal(0)
UNIT_SYMBOLS = {"m3": "m³", "m2": "m²", "unit": "u"}

settings.define("stock.buy_days", "7", "int", "Days before an order's due date its materials must be in stock")


def unit_symbol(unit: str) -> str:
    return UNIT_SYMBOLS.get(unit, unit)


def readable_qty(qty: Decimal) -> str:
    """A quantity to read: 4 decimals at most, half-up (the file keeps it exact)."""
    return canonical(Decimal(qty).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def show_qty(qty: Decimal, places: int = 2) -> str:
    """A quantity to buy, rounded up (never buy too little): 0.4237 -> 0.43."""
    return str(Decimal(qty).quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING))


def needs(db, order: str | None = None) -> list[dict]:
    """Rows per material: code, name, unit, required, on_hand, promised, minimum, to_buy."""
    materials = material_rows(db)
    if order:
        found = row(db, "SELECT id, number, state, due_date FROM orders WHERE number = ? AND deleted_at IS NULL",
                    [order.strip().upper()])
        if found is None:
            raise ValidationError(tr("There is no order «{number}».", number=order), field="order")
        required = remaining_by_order(db, [found]).get(found["id"], {})
        others = promised(db, exclude_order=found["id"])
        wanted = set(required)
    else:
        required = {}
        for need in remaining_by_order(db, open_orders(db)).values():
            for material_id, qty in need.items():
                required[material_id] = required.get(material_id, ZERO) + qty
        others = {}
        wanted = set(required) | {m["id"] for m in materials
                                  if Decimal(m["min_qty"]) > 0 and Decimal(m["qty"]) < Decimal(m["min_qty"])}
    out = []
    for m in materials:
        if m["id"] not in wanted:
            continue
        req, prom = required.get(m["id"], ZERO), others.get(m["id"], ZERO)
        on_hand, minimum = Decimal(m["qty"]), Decimal(m["min_qty"])
        out.append({"code": m["code"], "name": m["name"], "unit": m["unit"], "required": req, "on_hand": on_hand,
                    "promised": prom, "minimum": minimum, "to_buy": max(ZERO, req + prom + minimum - on_hand),
                    "material_id": m["id"], "supplier": m["supplier"]})
    return out


@dataclass(frozen=True)
class Shortage:
    """Attributes: order (number), code, name, unit, short (quantity missing),
    buy_before (ISO date); `message` is the Panel's sentence."""

    order: str
    code: str
    name: str
    unit: str
    short: Decimal
    buy_before: str

    @property
    def message(self) -> str:
        day = dt.date.fromisoformat(self.buy_before).strftime("%d/%m")
        name = self.name
        noun = name[:1].lower() + name[1:] if name[1:2].islower() else name
        return tr("For {order} {qty} {unit} of {material} are missing: buy before {day}", order=self.order,
                  qty=show_qty(self.short), unit=unit_symbol(self.unit), material=noun, day=day)


def buy_before(db, due_date: str, days: int | None = None, today: dt.date | None = None) -> str:
    days = settings.get_int(db, "stock.buy_days", 7) if days is None else days
    day = dt.date.fromisoformat(due_date) - dt.timedelta(days=days)
    return max(day, today or clock.today_lima()).isoformat()


def shortages(db) -> list[Shortage]:
    """Every open order's missing materials, the most urgent first."""
    orders = open_orders(db)
    orders.sort(key=lambda o: (0, o["released_at"] or "", o["id"]) if o["state"] in PROMISING
                else (1, o["due_date"], o["number"]))
    # each order's whole need against what is on hand plus what these orders
    # already took: an order released short stays short (the stock went below zero)
    need = remaining_by_order(db, orders, whole=True)
    materials = {m["id"]: m for m in material_rows(db)}
    taken = consumed_by_orders(db, [o["id"] for o in orders if o["state"] != "draft"])
    pool = {mid: Decimal(m["qty"]) + taken.get(mid, ZERO) for mid, m in materials.items()}
    days, today, when_for = settings.get_int(db, "stock.buy_days", 7), clock.today_lima(), {}
    out = []
    for o in orders:
        for material_id, qty in sorted(need.get(o["id"], {}).items()):
            have = max(pool.get(material_id, ZERO), ZERO)
            pool[material_id] = pool.get(material_id, ZERO) - qty
            if qty > have:
                m = materials[material_id]
                when = when_for.get(o["due_date"])
                if when is None:
                    when = when_for[o["due_date"]] = buy_before(db, o["due_date"], days, today)
                out.append(Shortage(o["number"], m["code"], m["name"], m["unit"], qty - have, when))
    out.sort(key=lambda s: (s.buy_before, s.order, s.code))
    return out


def release_shortages(db, order_id: int) -> list[Shortage]:
    """What releasing the order would leave short: its full need against what
    is on hand and not promised to other released orders."""
    order = row(db, "SELECT id, number, state, due_date FROM orders WHERE id = ?", [order_id])
    as_draft = dict(order, state="draft") if order["state"] == "draft" else order
    need = remaining_by_order(db, [as_draft]).get(order_id, {})
    if not need:
        return []
    others = promised(db, exclude_order=order_id)
    materials = {m["id"]: m for m in material_rows(db)}
    out = []
    for material_id, qty in sorted(need.items()):
        m = materials[material_id]
        free = max(Decimal(m["qty"]) - others.get(material_id, ZERO), ZERO)
        if qty > free:
            when = buy_before(db, order["due_date"])
            out.append(Shortage(order["number"], m["code"], m["name"], m["unit"], qty - free, when))
    return out
