"""Actual times and piece-rate pay.

Actual time of a scan: the minutes since the same operator's previous scan on
the same day (Lima), when that gap is no longer than `tracking.max_gap_minutes`
or three times the scan's standard minutes (a longer gap is a break: that scan
is not timed). Times typed from the paper
worksheet add minutes and pieces directly. Standard vs actual is given per
step, per worker and for the order.

Piece-rate pay: each counted scan earns the step's piece rate × the pieces the
label stands for (a bundle its quantity, a part label its share of a piece)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock, settings
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import round_cents, to_decimal
from smedesk.core.roles import Actor, require
from smedesk.tracking.forecast import lima_midnight_utc

settings.define("tracking.max_gap_minutes", "45", "int", N_("Longest gap between two scans still counted as work"))

SCAN_SQL = (
    "SELECT s.id, s.user_id, s.at, s.job_step_id, js.seq, js.name AS step, js.std_minutes, js.piece_rate,"
    " u.qty, u.per_piece, u.order_id, j.number AS job, o.number AS order_number, COALESCE(us.name, '') AS operator"
    " FROM scans s JOIN job_steps js ON js.id = s.job_step_id JOIN track_units u ON u.id = s.unit_id"
    " JOIN jobs j ON j.id = u.job_id JOIN orders o ON o.id = u.order_id LEFT JOIN users us ON us.id = s.user_id"
    " WHERE s.undone_at IS NULL"
)


def share(scan: dict) -> Decimal:
    """Pieces a scan stands for."""
    return Decimal(scan["qty"]) / Decimal(scan["per_piece"])


def timed_scans(db, start: str, end: str) -> list[dict]:
    """Scans between two UTC instants, each with `minutes` (Decimal or None)."""
    found = rows(db, SCAN_SQL + " AND s.at >= ? AND s.at < ? ORDER BY s.user_id, s.at, s.id", [start, end])
    cap = Decimal(settings.get_int(db, "tracking.max_gap_minutes", 45))
    previous: dict = {}
    for s in found:
        moment = clock.parse(s["at"])
        day = clock.to_lima(moment).date()
        last = previous.get(s["user_id"])
        s["minutes"] = None
        if last and last[1] == day:
            gap = Decimal(int((moment - last[0]).total_seconds())) / 60
            expected = Decimal(s["std_minutes"]) * share(s)
            if gap <= max(cap, 3 * expected):
                s["minutes"] = gap
        previous[s["user_id"]] = (moment, day)
    return found


def add_step_time(db, job_step_id: int, minutes, pieces, *, day=None, user_id: int | None = None,
                  note: str = "", actor: Actor) -> int:
    """Record time typed from a worksheet: `minutes` spent on `pieces` pieces."""
    if user_id is not None and user_id != actor.user_id:
        require(actor, "orders.edit")
    else:
        require(actor, "worksheet.own")
    value = to_decimal(minutes, field="minutes")
    if value <= 0:
        raise ValidationError(tr("The minutes must be more than zero."), field="minutes")
    count = to_decimal(pieces, field="pieces")
    if count <= 0 or count != count.to_integral():
        raise ValidationError(tr("The pieces are a whole number above zero."), field="pieces")
    if row(db, "SELECT id FROM job_steps WHERE id = ?", [job_step_id]) is None:
        raise ValidationError(tr("Choose the step."), field="step")
    when = (day or clock.today_lima()).isoformat() if isinstance(day, dt.date | None) else str(day)
    now = clock.now_iso()
    with tx(db):
        time_id = db.execute(
            "INSERT INTO step_times (job_step_id, user_id, day, minutes, pieces, note, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [job_step_id, user_id if user_id is not None else actor.user_id, when, str(value), int(count),
             (note or "").strip(), now, new_uid(), now],
        ).lastrowid
        audit.record(db, actor, "step_time.add", "step_times", time_id, minutes=str(value), pieces=int(count))
    return time_id


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _one(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def _ratio(minutes: Decimal, pieces: Decimal) -> Decimal | None:
    return (minutes / pieces).quantize(Decimal("0.1")) if pieces else None


def order_times(db, order_id: int) -> dict:
    """{"steps": [...], "workers": [...], "order": {...}}: standard vs actual minutes.
    Steps: seq, step, std (per piece), actual (per piece or None), pieces.
    Workers: operator, pieces, std_minutes (earned), actual_minutes, efficiency (%)."""
    span = row(db, "SELECT min(s.at) AS a, max(s.at) AS b FROM scans s JOIN track_units u ON u.id = s.unit_id"
                   " WHERE u.order_id = ? AND s.undone_at IS NULL", [order_id])
    scans = []
    if span and span["a"]:
        first, last = clock.to_lima(span["a"]).date(), clock.to_lima(span["b"]).date()
        scans = [s for s in timed_scans(db, lima_midnight_utc(first), lima_midnight_utc(last + dt.timedelta(days=1)))
                 if s["order_id"] == order_id]
    typed = rows(db, "SELECT t.*, js.seq, js.name AS step, js.std_minutes, COALESCE(us.name, '') AS operator"
                     " FROM step_times t JOIN job_steps js ON js.id = t.job_step_id JOIN jobs j ON j.id = js.job_id"
                     " LEFT JOIN users us ON us.id = t.user_id WHERE j.order_id = ? AND t.deleted_at IS NULL",
                 [order_id])
    steps: dict = {}
    workers: dict = {}
    for seq, name, std, operator, pieces, minutes in (
        [(s["seq"], s["step"], Decimal(s["std_minutes"]), s["operator"], share(s), s["minutes"]) for s in scans]
        + [(t["seq"], t["step"], Decimal(t["std_minutes"]), t["operator"], Decimal(t["pieces"]),
            Decimal(t["minutes"])) for t in typed]
    ):
        st = steps.setdefault((seq, name), {"seq": seq, "step": name, "std": std, "pieces": Decimal(0),
                                            "timed_pieces": Decimal(0), "minutes": Decimal(0)})
        wk = workers.setdefault(operator, {"operator": operator, "pieces": Decimal(0), "std_minutes": Decimal(0),
                                           "timed_std": Decimal(0), "actual_minutes": Decimal(0)})
        st["pieces"] += pieces
        wk["pieces"] += pieces
        wk["std_minutes"] += std * pieces
        if minutes is not None:
            st["timed_pieces"] += pieces
            st["minutes"] += minutes
            wk["timed_std"] += std * pieces
            wk["actual_minutes"] += minutes
    step_list = [{"seq": s["seq"], "step": s["step"], "std": s["std"], "pieces": _two(s["pieces"]),
                  "actual": _ratio(s["minutes"], s["timed_pieces"])} for s in sorted(steps.values(), key=lambda x: x["seq"])]
    worker_list = [{"operator": w["operator"], "pieces": _two(w["pieces"]), "std_minutes": _one(w["std_minutes"]),
                    "actual_minutes": _one(w["actual_minutes"]),
                    "efficiency": (w["timed_std"] * 100 / w["actual_minutes"]).quantize(Decimal("1"))
                    if w["actual_minutes"] else None} for w in sorted(workers.values(), key=lambda x: x["operator"])]
    timed_std = sum((w["timed_std"] for w in workers.values()), Decimal(0))
    actual = sum((w["actual_minutes"] for w in workers.values()), Decimal(0))
    return {"steps": step_list, "workers": worker_list,
            "order": {"std_minutes": _one(timed_std), "actual_minutes": _one(actual)}}


def week_bounds(week: str | None = None) -> tuple[dt.date, dt.date]:
    """ISO week 'YYYY-Www' (default: this week) → (Monday, next Monday)."""
    if not week:
        today = clock.today_lima()
        monday = today - dt.timedelta(days=today.weekday())
    else:
        try:
            year, num = week.strip().upper().split("-W")
            monday = dt.date.fromisocalendar(int(year), int(num), 1)
        except ValueError:
            raise ValidationError(tr("«{value}» is not a week like 2026-W09.", value=week), field="week") from None
    return monday, monday + dt.timedelta(days=7)


def week_name(week: str | None = None) -> str:
    """The ISO week's name, 'YYYY-Www' (default: this week in Lima)."""
    iso = week_bounds(week)[0].isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def week_pay(db, week: str | None = None, *, actor: Actor) -> dict:
    """{"week", "from", "to", "operators": [{"operator", "lines": [{"order", "step",
    "pieces", "rate", "amount"}], "total"}], "total"}; `rate` is the exact piece rate
    (Decimal soles, S/ 0.015 stays 0.015), amounts are Decimal soles, each line rounded half-up."""
    require(actor, "money.view")
    monday, next_monday = week_bounds(week)
    found = rows(db, SCAN_SQL + " AND s.at >= ? AND s.at < ? ORDER BY operator, o.number, js.seq",
                 [lima_midnight_utc(monday), lima_midnight_utc(next_monday)])
    people: dict[str, dict] = {}
    for s in found:
        person = people.setdefault(s["operator"], {"operator": s["operator"], "lines": {}, "total": Decimal(0)})
        key = (s["order_number"], s["seq"], s["step"])
        line = person["lines"].setdefault(key, {"order": s["order_number"], "step": s["step"], "pieces": Decimal(0),
                                                 "rate": Decimal(s["piece_rate"] or "0")})
        line["pieces"] += share(s)
    total = Decimal(0)
    for person in people.values():
        lines = list(person["lines"].values())
        for line in lines:
            line["amount"] = round_cents(line["pieces"] * line["rate"])
        person["lines"] = lines
        person["total"] = sum((x["amount"] for x in lines), Decimal(0))
        total += person["total"]
    return {"week": week_name(week), "from": monday.isoformat(),
            "to": (next_monday - dt.timedelta(days=1)).isoformat(),
            "operators": sorted(people.values(), key=lambda p: p["operator"]), "total": total}
