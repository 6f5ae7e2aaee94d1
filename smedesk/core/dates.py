"""The one reader for every date a person types or a file brings.

ISO 8601 (2026-03-31), and the day-first forms a spreadsheet saved in a
Spanish locale writes (31/03/2026, 31/03/26, also with - or .). Two-digit
years are 2000–2099. A day that does not exist (31/02/2026) is refused by
name, never moved to the next valid day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def _refuse(message: str, field: str | None, where: str | None) -> ValidationError:
    return ValidationError(f"{where}: {message}" if where else message, field=field)


def read_date(value, *, field: str | None = "date", where: str | None = None) -> dt.date:
    """A date from a date, or from text as ISO (2026-03-31) or day-first (31/03/2026, 31/03/26)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = "" if value is None else str(value).strip()
    iso, day_first = _ISO.match(text), _DAY_FIRST.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif day_first:
        day, month, year = (int(g) for g in day_first.groups())
        if len(day_first.group(3)) == 2:
            year += 2000
    else:
        raise _refuse(tr("«{value}» is not a date (write it as 31/03/2026 or 2026-03-31).", value=text),
                      field, where)
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
