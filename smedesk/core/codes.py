"""Identity codes: RUC, DNI, EAN-13 / GTIN."""

from __future__ import annotations

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
RUC_PREFIXES = ("10", "15", "17", "20")


def ruc_check_digit(first_ten: str) -> int:
    total = sum(int(d) * w for d, w in zip(first_ten, RUC_WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def validate_ruc(value: str, *, field: str = "ruc") -> str:
    ruc = (value or "").strip().replace(" ", "").replace("-", "")
    if not ruc.isdigit() or len(ruc) != 11:
        raise ValidationError(tr("A RUC has 11 digits; «{value}» does not.", value=value), field=field)
    if ruc[:2] not in RUC_PREFIXES:
        raise ValidationError(
            tr("A RUC starts with 10, 15, 17 or 20; «{value}» does not.", value=value), field=field
        )
    if ruc_check_digit(ruc[:10]) != int(ruc[10]):
        raise ValidationError(
            tr("The RUC «{value}» has a wrong check digit: check it was typed correctly.", value=value),
            field=field,
        )
    return ruc


def validate_dni(value: str, *, field: str = "dni") -> str:
    dni = (value or "").strip()
    if not dni.isdigit() or len(dni) != 8:
        raise ValidationError(tr("A DNI has 8 digits; «{value}» does not.", value=value), field=field)
    return dni


def validate_tax_id(value: str, *, field: str = "tax_id") -> tuple[str, str]:
    """A party's id: ('ruc', …) for 11 digits, ('dni', …) for 8, else refused."""
    text = (value or "").strip()
    if len(text) == 8:
        return "dni", validate_dni(text, field=field)
    return "ruc", validate_ruc(text, field=field)


def ean13_check_digit(first_twelve: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve))
    return (10 - total % 10) % 10


def validate_ean13(value: str, *, field: str = "gtin") -> str:
    """A 13-digit GTIN with a right check digit. Fewer digits are padded back with
    the leading zeros a spreadsheet drops when it turns the column into a number
    (0012345678905 → 12345678905), then checked like any other."""
    code = (value or "").strip()
    if code.isdigit() and len(code) < 13:
        code = code.zfill(13)
    if not code.isdigit() or len(code) != 13:
        raise ValidationError(tr("A GTIN (EAN-13) has 13 digits; «{value}» does not.", value=value), field=field)
    if ean13_check_digit(code[:12]) != int(code[12]):
        if code != (value or "").strip():
            raise ValidationError(tr("The GTIN «{value}» (read as {code}) has a wrong check digit.",
                                     value=value, code=code), field=field)
        raise ValidationError(tr("The GTIN «{value}» has a wrong check digit.", value=value), field=field)
    return code
