import datetime as dt

import pytest

from smedesk.core.dates import read_date, read_iso
from smedesk.core.errors import ValidationError


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-31", dt.date(2026, 3, 31)),
    ("31/03/2026", dt.date(2026, 3, 31)),   # a spreadsheet in a Spanish locale
    ("31/03/26", dt.date(2026, 3, 31)),
    ("1/2/2026", dt.date(2026, 2, 1)),       # day first: 1 February, never 2 January
    ("29/02/2028", dt.date(2028, 2, 29)),
    (dt.date(2026, 5, 1), dt.date(2026, 5, 1)),
])
def test_reads_iso_and_day_first_dates(text, expected):
    assert read_date(text) == expected


def test_a_day_that_does_not_exist_is_refused_by_name():
    with pytest.raises(ValidationError) as refused:
        read_date("31/02/2026", field="valid_from", where="Vigente desde")
    assert refused.value.message == "Vigente desde: «31/02/2026» no es una fecha: febrero de 2026 tiene 28 días."
    assert refused.value.field == "valid_from"


@pytest.mark.parametrize("text", ["2026-02-30", "13/13/2026", "mañana", "", "2026/03/31", "31-03"])
def test_refuses_what_is_not_a_date(text):
    with pytest.raises(ValidationError, match="no es una fecha"):
        read_date(text)


def test_read_iso_gives_database_text():
    assert read_iso("05/01/26") == "2026-01-05"
