"""The business's fiscal data the XML needs, kept as settings: `business.address`
(fiscal address; the business's address when empty), `business.ubigeo` (INEI, 6
digits) and `business.establishment` (SUNAT's código de establecimiento anexo, 0000
for the fiscal address)."""

from __future__ import annotations

import re

from smedesk.core import settings
from smedesk.core.db import tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require

settings.define("business.address", "", "text", "Fiscal address (for the electronic comprobantes)")
settings.define("business.ubigeo", "", "text", "Ubigeo of the fiscal address (6 digits, INEI)")
settings.define("business.establishment", "0000", "text", "SUNAT establishment code (0000: the fiscal address)")


def check(address: str, ubigeo: str, establishment: str) -> tuple[str, str, str]:
    address, ubigeo, establishment = (address or "").strip(), (ubigeo or "").strip(), (establishment or "").strip()
    if ubigeo and not re.fullmatch(r"\d{6}", ubigeo):
        raise ValidationError(tr("The ubigeo has 6 digits (150101 is Lima, Lima, Lima); «{value}» does not.",
                                 value=ubigeo), field="business.ubigeo")
    if not re.fullmatch(r"\d{4}", establishment or "0000"):
        raise ValidationError(tr("The establishment code has 4 digits (0000 for the fiscal address); «{value}» "
                                 "does not.", value=establishment), field="business.establishment")
    return address, ubigeo, establishment or "0000"


def save(db, *, address: str, ubigeo: str, establishment: str, actor: Actor) -> None:
    require(actor, "settings.edit")
    values = check(address, ubigeo, establishment)
    with tx(db):
        for key, value in zip(("business.address", "business.ubigeo", "business.establishment"), values, strict=True):
            settings.set(db, key, value, actor=actor)
