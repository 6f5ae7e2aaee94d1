"""Unit cost, hand-computed. The arithmetic is written beside each expectation."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.core import settings
from smedesk.core.errors import ValidationError
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.costing import Context, compute, suggested_price, unit_cost

D = Decimal


@pytest.fixture
def chair(db, owner):
    """Tornillo S/ 1,850 per m³ + 15% waste, 10 pies tablares per chair;
    Corte 30 min at S/ 10/h; Armado 45 min paid S/ 12 per piece (destajo);
    overhead S/ 1,500 + S/ 580 a month over 208 hours = S/ 10 per hour."""
    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850", "waste_pct": "15"},
                      actor=owner, valid_from="2026-01-01")
    pid = cat.save_product(db, {"sku": "SIL-TOR-01", "name": "Silla de tornillo"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "TOR", "qty": "10", "unit": "pt"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Corte", "std_minutes": "30", "rate_per_hour": "10"},
                              {"name": "Armado", "std_minutes": "45", "rate_per_hour": "10", "piece_rate": "12"}],
                    actor=owner)
    cat.save_overhead(db, "Alquiler", "1500", actor=owner)
    cat.save_overhead(db, "Luz", "580", actor=owner)
    settings.set(db, "production.hours_per_month", "208", actor=owner)
    return pid


@pytest.fixture
def polo(db, owner):
    """Jersey S/ 28.50 per kg + 8% waste, 220 g per polo; a label bought at
    USD 0.12, two per polo, fx 3.75. One step, Costura 12 min at S/ 6/h, no overhead."""
    cat.save_material(db, {"code": "JER", "name": "Jersey 30/1", "unit": "kg", "price": "28.50", "waste_pct": "8"},
                      actor=owner, valid_from="2026-01-01")
    cat.save_material(db, {"code": "ETQ", "name": "Etiqueta tejida", "unit": "unit", "price": "0.12",
                           "currency": "USD"}, actor=owner, valid_from="2026-01-01")
    settings.set(db, "fx.usd_pen", "3.75", actor=owner)
    pid = cat.save_product(db, {"sku": "POL-JER-01", "name": "Polo jersey"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "JER", "qty": "220", "unit": "g"},
                          {"material_code": "ETQ", "qty": "2", "unit": "unit"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Costura", "std_minutes": "12", "rate_per_hour": "6"}], actor=owner)
    return pid


def test_timber_in_pies_tablares_against_price_per_m3(db, chair):
    cost = unit_cost(db, chair, as_of="2026-03-01")
    # 10 pt = 10 × 0.002359737216 m³ = 0.02359737216 m³; × 1.15 = 0.027136977984; × 1850 = 50.2034092704
    assert cost.lines[0].amount == D("50.2034092704")
    assert cost.materials == D("50.20")


def test_labour_uses_the_piece_rate_where_given(db, chair):
    cost = unit_cost(db, chair, as_of="2026-03-01")
    # Corte 30/60 × 10 = 5.00; Armado paid per piece 12.00
    assert cost.labour == D("17.00")
    assert [ln.amount for ln in cost.lines if ln.kind == "labour"] == [D(5), D(12)]


def test_overhead_is_spread_over_the_labour_minutes(db, chair):
    # (1500 + 580) / 208 = 10 per hour; 75 min = 1.25 h → 12.50
    assert costing.overhead_rate(db) == D(10)
    assert unit_cost(db, chair, as_of="2026-03-01").overhead == D("12.50")


def test_unit_cost_is_the_rounded_exact_sum(db, chair):
    cost = unit_cost(db, chair, as_of="2026-03-01")
    # 50.2034092704 + 17 + 12.5 = 79.7034092704 → 79.70
    assert cost.unit_cost == D("79.70") and cost.currency == "PEN" and cost.sku == "SIL-TOR-01"


def test_fabric_in_grams_against_price_per_kg_and_a_usd_trim(db, polo):
    cost = unit_cost(db, polo, as_of="2026-03-01")
    jersey, label = cost.lines[0], cost.lines[1]
    # 0.220 kg × 1.08 × 28.50 = 6.7716
    assert jersey.amount == D("6.7716")
    # 2 × USD 0.12 × 3.75 = 0.90
    assert label.amount == D("0.90")
    # 6.7716 + 0.90 = 7.6716 → 7.67; labour 12/60 × 6 = 1.20; no overhead items → 0
    assert (cost.materials, cost.labour, cost.overhead, cost.unit_cost) == (D("7.67"), D("1.20"), D("0.00"), D("8.87"))


def test_rounding_happens_only_at_the_end(db, owner):
    for code in ("A", "B", "C"):
        cat.save_material(db, {"code": code, "name": code, "unit": "unit", "price": "0.01"}, actor=owner)
    pid = cat.save_product(db, {"sku": "X", "name": "X"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": c, "qty": "0.5"} for c in "ABC"], actor=owner)
    # each line 0.005 (would show 0.01, three = 0.03); exact sum 0.015 → 0.02 half-up
    assert unit_cost(db, pid).unit_cost == D("0.02")


def test_cost_as_of_a_date_uses_the_price_then(db, owner, chair):
    cat.set_material_price(db, cat.get_material(db, "TOR")["id"], "2000", actor=owner, valid_from="2026-06-01")
    before = unit_cost(db, chair, as_of="2026-05-31")
    after = unit_cost(db, chair, as_of="2026-06-01")
    assert before.lines[0].amount == D("50.2034092704")
    # 0.027136977984 × 2000 = 54.273955968
    assert after.lines[0].amount == D("54.273955968")


def test_a_variant_line_replaces_the_product_line_for_its_material(db, owner, polo):
    xl = cat.save_variant(db, polo, size="XL", colour="Blanco", actor=owner)
    cat.set_bom(db, polo, [{"material_code": "JER", "qty": "260", "unit": "g"}], variant_id=xl, actor=owner)
    cost = unit_cost(db, polo, variant_id=xl, as_of="2026-03-01")
    # 0.260 × 1.08 × 28.50 = 8.0028; label 0.90 kept → 8.9028 → 8.90
    assert cost.materials == D("8.90") and cost.variant == "XL Blanco"
    assert unit_cost(db, polo, as_of="2026-03-01").materials == D("7.67")


def test_overrides_change_the_cost_without_saving(db, polo):
    cost = unit_cost(db, polo, as_of="2026-03-01", overrides={"materials": {"jer": "30"}, "fx": "4"})
    # 0.2376 × 30 = 7.128; 2 × 0.12 × 4 = 0.96; 8.088 → 8.09
    assert cost.materials == D("8.09")
    assert unit_cost(db, polo, as_of="2026-03-01").materials == D("7.67")


def test_rate_override_by_step_name(db, chair):
    cost = unit_cost(db, chair, as_of="2026-03-01", overrides={"step_rates": {"corte": "12"}})
    # Corte 0.5 h × 12 = 6; Armado stays a 12.00 piece rate
    assert cost.labour == D("18.00")


def test_overhead_rate_override_by_hours(db, chair):
    # 2080 / 416 = 5 per hour
    assert costing.overhead_rate(db, {"hours_per_month": "416"}) == D(5)


def test_cost_by_sku_and_unknown_sku(db, chair):
    assert unit_cost(db, "sil-tor-01", as_of="2026-03-01").unit_cost == D("79.70")
    with pytest.raises(ValidationError):
        unit_cost(db, "NOPE")


def test_cost_all_matches_unit_cost(db, chair, polo):
    every = costing.cost_all(db, as_of="2026-03-01")
    assert every[chair] == unit_cost(db, chair, as_of="2026-03-01")
    # the chair's overhead items now apply to the polo too: 12 min = 0.2 h × 10 = 2.00; 8.8716 + 2 → 10.87
    assert every[polo].unit_cost == D("10.87")


def test_json_has_two_decimal_strings(db, chair):
    data = unit_cost(db, chair, as_of="2026-03-01").as_json()
    assert data["unit_cost"] == "79.70" and data["labour"] == "17.00" and data["currency"] == "PEN"
    assert data["lines"][0] == {"kind": "material", "reference": "TOR", "name": "Tornillo", "quantity": "10",
                                "unit": "pt", "amount": "50.20"}


def test_negative_override_is_refused(db, chair):
    with pytest.raises(ValidationError):
        unit_cost(db, chair, overrides={"materials": {"TOR": "-1"}})


# ---- price ---------------------------------------------------------------------

def test_price_from_margin_on_price():
    price = suggested_price(D("70"), margin_pct="30")
    # 70 / 0.70 = 100.00; IGV 18.00; 118.00
    assert (price.net, price.igv, price.gross) == (D("100.00"), D("18.00"), D("118.00"))


def test_price_from_markup_on_cost():
    price = suggested_price(D("79.7034092704"), markup_pct="25")
    # 79.7034092704 × 1.25 = 99.629261588 → 99.63; IGV 17.9334 → 17.93; 117.56
    assert (price.net, price.igv, price.gross) == (D("99.63"), D("17.93"), D("117.56"))


def test_margin_of_100_percent_is_refused():
    with pytest.raises(ValidationError):
        suggested_price(D("10"), margin_pct="100")


# ---- properties -------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
quantities = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False)


def _ctx(price, waste="5", fx="3.75", rate="10"):
    ctx = Context(day="2026-01-01", fx=D(fx), overhead_rate=D(rate), overrides={})
    ctx.materials = {1: {"id": 1, "code": "M", "name": "M", "unit": "m3", "price": D(price),
                         "price_currency": "PEN", "waste": D(waste)},
                     2: {"id": 2, "code": "U", "name": "U", "unit": "unit", "price": D("0.5"),
                         "price_currency": "USD", "waste": D(0)}}
    return ctx


PRODUCT = {"id": 1, "sku": "P", "name": "P"}


def _lines(qty):
    return [{"variant_id": None, "material_id": 1, "qty": str(qty), "unit": "pt"},
            {"variant_id": None, "material_id": 2, "qty": "3", "unit": "unit"}]


ROUTE = [{"seq": 1, "name": "Corte", "std_minutes": "7.5", "rate_per_hour": "9.5", "piece_rate": None},
         {"seq": 2, "name": "Armado", "std_minutes": "20", "rate_per_hour": "0", "piece_rate": "2.5"}]


@given(price=amounts, qty=quantities, waste=st.decimals(min_value=0, max_value=99, places=1))
def test_cost_is_never_negative(price, qty, waste):
    cost = compute(_ctx(price, waste), PRODUCT, _lines(qty), ROUTE)
    assert cost.unit_cost >= 0 and all(ln.amount >= 0 for ln in cost.lines)


@given(price=amounts, qty=quantities, k=st.integers(min_value=0, max_value=50))
def test_scaling_a_price_scales_its_line(price, qty, k):
    one = compute(_ctx(price), PRODUCT, _lines(qty), ROUTE)
    scaled = compute(_ctx(price * k), PRODUCT, _lines(qty), ROUTE)
    assert scaled.lines[0].amount == one.lines[0].amount * k
    assert scaled.lines[1:] == one.lines[1:]


@given(price=amounts, qty=quantities)
def test_unit_cost_is_within_a_cent_of_its_rounded_parts(price, qty):
    cost = compute(_ctx(price), PRODUCT, _lines(qty), ROUTE)
    assert abs(cost.unit_cost - (cost.materials + cost.labour + cost.overhead)) <= D("0.02")


def test_product_sheet_is_saved_whole_or_not_at_all(db, owner):
    from smedesk.production.sheet import save_product_sheet

    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850"}, actor=owner)
    with pytest.raises(ValidationError):
        save_product_sheet(db, {"sku": "SIL", "name": "Silla"},
                           bom_lines=[{"material_code": "TOR", "qty": "2", "unit": "kg"}],  # kg into m3
                           steps=[{"name": "Corte", "std_minutes": "10", "rate_per_hour": "10"}], actor=owner)
    assert cat.get_product(db, "SIL") is None


def test_preview_cost_skips_half_typed_lines(db, owner):
    from smedesk.production.sheet import preview_cost

    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850"}, actor=owner)
    cost, problems = preview_cost(db, [{"material_code": "TOR", "qty": "10", "unit": "pt"},
                                       {"material_code": "TOR", "qty": "1.", "unit": "kg"}],
                                  [{"name": "Corte", "std_minutes": "3", "rate_per_hour": ""}])
    # 10 pt × 0.002359737216 × 1850 = 43.655138496 → 43.66; the kg line is left out
    assert cost.materials == D("43.66") and len(problems) == 1


def test_margin_report_puts_losses_first(db, owner, chair, polo):
    from smedesk.production.margins import margin_report

    cat.save_product(db, {"sku": "SIL-TOR-01", "name": "Silla de tornillo", "price": "70"}, actor=owner)
    report = margin_report(db, as_of="2026-03-01")
    # chair costs 79.70 and sells at 70: a loss; the polo has no list price
    assert [(m.sku, m.status) for m in report] == [("SIL-TOR-01", "loss"), ("POL-JER-01", "no_price")]
    cat.save_product(db, {"sku": "SIL-TOR-01", "name": "Silla de tornillo", "price": "100"}, actor=owner)
    (chair_margin,) = [m for m in margin_report(db, as_of="2026-03-01") if m.sku == "SIL-TOR-01"]
    # (100 − 79.7034092704) / 100 = 20.30% < 30% target
    assert (chair_margin.status, chair_margin.margin_pct) == ("low", D("20.30"))
