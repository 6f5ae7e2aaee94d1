"""Demo businesses: a furniture workshop in Villa El Salvador, a garment
workshop in Gamarra.

The core part creates the business and its people; each area adds its own
data through `smedesk.<area>.demo.populate(db, kind, owner)`, called in the
order of AREAS, so a new area extends the demo without editing this file.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from smedesk.core import business, settings, users
from smedesk.core.roles import Actor

KINDS = ("furniture", "garments")

AREAS = (
    "smedesk.production.demo",
    "smedesk.tracking.demo",
    "smedesk.accounts.demo",
    "smedesk.exportplan.demo",
    "smedesk.sync.demo",
    "smedesk.tenders.demo",
    "smedesk.stock.demo",
)

PEOPLE = {
    "furniture": {
        "business": business.NewBusiness(
            name="Muebles Huamán E.I.R.L.",
            ruc="20605145745",
            owner="Rosa Huamán",
            pin="1234",
            address="Parque Industrial Mz. C Lt. 12, Villa El Salvador, Lima",
        ),
        "staff": [("Jorge Quispe", "1111"), ("Luis Mamani", "2222"), ("Carlos Ccori", "3333"),
                  ("Pedro Flores", "4444"), ("Miguel Torres", "5555")],
    },
    "garments": {
        "business": business.NewBusiness(
            name="Confecciones Killa S.A.C.",
            ruc="20548726213",
            owner="Marisol Condori",
            pin="1234",
            address="Jr. Gamarra 1050, Int. 304, La Victoria, Lima",
        ),
        "staff": [("Ana Ticona", "1111"), ("Julia Apaza", "2222"), ("Rocío Yupanqui", "3333"),
                  ("Elena Chura", "4444")],
    },
}


def create(path: Path, kind: str):
    """Create a demo business file at `path` and return the open database."""
    if kind not in KINDS:
        raise ValueError(kind)
    people = PEOPLE[kind]
    db = business.create(path, people["business"])
    try:
        populate(db, kind)
    except BaseException:
        db.close()
        raise
    return db


def populate(db, kind: str) -> Actor:
    owner = users.owner_actor(db)
    for n, (name, pin) in enumerate(PEOPLE[kind]["staff"], start=1):
        users.add_user(db, name, "staff", pin, badge=f"OP{n:02d}", actor=owner)
    settings.set(db, "demo.kind", kind, actor=owner)
    for module_name in AREAS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.populate(db, kind, owner)
    return owner
