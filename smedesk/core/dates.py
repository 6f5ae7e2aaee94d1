"""Dates as Peru writes them: one strict reader for every date a person types.

`read_date` takes the day as it is written in Peru, dd/mm/aaaa (28/02/2026, also
with "-" or "." between the parts, and 1/3/2026 without the zeros), and still
the ISO form aaaa-mm-dd that files, the CLI and the database use. Anything else
is refused with a Spanish message naming the form to use — never guessed: a
two-digit year (28/02/26) or month-first order (02/28/2026) is not a date here.
`show_date` writes a day the one way the window and printouts show it.

    read_date("28/02/2026")      -> date(2026, 2, 28)
    iso_date("2026-02-28")       -> "2026-02-28"
    show_date("2026-02-28")      -> "28/02/2026"
"""

from __future__ import annotations

import datetime as dt
import re

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PERU = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTH_ISO = re.compile(r"(\d{4})-(\d{2})")
_MONTH_PERU = re.compile(r"(\d{1,2})[/.-](\d{4})")


def _refuse(value, field: str):
    return ValidationError(
        tr("«{value}» is not a date: write it as dd/mm/yyyy (for example 28/02/2026).", value=value),
        field=field)


def read_date(value, *, field: str = "date") -> dt.date:
    """The day `value` names: a date, aaaa-mm-dd or dd/mm/aaaa. Raises
    ValidationError (on `field`) for anything else, an empty text included."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value if value is not None else "").strip()
    iso = _ISO.fullmatch(text)
    peru = None if iso else _PERU.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if peru:
            return dt.date(int(peru[4]), int(peru[3]), int(peru[1]))
    except ValueError:
        pass  # 31/02/2026: the right shape, no such day
    raise _refuse(value, field)


def iso_date(value, *, field: str = "date", default: dt.date | None = None) -> str | None:
    """`read_date` as aaaa-mm-dd text. An empty value gives `default` (as text),
    or None when no default is given — so optional dates stay optional."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default.isoformat() if default is not None else None
    return read_date(value, field=field).isoformat()


def read_month(value, *, field: str = "month") -> str:
    """A month as aaaa-mm from aaaa-mm or mm/aaaa (02/2026)."""
    text = str(value if value is not None else "").strip()
    iso = _MONTH_ISO.fullmatch(text)
    peru = None if iso else _MONTH_PERU.fullmatch(text)
    year, month = (int(iso[1]), int(iso[2])) if iso else (int(peru[2]), int(peru[1])) if peru else (0, 0)
    if not 1 <= month <= 12 or year < 1:
        raise ValidationError(
            tr("«{value}» is not a month: write it as mm/yyyy (for example 02/2026).", value=value),
            field=field)
    return f"{year:04d}-{month:02d}"


def show_date(value) -> str:
    """dd/mm/aaaa for a date or an ISO text (a timestamp's day part is used);
    empty for nothing; text that is no date comes back as it was."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    try:
        return read_date(str(value)[:10]).strftime("%d/%m/%Y")
    except ValidationError:
        return str(value)
