"""Progress of an order: per step, pieces done and pending; percent complete
weighted by standard minutes:

    Σ over steps of done × std_minutes ÷ (units × Σ std_minutes)

A piece labelled per part counts as done at a step when every one of its part
labels was scanned there; a bundle label counts its quantity."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from smedesk.core.db import rows
from smedesk.production import catalogue
from smedesk.tracking.orders import require_order

CLOSED = ("finished", "delivered")


def job_step_progress(db, order_id: int) -> list[dict]:
    """One row per job and step: job_id, qty (pieces), seq, step, std (Decimal), done."""
    steps = rows(
        db,
        "SELECT js.id, js.job_id, js.seq, js.name AS step, js.std_minutes, j.qty FROM job_steps js"
        " JOIN jobs j ON j.id = js.job_id WHERE j.order_id = ? ORDER BY js.job_id, js.seq",
        [order_id],
    )
    done = dict(db.execute(
        "SELECT g.job_step_id, sum(g.q) FROM (SELECT s.job_step_id, count(*) AS c, min(u.per_piece) AS pp,"
        " min(u.qty) AS q FROM scans s JOIN track_units u ON u.id = s.unit_id"
        " WHERE u.order_id = ? AND s.undone_at IS NULL GROUP BY s.job_step_id, u.piece_no) g"
        " WHERE g.c = g.pp GROUP BY g.job_step_id",
        [order_id],
    ).fetchall())
    return [{"job_id": s["job_id"], "qty": s["qty"], "seq": s["seq"], "step": s["step"],
             "std": Decimal(s["std_minutes"]), "done": min(int(done.get(s["id"], 0)), s["qty"])} for s in steps]


def draft_step_progress(db, order: dict) -> list[dict]:
    """Before release: the products' current steps, nothing done."""
    out = []
    for line in order["lines"]:
        for s in catalogue.steps(db, line["product_id"]):
            out.append({"job_id": -line["id"], "qty": line["qty"], "seq": s["seq"], "step": s["name"],
                        "std": Decimal(s["std_minutes"]), "done": 0})
    return out


def step_rows(db, order: dict) -> list[dict]:
    if order["state"] == "draft":
        return draft_step_progress(db, order)
    return job_step_progress(db, order["id"])


def summarize(order: dict, detail: list[dict]) -> dict:
    """The order's pieces, merged steps and percent from per-job rows."""
    units = sum(line["qty"] for line in order["lines"])
    merged: dict[tuple[int, str], dict] = {}
    for d in detail:
        key = (d["seq"], d["step"])
        m = merged.setdefault(key, {"seq": d["seq"], "step": d["step"], "done": 0, "pending": 0})
        m["done"] += d["done"]
        m["pending"] += d["qty"] - d["done"]
    per_job_std: dict[int, Decimal] = {}
    per_job_qty: dict[int, int] = {}
    for d in detail:
        per_job_std[d["job_id"]] = per_job_std.get(d["job_id"], Decimal(0)) + d["std"]
        per_job_qty[d["job_id"]] = d["qty"]
    whole = sum((per_job_qty[j] * per_job_std[j] for j in per_job_std), Decimal(0))
    earned = sum((d["done"] * d["std"] for d in detail), Decimal(0))
    if whole > 0:
        percent = (earned * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    else:
        percent = Decimal("100.0") if order["state"] in CLOSED else Decimal("0.0")
    return {"units": units, "steps": sorted(merged.values(), key=lambda s: (s["seq"], s["step"])),
            "percent": percent, "std_total": whole, "std_done": earned}


def order_progress(db, number: str) -> dict:
    order = require_order(db, number)
    out = summarize(order, step_rows(db, order))
    out["order"] = order
    return out


def order_status(db, number: str) -> dict:
    """The `smedesk order status --json` shape: order, due, units, steps (seq,
    step, done, pending), percent, forecast (YYYY-MM-DD or None), status."""
    from smedesk.tracking import forecast

    order = require_order(db, number)
    summary = summarize(order, step_rows(db, order))
    plan = forecast.forecast_all(db).get(order["id"]) or forecast.closed_forecast(db, order)
    return {
        "order": order["number"],
        "due": order["due_date"],
        "units": summary["units"],
        "steps": summary["steps"],
        "percent": float(summary["percent"]),
        "forecast": plan["forecast"],
        "status": plan["status"],
    }
