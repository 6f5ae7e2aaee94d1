"""Dates as Peru writes them: the one reader for every date a person types or a
file brings, and the one way the window and printouts show a day.

`read_date` takes ISO 8601 (2026-03-31: files, the CLI, the database) and the
day-first forms Peru and a spreadsheet saved in a Spanish locale write
(31/03/2026, 1/3/2026, 31/03/26, also with "-" or "." between the parts).
Two-digit years are 2000–2099. A day that does not exist (31/02/2026) is
refused by name, never moved to the next valid day; month-first order
(02/28/2026) is refused, never guessed.

    read_date("28/02/2026")      -> date(2026, 2, 28)
    read_iso("28/02/26")         -> "2026-02-28"
    iso_date("")                 -> None  (optional dates stay optional)
    show_date("2026-02-28")      -> "28/02/2026"
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
_MONTH_ISO = re.compile(r"(\d{4})-(\d{2})")
_MONTH_PERU = re.compile(r"(\d{1,2})[/.-](\d{4})")
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def _refuse(message: str, field: str | None, where: str | None) -> ValidationError:
    return ValidationError(f"{where}: {message}" if where else message, field=field)


def read_date(value, *, field: str | None = "date", where: str | None = None) -> dt.date:
    """The day `value` names: a date, or text as ISO or day-first. Raises
    ValidationError (on `field`, prefixed with `where`, e.g. a file's row) for
    anything else, an empty text included."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None else str(value).strip()
    iso, day_first = _ISO.match(text), _DAY_FIRST.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif day_first:
        day, month, year = int(day_first[1]), int(day_first[3]), int(day_first[4])
        if len(day_first[4]) == 2:
            year += 2000
    else:
        raise _refuse(tr("«{value}» is not a date: write it as dd/mm/yyyy (for example 28/02/2026).",
                         value=text), field, where)
    if not 1 <= month <= 12:
        raise _refuse(tr("«{value}» is not a date: there is no month {month}.", value=text, month=month),
                      field, where)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise _refuse(tr("«{value}» is not a date: {month} {year} has {days} days.", value=text,
                         month=tr(MONTHS[month - 1]), year=year, days=last), field, where)
    return dt.date(year, month, day)


def read_iso(value, *, field: str | None = "date", where: str | None = None) -> str:
    """`read_date` as ISO text, for the database."""
    return read_date(value, field=field, where=where).isoformat()


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
