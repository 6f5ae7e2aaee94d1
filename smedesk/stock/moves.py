"""Stock movements: every change of stock is a dated row with its reason,
never an edited total (triggers refuse UPDATE and DELETE).

Valuation is the moving weighted average, applied in the order movements are
recorded: a purchase adds its exact value in soles (net of IGV, at the
document's rate) and sets average = value ÷ quantity; every other movement
(consumption, count, merma, return, adjustment) moves stock at the current
average. The running quantity, value and average sit in `stock_balances`,
written in the same transaction as the movement, so reading the stock never
replays the movements (`recompute` does, to check them).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from smedesk.core import audit, clock, dates, units
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, to_decimal
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue, materials

REASONS = ("purchase", "consume", "return", "waste", "count", "adjust", "made", "delivered")
MANUAL_REASONS = ("count", "waste", "return", "adjust")
REASON_NAMES = {
    "purchase": N_("Purchase"), "consume": N_("Used by an order"), "return": N_("Return"),
    "waste": N_("Waste (merma)"), "count": N_("Count difference"), "adjust": N_("Adjustment"),
    "made": N_("Made (last step)"), "delivered": N_("Delivered"),
}
SIX = Decimal("0.000001")
ZERO = Decimal(0)


def reason_name(reason: str) -> str:
    return tr(REASON_NAMES.get(reason, reason))


def six(value: Decimal) -> Decimal:
    return Decimal(value).quantize(SIX, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Balance:
    """Attributes: qty (in the item's unit), value (soles, exact), average_cost (soles per unit)."""

    qty: Decimal = ZERO
    value: Decimal = ZERO
    average_cost: Decimal = ZERO


def balance(db, *, material_id: int | None = None, product_id: int | None = None) -> Balance:
    col, ref = ("material_id", material_id) if material_id is not None else ("product_id", product_id)
    found = row(db, f"SELECT qty, value, average_cost FROM stock_balances WHERE {col} = ?", [ref])
    if found is None:
        return Balance()
    return Balance(Decimal(found["qty"]), Decimal(found["value"]), Decimal(found["average_cost"]))


def parse_day(value, *, field: str = "date") -> str:
    """A movement's business date: today by default, never a day still to come."""
    if value in (None, ""):
        return clock.today_lima().isoformat()
    day = dates.read_date(value, field=field)  # 05/03/2026 as the window shows dates, or 2026-03-05
    if day > clock.today_lima():
        raise ValidationError(tr("The date {day} is still to come.", day=dates.show_date(day)), field=field)
    return day.isoformat()


def insert(db, *, reason: str, qty: Decimal, day: str, actor: Actor | None, material: dict | None = None,
           product_id: int | None = None, entered_qty: Decimal | None = None, entered_unit: str | None = None,
           value: Decimal | None = None, order_id: int | None = None, job_id: int | None = None,
           document_line_id: int | None = None, note: str = "") -> int:
    """Write one movement and its running balance; call inside a transaction.
    `qty` is signed, in the item's own unit; `value` only for purchases."""
    assert reason in REASONS
    material_id = material["id"] if material else None
    bal = balance(db, material_id=material_id, product_id=product_id)
    new_qty = bal.qty + qty
    if material is None:
        value = avg = unit_cost = ZERO
    elif value is not None:
        unit_cost = six(value / qty)
        if bal.qty < 0:
            # used before it was bought: what is left (or still owed) is worth the
            # purchase price; the purchase's value carries that revaluation
            value = six(new_qty * unit_cost) - bal.value
            avg = unit_cost
            note = (note + " · " if note else "") + tr("revalued: used before it was bought")
        else:
            value = six(value)
            avg = six((bal.value + value) / new_qty)
    else:
        avg = unit_cost = bal.average_cost or list_price(db, material)
        value = six(qty * avg)
    new_value = bal.value + value
    unit = material["unit"] if material else "unit"
    now = clock.now_iso()
    move_id = db.execute(
        "INSERT INTO stock_moves (material_id, product_id, day, qty, entered_qty, entered_unit, reason, value,"
        " unit_cost, order_id, job_id, document_line_id, note, created_at, created_by, uid)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [material_id, product_id, day, canonical(qty), canonical(qty if entered_qty is None else entered_qty),
         entered_unit or unit, reason, canonical(value), canonical(unit_cost), order_id, job_id, document_line_id,
         note, now, getattr(actor, "name", "system"), new_uid()],
    ).lastrowid
    col, ref = ("material_id", material_id) if material else ("product_id", product_id)
    db.execute(
        f"INSERT INTO stock_balances ({col}, qty, value, average_cost, moves, updated_at) VALUES (?, ?, ?, ?, 1, ?)"
        f" ON CONFLICT({col}) WHERE {col} IS NOT NULL DO UPDATE SET qty = excluded.qty, value = excluded.value,"
        " average_cost = excluded.average_cost, moves = moves + 1, updated_at = excluded.updated_at",
        [ref, canonical(new_qty), canonical(new_value), canonical(avg), now],
    )
    return move_id


def list_price(db, material: dict) -> Decimal:
    """Before its first purchase a material moves at its catalogue price in
    soles (a USD price at the rate of the latest USD document; none: 0). The
    price is the exact one in force today in the material's dated history; it
    values a move (a scan may make one), it is not shown, so no money read."""
    price, currency = materials._price_on(db, material["id"], clock.today_lima())
    if currency == "PEN":
        return price
    fx = scalar(db, "SELECT fx FROM documents WHERE currency = ? ORDER BY date DESC, id DESC LIMIT 1",
                [currency]) if scalar(db, "SELECT 1 FROM sqlite_master WHERE name = 'documents'") else None
    return six(price * Decimal(fx)) if fx else ZERO


def require_material(db, code: str, *, field: str = "code") -> dict:
    material = catalogue.get_material(db, (code or "").strip()) if code not in (None, "") else None
    if material is None or material["deleted_at"]:
        raise ValidationError(tr("There is no material «{code}».", code=code or ""), field=field)
    return material


def in_material_unit(material: dict, qty: Decimal, unit: str | None, *, field: str = "unit") -> tuple[Decimal, str]:
    """(quantity in the material's own unit, the unit it was written in); refuses kg into m³."""
    given = units.normalize(unit, field=field) if unit not in (None, "") else material["unit"]
    if not units.compatible(given, material["unit"]):
        raise ValidationError(
            tr("{code} is kept in {material_unit}: a quantity in {unit} cannot go into it.",
               code=material["code"], material_unit=material["unit"], unit=given), field=field)
    return units.convert(qty, given, material["unit"]), given


def record_move(db, code: str, qty, reason: str, *, unit: str | None = None, day=None, note: str = "",
                actor: Actor) -> dict:
    """A movement typed by a person: count difference, merma, return or
    adjustment. QTY is signed (what comes in is positive) except for merma,
    which is what was lost and is written positive. Stock may go below zero
    (it is shown red, never clamped). Returns the material's new position."""
    require(actor, "catalogue.edit")
    reason = (reason or "").strip().lower()
    if reason not in MANUAL_REASONS:
        raise ValidationError(tr("The reason must be one of: {reasons}.", reasons=", ".join(MANUAL_REASONS)),
                              field="reason")
    material = require_material(db, code)
    amount = to_decimal(qty, field="qty")
    if amount == 0:
        raise ValidationError(tr("A movement of zero changes nothing."), field="qty")
    if reason == "waste":
        if amount < 0:
            raise ValidationError(tr("Waste is what was lost: write it as a positive quantity."), field="qty")
        amount = -amount
    base_qty, given = in_material_unit(material, amount, unit)
    day = parse_day(day)
    with tx(db):
        move_id = insert(db, reason=reason, qty=base_qty, day=day, actor=actor, material=material,
                         entered_qty=amount, entered_unit=given, note=(note or "").strip())
        audit.record(db, actor, "stock.move", "stock_moves", move_id, code=material["code"], qty=canonical(base_qty),
                     unit=material["unit"], reason=reason, day=day)
    after = balance(db, material_id=material["id"])
    return {"id": move_id, "code": material["code"], "unit": material["unit"], "qty": base_qty,
            "on_hand": after.qty, "below_zero": after.qty < 0}


def list_moves(db, *, code: str | None = None, reason: str | None = None, date_from=None, date_to=None,
               order: str | None = None, with_values: bool = False, limit: int = 1000) -> list[dict]:
    """Movements, newest first, filtered; values only for who may see money."""
    if with_values:
        from smedesk.core.roles import require_view

        require_view(db, "money.view")
    where, params = [], []
    if code:
        where.append("(m.code = ? OR p.sku = ?)")
        params += [code.strip(), code.strip()]
    if reason:
        where.append("s.reason = ?")
        params.append(reason)
    # the days as the file keeps them: a day-first 05/03/2026 compared as text matched nothing
    if date_from:
        where.append("s.day >= ?")
        params.append(dates.read_iso(date_from, field="date_from"))
    if date_to:
        where.append("s.day <= ?")
        params.append(dates.read_iso(date_to, field="date_to"))
    if order:
        where.append("o.number = ?")
        params.append(order.strip().upper())
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    found = rows(
        db,
        "SELECT s.id, s.day, s.reason, s.qty, s.entered_qty, s.entered_unit, s.value, s.unit_cost, s.note,"
        " s.created_by, COALESCE(m.code, p.sku) AS code, COALESCE(m.name, p.name) AS name,"
        " COALESCE(m.unit, 'unit') AS unit, COALESCE(o.number, '') AS order_number"
        " FROM stock_moves s LEFT JOIN materials m ON m.id = s.material_id LEFT JOIN products p ON p.id = s.product_id"
        f" LEFT JOIN orders o ON o.id = s.order_id {clause} ORDER BY s.day DESC, s.id DESC LIMIT ?",
        [*params, limit],
    )
    for r in found:
        r["qty"] = Decimal(r["qty"])
        if with_values:
            r["value"], r["unit_cost"] = Decimal(r["value"]), Decimal(r["unit_cost"])
        else:
            r.pop("value"), r.pop("unit_cost")
    return found


def recompute(db, material_id: int) -> Balance:
    """Replay a material's movements in the order they were written: the same
    figures the running balance holds (a check, and what tests compare)."""
    qty, value, avg = ZERO, ZERO, ZERO
    for r in db.execute("SELECT qty, value, reason, unit_cost FROM stock_moves WHERE material_id = ? ORDER BY id",
                        [material_id]).fetchall():
        q, v = Decimal(r[0]), Decimal(r[1])
        qty, value = qty + q, value + v
        if r[2] == "purchase":
            avg = six(value / qty) if qty > 0 else Decimal(r[3])
        elif avg == 0:
            avg = Decimal(r[3])
    return Balance(qty, value, avg)
