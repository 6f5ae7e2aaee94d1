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


SYMBOLS = {"PEN": "S/", "USD": "US$"}  # US$, not $: buyers in Chile or Canada read $ as their own


def grouped(amount: Decimal | int, places: int = 2) -> str:
    """A figure with thousands grouped and `places` decimals, rounded half-up:
    Decimal('1234.565') -> '1,234.57' (es-PE and English write it alike).
    The one place figures are written for people; ints are taken as they are."""
    if isinstance(amount, float):
        raise TypeError("money must not be float")
    q = Decimal(1).scaleb(-places)
    return format(Decimal(amount).quantize(q, rounding=ROUND_HALF_UP), f",.{places}f")


def format_money(amount: Decimal | int, currency: str = "PEN", lang: str | None = None) -> str:
    """'S/ 1,234.50', 'US$ 1,234.50', '-S/ 3.00' (a no-break space keeps the
    symbol with the figure); ints are céntimos; half-up to the cent. The same
    in Spanish and English (`lang` is accepted for callers that pass it)."""
    if isinstance(amount, int) and not isinstance(amount, bool):
        amount = from_cents(amount)
    value = round_cents(Decimal(amount))
    sign = "-" if value < 0 else ""
    return f"{sign}{SYMBOLS.get(currency, currency)}\xa0{grouped(abs(value))}"


def format_price(value: Decimal, currency: str = "PEN") -> str:
    """A unit price for a person, with its symbol and thousands grouped, every
    exact decimal kept as `rate_str` keeps it: 'S/ 2,300.00', 'US$ 0.0025'."""
    text = rate_str(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = text.partition(".")
    return f"{sign}{SYMBOLS.get(currency, currency)}\xa0{int(whole):,}.{decimals}"


def rate_str(value: Decimal) -> str:
    """A unit price or rate for a person to read: two decimals at least, every
    exact decimal beyond them kept ('9.50', '0.0025'), never rounded away."""
    value = Decimal(value)
    if value.as_tuple().exponent >= -2 or value == value.quantize(CENT):
        return dec_str(value)
    return canonical(value)
