"""Business settings, stored in the database (machine preferences live beside it)."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core import audit, clock
from smedesk.core.db import rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import Actor, require

# Known settings: key -> (default, kind, help). Areas add theirs with `define`.
DEFINITIONS: dict[str, tuple[str, str, str]] = {
    "ui.language": ("es", "choice:es,en", N_("Language of the window")),
    "backup.keep": ("10", "int", N_("How many backups to keep")),
    "backup.usb_dir": ("", "text", N_("Folder of the USB stick for backups")),
    "backup.keep_daily": ("7", "int", N_("How many daily automatic backups to keep")),
    "backup.keep_weekly": ("8", "int", N_("How many weekly automatic backups to keep")),
    "auth.max_attempts": ("5", "int", N_("Wrong PINs before a user is locked")),
    "auth.lock_minutes": ("5", "int", N_("Minutes a locked user waits")),
}


def define(key: str, default: str, kind: str = "text", help: str = "") -> None:
    DEFINITIONS.setdefault(key, (default, kind, help))


def label(key: str) -> str:
    """What the owner reads for a setting: its description in the window's
    language (the key itself only for a setting no area defined)."""
    described = DEFINITIONS.get(key, ("", "", ""))[2]
    return tr(described) if described else key


def validate(key: str, value: str) -> str:
    value = str(value).strip()
    key_name = key
    key = label(key_name)
    kind = DEFINITIONS.get(key_name, ("", "text", ""))[1]
    if kind == "int":
        if not value.lstrip("-").isdigit():
            raise ValidationError(tr("{key} must be a whole number", key=key), field=key_name)
    elif kind == "decimal":
        try:
            Decimal(value)
        except Exception:
            raise ValidationError(tr("{key} must be a number", key=key), field=key_name) from None
    elif kind.startswith("choice:"):
        options = kind.split(":", 1)[1].split(",")
        if value not in options:
            raise ValidationError(
                tr("{key} must be one of: {options}", key=key, options=", ".join(options)),
                field=key_name,
            )
    return value


def get(db, key: str, default: str | None = None) -> str | None:
    value = scalar(db, "SELECT value FROM settings WHERE key = ?", [key])
    if value is not None:
        return value
    if default is not None:
        return default
    return DEFINITIONS.get(key, (None,))[0]


def get_decimal(db, key: str, default: str = "0") -> Decimal:
    return Decimal(get(db, key, None) or default)


def get_int(db, key: str, default: int = 0) -> int:
    value = get(db, key, None)
    return int(value) if value not in (None, "") else default


def set(db, key: str, value: str, *, actor: Actor) -> str:
    require(actor, "settings.edit")
    key = key.strip()
    if not key:
        raise ValidationError(tr("The setting needs a name"), field="key")
    value = validate(key, value)
    with tx(db):
        old = get(db, key)
        db.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [key, value, clock.now_iso()],
        )
        audit.record(db, actor, "settings.set", "settings", key, old=old, new=value)
    return value


def all_settings(db) -> dict[str, str]:
    values = {key: default for key, (default, _k, _h) in DEFINITIONS.items()}
    values.update({r["key"]: r["value"] for r in rows(db, "SELECT key, value FROM settings")})
    return values
