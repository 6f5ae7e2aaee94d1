"""Money: integer céntimos in the database, Decimal in Python, never float.

Rounding is half-up to the cent and happens only where a document shows a
line or a total (`round_cents`), never in between.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

CENT = Decimal("0.01")
CURRENCIES = ("PEN", "USD")


def to_decimal(value, *, field: str | None = None, allow_negative: bool = True) -> Decimal:
    """Parse a user or file value into Decimal through the one strict reader
    (`smedesk.core.numbers.read_number`): 1,234.50 and 1.234,50 yes, 3,785 refused."""
    from smedesk.core.numbers import read_number

    return read_number(value, field=field, allow_negative=allow_negative)


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """Decimal soles → integer céntimos, rounding half-up."""
    if isinstance(amount, float):
        raise TypeError("money must not be float")
    return int(round_cents(Decimal(amount)) * 100)


def from_cents(cents: int | None) -> Decimal:
    if cents is None:
        return Decimal("0.00")
    return (Decimal(int(cents)) / 100).quantize(CENT)


def dec_str(amount: Decimal, places: int = 2) -> str:
    """Canonical text with a fixed number of decimals ('12.30')."""
    q = Decimal(1).scaleb(-places)
    return str(Decimal(amount).quantize(q, rounding=ROUND_HALF_UP))


def canonical(value: Decimal) -> str:
    """Canonical text for quantities and rates stored in the database."""
    from smedesk.core.numbers import write_number

    return write_number(value)


def check_currency(code: str, *, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if code not in CURRENCIES:
        raise ValidationError(tr("Unknown currency «{code}» (use PEN or USD)", code=code), field=field)
    return code


def format_money(amount: Decimal | int, currency: str = "PEN", lang: str | None = None) -> str:
    """'S/ 1,234.50' in es-PE; ints are céntimos."""
    from babel.numbers import format_currency

    from smedesk.core import i18n  # noqa: F811

    if isinstance(amount, int):
        amount = from_cents(amount)
    locale = "es_PE" if (lang or i18n.current()) == "es" else "en_US"
    if currency == "PEN" and locale == "en_US":
        return "S/ " + format(round_cents(amount), ",.2f")
    return format_currency(round_cents(amount), currency, locale=locale)


def rate_str(value: Decimal) -> str:
    """A unit price or rate for a person to read: two decimals at least, every
    exact decimal beyond them kept ('9.50', '0.0025'), never rounded away."""
    value = Decimal(value)
    if value.as_tuple().exponent >= -2 or value == value.quantize(CENT):
        return dec_str(value)
    return canonical(value)
