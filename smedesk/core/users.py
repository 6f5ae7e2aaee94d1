"""Users, PINs and lockout.

PINs are 4 to 6 digits, stored as scrypt hashes with a per-user salt. Five
wrong PINs (setting auth.max_attempts) lock that user for five minutes
(auth.lock_minutes).

Beside the hash each user carries a `pin_tag`: the same scrypt with one salt
for the whole business (its uid), so a PIN typed at a station names its user
with one hash instead of one per user. The tag lets whoever holds the file
test a guessed PIN against every user at once; with 4 to 6 digits that was
never the protection (the lockout is), and it costs the same 40 ms per guess.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass

from smedesk.core import audit, clock, settings
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.roles import ROLES, SYSTEM, Actor, require

SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class LoginResult:
    """Attributes: ok, actor (when ok), reason (when not), locked_until (ISO, when locked)."""

    ok: bool
    actor: Actor | None = None
    reason: str = ""
    locked_until: str | None = None


def validate_pin(pin: str) -> str:
    pin = (pin or "").strip()
    if not pin.isdigit() or not 4 <= len(pin) <= 6:
        raise ValidationError(tr("The PIN must be 4 to 6 digits, numbers only."), field="pin")
    return pin


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    return "scrypt${n}${r}${p}${salt}${digest}".format(
        **SCRYPT,
        salt=base64.b64encode(salt).decode(),
        digest=base64.b64encode(digest).decode(),
    )


def pin_tag(db, pin: str) -> str:
    """The business-wide lookup tag of a PIN (one scrypt)."""
    salt = "smedesk-pin-tag:" + (scalar(db, "SELECT uid FROM business WHERE id = 1") or "")
    digest = hashlib.scrypt(pin.encode(), salt=salt.encode(), dklen=32, **SCRYPT)
    return base64.b64encode(digest).decode()


def _store_pin(db, user_id: int, pin: str) -> None:
    """A new PIN's hash and tag; clears the lockout (inside the caller's tx)."""
    db.execute("UPDATE users SET pin_hash = ?, pin_tag = ?, failed_attempts = 0, locked_until = NULL,"
               " updated_at = ? WHERE id = ?", [hash_pin(pin), pin_tag(db, pin), clock.now_iso(), user_id])


def user_by_pin(db, pin: str) -> dict | None:
    """The one active user whose PIN this is, or None (no one, or several).
    One scrypt finds the candidate by its tag and one more checks that user's
    own hash. Users whose PIN was set before tags existed are tried one by one
    (and tagged when found), until each has typed or been given a PIN."""
    active = "active = 1 AND deleted_at IS NULL"
    found = rows(db, f"SELECT * FROM users WHERE {active} AND pin_tag = ?", [pin_tag(db, pin)])
    if not found:
        untagged = rows(db, f"SELECT * FROM users WHERE {active} AND pin_tag IS NULL")
        found = [u for u in untagged if verify_pin(pin, u["pin_hash"])]
        if len(found) == 1:
            with tx(db):
                db.execute("UPDATE users SET pin_tag = ? WHERE id = ?", [pin_tag(db, pin), found[0]["id"]])
            return get_user(db, found[0]["id"])
    if len(found) == 1 and verify_pin(pin, found[0]["pin_hash"]):
        return found[0]
    return None


def verify_pin(pin: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), dklen=32, n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError(tr("The name cannot be empty."), field="name")
    if len(name) > 60:
        raise ValidationError(tr("The name is too long (60 characters at most)."), field="name")
    return name


def add_user(db, name: str, role: str, pin: str, *, badge: str | None = None, actor: Actor) -> int:
    require(actor, "users.manage")
    name = _check_name(name)
    if role not in ROLES:
        raise ValidationError(tr("Unknown role «{role}» (owner or staff).", role=role), field="role")
    pin = validate_pin(pin)
    badge = (badge or "").strip().upper() or None
    if scalar(db, "SELECT 1 FROM users WHERE name = ?", [name]):
        raise ValidationError(tr("There is already a user called «{name}».", name=name), field="name")
    if badge and scalar(db, "SELECT 1 FROM users WHERE badge = ?", [badge]):
        raise ValidationError(tr("The badge «{badge}» is already in use.", badge=badge), field="badge")
    now = clock.now_iso()
    with tx(db):
        cur = db.execute(
            "INSERT INTO users (name, role, pin_hash, pin_tag, badge, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [name, role, hash_pin(pin), pin_tag(db, pin), badge, now, new_uid(), now],
        )
        user_id = cur.lastrowid
        audit.record(db, actor, "user.add", "users", user_id, name=name, role=role)
    return user_id


def list_users(db, *, include_inactive: bool = False) -> list[dict]:
    where = "" if include_inactive else "WHERE active = 1 AND deleted_at IS NULL"
    return rows(
        db,
        f"SELECT id, name, role, badge, active, locked_until, created_at FROM users {where}"
        " ORDER BY role = 'staff', name",
    )


def get_user(db, user_id: int) -> dict | None:
    return row(db, "SELECT * FROM users WHERE id = ?", [user_id])


def actor_for(user: dict) -> Actor:
    return Actor(user["id"], user["name"], user["role"])


def owner_actor(db) -> Actor:
    """The actor the command line uses: the first active owner."""
    owner = row(
        db, "SELECT * FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL ORDER BY id"
    )
    if owner is None:
        return SYSTEM
    return actor_for(owner)


def find_user(db, name_or_badge: str) -> dict | None:
    key = (name_or_badge or "").strip()
    return row(
        db,
        "SELECT * FROM users WHERE (name = ? OR badge = ?) AND active = 1 AND deleted_at IS NULL",
        [key, key.upper()],
    )


def login(db, user_id: int, pin: str) -> LoginResult:
    """Check a PIN; count failures and lock after too many. Writes in one transaction."""
    now = clock.now()
    with tx(db):
        user = get_user(db, user_id)
        if user is None or not user["active"] or user["deleted_at"]:
            return LoginResult(False, reason=tr("Unknown user."))
        if user["locked_until"] and clock.parse(user["locked_until"]) > now:
            return LoginResult(
                False,
                reason=tr("Too many wrong PINs: try again at {time}.", time=_lima_hm(user["locked_until"])),
                locked_until=user["locked_until"],
            )
        if verify_pin(pin or "", user["pin_hash"]):
            db.execute(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [user_id]
            )
            if user["pin_tag"] is None:  # a PIN set before tags existed
                db.execute("UPDATE users SET pin_tag = ? WHERE id = ?", [pin_tag(db, pin), user_id])
            actor = actor_for(user)
            audit.record(db, actor, "user.login", "users", user_id)
            return LoginResult(True, actor=actor)
        attempts = user["failed_attempts"] + 1
        max_attempts = settings.get_int(db, "auth.max_attempts", 5)
        locked_until = None
        if attempts >= max_attempts:
            minutes = settings.get_int(db, "auth.lock_minutes", 5)
            locked_until = clock.iso(now + dt.timedelta(minutes=minutes))
            attempts = 0
        db.execute(
            "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
            [attempts, locked_until, user_id],
        )
        audit.record(db, SYSTEM, "user.login_failed", "users", user_id, locked=bool(locked_until))
    if locked_until:
        return LoginResult(
            False,
            reason=tr("Too many wrong PINs: try again at {time}.", time=_lima_hm(locked_until)),
            locked_until=locked_until,
        )
    left = max_attempts - attempts
    return LoginResult(False, reason=tr("Wrong PIN. {left} tries left.", left=left))


def _lima_hm(iso_value: str) -> str:
    return clock.to_lima(iso_value).strftime("%H:%M")


def set_pin(db, user_id: int, pin: str, *, actor: Actor) -> None:
    if actor.user_id != user_id:
        require(actor, "users.manage")
    pin = validate_pin(pin)
    with tx(db):
        _store_pin(db, user_id, pin)
        audit.record(db, actor, "user.set_pin", "users", user_id)


def reset_pin(db, user_id: int, new_pin: str, *, actor: Actor) -> None:
    """The owner gives a user who forgot their PIN a new one (and unlocks them).
    Only someone who may manage users can; their own PIN they change with
    `change_own_pin`, which asks for the old one."""
    require(actor, "users.manage")
    user = get_user(db, user_id)
    if user is None or not user["active"] or user["deleted_at"]:
        raise ValidationError(tr("Unknown user."), field="user")
    if user_id == actor.user_id:
        raise ValidationError(tr("Your own PIN is changed with the old one: use «Change my PIN»."), field="user")
    pin = validate_pin(new_pin)
    with tx(db):
        _store_pin(db, user_id, pin)
        audit.record(db, actor, "user.reset_pin", "users", user_id, name=user["name"])


def change_own_pin(db, old_pin: str, new_pin: str, *, actor: Actor) -> None:
    """A user changes their own PIN, proving it is them with the old one."""
    user = get_user(db, actor.user_id) if actor.user_id else None
    if user is None or not user["active"] or user["deleted_at"]:
        raise ValidationError(tr("Unknown user."), field="user")
    if not verify_pin((old_pin or "").strip(), user["pin_hash"]):
        raise ValidationError(tr("The old PIN is not right."), field="old_pin")
    pin = validate_pin(new_pin)
    if pin == (old_pin or "").strip():
        raise ValidationError(tr("The new PIN is the same as the old one."), field="pin")
    with tx(db):
        _store_pin(db, user["id"], pin)
        audit.record(db, actor, "user.set_pin", "users", user["id"], name=user["name"])


def deactivate(db, user_id: int, *, actor: Actor) -> None:
    require(actor, "users.manage")
    user = get_user(db, user_id)
    if user is None:
        raise ValidationError(tr("Unknown user."))
    if user["role"] == "owner":
        owners = scalar(db, "SELECT count(*) FROM users WHERE role='owner' AND active=1")
        if owners <= 1:
            raise ValidationError(tr("The last owner cannot be removed."))
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE users SET active = 0, updated_at = ? WHERE id = ?", [now, user_id])
        audit.record(db, actor, "user.deactivate", "users", user_id)
