from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core.errors import ValidationError
from smedesk.exportplan import pricing
from tests.exportplan.conftest import COSTS

D = Decimal


def build(incoterm="CIF", qty=50, unit_cost="100.00", **changes):
    return pricing.build_up(D(unit_cost), qty, pricing.clean_costs({**COSTS, **changes}), incoterm)


def test_each_term_follows_the_issue_formula():
    b = build()
    # EXW = (100 + 5) / (1 - 0.25) = 140
    assert b.unit_pen["EXW"] == D("140")
    # FCA = 140 + (300 + 200 + 100) / 50 = 140 + 12 = 152
    assert b.unit_pen["FCA"] == D("152")
    # FOB = 152 + 250 / 50 = 157
    assert b.unit_pen["FOB"] == D("157")
    # CFR = 157 + 400 × 3.75 / 50 = 157 + 30 = 187
    assert b.unit_pen["CFR"] == D("187")
    # CIF = 187 × (1 + 1.10 × 1/100) = 187 × 1.011 = 189.057
    assert b.unit_pen["CIF"] == D("189.057")


def test_usd_is_pen_divided_by_fx_rounded_only_when_shown():
    out = build().as_json()
    # 140/3.75 = 37.333…; 152/3.75 = 40.533…; 157/3.75 = 41.866…; 187/3.75 = 49.866…; 189.057/3.75 = 50.4152
    assert out["unit_usd"] == {"EXW": "37.33", "FCA": "40.53", "FOB": "41.87", "CFR": "49.87", "CIF": "50.42"}
    assert out["unit_pen"] == {"EXW": "140.00", "FCA": "152.00", "FOB": "157.00", "CFR": "187.00", "CIF": "189.06"}


def test_shipment_total_uses_the_exact_unit_price():
    # 50.4152 × 50 = 2520.76 (rounding the unit first would give 50.42 × 50 = 2521.00)
    assert build().as_json()["total_usd"] == "2520.76"


def test_json_stops_at_the_chosen_incoterm():
    out = build("FOB", qty=10).as_json()
    assert out["incoterm"] == "FOB" and out["qty"] == 10
    assert list(out["unit_pen"]) == ["EXW", "FCA", "FOB"] and list(out["unit_usd"]) == ["EXW", "FCA", "FOB"]
    # FOB = 140 + 600/10 + 250/10 = 225 → 225/3.75 = 60 → × 10 = 600.00
    assert out["unit_usd"]["FOB"] == "60.00" and out["total_usd"] == "600.00"


def test_exw_alone_is_cost_plus_packing_over_one_minus_margin():
    out = build("EXW", qty=1, unit_cost="80.00", packing_per_unit="0", margin_pct="20").as_json()
    # 80 / 0.80 = 100 soles; 100 / 3.75 = 26.666… → 26.67
    assert out == {"incoterm": "EXW", "qty": 1, "unit_pen": {"EXW": "100.00"},
                   "unit_usd": {"EXW": "26.67"}, "total_usd": "26.67"}


def test_margin_of_100_or_more_is_refused():
    for margin in ("100", "150"):
        with pytest.raises(ValidationError) as info:
            pricing.clean_costs({**COSTS, "margin_pct": margin})
        assert info.value.field == "margin_pct"


def test_negative_cost_is_refused_with_its_field():
    with pytest.raises(ValidationError, match="negativ") as info:
        pricing.clean_costs({**COSTS, "inland_freight": "-1"})
    assert info.value.field == "inland_freight"


def test_missing_exchange_rate_is_refused():
    costs = dict(COSTS)
    del costs["fx_usd_pen"]
    with pytest.raises(ValidationError, match="tipo de cambio") as info:
        pricing.clean_costs(costs)
    assert info.value.field == "fx_usd_pen"
    with pytest.raises(ValidationError):
        pricing.clean_costs({**COSTS, "fx_usd_pen": "0"})


def test_zero_quantity_is_refused():
    with pytest.raises(ValidationError) as info:
        build(qty=0)
    assert info.value.field == "qty"
    with pytest.raises(ValidationError):
        build(qty="2.5")


def test_product_without_cost_is_refused():
    with pytest.raises(ValidationError) as info:
        build(unit_cost="0")
    assert info.value.field == "unit_cost"


def test_negative_margin_warns_that_the_price_does_not_cover_the_cost():
    assert build(margin_pct="-10").warnings
    assert build(margin_pct="0").warnings == []


def test_missing_cost_lines_count_as_zero():
    costs = pricing.clean_costs({"fx_usd_pen": "4"})
    b = pricing.build_up(D("40"), 3, costs, "CIF")
    assert set(b.unit_pen.values()) == {D("40")}


def test_drawback_is_the_rate_on_the_fob_value_apart_from_the_price():
    b = build()
    # FOB value 157 × 50 = 7,850 soles; 3% of it = 235.50
    assert pricing.drawback(b, D("3")) == D("235.50")
    assert pricing.drawback(b, None) is None
    assert b.unit_pen["CIF"] == D("189.057")  # unchanged by the drawback


def test_exporta_facil_limit_compares_the_fob_value_in_dollars():
    b = build()  # FOB 41.8666… × 50 = 2,093.33 US$
    assert pricing.exceeds_limit(b, D("2000"))
    assert not pricing.exceeds_limit(b, D("7500"))


money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@given(cost=st.decimals(min_value="0.01", max_value=10000, places=2), packing=money, inland=money,
       agent=money, docs=money, port=money, freight=money,
       margin=st.decimals(min_value=-50, max_value="99.99", places=2),
       insurance=st.decimals(min_value=0, max_value=10, places=3),
       fx=st.decimals(min_value="0.5", max_value=10, places=3), qty=st.integers(1, 100000))
def test_each_term_is_at_least_the_previous(cost, packing, inland, agent, docs, port, freight, margin,
                                            insurance, fx, qty):
    costs = pricing.clean_costs({"margin_pct": margin, "packing_per_unit": packing, "inland_freight": inland,
                                 "customs_agent": agent, "documents": docs, "port_handling": port,
                                 "main_freight_usd": freight, "insurance_rate_pct": insurance, "fx_usd_pen": fx})
    b = pricing.build_up(cost, qty, costs, "CIF")
    for prices in (b.unit_pen, b.unit_usd):
        values = [prices[t] for t in pricing.INCOTERMS]
        assert all(a <= b_ for a, b_ in zip(values, values[1:], strict=False))
    shown = b.as_json()["unit_usd"]
    assert all(D(shown[a]) <= D(shown[z]) for a, z in zip(pricing.INCOTERMS, pricing.INCOTERMS[1:], strict=False))


def test_money_lines_take_at_most_two_decimals():
    with pytest.raises(ValidationError) as info:
        pricing.clean_costs({**COSTS, "packing_per_unit": "0.125"})
    assert info.value.field == "packing_per_unit"
    assert pricing.clean_costs({**COSTS, "fx_usd_pen": "3.7512"}).fx_usd_pen == D("3.7512")


@given(qty=st.integers(1, 5000), cost=st.decimals(min_value="0.01", max_value=5000, places=2))
def test_shipment_total_is_rounded_once_from_the_exact_unit_price(qty, cost):
    b = pricing.build_up(cost, qty, pricing.clean_costs(COSTS), "CIF")
    assert b.total_usd == (b.unit_pen["CIF"] / D("3.75") * qty).quantize(D("0.01"), rounding="ROUND_HALF_UP")


def test_dollars_are_written_us_dollars_in_both_languages():
    from smedesk.core import i18n

    # a no-break space keeps the sign with its figure
    assert pricing.money_text(D("1234.5"), "USD") == "US$\xa01,234.50"
    assert pricing.money_text(D("1234.5"), "PEN") == "S/\xa01,234.50"
    i18n.set_language("en")
    assert pricing.money_text(D("0.005"), "USD") == "US$\xa00.01"
