"""The order board: every listed order with its pieces, percent done, forecast
and situation, gathered in a fixed number of queries whatever the number of
orders (one for the list, one for the progress of all of them, one for the
last scan of the closed ones; the forecast is computed once per file change).

Pedidos, `smedesk order list` and the Panel read this one board, so the three
can never disagree. Percent done is progress.summarize's definition:

    Σ over job steps of done × std_minutes ÷ Σ over jobs of qty × Σ std_minutes
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

from smedesk.core import clock
from smedesk.core.db import rows
from smedesk.tracking import forecast, orders
from smedesk.tracking.progress import CLOSED

TENTH = Decimal("0.1")


def _percent_by_order(db, ids: list[int]) -> dict[int, Decimal]:
    """order id -> percent done (Decimal, one decimal) for released orders."""
    if not ids:
        return {}
    found = rows(
        db,
        "WITH listed AS (SELECT value AS id FROM json_each(?)),"
        " done AS (SELECT g.job_step_id, sum(g.q) AS done FROM (SELECT s.job_step_id, count(*) AS c,"
        "   min(u.per_piece) AS pp, min(u.qty) AS q FROM scans s JOIN track_units u ON u.id = s.unit_id"
        "   WHERE u.order_id IN (SELECT id FROM listed) AND s.undone_at IS NULL"
        "   GROUP BY s.job_step_id, u.piece_no) g WHERE g.c = g.pp GROUP BY g.job_step_id)"
        " SELECT j.order_id, j.id AS job_id, j.qty, js.std_minutes, COALESCE(d.done, 0) AS done"
        " FROM job_steps js JOIN jobs j ON j.id = js.job_id LEFT JOIN done d ON d.job_step_id = js.id"
        " WHERE j.order_id IN (SELECT id FROM listed)",
        [json.dumps(ids)],
    )
    whole: dict[int, Decimal] = {}
    earned: dict[int, Decimal] = {}
    for r in found:
        std = Decimal(r["std_minutes"])
        oid = r["order_id"]
        whole[oid] = whole.get(oid, Decimal(0)) + r["qty"] * std
        earned[oid] = earned.get(oid, Decimal(0)) + min(int(r["done"]), r["qty"]) * std
    return {oid: (earned[oid] * 100 / w).quantize(TENTH, rounding=ROUND_HALF_UP)
            for oid, w in whole.items() if w > 0}


def _last_scan_day(db, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = rows(db, "SELECT u.order_id, max(s.at) AS last FROM scans s JOIN track_units u ON u.id = s.unit_id"
                     " WHERE u.order_id IN (SELECT value FROM json_each(?)) AND s.undone_at IS NULL"
                     " GROUP BY u.order_id", [json.dumps(ids)])
    return {r["order_id"]: clock.to_lima(r["last"]).date().isoformat() for r in found if r["last"]}


def board(db, *, states: tuple[str, ...] | None = orders.OPEN_STATES, search: str = "",
          today: dt.date | None = None) -> list[dict]:
    """Orders in due-date order, each: id, number, customer, state, due, pieces,
    total_cents, currency, percent (Decimal), forecast (YYYY-MM-DD or None),
    status (late, at_risk, on_time, done, cancelled), remaining (minutes or None)."""
    listed = orders.list_orders(db, states=states, search=search)
    plans = forecast.forecast_all(db, today)
    percent = _percent_by_order(db, [o["id"] for o in listed if o["state"] != "draft"])
    closed = [o["id"] for o in listed if o["id"] not in plans and o["state"] != "cancelled"]
    last_day = _last_scan_day(db, closed)
    out = []
    for o in listed:
        plan = plans.get(o["id"])
        if plan is None and o["state"] == "cancelled":
            plan = {"forecast": None, "status": "cancelled", "remaining": None}
        elif plan is None:
            day = last_day.get(o["id"]) or (o["finished_at"] or o["updated_at"])[:10]
            plan = {"forecast": day, "status": "done", "remaining": None}
        default = Decimal("100.0") if o["state"] in CLOSED else Decimal("0.0")
        out.append({"id": o["id"], "number": o["number"], "customer": o["customer"], "state": o["state"],
                    "due": o["due_date"], "pieces": o["pieces"], "total_cents": o["total_cents"],
                    "currency": o["currency"], "percent": percent.get(o["id"], default),
                    "forecast": plan["forecast"], "status": plan["status"], "remaining": plan.get("remaining")})
    return out


def by_risk(entries: list[dict]) -> list[dict]:
    """The most at risk first, then by due date and number."""
    return sorted(entries, key=lambda r: (forecast.RISK_ORDER.get(r["status"], 9), r["due"], r["number"]))
