"""Releasing an order: one job per line, with the product's steps copied (its
worksheet), and the trackable units that get a label: one per piece and per
part of the product's parts list, or one per bundle of N pieces (--bundle N)."""

from __future__ import annotations

from smedesk.core import audit, business, clock, hooks
from smedesk.core.db import rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue
from smedesk.tracking import trackcodes
from smedesk.tracking.orders import require_order, state_name

MAX_UNITS = 20000


def next_serial(db) -> int:
    """Units are never deleted, so the count of units gives the next serial:
    every code in the file is new (the UNIQUE constraint guards it too)."""
    return (scalar(db, "SELECT count(*) FROM track_units") or 0) + 1


def plan_units(line: dict, parts: list[dict], bundle: int | None) -> list[dict]:
    """The labels of one order line, before they get codes."""
    qty = line["qty"]
    if bundle:
        out, start, n = [], 0, 0
        while start < qty:
            n += 1
            size = min(bundle, qty - start)
            out.append({"piece_no": n, "part_name": "", "part_no": 1, "part_count": 1, "per_piece": 1,
                        "qty": size, "is_bundle": 1})
            start += size
        return out
    if not parts:
        return [{"piece_no": p, "part_name": "", "part_no": 1, "part_count": 1, "per_piece": 1,
                 "qty": 1, "is_bundle": 0} for p in range(1, qty + 1)]
    per_piece = sum(part["qty"] for part in parts)
    return [
        {"piece_no": p, "part_name": part["name"], "part_no": k, "part_count": part["qty"],
         "per_piece": per_piece, "qty": 1, "is_bundle": 0}
        for p in range(1, qty + 1) for part in parts for k in range(1, part["qty"] + 1)
    ]


def release(db, number: str, *, bundle: int | None = None, accept_short: bool = False, actor: Actor) -> dict:
    """Release a draft order: jobs, steps and units, all or nothing. Returns
    {"order", "jobs", "units"}. When its materials are short the stock area
    refuses once (NeedsConfirmation); `accept_short=True` releases anyway."""
    require(actor, "orders.edit")
    order = require_order(db, number)
    if order["state"] == "cancelled":
        raise ValidationError(tr("Order {number} is cancelled: it cannot be released.", number=order["number"]))
    if order["state"] != "draft":
        raise ValidationError(tr("Order {number} is already released ({state}).", number=order["number"],
                                 state=state_name(order["state"]).lower()))
    if bundle is not None and (not isinstance(bundle, int) or bundle <= 0):
        raise ValidationError(tr("A bundle holds at least one piece."), field="bundle")
    plans = []
    for line in order["lines"]:
        steps = catalogue.steps(db, line["product_id"])
        if not steps:
            raise ValidationError(tr("{sku} has no process steps: add them in the catalogue first.",
                                     sku=line["sku"]), field="sku")
        parts = [] if bundle else catalogue.parts(db, line["product_id"])
        plans.append((line, steps, plan_units(line, parts, bundle)))
    total = sum(len(p[2]) for p in plans)
    if total > MAX_UNITS:
        raise ValidationError(tr("That would print {count} labels; use bundles (--bundle).", count=total),
                              field="bundle")
    prefix = business.get(db)["code"]
    now = clock.now_iso()
    with tx(db):
        serial = next_serial(db)
        for line, steps, units in plans:
            job_id = db.execute(
                "INSERT INTO jobs (order_id, line_id, number, product_id, variant_id, qty, created_at, uid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [order["id"], line["id"], f"{order['number']}/{line['line_no']}", line["product_id"],
                 line["variant_id"], line["qty"], now, new_uid(), now],
            ).lastrowid
            db.conn.executemany(
                "INSERT INTO job_steps (job_id, seq, name, std_minutes, rate_per_hour_cents, piece_rate_cents,"
                " uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(job_id, s["seq"], s["name"], s["std_minutes"], s["rate_per_hour_cents"], s["piece_rate_cents"],
                  new_uid(), now) for s in steps],
            )
            batch = []
            for u in units:
                batch.append((trackcodes.make_code(prefix, serial), job_id, order["id"], u["piece_no"], u["part_name"],
                              u["part_no"], u["part_count"], u["per_piece"], u["qty"], u["is_bundle"], new_uid(), now))
                serial += 1
            db.conn.executemany(
                "INSERT INTO track_units (code, job_id, order_id, piece_no, part_name, part_no, part_count, per_piece,"
                " qty, is_bundle, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
        db.execute("UPDATE orders SET state = 'released', bundle_size = ?, released_at = ?, updated_at = ?"
                   " WHERE id = ?", [bundle, now, now, order["id"]])
        hooks.emit(db, "order_released", order_id=order["id"], actor=actor, accept_short=accept_short)
        audit.record(db, actor, "order.release", "orders", order["id"], number=order["number"],
                     jobs=len(plans), units=total, bundle=bundle)
    return {"order": order["number"], "jobs": len(plans), "units": total}


def order_units(db, number: str) -> list[dict]:
    """Every trackable unit of an order, in label order."""
    order = require_order(db, number)
    return rows(
        db,
        "SELECT u.id, u.code, u.job_id, u.per_piece, pr.sku, pr.name AS product, j.number AS job, u.part_name AS part, u.part_no,"
        " u.part_count, u.piece_no, u.qty, u.is_bundle, COALESCE(v.size, '') AS size,"
        " COALESCE(v.colour, '') AS colour, j.qty AS job_qty"
        " FROM track_units u JOIN jobs j ON j.id = u.job_id JOIN products pr ON pr.id = j.product_id"
        " LEFT JOIN variants v ON v.id = j.variant_id WHERE u.order_id = ? ORDER BY u.id",
        [order["id"]],
    )


def jobs(db, order_id: int) -> list[dict]:
    return rows(
        db,
        "SELECT j.*, pr.sku, pr.name AS product, COALESCE(v.size, '') AS size, COALESCE(v.colour, '') AS colour"
        " FROM jobs j JOIN products pr ON pr.id = j.product_id LEFT JOIN variants v ON v.id = j.variant_id"
        " WHERE j.order_id = ? ORDER BY j.id",
        [order_id],
    )


def job_steps(db, job_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM job_steps WHERE job_id = ? ORDER BY seq", [job_id])
