"""Delivery forecast. The workshop works its open orders by due date (then
number). Each working day it earns `pace` standard minutes: the pace observed
over recent working days (standard minutes of the scans counted), or, before
there is any scan, the people × hours per day in the settings. An order's
forecast finish is the working day on which the standard minutes still to do
for it and for every order ahead of it are covered.

Statuses: done (nothing left), late (forecast after the due date, or the due
date already past), at_risk (forecast within `tracking.risk_days` calendar
days of the due date), on_time; a cancelled order has no forecast."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from smedesk.core import clock, settings
from smedesk.core.db import rows, scalar
from smedesk.core.i18n import N_, tr
from smedesk.tracking.orders import OPEN_STATES

settings.define("tracking.people", "3", "int", N_("People working on the floor"))
settings.define("tracking.hours_per_day", "8", "decimal", N_("Working hours per person per day"))
settings.define("tracking.work_days", "123456", "text", N_("Working weekdays (1 = Monday … 7 = Sunday)"))
settings.define("tracking.pace_days", "10", "int", N_("Recent working days used to measure the pace"))
settings.define("tracking.risk_days", "2", "int", N_("Days before the due date that make a forecast at risk"))

MIN_PACE_SHARE = Decimal("0.1")


class Calendar:
    """Working days: the weekdays in the settings, less public holidays."""

    def __init__(self, db):
        text = settings.get(db, "tracking.work_days") or "123456"
        self.weekdays = {int(ch) for ch in text if ch in "1234567"} or {1, 2, 3, 4, 5, 6}
        self.holidays = {dt.date.fromisoformat(r["day"]) for r in rows(db, "SELECT day FROM holidays")}
        self._ahead: dict[dt.date, list[dt.date]] = {}

    def is_working(self, day: dt.date) -> bool:
        return day.isoweekday() in self.weekdays and day not in self.holidays

    def nth_working_day(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day counting `start` itself (n >= 1)."""
        ahead = self._ahead.setdefault(start, [])
        day = ahead[-1] + dt.timedelta(days=1) if ahead else start
        while len(ahead) < n:
            if day > start + dt.timedelta(days=3660):
                raise ValueError("no working days")
            if self.is_working(day):
                ahead.append(day)
            day += dt.timedelta(days=1)
        return ahead[n - 1]

    def previous_working_days(self, before: dt.date, n: int) -> list[dt.date]:
        out, day = [], before - dt.timedelta(days=1)
        for _ in range(3660):
            if len(out) >= n:
                break
            if self.is_working(day):
                out.append(day)
            day -= dt.timedelta(days=1)
        return out


def lima_midnight_utc(day: dt.date) -> str:
    return clock.iso(dt.datetime.combine(day, dt.time(0), clock.LIMA))


def capacity(db) -> Decimal:
    """Standard minutes per working day the people in the settings can give."""
    return Decimal(settings.get_int(db, "tracking.people", 3)) * settings.get_decimal(
        db, "tracking.hours_per_day", "8") * 60


def earned_minutes(db, start: str, end: str) -> Decimal:
    value = scalar(
        db,
        "SELECT sum(CAST(js.std_minutes AS REAL) * u.qty / u.per_piece) FROM scans s"
        " JOIN track_units u ON u.id = s.unit_id JOIN job_steps js ON js.id = s.job_step_id"
        " WHERE s.at >= ? AND s.at < ? AND s.undone_at IS NULL",
        [start, end],
    )
    return Decimal(str(round(value or 0, 4)))


def observed_pace(db, today: dt.date | None = None, cal: Calendar | None = None) -> dict:
    """{"pace": standard minutes per working day, "days": days observed,
    "capacity": minutes from the settings}."""
    today = today or clock.today_lima()
    cal = cal or Calendar(db)
    cap = capacity(db)
    first = scalar(db, "SELECT min(at) FROM scans WHERE undone_at IS NULL")
    days = cal.previous_working_days(today, settings.get_int(db, "tracking.pace_days", 10))
    if first:
        first_day = clock.to_lima(first).date()
        days = [d for d in days if d >= first_day]
    if not first or not days:
        return {"pace": cap, "days": 0, "capacity": cap}
    earned = earned_minutes(db, lima_midnight_utc(min(days)), lima_midnight_utc(today))
    pace = max(earned / len(days), cap * MIN_PACE_SHARE)
    return {"pace": pace, "days": len(days), "capacity": cap}


def remaining_minutes(db) -> dict[int, dict]:
    """Open orders: {order_id: {"total", "earned"}} in standard minutes."""
    out: dict[int, dict] = {}
    for r in rows(db,
                  "SELECT j.order_id, sum(j.qty * (SELECT COALESCE(sum(CAST(std_minutes AS REAL)), 0)"
                  " FROM job_steps WHERE job_id = j.id)) AS total FROM jobs j JOIN orders o ON o.id = j.order_id"
                  " WHERE o.state IN ('released', 'in_production') AND o.deleted_at IS NULL GROUP BY j.order_id"):
        out[r["order_id"]] = {"total": r["total"] or 0.0, "earned": 0.0}
    for r in rows(db,
                  "SELECT l.order_id, sum(l.qty * (SELECT COALESCE(sum(CAST(std_minutes AS REAL)), 0)"
                  " FROM routing_steps WHERE product_id = l.product_id)) AS total FROM order_lines l"
                  " JOIN orders o ON o.id = l.order_id WHERE o.state = 'draft' AND o.deleted_at IS NULL"
                  " GROUP BY l.order_id"):
        out[r["order_id"]] = {"total": r["total"] or 0.0, "earned": 0.0}
    for r in rows(db,
                  "SELECT u.order_id, sum(CAST(js.std_minutes AS REAL) * u.qty / u.per_piece) AS earned"
                  " FROM orders o JOIN track_units u ON u.order_id = o.id JOIN scans s ON s.unit_id = u.id"
                  " JOIN job_steps js ON js.id = s.job_step_id WHERE o.state IN ('released', 'in_production')"
                  " AND s.undone_at IS NULL GROUP BY u.order_id"):
        if r["order_id"] in out:
            out[r["order_id"]]["earned"] = r["earned"] or 0.0
    return out


def classify(due: str, finish: dt.date | None, today: dt.date, risk_days: int) -> str:
    due_day = dt.date.fromisoformat(due)
    if finish is None:
        return "late" if due_day < today else "at_risk"
    if finish > due_day:
        return "late"
    if (due_day - finish).days < risk_days:
        return "at_risk"
    return "on_time"


def _state_key(db, today: dt.date):
    """Changes whenever this connection or another one has written to the file."""
    version = db.execute("PRAGMA data_version").fetchone()[0]
    return (version, db.conn.total_changes, today)


def forecast_all(db, today: dt.date | None = None) -> dict[int, dict]:
    """Every open order: {order_id: {"number", "customer", "due", "remaining" (minutes),
    "forecast" (YYYY-MM-DD), "status", "rank"}}. Kept until the file changes."""
    today = today or clock.today_lima()
    key = _state_key(db, today)
    cached = getattr(db, "_tracking_plans", None)
    if cached and cached[0] == key:
        return cached[1]
    plans = _forecast_all(db, today)
    db._tracking_plans = (key, plans)
    return plans


def _forecast_all(db, today: dt.date) -> dict[int, dict]:
    cal = Calendar(db)
    pace = observed_pace(db, today, cal)["pace"]
    risk_days = settings.get_int(db, "tracking.risk_days", 2)
    left = remaining_minutes(db)
    queue = rows(db, "SELECT o.id, o.number, o.due_date, o.state, p.name AS customer FROM orders o"
                     " JOIN parties p ON p.id = o.customer_id"
                     f" WHERE o.state IN ({', '.join('?' * len(OPEN_STATES))}) AND o.deleted_at IS NULL"
                     " ORDER BY o.due_date, o.number", list(OPEN_STATES))
    out, cumulative = {}, Decimal(0)
    for rank, o in enumerate(queue, start=1):
        info = left.get(o["id"], {"total": 0.0, "earned": 0.0})
        remaining = max(Decimal(str(round(info["total"] - info["earned"], 4))), Decimal(0))
        if remaining == 0 and o["state"] != "draft":
            out[o["id"]] = {"number": o["number"], "customer": o["customer"], "due": o["due_date"],
                            "remaining": Decimal(0),
                            "forecast": today.isoformat(), "status": "done", "rank": rank}
            continue
        cumulative += remaining
        if pace <= 0:
            finish = None
        else:
            finish = cal.nth_working_day(today, max(1, math.ceil(cumulative / pace)))
        out[o["id"]] = {"number": o["number"], "customer": o["customer"], "due": o["due_date"],
                        "remaining": remaining,
                        "forecast": finish.isoformat() if finish else None,
                        "status": classify(o["due_date"], finish, today, risk_days), "rank": rank}
    return out


def closed_forecast(db, order: dict) -> dict:
    """Finished, delivered or cancelled orders."""
    if order["state"] == "cancelled":
        return {"forecast": None, "status": "cancelled"}
    last = scalar(db, "SELECT max(s.at) FROM scans s JOIN track_units u ON u.id = s.unit_id"
                      " WHERE u.order_id = ? AND s.undone_at IS NULL", [order["id"]])
    day = clock.to_lima(last).date().isoformat() if last else (order["finished_at"] or order["updated_at"])[:10]
    return {"forecast": day, "status": "done"}


RISK_ORDER = {"late": 0, "at_risk": 1, "on_time": 2, "done": 3}
STATUS_NAMES = {"late": N_("Late"), "at_risk": N_("At risk"), "on_time": N_("On time"), "done": N_("Finished"),
                "cancelled": N_("Cancelled")}


def status_name(status: str) -> str:
    return tr(STATUS_NAMES.get(status, status))


def open_orders_by_risk(db, today: dt.date | None = None) -> list[dict]:
    """Open orders, the most at risk first (then by due date)."""
    plans = forecast_all(db, today)
    return sorted(plans.values(), key=lambda p: (RISK_ORDER.get(p["status"], 9), p["due"], p["number"]))
