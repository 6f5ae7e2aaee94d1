"""The scan station's logic, without the window: each line the scanner (or a
person) types is a step card (PASO…), an operator's badge, an operator's PIN,
or a label code, counted at the current step for the current operator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smedesk.core import audit, business, clock, settings, users
from smedesk.core.db import row, rows, tx
from smedesk.core.i18n import tr
from smedesk.core.roles import SYSTEM, Actor
from smedesk.tracking import scanning, trackcodes

STEP, OPERATOR, SCAN, NOTICE = "step", "operator", "scan", "notice"


@dataclass(frozen=True)
class StationEvent:
    """kind: step, operator, scan or notice; outcome: a scanning outcome
    (counted, already, previous, unknown, cancelled, other) or "info";
    message: plain words; result: the ScanResult of a scan."""

    kind: str
    outcome: str
    message: str
    result: scanning.ScanResult | None = None


def known_steps(db) -> dict[str, str]:
    """Folded name → name of every step in the catalogue and in released jobs."""
    names = rows(db, "SELECT DISTINCT name FROM routing_steps UNION SELECT DISTINCT name FROM job_steps")
    return {trackcodes.fold(r["name"]): r["name"] for r in names}


def operator_by_pin(db, pin: str) -> dict | None:
    """The one active user whose PIN this is (None when none or several):
    two hashes whatever the number of users (users.user_by_pin). `identify`
    puts the station's lockout in front of it."""
    return users.user_by_pin(db, pin)


@dataclass(frozen=True)
class Identified:
    """Attributes: person (user row, or None), reason (why not, in plain words)."""

    person: dict | None
    reason: str = ""


def _lock_state(db, station: str) -> dict:
    return row(db, "SELECT failed_attempts, locked_until FROM station_pin_lock WHERE station = ?", [station]) or {
        "failed_attempts": 0, "locked_until": None}


def identify(db, text: str, *, station: str = "station") -> Identified:
    """Who this badge or PIN is. A badge (or name) is looked up directly. A
    PIN is looked up by its tag (users.user_by_pin: two hashes, whatever the
    number of users) only while the station is not locked: after
    auth.max_attempts wrong PINs it refuses PINs for auth.lock_minutes, the
    login's settings, and a PIN of a user locked at the login is refused
    too. Badges keep working while PINs are locked."""
    raw = (text or "").strip()
    person = users.find_user(db, raw)
    if person is not None:
        return Identified(person)
    if not (raw.isdigit() and 4 <= len(raw) <= 6):
        return Identified(None)
    now = clock.now()
    state = _lock_state(db, station)
    if state["locked_until"] and clock.parse(state["locked_until"]) > now:
        return Identified(None, tr("Too many wrong PINs: try again at {time}.",
                                   time=clock.to_lima(state["locked_until"]).strftime("%H:%M")))
    person = operator_by_pin(db, raw)
    with tx(db):
        if person is not None:
            db.execute("DELETE FROM station_pin_lock WHERE station = ?", [station])
        else:
            attempts = state["failed_attempts"] + 1
            locked_until = None
            if attempts >= settings.get_int(db, "auth.max_attempts", 5):
                locked_until = clock.iso(now + dt.timedelta(minutes=settings.get_int(db, "auth.lock_minutes", 5)))
                attempts = 0
            db.execute("INSERT INTO station_pin_lock (station, failed_attempts, locked_until) VALUES (?, ?, ?)"
                       " ON CONFLICT(station) DO UPDATE SET failed_attempts = excluded.failed_attempts,"
                       " locked_until = excluded.locked_until", [station, attempts, locked_until])
            audit.record(db, SYSTEM, "station.pin_failed", "station_pin_lock", None, station=station,
                         locked=bool(locked_until))
            if locked_until:
                return Identified(None, tr("Too many wrong PINs: try again at {time}.",
                                           time=clock.to_lima(locked_until).strftime("%H:%M")))
    if person is not None and person["locked_until"] and clock.parse(person["locked_until"]) > now:
        return Identified(None, tr("Too many wrong PINs: try again at {time}.",
                                   time=clock.to_lima(person["locked_until"]).strftime("%H:%M")))
    return Identified(person, "" if person else tr("Unknown PIN."))


class Station:
    """Attributes: step (name or None), operator (user row or None)."""

    def __init__(self, db, actor: Actor, *, name: str = "station"):
        self.db = db
        self.name = name
        self.actor = actor
        self.step: str | None = None
        self.operator: dict | None = None
        self.last_scan_id: int | None = None
        self.prefix = business.get(db)["code"]

    def handle(self, text: str, *, db=None) -> StationEvent:
        """One line from the scanner. `db`: the connection to use (the window's
        database worker passes its own); the station's own otherwise."""
        if db is not None:
            self.db = db
        raw = (text or "").strip()
        if not raw:
            return StationEvent(NOTICE, "info", "")
        folded = trackcodes.fold(raw)
        code = trackcodes.normalize(raw)
        if not trackcodes.is_well_formed(code) and folded.startswith(trackcodes.STEP_PREFIX):
            return self._set_step(folded[len(trackcodes.STEP_PREFIX):])
        if not trackcodes.is_well_formed(code):
            who = identify(self.db, raw, station=self.name)
            if who.person is not None:
                self.operator = who.person
                return StationEvent(OPERATOR, "info", tr("Operator: {name}", name=who.person["name"]))
            if who.reason:
                return StationEvent(NOTICE, scanning.OTHER, who.reason)
        if self.step is None:
            return StationEvent(NOTICE, scanning.OTHER, tr("First scan the card of your step."))
        if self.operator is None:
            return StationEvent(NOTICE, scanning.OTHER, tr("First scan your badge or type your PIN."))
        result = scanning.record_scan(self.db, raw, self.step, self.operator, source="station", actor=self.actor,
                                      prefix=self.prefix)
        if result.ok:
            self.last_scan_id = result.scan_id
        return StationEvent(SCAN, result.outcome, result.message, result)

    def _set_step(self, key: str) -> StationEvent:
        steps = known_steps(self.db)
        if key in steps:
            self.step = steps[key]
        elif key.isdigit():
            self.step = key
        else:
            return StationEvent(NOTICE, scanning.OTHER, tr("No step is called «{step}».", step=key))
        return StationEvent(STEP, "info", tr("Step: {step}", step=self.step))

    def undo_last(self, *, actor: Actor, db=None) -> StationEvent:
        if self.last_scan_id is None:
            return StationEvent(NOTICE, scanning.OTHER, tr("There is no scan to undo."))
        scanning.undo_scan(db if db is not None else self.db, self.last_scan_id, reason="station", actor=actor)
        self.last_scan_id = None
        return StationEvent(NOTICE, "info", tr("Last scan undone."))
