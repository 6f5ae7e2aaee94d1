"""Where each material stands: on hand, promised to released orders, available,
its average cost and value (money only for who may see it), and its optional
minimum stock and book account."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core import audit, clock
from smedesk.core.db import rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical, round_cents, to_decimal
from smedesk.core.roles import Actor, require, require_view
from smedesk.stock import moves
from smedesk.stock.requirements import promised

ZERO = Decimal(0)


def material_rows(db) -> list[dict]:
    return rows(
        db,
        "SELECT m.id, m.code, m.name, m.unit, m.supplier, COALESCE(b.qty, '0') AS qty, COALESCE(b.value, '0') AS value,"
        " COALESCE(b.average_cost, '0') AS average_cost, COALESCE(sm.min_qty, '0') AS min_qty,"
        " COALESCE(sm.account, '24') AS account FROM materials m"
        " LEFT JOIN stock_balances b ON b.material_id = m.id LEFT JOIN stock_materials sm ON sm.material_id = m.id"
        " WHERE m.deleted_at IS NULL ORDER BY m.code",
    )


def stock_list(db, *, with_values: bool = True) -> list[dict]:
    """Per material: code, name, unit, on_hand, promised, available, minimum,
    average_cost and value (None without money.view when with_values is False;
    asking for values as staff is refused), below_zero, below_minimum."""
    if with_values:
        require_view(db, "money.view")
    held = promised(db)
    out = []
    for m in material_rows(db):
        on_hand, owed = Decimal(m["qty"]), held.get(m["id"], ZERO)
        minimum = Decimal(m["min_qty"])
        out.append({
            "code": m["code"], "name": m["name"], "unit": m["unit"], "on_hand": on_hand, "promised": owed,
            "available": on_hand - owed, "minimum": minimum,
            "average_cost": Decimal(m["average_cost"]) if with_values else None,
            "value": round_cents(Decimal(m["value"])) if with_values else None,
            "below_zero": on_hand < 0, "below_minimum": minimum > 0 and on_hand - owed < minimum,
            "account": m["account"], "material_id": m["id"],
        })
    return out


def total_value(db) -> Decimal:
    require_view(db, "money.view")
    return round_cents(sum((Decimal(m["value"]) for m in material_rows(db)), ZERO))


def set_material_stock(db, code: str, *, minimum=None, account: str | None = None, actor: Actor) -> dict:
    """Minimum stock (in the material's unit; 0 = none) and the account its
    stock goes to at month end (24 materias primas, 25 materiales auxiliares)."""
    require(actor, "catalogue.edit")
    material = moves.require_material(db, code)
    current = next((m for m in material_rows(db) if m["id"] == material["id"]), None)
    min_qty = Decimal(current["min_qty"]) if minimum in (None, "") else to_decimal(minimum, field="minimum")
    if min_qty < 0:
        raise ValidationError(tr("The minimum stock cannot be negative."), field="minimum")
    account = current["account"] if account in (None, "") else str(account).strip()
    if account not in ("24", "25"):
        raise ValidationError(tr("The stock account is 24 (raw materials) or 25 (supplies)."), field="account")
    with tx(db):
        db.execute("INSERT INTO stock_materials (material_id, min_qty, account, updated_at) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT(material_id) DO UPDATE SET min_qty = excluded.min_qty, account = excluded.account,"
                   " updated_at = excluded.updated_at", [material["id"], canonical(min_qty), account, clock.now_iso()])
        audit.record(db, actor, "stock.material", "materials", material["id"], minimum=canonical(min_qty),
                     account=account)
    return {"code": material["code"], "minimum": min_qty, "account": account}


def average_costs(db) -> dict[int, Decimal]:
    """{material id: average stock cost in soles per its unit} for materials that have one."""
    require_view(db, "money.view")
    return {r[0]: Decimal(r[1]) for r in db.execute(
        "SELECT material_id, average_cost FROM stock_balances WHERE material_id IS NOT NULL") if Decimal(r[1]) > 0}
