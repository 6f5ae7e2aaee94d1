"""The one reader for every number a person types or a file brings.

Peru writes 1,234.50 (point for decimals, comma for thousands: CLDR es_PE).
A spreadsheet saved in a Spanish locale writes 1.234,50 or 0,125 (es_ES).
Both are parsed with babel's strict number parsing; what only one of them
reads is accepted, what both read alike is accepted, and what could be either
(a lone comma before exactly three digits: «3,785», «0,125») is refused with
a suggestion, never guessed. A point alone is a decimal point, as in Peru.

`read_number` returns a Decimal; `write_number` gives the canonical text it
reads back exactly (`read_number(write_number(x)) == x`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

PERU, SPAIN = "es_PE", "es_ES"
_SYMBOL = re.compile(r"^([+-]?)(?:US\$|S/\.?|\$)", re.IGNORECASE)  # S/ 12.50, US$ 3, -S/ 4
_ALLOWED = re.compile(r"^[+-]?[0-9.,]+$")
_PLAIN = re.compile(r"^[+-]?[0-9]+(?:\.[0-9]+)?$")
# One comma and exactly three digits after it, no point: 3,785 is 3785 in Peru, 3.785 in Spain.
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3},\d{3}$")


def _refuse(message: str, field: str | None, where: str | None) -> ValidationError:
    if where:
        message = f"{where}: {message}"
    return ValidationError(message, field=field)


def _strict(text: str, locale: str) -> Decimal | None:
    try:
        return parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


def read_number(value, *, field: str | None = None, where: str | None = None,
                allow_negative: bool = True) -> Decimal:
    """A Decimal from typed or imported text (or an int/Decimal); refuses floats,
    text that is not a number, and text that could mean two numbers.
    `where` (a field label or «line 4») prefixes the message."""
    if isinstance(value, float):
        raise TypeError("numbers must not be float")
    if isinstance(value, bool):
        raise TypeError("a bool is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        original = "" if value is None else str(value)
        text = original.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        text = _SYMBOL.sub(r"\1", text)
        if _PLAIN.match(text):  # 12, -3.5, 0.0025: what both readings agree on, read at once
            return _checked(Decimal(text), value, field, where, allow_negative)
        if not text or not _ALLOWED.match(text):
            raise _refuse(tr("«{value}» is not a number", value=original.strip()), field, where)
        if _AMBIGUOUS.match(text):
            point = text.replace(",", ".").lstrip("+")
            whole = str(int(text.replace(",", "")))
            if text.lstrip("+-").startswith("0,"):
                # 0,125 hardly means 125, but a guess is still a guess: say how to write it
                raise _refuse(tr("Is {text} {point}? Write it with a decimal point: {point}",
                                 text=text, point=point), field, where)
            raise _refuse(
                tr("Is {text} {point} or {whole}? Write it with a decimal point: {point}"
                   " (or {whole} without the comma)", text=text, point=point, whole=whole),
                field, where)
        peru, spain = _strict(text, PERU), _strict(text, SPAIN)
        if "," not in text:
            # A point alone is Peru's decimal point (1.5, 0.125); 1.234.567 only Spain can read.
            result = peru if peru is not None else spain
        elif peru is not None and spain is not None and peru != spain:
            raise _refuse(tr("«{value}» could be read two ways; write it like 1234.50", value=text), field, where)
        else:
            result = peru if peru is not None else spain
        if result is None:
            raise _refuse(tr("«{value}» is not a number", value=original.strip()), field, where)
    return _checked(result, value, field, where, allow_negative)


def _checked(result: Decimal, value, field, where, allow_negative: bool) -> Decimal:
    if not result.is_finite():
        raise _refuse(tr("«{value}» is not a number", value=value), field, where)
    if not allow_negative and result < 0:
        raise _refuse(tr("«{value}» cannot be negative", value=value), field, where)
    return result


def write_number(value: Decimal) -> str:
    """Canonical text of a Decimal: no exponent, no trailing zeros ('0.0025', '180', '-3.5')."""
    value = Decimal(value)
    if value == value.to_integral():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
