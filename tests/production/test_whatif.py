"""What-if: see every affected product's old and new cost, then save."""

from decimal import Decimal

import pytest

from smedesk.core import settings
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.whatif import apply_changes, what_if

D = Decimal


@pytest.fixture
def shop(db, owner):
    """Chair: 10 pt tornillo (S/ 1,850/m³, no waste) + Corte 30 min at S/ 10/h.
    Shelf: 2 m² triplay at S/ 12.50 + Corte 60 min at S/ 10/h. No overhead."""
    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850"}, actor=owner,
                      valid_from="2026-01-01")
    cat.save_material(db, {"code": "TRI", "name": "Triplay", "unit": "m2", "price": "12.50"}, actor=owner,
                      valid_from="2026-01-01")
    chair = cat.save_product(db, {"sku": "SIL", "name": "Silla"}, actor=owner)
    shelf = cat.save_product(db, {"sku": "REP", "name": "Repisa"}, actor=owner)
    cat.set_bom(db, chair, [{"material_code": "TOR", "qty": "10", "unit": "pt"}], actor=owner)
    cat.set_bom(db, shelf, [{"material_code": "TRI", "qty": "2"}], actor=owner)
    cat.set_routing(db, chair, [{"name": "Corte", "std_minutes": "30", "rate_per_hour": "10"}], actor=owner)
    cat.set_routing(db, shelf, [{"name": "Corte", "std_minutes": "60", "rate_per_hour": "10"}], actor=owner)
    return chair, shelf


def test_a_material_price_change_shows_only_the_products_using_it(db, shop):
    (change,) = what_if(db, {"materials": {"TOR": "2000"}})
    # old: 0.02359737216 × 1850 = 43.655138496 + 5 = 48.655… → 48.66
    # new: 0.02359737216 × 2000 = 47.19474432 + 5 = 52.19… → 52.19
    assert (change.sku, change.old, change.new) == ("SIL", D("48.66"), D("52.19"))
    assert change.difference == D("3.53")


def test_a_rate_change_shows_every_product_with_that_step(db, shop):
    changes = {c.sku: c for c in what_if(db, {"step_rates": {"Corte": "12"}})}
    # chair: +0.5 h × 2 = +1.00; shelf: 2 × 12.50 = 25 + 10 = 35 → 25 + 12 = 37
    assert changes["SIL"].difference == D("1.00")
    assert (changes["REP"].old, changes["REP"].new) == (D("35.00"), D("37.00"))


def test_what_if_saves_nothing(db, shop):
    what_if(db, {"materials": {"TOR": "2000"}, "step_rates": {"corte": "12"}})
    assert costing.unit_cost(db, "REP").unit_cost == D("35.00")


def test_apply_saves_the_price_and_rate(db, owner, shop):
    apply_changes(db, {"materials": {"TRI": "15"}, "step_rates": {"corte": "12"}}, actor=owner,
                  valid_from="2026-02-01")
    # 2 × 15 + 1 h × 12 = 42
    assert costing.unit_cost(db, "REP", as_of="2026-03-01").unit_cost == D("42.00")
    # the old price stays in history: 2 × 12.50 + 12 = 37
    assert costing.unit_cost(db, "REP", as_of="2026-01-15").unit_cost == D("37.00")


def test_apply_fx_and_hours(db, owner, shop):
    apply_changes(db, {"fx": "3.80", "hours_per_month": "400"}, actor=owner)
    assert settings.get(db, "fx.usd_pen") == "3.8"
    assert settings.get(db, "production.hours_per_month") == "400"


def test_unknown_material_or_step_is_refused(db, shop):
    with pytest.raises(ValidationError):
        what_if(db, {"materials": {"NOPE": "1"}})
    with pytest.raises(ValidationError):
        what_if(db, {"step_rates": {"Bordado": "1"}})


def test_staff_cannot_apply(db, staff, shop):
    with pytest.raises(PermissionDenied):
        apply_changes(db, {"materials": {"TOR": "1"}}, actor=staff)
