"""The drawback (restitución simplificada) rate as a dated table the owner
edits, the Exporta Fácil limit as a setting, and the product's unit cost as
costing works it out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock, dates, settings
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, to_decimal
from smedesk.core.roles import Actor, require

EXPORTA_FACIL_KEY = "exportplan.exporta_facil_limit_usd"
settings.define(EXPORTA_FACIL_KEY, "7500", "decimal",
                N_("Highest FOB value in US$ of one Exporta Fácil (postal) shipment"))


def exporta_facil_limit(db) -> Decimal:
    return settings.get_decimal(db, EXPORTA_FACIL_KEY, "7500")


def _day(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value or "").strip()
    if not text:
        return clock.today_lima().isoformat()
    return dates.read_date(text, field="valid_from").isoformat()


def set_drawback_rate(db, valid_from, rate_pct, *, note: str = "", actor: Actor) -> int:
    """Add (or correct) the drawback rate in force from `valid_from`."""
    require(actor, "exportplan.edit")
    day = _day(valid_from)
    rate = to_decimal(rate_pct, field="rate_pct")
    if rate < 0 or rate >= 100:
        raise ValidationError(tr("The drawback rate must be between 0% and 100%."), field="rate_pct")
    now = clock.now_iso()
    with tx(db):
        found = row(db, "SELECT id FROM drawback_rates WHERE valid_from = ?", [day])
        if found:
            db.execute("UPDATE drawback_rates SET rate_pct = ?, note = ?, deleted_at = NULL, updated_at = ?"
                       " WHERE id = ?", [canonical(rate), note.strip(), now, found["id"]])
            rate_id = found["id"]
        else:
            rate_id = db.execute(
                "INSERT INTO drawback_rates (valid_from, rate_pct, note, created_at, uid, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", [day, canonical(rate), note.strip(), now, new_uid(), now],
            ).lastrowid
        audit.record(db, actor, "drawback.set", "drawback_rates", rate_id, valid_from=day, rate_pct=canonical(rate))
    return rate_id


def remove_drawback_rate(db, rate_id: int, *, actor: Actor) -> None:
    require(actor, "exportplan.edit")
    with tx(db):
        db.execute("UPDATE drawback_rates SET deleted_at = ?, updated_at = ? WHERE id = ?",
                   [clock.now_iso(), clock.now_iso(), rate_id])
        audit.record(db, actor, "drawback.remove", "drawback_rates", rate_id)


def drawback_rates(db) -> list[dict]:
    return rows(db, "SELECT * FROM drawback_rates WHERE deleted_at IS NULL ORDER BY valid_from DESC")


def drawback_rate_on(db, day=None) -> Decimal | None:
    """The rate in force on `day` (today in Lima by default); None if none was entered."""
    found = row(db, "SELECT rate_pct FROM drawback_rates WHERE deleted_at IS NULL AND valid_from <= ?"
                " ORDER BY valid_from DESC LIMIT 1", [_day(day)])
    return None if found is None else Decimal(found["rate_pct"])


def unit_cost(db, product_id: int) -> Decimal:
    """The product's unit cost from costing, rounded to the céntimo; refused
    with the reason when there is none."""
    try:
        from smedesk.production import costing
    except ModuleNotFoundError:
        raise ValidationError(
            tr("Unit costs are not available in this version of smedesk."), field="unit_cost"
        ) from None
    try:
        breakdown = costing.unit_cost(db, product_id)
    except ValidationError as exc:
        raise ValidationError(str(exc), field="unit_cost") from None
    cost = getattr(breakdown, "unit_cost", None)
    if cost is None or Decimal(cost) <= 0:
        raise ValidationError(
            tr("The product has no unit cost yet: fill its materials and steps in Costs first."),
            field="unit_cost",
        )
    return Decimal(cost)
