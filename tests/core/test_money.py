from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core import money
from smedesk.core.errors import ValidationError


def test_to_cents_rounds_half_up():
    assert money.to_cents(Decimal("10.005")) == 1001
    assert money.to_cents(Decimal("10.004")) == 1000
    assert money.to_cents(Decimal("-0.005")) == -1


def test_from_cents_gives_two_decimals():
    assert money.from_cents(123456) == Decimal("1234.56")
    assert str(money.from_cents(5)) == "0.05"


def test_float_is_refused():
    with pytest.raises(TypeError):
        money.to_cents(1.5)
    with pytest.raises(TypeError):
        money.to_decimal(1.5)


@pytest.mark.parametrize(
    "text, expected",
    [("1,234.50", "1234.50"), ("1234,50", "1234.50"), ("S/ 12.3", "12.3"), ("1,234,567", "1234567"), ("1.234,50", "1234.50"), (" 7 ", "7")],
)
def test_to_decimal_reads_what_people_type(text, expected):
    assert money.to_decimal(text) == Decimal(expected)


def test_to_decimal_refuses_garbage_and_negative():
    with pytest.raises(ValidationError, match="no es un número"):
        money.to_decimal("doce")
    with pytest.raises(ValidationError, match="negativo"):
        money.to_decimal("-3", allow_negative=False)
    with pytest.raises(ValidationError):
        money.to_decimal("NaN")


def test_format_money_in_peru():
    # a no-break space keeps the symbol with the figure
    assert money.format_money(Decimal("1234.5")) == "S/\xa01,234.50"
    assert money.format_money(123450) == "S/\xa01,234.50"
    assert money.format_money(Decimal("-3"), "USD", lang="en") == "-US$\xa03.00"


def test_figures_round_half_up_everywhere():
    # 2.675 and 0.125 are exact in Decimal: half-up gives 2.68 and 0.13 (half-even would give 0.12)
    assert money.grouped(Decimal("0.125")) == "0.13"
    assert money.grouped(Decimal("1234567.675")) == "1,234,567.68"
    assert money.format_money(Decimal("0.125")) == "S/\xa00.13"
    assert money.grouped(Decimal("2.5"), places=0) == "3"


def test_canonical_text():
    assert money.canonical(Decimal("2.500")) == "2.5"
    assert money.canonical(Decimal("3.00")) == "3"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_cents_round_trip(cents):
    assert money.to_cents(money.from_cents(cents)) == cents


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False))
def test_rounding_error_is_at_most_half_a_cent(amount):
    assert abs(money.from_cents(money.to_cents(amount)) - amount) <= Decimal("0.005")


def test_a_unit_price_keeps_its_exact_decimals_and_groups_thousands():
    assert money.format_price(Decimal("2300")) == "S/\xa02,300.00"
    assert money.format_price(Decimal("1850.125")) == "S/\xa01,850.125"
    assert money.format_price(Decimal("0.0025"), "USD") == "US$\xa00.0025"
    assert money.format_price(Decimal("-1234.5")) == "-S/\xa01,234.50"
