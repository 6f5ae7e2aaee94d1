"""The shop's API keys and the WordPress application password for media: in
the system keyring when one works here, otherwise
in a file only its owner can read (0600). Never in the business file, never
in a log or an error message.

Keys are filed under the business's uid, so two businesses on one PC (or on
one USB stick) never mix their keys.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

SERVICE = "smedesk"


@dataclass(frozen=True)
class Keys:
    """Attributes: key (consumer key, ck_…), secret (consumer secret, cs_…),
    wp_user and app_password (a WordPress application password, WordPress 5.6+:
    WooCommerce keys open only the wc/ routes, and photos and PDFs go to
    WordPress's media library, which takes a user's application password)."""

    key: str
    secret: str
    wp_user: str = ""
    app_password: str = ""

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return "Keys(key=…, secret=…)"

    @property
    def has_media(self) -> bool:
        return bool(self.wp_user and self.app_password)

    def as_dict(self) -> dict:
        return {"key": self.key, "secret": self.secret, "wp_user": self.wp_user, "app_password": self.app_password}


def _keyring():
    """The keyring module when a real backend works here, else None."""
    if os.environ.get("SMEDESK_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except Exception:
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
    except Exception:
        return None
    return keyring


def folder() -> Path:
    """Where the keys file lives: SMEDESK_CREDENTIALS_DIR, the portable data
    folder on the stick, or the user's own config folder."""
    env = os.environ.get("SMEDESK_CREDENTIALS_DIR")
    if env:
        return Path(env)
    from smedesk.core import paths

    portable = paths.portable_dir()
    if portable is not None:
        return portable / "claves"
    return Path(platformdirs.user_config_dir("smedesk", appauthor=False))


def _file(business_uid: str, slot: str = "keys") -> Path:
    return folder() / f"{slot}-{business_uid}.json"


def _ring_name(slot: str, business_uid: str) -> str:
    return business_uid if slot == "keys" else f"{slot}:{business_uid}"


def where(business_uid: str, slot: str = "keys") -> str:
    return tr("the system keyring") if _keyring() else str(_file(business_uid, slot))


def _check(keys: Keys) -> Keys:
    key, secret = (keys.key or "").strip(), (keys.secret or "").strip()
    if not key:
        raise ValidationError(tr("The consumer key cannot be empty."), field="consumer_key")
    if not secret:
        raise ValidationError(tr("The consumer secret cannot be empty."), field="consumer_secret")
    if any(c.isspace() for c in key + secret):
        raise ValidationError(tr("Keys have no spaces; copy them again from the shop."), field="consumer_key")
    user = (keys.wp_user or "").strip()
    # WordPress shows application passwords in groups of four; the spaces do not count.
    password = "".join((keys.app_password or "").split())
    if password and not user:
        raise ValidationError(tr("Give the WordPress user the application password belongs to."), field="wp_user")
    if user and not password:
        raise ValidationError(tr("Give the application password made for this user."), field="app_password")
    if password and (len(password) != 24 or not password.isalnum()):
        raise ValidationError(tr("An application password has 24 letters and digits (shown in groups of four); "
                                 "copy it again from the user's profile."), field="app_password")
    return Keys(key, secret, user, password)


def save_secret(slot: str, business_uid: str, data: dict) -> str:
    """Store one business's secret `data` under `slot` (keys: the shop's; sunat:
    the SOL user); returns where (for the message to the owner)."""
    ring = _keyring()
    if ring is not None:
        ring.set_password(SERVICE, _ring_name(slot, business_uid), json.dumps(data))
        return where(business_uid, slot)
    path = _file(business_uid, slot)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return str(path)


def load_secret(slot: str, business_uid: str) -> dict | None:
    """The stored secret, or None. A file others can read is refused."""
    ring = _keyring()
    text = None
    if ring is not None:
        text = ring.get_password(SERVICE, _ring_name(slot, business_uid))
    if text is None:
        path = _file(business_uid, slot)
        if not path.exists():
            return None
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise ValidationError(
                tr("The keys file {path} can be read by other users; set it to 0600 or save the keys again.",
                   path=path), field="consumer_key")
        text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ValidationError(tr("The stored keys are damaged; save them again."), field="consumer_key")
    return data


def forget_secret(slot: str, business_uid: str) -> None:
    ring = _keyring()
    if ring is not None:
        try:
            ring.delete_password(SERVICE, _ring_name(slot, business_uid))
        except Exception:
            pass
    _file(business_uid, slot).unlink(missing_ok=True)


def save(business_uid: str, keys: Keys) -> str:
    """Store the shop's keys; returns where (for the message to the owner)."""
    return save_secret("keys", business_uid, _check(keys).as_dict())


def load(business_uid: str) -> Keys | None:
    """The stored keys, or None. A keys file others can read is refused."""
    data = load_secret("keys", business_uid)
    if data is None:
        return None
    try:
        return Keys(str(data["key"]), str(data["secret"]), str(data.get("wp_user") or ""),
                    str(data.get("app_password") or ""))
    except KeyError:
        raise ValidationError(tr("The stored keys are damaged; save them again."), field="consumer_key") from None


def forget(business_uid: str) -> None:
    forget_secret("keys", business_uid)
