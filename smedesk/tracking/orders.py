"""Orders: a customer, lines (product or variant, quantity, unit price) and a
due date, moving draft → released → in_production → finished → delivered, or
cancelled. Release (jobs and labels) is in release.py; progress in progress.py."""

from __future__ import annotations

from smedesk.core import audit, clock, dates, hooks, parties
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import check_currency, to_cents, to_decimal
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue

STATES = ("draft", "released", "in_production", "finished", "delivered", "cancelled")
STATE_NAMES = {
    "draft": N_("Draft"), "released": N_("Released"), "in_production": N_("In production"),
    "finished": N_("Finished"), "delivered": N_("Delivered"), "cancelled": N_("Cancelled"),
}
OPEN_STATES = ("draft", "released", "in_production")
# Moves a person may make by hand; released, in_production and finished also
# follow from release and scans.
MANUAL_MOVES = {
    "draft": ("cancelled",),
    "released": ("cancelled",),
    "in_production": ("cancelled", "finished"),
    "finished": ("delivered", "in_production"),
    "delivered": (),
    "cancelled": (),
}


def state_name(state: str) -> str:
    return tr(STATE_NAMES.get(state, state))


def parse_due(value, *, allow_past: bool = False) -> str:
    day = dates.read_date(value, field="due_date")
    if not allow_past and day < clock.today_lima():
        raise ValidationError(
            tr("The due date {day} is already past.", day=day.isoformat()), field="due_date"
        )
    return day.isoformat()


def clean_line(db, line: dict, n: int) -> dict:
    ref = line.get("product_id") or line.get("sku")
    product = catalogue.get_product(db, ref) if ref not in (None, "") else None
    if product is None or product["deleted_at"]:
        raise ValidationError(tr("Line {n}: there is no product «{sku}».", n=n, sku=ref or ""), field="sku")
    variant_id = line.get("variant_id")
    size = (line.get("size") or "").strip().upper()
    colour = (line.get("colour") or "").strip()
    if variant_id is None and (size or colour):
        found = row(db, "SELECT id FROM variants WHERE product_id = ? AND size = ? AND colour = ?"
                    " AND deleted_at IS NULL", [product["id"], size, colour])
        if found is None:
            raise ValidationError(
                tr("Line {n}: {sku} has no size/colour «{variant}».", n=n, sku=product["sku"],
                   variant=" ".join(x for x in (size, colour) if x)), field="size")
        variant_id = found["id"]
    elif variant_id is not None and not scalar(
            db, "SELECT 1 FROM variants WHERE id = ? AND product_id = ?", [variant_id, product["id"]]):
        raise ValidationError(tr("Line {n}: that variant is not of {sku}.", n=n, sku=product["sku"]), field="size")
    qty = to_decimal(line.get("qty"), field="qty")
    if qty <= 0 or qty != qty.to_integral():
        raise ValidationError(tr("Line {n}: the quantity must be a whole number above zero.", n=n), field="qty")
    price = to_decimal(line.get("unit_price", 0) if line.get("unit_price") not in (None, "") else 0, field="unit_price")
    if price < 0:
        raise ValidationError(tr("Line {n}: the price cannot be negative.", n=n), field="unit_price")
    return {"product_id": product["id"], "variant_id": variant_id, "qty": int(qty),
            "unit_price_cents": to_cents(price)}


def create_order(db, number: str, customer_id: int, lines: list[dict], due_date, *,
                 currency: str = "PEN", notes: str = "", actor: Actor) -> int:
    """A new draft order; refuses a repeated number, an unknown customer or SKU,
    an empty order and a due date already past. Returns the order id."""
    require(actor, "orders.edit")
    number = (number or "").strip().upper()
    if not number:
        raise ValidationError(tr("The order number cannot be empty."), field="number")
    if len(number) > 30:
        raise ValidationError(tr("The order number is too long."), field="number")
    if scalar(db, "SELECT 1 FROM orders WHERE number = ?", [number]):
        raise ValidationError(tr("There is already an order {number}.", number=number), field="number")
    customer = parties.get(db, customer_id) if customer_id else None
    if customer is None or customer["deleted_at"]:
        raise ValidationError(tr("Choose the customer."), field="customer")
    due = parse_due(due_date)
    currency = check_currency(currency)
    if not lines:
        raise ValidationError(tr("An order needs at least one line."), field="lines")
    clean = [clean_line(db, line, n) for n, line in enumerate(lines, start=1)]
    now = clock.now_iso()
    with tx(db):
        order_id = db.execute(
            "INSERT INTO orders (number, customer_id, due_date, state, currency, notes, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
            [number, customer_id, due, currency, (notes or "").strip(), now, new_uid(), now],
        ).lastrowid
        for n, line in enumerate(clean, start=1):
            db.execute(
                "INSERT INTO order_lines (order_id, line_no, product_id, variant_id, qty, unit_price_cents, uid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [order_id, n, line["product_id"], line["variant_id"], line["qty"], line["unit_price_cents"],
                 new_uid(), now],
            )
        audit.record(db, actor, "order.create", "orders", order_id, number=number, lines=len(clean), due=due)
    return order_id


def update_draft(db, number: str, customer_id: int, lines: list[dict], due_date, *, notes: str | None = None,
                 actor: Actor) -> dict:
    """Change a draft order: customer, due date and lines (the lines are
    replaced). A released order keeps its lines: its labels are printed."""
    require(actor, "orders.edit")
    order = require_order(db, number)
    if order["state"] != "draft":
        raise ValidationError(tr("Order {number} is {state}: only a draft can be changed.", number=order["number"],
                                 state=state_name(order["state"]).lower()), field="number")
    customer = parties.get(db, customer_id) if customer_id else None
    if customer is None or customer["deleted_at"]:
        raise ValidationError(tr("Choose the customer."), field="customer")
    due = parse_due(due_date)
    if not lines:
        raise ValidationError(tr("An order needs at least one line."), field="lines")
    clean = [clean_line(db, line, n) for n, line in enumerate(lines, start=1)]
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE orders SET customer_id = ?, due_date = ?, notes = ?, updated_at = ? WHERE id = ?",
                   [customer_id, due, order["notes"] if notes is None else notes.strip(), now, order["id"]])
        db.execute("DELETE FROM order_lines WHERE order_id = ?", [order["id"]])
        for n, line in enumerate(clean, start=1):
            db.execute(
                "INSERT INTO order_lines (order_id, line_no, product_id, variant_id, qty, unit_price_cents, uid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [order["id"], n, line["product_id"], line["variant_id"], line["qty"], line["unit_price_cents"],
                 new_uid(), now],
            )
        audit.record(db, actor, "order.update", "orders", order["id"], number=order["number"], lines=len(clean),
                     due=due)
    return require_order(db, number)


def get_order(db, number: str) -> dict | None:
    """The order with its customer's name and its lines (each with sku, product, size, colour)."""
    order = row(db, "SELECT o.*, p.name AS customer FROM orders o JOIN parties p ON p.id = o.customer_id"
                " WHERE o.number = ? AND o.deleted_at IS NULL", [(number or "").strip()])
    if order is None:
        return None
    order["lines"] = order_lines(db, order["id"])
    return order


def require_order(db, number: str) -> dict:
    order = get_order(db, number)
    if order is None:
        raise ValidationError(tr("There is no order «{number}».", number=number), field="number")
    return order


def order_lines(db, order_id: int) -> list[dict]:
    return rows(
        db,
        "SELECT l.*, pr.sku, pr.name AS product, COALESCE(v.size, '') AS size, COALESCE(v.colour, '') AS colour"
        " FROM order_lines l JOIN products pr ON pr.id = l.product_id LEFT JOIN variants v ON v.id = l.variant_id"
        " WHERE l.order_id = ? ORDER BY l.line_no",
        [order_id],
    )


def list_orders(db, *, states: tuple[str, ...] | None = None, search: str = "") -> list[dict]:
    where, params = ["o.deleted_at IS NULL"], []
    if states:
        where.append(f"o.state IN ({', '.join('?' * len(states))})")
        params += list(states)
    if search:
        where.append("(o.number LIKE ? OR p.name LIKE ?)")
        params += [f"%{search}%", f"%{search}%"]
    return rows(
        db,
        "SELECT o.*, p.name AS customer,"
        " (SELECT COALESCE(sum(qty), 0) FROM order_lines WHERE order_id = o.id) AS pieces,"
        " (SELECT COALESCE(sum(qty * unit_price_cents), 0) FROM order_lines WHERE order_id = o.id) AS total_cents"
        f" FROM orders o JOIN parties p ON p.id = o.customer_id WHERE {' AND '.join(where)}"
        " ORDER BY o.due_date, o.number",
        params,
    )


def set_state(db, number: str, state: str, *, actor: Actor) -> dict:
    """Move an order by hand (cancel, mark finished, deliver, reopen)."""
    require(actor, "orders.edit")
    order = require_order(db, number)
    if state not in STATES:
        raise ValidationError(tr("Unknown state «{state}».", state=state), field="state")
    if state not in MANUAL_MOVES[order["state"]]:
        raise ValidationError(
            tr("Order {number} is {old}: it cannot become {new}.", number=order["number"],
               old=state_name(order["state"]).lower(), new=state_name(state).lower()), field="state")
    now = clock.now_iso()
    stamp = {"finished": "finished_at", "delivered": "delivered_at"}.get(state)
    with tx(db):
        db.execute("UPDATE orders SET state = ?, updated_at = ? WHERE id = ?", [state, now, order["id"]])
        if stamp:
            db.execute(f"UPDATE orders SET {stamp} = ? WHERE id = ?", [now, order["id"]])
        hooks.emit(db, "order_state_changed", order_id=order["id"], old=order["state"], new=state, actor=actor)
        audit.record(db, actor, "order.state", "orders", order["id"], number=order["number"],
                     old=order["state"], new=state)
    return require_order(db, number)


def set_due_date(db, number: str, due_date, *, actor: Actor) -> dict:
    """A new promised date for an open order (the customer agreed to it)."""
    require(actor, "orders.edit")
    order = require_order(db, number)
    if order["state"] not in OPEN_STATES:
        raise ValidationError(tr("Order {number} is {state}: its due date no longer changes.",
                                 number=order["number"], state=state_name(order["state"]).lower()), field="due_date")
    due = parse_due(due_date)
    with tx(db):
        db.execute("UPDATE orders SET due_date = ?, updated_at = ? WHERE id = ?", [due, clock.now_iso(), order["id"]])
        audit.record(db, actor, "order.due_date", "orders", order["id"], number=order["number"],
                     old=order["due_date"], new=due)
    return require_order(db, number)


def touch_state_after_scans(db, order_id: int) -> None:
    """Inside a scan's transaction: released → in_production at the first scan,
    in_production → finished when every unit has passed its last step, and back."""
    order = row(db, "SELECT state FROM orders WHERE id = ?", [order_id])
    pending = scalar(
        db,
        "SELECT count(*) FROM track_units u JOIN job_steps js ON js.job_id = u.job_id"
        " AND js.seq = (SELECT max(seq) FROM job_steps WHERE job_id = u.job_id)"
        " WHERE u.order_id = ? AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.unit_id = u.id"
        " AND s.job_step_id = js.id AND s.undone_at IS NULL)",
        [order_id],
    )
    any_scan = scalar(db, "SELECT 1 FROM scans s JOIN track_units u ON u.id = s.unit_id"
                          " WHERE u.order_id = ? AND s.undone_at IS NULL LIMIT 1", [order_id])
    new = order["state"]
    if order["state"] in ("released", "in_production", "finished"):
        new = "finished" if pending == 0 else "in_production" if any_scan else "released"
    if new != order["state"]:
        now = clock.now_iso()
        db.execute("UPDATE orders SET state = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                   [new, now if new == "finished" else None, now, order_id])
