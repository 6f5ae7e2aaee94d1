import datetime as dt

import pytest

from smedesk.core import dates
from smedesk.core.dates import read_date, read_iso
from smedesk.core.errors import ValidationError


@pytest.mark.parametrize("text, day", [
    ("28/02/2026", dt.date(2026, 2, 28)),
    ("1/3/2026", dt.date(2026, 3, 1)),
    ("01-03-2026", dt.date(2026, 3, 1)),
    ("01.03.2026", dt.date(2026, 3, 1)),
    (" 2026-02-28 ", dt.date(2026, 2, 28)),
])
def test_reads_peru_and_iso_forms(text, day):
    assert dates.read_date(text) == day


@pytest.mark.parametrize("text", ["02/28/2026", "31/02/2026", "2026/02/28", "28/02-2026",
                                  "", "hoy", "28/02/202"])
def test_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(ValidationError) as err:
        dates.read_date(text, field="due_date")
    assert err.value.field == "due_date"


def test_the_refusal_names_the_form_to_use_in_spanish():
    with pytest.raises(ValidationError) as err:
        dates.read_date("28/02-2026")
    assert "dd/mm/aaaa" in str(err.value)


def test_empty_optional_date_stays_empty_or_takes_the_default():
    assert dates.iso_date("") is None
    assert dates.iso_date("  ", default=dt.date(2026, 1, 5)) == "2026-01-05"
    assert dates.iso_date("5/1/2026") == "2026-01-05"


def test_shows_every_day_as_dd_mm_yyyy():
    assert dates.show_date("2026-02-28") == "28/02/2026"
    assert dates.show_date("2026-02-28T15:04:00+00:00") == "28/02/2026"
    assert dates.show_date(dt.date(2026, 12, 1)) == "01/12/2026"
    assert dates.show_date(None) == ""


def test_months_in_both_forms():
    assert dates.read_month("02/2026") == "2026-02"
    assert dates.read_month("2026-11") == "2026-11"
    with pytest.raises(ValidationError):
        dates.read_month("13/2026")


def test_domain_takes_peru_dates(tmp_path):
    from smedesk.accounts import journal
    assert journal.parse_date("28/02/2026") == "2026-02-28"
    assert journal.parse_date("2026-02-28") == "2026-02-28"



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
