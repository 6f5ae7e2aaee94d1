"""Scans: a unit passing a step. Each refusal leaves everything as it was and
says why in plain words; a counted scan is committed before it is reported.

Outcomes and the exit codes of `smedesk scan`: counted 0, already scanned at
this step 2, previous step not done 3, unknown or foreign code 4, anything
else (order cancelled or delivered, no such step, unknown operator) 1."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from smedesk.core import audit, business, clock, hooks, users
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.roles import Actor, require
from smedesk.tracking import orders, trackcodes

COUNTED, ALREADY, PREVIOUS, UNKNOWN, CANCELLED, OTHER = (
    "counted", "already", "previous", "unknown", "cancelled", "other")
EXIT_CODES = {COUNTED: 0, ALREADY: 2, PREVIOUS: 3, UNKNOWN: 4, CANCELLED: 1, OTHER: 1}


@dataclass(frozen=True)
class ScanResult:
    """Attributes: outcome (one of the constants above), message (plain words),
    code, scan_id (when counted), step (name), order (number), unit (dict or None)."""

    outcome: str
    message: str
    code: str = ""
    scan_id: int | None = None
    step: str = ""
    order: str = ""
    unit: dict | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == COUNTED

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]


def find_unit(db, code: str) -> dict | None:
    return row(
        db,
        "SELECT u.*, o.number AS order_number, o.state AS order_state, pr.name AS product, pr.sku"
        " FROM track_units u JOIN orders o ON o.id = u.order_id JOIN jobs j ON j.id = u.job_id"
        " JOIN products pr ON pr.id = j.product_id WHERE u.code = ?",
        [code],
    )


def match_step(db, job_id: int, step) -> dict | None:
    """The job's step named `step` (accents and case ignored), or numbered `step`,
    or given by a step card (PASO + name or number)."""
    text = str(step or "").strip()
    folded = trackcodes.fold(text)
    if folded.startswith(trackcodes.STEP_PREFIX) and len(folded) > len(trackcodes.STEP_PREFIX):
        folded = folded[len(trackcodes.STEP_PREFIX):]
    candidates = db.execute("SELECT id, seq, name, std_minutes, piece_rate_cents FROM job_steps WHERE job_id = ?"
                            " ORDER BY seq", [job_id]).fetchall()
    for sid, seq, name, std, rate in candidates:
        if trackcodes.fold(name) == folded:
            return {"id": sid, "seq": seq, "name": name, "std_minutes": std, "piece_rate_cents": rate}
    if folded.isdigit():
        for sid, seq, name, std, rate in candidates:
            if seq == int(folded):
                return {"id": sid, "seq": seq, "name": name, "std_minutes": std, "piece_rate_cents": rate}
    return None


def resolve_operator(db, operator) -> dict | None:
    if isinstance(operator, dict):
        return operator
    if isinstance(operator, int):
        return users.get_user(db, operator)
    return users.find_user(db, str(operator or ""))


def _when(at) -> str:
    """The scan's moment in UTC ISO; a time ahead of the clock is refused."""
    if at in (None, ""):
        return clock.now_iso()
    if isinstance(at, dt.datetime):
        moment = at if at.tzinfo else at.replace(tzinfo=clock.LIMA)
    else:
        try:
            moment = clock.parse(str(at))
        except ValueError:
            raise ValidationError(tr("«{value}» is not a date and time.", value=at), field="at") from None
    if moment > clock.now() + dt.timedelta(minutes=10):
        raise ValidationError(tr("The time {value} is still to come: check the scanner's clock.", value=at),
                              field="at")
    return clock.iso(moment)


def check_scan(db, code: str, step, *, prefix: str | None = None):
    """The rules, without writing: (ScanResult refusal, None) or (None, (unit, step))."""
    code = trackcodes.normalize(code)
    prefix = prefix or business.get(db)["code"]
    if not trackcodes.is_well_formed(code):
        return ScanResult(UNKNOWN, tr("This code is not a label of ours: check it or type it again."), code), None
    if code[:3] != prefix:
        return ScanResult(UNKNOWN, tr("This label belongs to another workshop."), code), None
    unit = find_unit(db, code)
    if unit is None:
        return ScanResult(UNKNOWN, tr("No label with this code exists here."), code), None
    if unit["order_state"] == "cancelled":
        return ScanResult(CANCELLED, tr("Order {number} was cancelled: do not work on it.",
                                        number=unit["order_number"]), code, order=unit["order_number"], unit=unit), None
    if unit["order_state"] == "delivered":
        return ScanResult(OTHER, tr("Order {number} was already delivered.", number=unit["order_number"]),
                          code, order=unit["order_number"], unit=unit), None
    found = match_step(db, unit["job_id"], step)
    if found is None:
        return ScanResult(OTHER, tr("{product} has no step «{step}».", product=unit["product"], step=step),
                          code, order=unit["order_number"], unit=unit), None
    done = row(db, "SELECT s.at, COALESCE(us.name, '') AS who FROM scans s LEFT JOIN users us ON us.id = s.user_id"
                   " WHERE s.unit_id = ? AND s.job_step_id = ? AND s.undone_at IS NULL", [unit["id"], found["id"]])
    if done:
        return ScanResult(ALREADY, tr("Already scanned at {step} ({who}, {time}).", step=found["name"],
                                      who=done["who"], time=clock.to_lima(done["at"]).strftime("%d/%m %H:%M")),
                          code, step=found["name"], order=unit["order_number"], unit=unit), None
    before = row(db, "SELECT id, name FROM job_steps WHERE job_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
                 [unit["job_id"], found["seq"]])
    if before and not scalar(db, "SELECT 1 FROM scans WHERE unit_id = ? AND job_step_id = ? AND undone_at IS NULL",
                             [unit["id"], before["id"]]):
        return ScanResult(PREVIOUS, tr("Step {missing} is not done yet for this piece.", missing=before["name"]),
                          code, step=found["name"], order=unit["order_number"], unit=unit), None
    return None, (unit, found)


def record_scan(db, code: str, step, operator, *, at=None, source: str = "station", actor: Actor,
                prefix: str | None = None) -> ScanResult:
    """Count `code` at `step` for `operator` (name, badge, id or user row). The
    result is COUNTED only once the transaction is committed."""
    require(actor, "scan")
    when = _when(at)
    person = resolve_operator(db, operator)
    if person is None or not person.get("active", 1):
        return ScanResult(OTHER, tr("Unknown operator «{name}»: scan your badge.", name=operator or ""),
                          trackcodes.normalize(code))
    try:
        with tx(db):
            refusal, found = check_scan(db, code, step, prefix=prefix)
            if refusal:
                return refusal
            unit, step_row = found
            scan_id = db.execute(
                "INSERT INTO scans (unit_id, job_step_id, user_id, at, source, uid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [unit["id"], step_row["id"], person["id"], when, source, new_uid(), clock.now_iso()],
            ).lastrowid
            last_seq = scalar(db, "SELECT max(seq) FROM job_steps WHERE job_id = ?", [unit["job_id"]])
            if unit["order_state"] == "released" or step_row["seq"] == last_seq:
                orders.touch_state_after_scans(db, unit["order_id"])
            hooks.emit(db, "scan_changed", job_id=unit["job_id"], step_seq=step_row["seq"], unit_id=unit["id"],
                       counted=True, actor=actor)
            audit.record(db, actor, "scan", "scans", scan_id, code=unit["code"], step=step_row["name"],
                         operator=person["name"], source=source)
    except sqlite3.IntegrityError:
        refusal, _ = check_scan(db, code, step, prefix=prefix)
        return refusal or ScanResult(ALREADY, tr("Already scanned at this step."), trackcodes.normalize(code))
    return ScanResult(COUNTED, tr("Counted: {product}, {step}.", product=unit["product"], step=step_row["name"]),
                      unit["code"], scan_id, step_row["name"], unit["order_number"], unit)


def undo_scan(db, scan_id: int, *, reason: str = "", actor: Actor) -> None:
    """The owner takes back a scan (audited); the unit can be scanned again.
    Refused when a later step of the same unit is still counted."""
    require(actor, "scan.undo")
    scan = row(db, "SELECT s.*, js.seq, js.job_id, js.name AS step, u.code, u.order_id FROM scans s"
                   " JOIN job_steps js ON js.id = s.job_step_id JOIN track_units u ON u.id = s.unit_id"
                   " WHERE s.id = ?", [scan_id])
    if scan is None:
        raise ValidationError(tr("There is no scan number {id}.", id=scan_id), field="scan")
    if scan["undone_at"]:
        raise ValidationError(tr("That scan was already undone."), field="scan")
    later = row(db, "SELECT js.name FROM scans s JOIN job_steps js ON js.id = s.job_step_id WHERE s.unit_id = ?"
                    " AND js.seq > ? AND s.undone_at IS NULL ORDER BY js.seq LIMIT 1", [scan["unit_id"], scan["seq"]])
    if later:
        raise ValidationError(tr("Undo the scan at {step} first: it came after this one.", step=later["name"]),
                              field="scan")
    state = scalar(db, "SELECT state FROM orders WHERE id = ?", [scan["order_id"]])
    if state == "delivered":
        raise ValidationError(tr("The order was delivered: its scans can no longer change."), field="scan")
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE scans SET undone_at = ?, undone_by = ?, updated_at = ? WHERE id = ?",
                   [now, actor.user_id, now, scan_id])
        orders.touch_state_after_scans(db, scan["order_id"])
        hooks.emit(db, "scan_changed", job_id=scan["job_id"], step_seq=scan["seq"], unit_id=scan["unit_id"],
                   counted=False, actor=actor)
        audit.record(db, actor, "scan.undo", "scans", scan_id, code=scan["code"], step=scan["step"],
                     reason=(reason or "").strip())


def recent_scans(db, limit: int = 50, *, order_id: int | None = None) -> list[dict]:
    where, params = ("WHERE u.order_id = ?", [order_id]) if order_id else ("", [])
    return rows(
        db,
        "SELECT s.id, s.at, s.source, s.undone_at, u.code, js.name AS step, js.seq, COALESCE(us.name, '') AS operator,"
        " o.number AS order_number, pr.sku FROM scans s JOIN track_units u ON u.id = s.unit_id"
        " JOIN job_steps js ON js.id = s.job_step_id JOIN orders o ON o.id = u.order_id"
        " JOIN jobs j ON j.id = u.job_id JOIN products pr ON pr.id = j.product_id"
        f" LEFT JOIN users us ON us.id = s.user_id {where} ORDER BY s.at DESC, s.id DESC LIMIT ?",
        [*params, limit],
    )

