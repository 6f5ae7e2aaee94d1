"""Time: UTC ISO-8601 in the database, America/Lima on screen."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

LIMA = ZoneInfo("America/Lima")


def now() -> dt.datetime:
    """The current UTC time. SMEDESK_NOW (ISO-8601) pins it for tests and demos."""
    fixed = os.environ.get("SMEDESK_NOW")
    if fixed:
        return parse(fixed)
    return dt.datetime.now(dt.timezone.utc)


def now_iso() -> str:
    return iso(now())


def iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds").replace(
        "+00:00", "Z"
    )


def parse(text: str) -> dt.datetime:
    """Parse ISO-8601; a time without offset is taken as Lima time (what people type)."""
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=LIMA)
    return value.astimezone(dt.timezone.utc)


def today_lima() -> dt.date:
    return now().astimezone(LIMA).date()


def to_lima(value: str | dt.datetime) -> dt.datetime:
    if isinstance(value, str):
        value = parse(value)
    return value.astimezone(LIMA)
