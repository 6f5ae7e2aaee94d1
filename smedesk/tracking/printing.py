"""Gathering what the tracking documents show, then writing them."""

from __future__ import annotations

from pathlib import Path

from smedesk.core import business, users
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr, translator
from smedesk.core.roles import Actor
from smedesk.tracking import release, worktime
from smedesk.tracking.orders import require_order


def _target(path) -> Path:
    path = Path(path)
    if not path.parent.exists():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=path.parent), field="output")
    return path


def labels_data(db, number: str) -> dict:
    """The order's labels to draw: {"order": its number, "units": release.order_units rows}."""
    order = require_order(db, number)
    units = release.order_units(db, number)
    if not units:
        raise ValidationError(tr("Order {number} has no labels yet: release it first.", number=order["number"]))
    return {"order": order["number"], "units": units}


def labels_pdf(db, number: str, path, *, layout: str = "a4", lang: str | None = None, progress=None,
               cancelled=None) -> Path | None:
    """The order's labels as a PDF in `lang` (the current language when None);
    `progress(done, total)` as labels are drawn."""
    from smedesk.printouts import labels

    data = labels_data(db, number)
    return labels.render(data["units"], data["order"], _target(path), layout=layout, tr=translator(lang),
                         progress=progress, cancelled=cancelled)


def worksheet_data(db, number: str) -> dict:
    """The order, its jobs with their steps, and the business: what its worksheets show."""
    order = require_order(db, number)
    jobs = release.jobs(db, order["id"])
    if not jobs:
        raise ValidationError(tr("Order {number} has no jobs yet: release it first.", number=order["number"]))
    for job in jobs:
        job["steps"] = release.job_steps(db, job["id"])
    return {"business": business.get(db), "order": order, "jobs": jobs}


def worksheet_pdf(db, number: str, path, *, lang: str | None = None, progress=None, cancelled=None) -> Path | None:
    from smedesk.printouts import worksheets

    data = worksheet_data(db, number)
    return worksheets.worksheet(_target(path), data["business"], data["order"], data["jobs"], tr=translator(lang),
                                progress=progress, cancelled=cancelled)


def step_names(db) -> list[str]:
    """Every step name in the catalogue and released jobs, once, in workshop order."""
    found = rows(db, "SELECT name, min(seq) AS seq FROM (SELECT name, seq FROM routing_steps"
                     " UNION ALL SELECT name, seq FROM job_steps) GROUP BY name ORDER BY seq, name")
    return [r["name"] for r in found]


def cards_data(db) -> dict:
    return {"steps": step_names(db), "people": users.list_users(db)}


def cards_pdf(db, path, *, lang: str | None = None, cancelled=None) -> Path | None:
    from smedesk.printouts import worksheets

    data = cards_data(db)
    return worksheets.cards(_target(path), data["steps"], data["people"], tr=translator(lang), cancelled=cancelled)


def pay_data(db, week: str | None, *, actor: Actor) -> dict:
    return {"business": business.get(db), "pay": worktime.week_pay(db, week, actor=actor)}


def pay_pdf(db, week: str | None, path, *, actor: Actor, lang: str | None = None, cancelled=None) -> Path | None:
    from smedesk.printouts import worksheets

    data = pay_data(db, week, actor=actor)
    return worksheets.pay_sheet(_target(path), data["business"], data["pay"], tr=translator(lang),
                                cancelled=cancelled)
