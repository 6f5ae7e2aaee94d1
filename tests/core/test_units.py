from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core import units
from smedesk.core.errors import ValidationError


def test_board_foot_is_exactly_2359_737216_cm3():
    # 12 in x 12 in x 1 in, 1 in = 2.54 cm: 30.48 * 30.48 * 2.54 = 2359.737216
    assert units.convert(Decimal(1), "pt", "m3") == Decimal("0.002359737216")


def test_one_cubic_metre_is_about_423_776_board_feet():
    assert units.convert(Decimal(1), "m3", "pt").quantize(Decimal("0.001")) == Decimal("423.776")


@pytest.mark.parametrize(
    "qty, a, b, expected",
    [("1", "doz", "unit", "12"), ("250", "g", "kg", "0.25"), ("1", "yd", "m", "0.9144"),
     ("1", "lb", "kg", "0.45359237"), ("1500", "ml", "l", "1.5"), ("35", "cm", "m", "0.35")],
)
def test_exact_conversions(qty, a, b, expected):
    assert units.convert(Decimal(qty), a, b) == Decimal(expected)


def test_incompatible_units_are_refused():
    with pytest.raises(ValidationError, match="No se puede convertir kg en m3"):
        units.convert(Decimal(1), "kg", "m3")


def test_unknown_unit_is_refused_with_the_list():
    with pytest.raises(ValidationError, match="Unidad «furlong» desconocida"):
        units.normalize("furlong")


def test_aliases():
    assert units.normalize("Pies") == "pt"
    assert units.normalize("KG") == "kg"


@given(
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    st.sampled_from(["m3", "pt", "l", "ml"]),
    st.sampled_from(["m3", "pt", "l", "ml"]),
)
def test_round_trip_within_a_dimension(qty, a, b):
    back = units.convert(units.convert(qty, a, b), b, a)
    assert abs(back - qty) <= Decimal("1e-15") * max(1, qty)
