"""The one number reader: Peru's 1,234.50, a Spanish spreadsheet's 1.234,50,
and a refusal (with a suggestion) for what could be either."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core.errors import ValidationError
from smedesk.core.numbers import read_number, write_number


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234.50", "1234.50"),      # Peru
    ("1.234,50", "1234.50"),      # a spreadsheet in a Spanish locale
    ("1,5", "1.5"),               # one or two digits after a comma: only a decimal comma
    ("3,80", "3.80"),
    ("1,2345", "1.2345"),
    ("0.125", "0.125"),
    ("0.0025", "0.0025"),
    ("1.234", "1.234"),           # a point alone is Peru's decimal point
    ("1.234.567", "1234567"),     # only Spain reads it
    ("12,345,678", "12345678"),   # only Peru reads it
    ("S/ 1,234.50", "1234.50"),
    ("US$ 3.5", "3.5"),
    ("-5", "-5"),
    ("\u00a07\u00a0", "7"),
])
def test_reads_what_is_unambiguous(text, expected):
    assert read_number(text) == Decimal(expected)


def test_refuses_a_comma_before_three_digits_with_the_suggestion():
    with pytest.raises(ValidationError) as refused:
        read_number("0,125", field="qty", where="Cantidad")
    assert refused.value.message == "Cantidad: ¿0,125 es 0.125? Escríbalo con punto decimal: 0.125"
    assert refused.value.field == "qty"


def test_refuses_3785_that_could_be_thousands_or_decimals():
    with pytest.raises(ValidationError, match=r"¿3,785 es 3.785 o 3785\? Escríbalo con punto decimal: 3.785"):
        read_number("3,785")


@pytest.mark.parametrize("text", ["doce", "", "1e5", "1.5.5", "1,2,3", "NaN", "12-3", "1,23.4"])
def test_refuses_what_is_not_a_number(text):
    with pytest.raises(ValidationError):
        read_number(text)


def test_refuses_floats_outright():
    with pytest.raises(TypeError):
        read_number(0.1)


def test_negative_can_be_refused():
    with pytest.raises(ValidationError, match="negativo"):
        read_number("-3", allow_negative=False)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=8, min_value=-10**9, max_value=10**9))
def test_written_numbers_read_back_exactly(value):
    assert read_number(write_number(value)) == value


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=0, max_value=10**7))
def test_peru_grouped_text_reads_back_exactly(value):
    text = format(value, ",f")  # 1,234,567.000001 as Peru writes it
    if "." not in text and text.count(",") == 1:
        return  # «1,234» is the ambiguous form, refused by design
    assert read_number(text) == value


def test_write_number_is_canonical():
    assert write_number(Decimal("0.00250")) == "0.0025"
    assert write_number(Decimal("180.000")) == "180"
    assert write_number(Decimal("1E+2")) == "100"
