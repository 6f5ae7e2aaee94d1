"""The SOL user that signs in to SUNAT's web services (the RUC followed by the
secondary user, e.g. 20100123453MODDATOS), its password and the addresses to
use. Kept like the shop's keys (smedesk.sync.credentials: the system keyring,
or a 0600 file beside the user's settings or on the stick); never in the
business file, a backup or a bundle."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smedesk.core import business
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.einvoice import client as clients
from smedesk.sync import credentials

SLOT = "sunat"
USER_RE = re.compile(r"^(\d{11})([A-Z0-9]{1,12})$")


@dataclass(frozen=True)
class Sol:
    """Attributes: user (RUC + SOL user), password, endpoint, consult_endpoint ("" for none)."""

    user: str
    password: str
    endpoint: str
    consult_endpoint: str = ""

    def __repr__(self) -> str:
        return f"Sol(user={self.user!r}, password=…, endpoint={self.endpoint!r})"

    def client(self, *, session=None, timeout=(10.0, 60.0)) -> clients.SunatClient:
        return clients.SunatClient(self.endpoint, user=self.user, password=self.password,
                                   consult_endpoint=self.consult_endpoint or None, session=session, timeout=timeout)


def check(user: str, password: str, ruc: str, endpoint: str | None = None,
          consult_endpoint: str | None = None) -> Sol:
    """A usable Sol, or a ValidationError saying what is wrong. Without an
    endpoint: SUNAT's beta for its test user (…MODDATOS), production otherwise."""
    user = (user or "").strip().upper()
    found = USER_RE.match(user)
    if not found:
        raise ValidationError(tr("The SOL user is the RUC followed by the user name (for example {ruc}MODDATOS); "
                                 "«{user}» is not.", ruc=ruc, user=user[:30]), field="user")
    if found.group(1) != ruc:
        raise ValidationError(tr("The SOL user starts with RUC {got}, but this business is RUC {ruc}.",
                                 got=found.group(1), ruc=ruc), field="user")
    if not password or password != password.strip() or "\n" in password:
        raise ValidationError(tr("Write the SOL password (no spaces at the ends)."), field="password")
    if endpoint:
        endpoint = clients.check_endpoint(endpoint)
    else:
        endpoint = clients.BETA if found.group(2) == clients.BETA_SOL_USER else clients.PRODUCTION
    if consult_endpoint:
        consult_endpoint = clients.check_endpoint(consult_endpoint, field="consult_endpoint")
    elif endpoint == clients.PRODUCTION:
        consult_endpoint = clients.CONSULT
    return Sol(user, password, endpoint, consult_endpoint or "")


def save(db, user: str, password: str, endpoint: str | None = None, consult_endpoint: str | None = None) -> str:
    me = business.get(db)
    sol = check(user, password, me["ruc"], endpoint, consult_endpoint)
    return credentials.save_secret(SLOT, me["uid"], sol.__dict__)


def load_for(business_uid: str) -> Sol | None:
    data = credentials.load_secret(SLOT, business_uid)
    if data is None:
        return None
    try:
        return Sol(str(data["user"]), str(data["password"]), str(data["endpoint"]),
                   str(data.get("consult_endpoint") or ""))
    except KeyError:
        raise ValidationError(tr("The stored SOL user is damaged; save it again."), field="user") from None


def load(db) -> Sol:
    found = load_for(business.get(db)["uid"])
    if found is None:
        raise ValidationError(tr("There is no SOL user for SUNAT yet: run «smedesk sunat credentials --user USER "
                                 "--password-stdin» first."), field="user")
    return found
