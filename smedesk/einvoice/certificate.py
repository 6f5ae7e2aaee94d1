"""The owner's digital certificate (.pfx/.p12 and its password), loaded once.

Kept like the shop keys (`smedesk.sync.credentials`): a file only this OS user can
read (0600), in the user's config folder (or the stick's, in portable mode), filed
under the business's uid. Never in the business file, so never in a backup or a
bundle. The certificate must name the business's RUC and be valid today.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from smedesk.core import audit, business, clock
from smedesk.core.codes import ruc_check_digit
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require, require_view
from smedesk.sync.credentials import folder

WARN_DAYS = 30
_RUC = re.compile(r"(?<!\d)(10|15|17|20)\d{9}(?!\d)")
_cache: dict[tuple, tuple] = {}


@dataclass(frozen=True)
class CertInfo:
    """Attributes: subject (RFC 4514 text), ruc, not_before, not_after (ISO UTC)."""

    subject: str
    ruc: str
    not_before: str
    not_after: str

    def as_dict(self) -> dict:
        return {"subject": self.subject, "ruc": self.ruc, "not_before": self.not_before, "not_after": self.not_after}


def _ruc_in(cert) -> str:
    for attribute in cert.subject:
        for match in _RUC.finditer(str(attribute.value)):
            ruc = match.group(0)
            if ruc_check_digit(ruc[:10]) == int(ruc[10]):
                return ruc
    return ""


def _iso(moment: dt.datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse(data: bytes, password: str):
    """(private key, certificate, CertInfo) from .pfx bytes; refuses a wrong password
    or a file without an RSA key and its certificate."""
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, (password or "").encode("utf-8"))
    except ValueError:
        raise ValidationError(tr("The certificate could not be opened: the password is wrong or the file is "
                                 "not a .pfx/.p12 certificate."), field="password") from None
    if cert is None or not isinstance(key, rsa.RSAPrivateKey):
        raise ValidationError(tr("The file has no RSA private key with its certificate; SUNAT needs both."),
                              field="file")
    info = CertInfo(cert.subject.rfc4514_string(), _ruc_in(cert), _iso(cert.not_valid_before_utc),
                    _iso(cert.not_valid_after_utc))
    return key, cert, info


def check(info: CertInfo, ruc: str, now: dt.datetime) -> None:
    if clock.parse(info.not_after) <= now:
        raise ValidationError(tr("The certificate expired on {date}; load a valid one.", date=info.not_after[:10]),
                              field="file")
    if clock.parse(info.not_before) > now:
        raise ValidationError(tr("The certificate is valid only from {date}.", date=info.not_before[:10]), field="file")
    if info.ruc != ruc:
        raise ValidationError(tr("The certificate belongs to RUC {other}, not to this business ({ruc}).",
                                 other=info.ruc or "—", ruc=ruc), field="file")


def _file(db) -> Path:
    return folder() / f"certificate-{business.get(db)['uid']}.json"


def install(db, path, password: str, *, actor: Actor) -> CertInfo:
    """Check and keep the certificate for signing; returns whose it is."""
    require(actor, "settings.edit")
    path = Path(path)
    if not path.is_file():
        raise ValidationError(tr("There is no file {path}.", path=path), field="file")
    data = path.read_bytes()
    _key, _cert, info = parse(data, password)
    check(info, business.get(db)["ruc"], clock.now())
    target = _file(db)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"pfx": base64.b64encode(data).decode("ascii"), "password": password}, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, target)
    _cache.clear()
    audit.record(db, actor, "certificate.load", "business", 1, subject=info.subject, not_after=info.not_after)
    return info


def _stored(db):
    target = _file(db)
    if not target.exists():
        return None
    st = target.stat()
    cache_key = (str(target), st.st_mtime_ns, st.st_size)
    if cache_key in _cache:
        return _cache[cache_key]
    if os.name == "posix" and stat.S_IMODE(st.st_mode) & 0o077:
        raise ValidationError(tr("The certificate file {path} can be read by other users; set it to 0600 or load "
                                 "the certificate again.", path=target), field="file")
    try:
        saved = json.loads(target.read_text(encoding="utf-8"))
        found = parse(base64.b64decode(saved["pfx"]), saved["password"])
    except (ValueError, KeyError, TypeError):
        raise ValidationError(tr("The stored certificate is damaged; load it again."), field="file") from None
    _cache.clear()
    _cache[cache_key] = found
    return found


def info(db) -> CertInfo | None:
    require_view(db, "accounts.view")
    found = _stored(db)
    return found[2] if found else None


def signer(db):
    """(private key, certificate PEM bytes) for signing now, or a refusal saying why."""
    found = _stored(db)
    if found is None:
        raise ValidationError(tr("No digital certificate is loaded: load the .pfx on the Business page "
                                 "(or `smedesk cert load`)."), field="certificate")
    key, cert, cert_info = found
    check(cert_info, business.get(db)["ruc"], clock.now())
    return key, cert.public_bytes(serialization.Encoding.PEM)


def has_certificate(db) -> bool:
    return _file(db).exists()


def expiry_warning(cert_info: CertInfo | None, now: dt.datetime | None = None) -> str | None:
    """A warning from 30 days before the certificate expires, else None."""
    if cert_info is None:
        return None
    now = now or clock.now()
    left = (clock.parse(cert_info.not_after) - now).days
    if left < 0:
        return tr("The digital certificate has expired: documents cannot be signed.")
    if left <= WARN_DAYS:
        return tr("The digital certificate expires in {days} days ({date}); renew it.", days=left,
                  date=cert_info.not_after[:10])
    return None
