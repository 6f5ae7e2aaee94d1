"""The business a file belongs to: created once, with its owner."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from smedesk.core import audit, clock, roles, users
from smedesk.core.codes import validate_ruc
from smedesk.core.db import open_db, row, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.roles import SYSTEM, Actor, require

# Letters a person can't confuse when typing a code by hand (no I, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class NewBusiness:
    """Attributes: name, ruc, address, owner, pin."""

    name: str
    ruc: str
    owner: str
    pin: str
    address: str = ""


def validate(new: NewBusiness) -> NewBusiness:
    name = (new.name or "").strip()
    if not name:
        raise ValidationError(tr("The business name cannot be empty."), field="name")
    ruc = validate_ruc(new.ruc, field="ruc")
    owner = (new.owner or "").strip()
    if not owner:
        raise ValidationError(tr("The owner's name cannot be empty."), field="owner")
    pin = users.validate_pin(new.pin)
    return NewBusiness(name, ruc, owner, pin, (new.address or "").strip())


def create(path: Path, new: NewBusiness):
    """Create a new business file at `path`; refuses to overwrite one."""
    new = validate(new)
    path = Path(path)
    if path.exists():
        raise ValidationError(tr("There is already a file at {path}; it was not touched.", path=path))
    db = open_db(path, create=True)
    try:
        setup(db, new)  # binds the connection to the new owner
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return db


def setup(db, new: NewBusiness) -> Actor:
    """Fill an empty, migrated database with the business and its owner."""
    new = validate(new)
    if get(db) is not None:
        raise ValidationError(tr("This file already belongs to a business."))
    now = clock.now_iso()
    with tx(db):
        db.execute(
            "INSERT INTO business (id, name, ruc, address, code, created_at, uid, updated_at)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [new.name, new.ruc, new.address, _new_code(), now, new_uid(), now],
        )
        owner_id = users.add_user(db, new.owner, "owner", new.pin, actor=SYSTEM)
        audit.record(db, SYSTEM, "business.create", "business", 1, name=new.name, ruc=new.ruc)
    owner = users.actor_for(users.get_user(db, owner_id))
    roles.bind(db, owner)  # whoever sets the file up acts as its owner until someone else signs in
    return owner


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(3))


def get(db) -> dict | None:
    return row(db, "SELECT * FROM business WHERE id = 1")


def update(db, *, name: str, ruc: str, address: str, actor: Actor) -> dict:
    require(actor, "settings.edit")
    name = (name or "").strip()
    if not name:
        raise ValidationError(tr("The business name cannot be empty."), field="name")
    ruc = validate_ruc(ruc, field="ruc")
    with tx(db):
        db.execute(
            "UPDATE business SET name = ?, ruc = ?, address = ?, updated_at = ? WHERE id = 1",
            [name, ruc, (address or "").strip(), clock.now_iso()],
        )
        audit.record(db, actor, "business.update", "business", 1, name=name, ruc=ruc)
    return get(db)
