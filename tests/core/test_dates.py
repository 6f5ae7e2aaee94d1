import datetime as dt

import pytest

from smedesk.core import dates
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


@pytest.mark.parametrize("text", ["28/02/26", "02/28/2026", "31/02/2026", "2026/02/28", "28/02-2026",
                                  "", "hoy", "2026-2-28"])
def test_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(ValidationError) as err:
        dates.read_date(text, field="due_date")
    assert err.value.field == "due_date"


def test_the_refusal_names_the_form_to_use_in_spanish():
    with pytest.raises(ValidationError) as err:
        dates.read_date("28/02/26")
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
