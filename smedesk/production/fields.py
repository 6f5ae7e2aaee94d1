"""Field labels and the small validators every catalogue form and import shares."""

from __future__ import annotations

import re
from decimal import Decimal

from smedesk.core import clock
from smedesk.core.dates import read_iso
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.numbers import read_number

HS_PATTERN = re.compile(r"^\d{4}\.\d{2}\.\d{2}\.\d{2}$")

FIELD_LABELS = {
    "code": N_("Code"), "name": N_("Name"), "name_en": N_("Name in English"), "sku": N_("SKU"),
    "price": N_("Price"), "waste_pct": N_("Waste %"), "supplier": N_("Supplier"), "qty": N_("Quantity"),
    "part": N_("Part"), "step": N_("Step"), "std_minutes": N_("Standard minutes"),
    "rate_per_hour": N_("Rate per hour"), "piece_rate": N_("Piece rate"),
    "monthly_amount": N_("Monthly amount"), "min_order": N_("Minimum order"),
    "valid_from": N_("Valid from"), "description": N_("Description"), "description_en": N_("Description in English"),
}


def label(field: str) -> str:
    return tr(FIELD_LABELS.get(field, field))


# ---- validation helpers ---------------------------------------------------

def _text(value, field: str, *, required: bool = True, max_len: int = 200) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        raise ValidationError(tr("«{field}» cannot be empty.", field=label(field)), field=field)
    if len(text) > max_len:
        raise ValidationError(tr("«{field}» is too long.", field=label(field)), field=field)
    return text


def _positive(value, field: str, *, allow_zero: bool = False) -> Decimal:
    number = read_number(value, field=field, where=label(field))
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError(
            tr("«{field}» must be more than zero.", field=label(field)) if not allow_zero
            else tr("«{field}» cannot be negative.", field=label(field)),
            field=field,
        )
    return number


def normalize_hs_code(value: str) -> str:
    """'9401690000' or '9401.69.00.00' → '9401.69.00.00'; '' stays ''."""
    text = (value or "").strip()
    if not text:
        return ""
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            tr("The tariff code (subpartida nacional) has 10 digits, like 9401.69.00.00; «{value}» does not.", value=value),
            field="hs_code",
        )
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:8]}.{digits[8:]}"


def _date(value) -> str:
    if value is None or value == "":
        return clock.today_lima().isoformat()
    return read_iso(value, field="valid_from", where=label("valid_from"))
