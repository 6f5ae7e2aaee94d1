"""The scan station's logic, without the window: each line the scanner (or a
person) types is a step card (PASO…), an operator's badge, an operator's PIN,
or a label code, counted at the current step for the current operator."""

from __future__ import annotations

from dataclasses import dataclass

from smedesk.core import business, users
from smedesk.core.db import rows
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor
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
    """The one active user whose PIN this is (None when none or several)."""
    found = [u for u in rows(db, "SELECT * FROM users WHERE active = 1 AND deleted_at IS NULL")
             if users.verify_pin(pin, u["pin_hash"])]
    return found[0] if len(found) == 1 else None


class Station:
    """Attributes: step (name or None), operator (user row or None)."""

    def __init__(self, db, actor: Actor):
        self.db = db
        self.actor = actor
        self.step: str | None = None
        self.operator: dict | None = None
        self.last_scan_id: int | None = None
        self.prefix = business.get(db)["code"]

    def handle(self, text: str) -> StationEvent:
        raw = (text or "").strip()
        if not raw:
            return StationEvent(NOTICE, "info", "")
        folded = trackcodes.fold(raw)
        code = trackcodes.normalize(raw)
        if not trackcodes.is_well_formed(code) and folded.startswith(trackcodes.STEP_PREFIX):
            return self._set_step(folded[len(trackcodes.STEP_PREFIX):])
        if not trackcodes.is_well_formed(code):
            person = users.find_user(self.db, raw)
            if person is None and raw.isdigit() and 4 <= len(raw) <= 6:
                person = operator_by_pin(self.db, raw)
            if person is not None:
                self.operator = person
                return StationEvent(OPERATOR, "info", tr("Operator: {name}", name=person["name"]))
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

    def undo_last(self, *, actor: Actor) -> StationEvent:
        if self.last_scan_id is None:
            return StationEvent(NOTICE, scanning.OTHER, tr("There is no scan to undo."))
        scanning.undo_scan(self.db, self.last_scan_id, reason="station", actor=actor)
        self.last_scan_id = None
        return StationEvent(NOTICE, "info", tr("Last scan undone."))
