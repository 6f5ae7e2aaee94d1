from decimal import Decimal

import pytest

from smedesk.core import audit, settings
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.exportplan import plans, rates
from tests.exportplan.conftest import COSTS


@pytest.fixture
def plan(db, owner, silla):
    return plans.create_plan(db, "Sillas a EE. UU.", template="furniture", product="SIL-TOR-01",
                             country="Estados Unidos", actor=owner)


def test_new_plan_starts_from_the_template_texts(db, owner, plan):
    p = plans.get_plan(db, plan)
    assert p["template"] == "furniture" and p["product"]["sku"] == "SIL-TOR-01"
    assert "FSC" in p["texts"]["requirements"] and "FSC" in p["texts"]["requirements_en"]


def test_blank_template_starts_empty(db, owner):
    p = plans.get_plan(db, plans.create_plan(db, "Vacío", actor=owner))
    assert set(p["texts"].values()) == {""}


def test_plan_needs_a_title_and_a_known_template(db, owner):
    with pytest.raises(ValidationError) as info:
        plans.create_plan(db, "  ", actor=owner)
    assert info.value.field == "title"
    with pytest.raises(ValidationError):
        plans.create_plan(db, "X", template="pottery", actor=owner)
    assert plans.list_plans(db) == []


def test_staff_cannot_edit_plans(db, staff):
    with pytest.raises(PermissionDenied):
        plans.create_plan(db, "X", actor=staff)


def test_price_is_built_from_the_products_unit_cost(db, owner, plan):
    plans.save_plan(db, plan, {"qty": "50", "incoterm": "CIF", "costs": COSTS}, actor=owner)
    price = plans.price_of(db, plans.get_plan(db, plan))
    # unit cost 100 → EXW 140, FOB 157, CIF 189.057 (see test_pricing)
    assert price.build.unit_pen["CIF"] == Decimal("189.057")
    assert price.drawback_pen is None  # no rate entered yet


def test_cost_lines_are_stored_in_cents_and_read_back(db, owner, plan):
    plans.save_plan(db, plan, {"qty": 50, "costs": COSTS}, actor=owner)
    p = plans.get_plan(db, plan)
    assert p["inland_freight_cents"] == 30000 and p["costs"]["inland_freight"] == "300.00"
    assert p["costs"]["fx_usd_pen"] == "3.75" and p["costs"]["margin_pct"] == "25"


@pytest.mark.parametrize("change, field", [
    ({"costs": {**COSTS, "margin_pct": "100"}}, "margin_pct"),
    ({"costs": {**COSTS, "documents": "-5"}}, "documents"),
    ({"qty": "0"}, "qty"),
    ({"costs": {**COSTS, "fx_usd_pen": ""}}, "fx_usd_pen"),
])
def test_bad_price_input_is_refused_and_the_plan_kept(db, owner, plan, change, field):
    plans.save_plan(db, plan, {"qty": 50, "costs": COSTS, "country": "EE. UU."}, actor=owner)
    before = plans.get_plan(db, plan)
    with pytest.raises(ValidationError) as info:
        plans.save_plan(db, plan, {**change, "country": "Canadá"}, actor=owner)
    assert info.value.field == field
    assert plans.get_plan(db, plan) == before


def test_product_without_cost_is_refused_and_the_plan_kept(db, owner, plan, costs_by_sku):
    from smedesk.production import catalogue as cat

    cat.save_product(db, {"sku": "MES-01", "name": "Mesa"}, actor=owner)
    plans.save_plan(db, plan, {"qty": 50, "costs": COSTS}, actor=owner)
    before = plans.get_plan(db, plan)
    with pytest.raises(ValidationError, match="costo unitario") as info:
        plans.save_plan(db, plan, {"product": "MES-01"}, actor=owner)
    assert info.value.field == "unit_cost"
    assert plans.get_plan(db, plan) == before


def test_texts_actions_and_budget_are_saved_together(db, owner, plan):
    plans.save_plan(db, plan, {
        "texts": {"fairs": "Feria en Miami", "fairs_en": "Fair in Miami"},
        "actions": [{"what": "Cotizar flete", "who": "Rosa", "due": "2026-12-01"}],
        "budget": [{"item": "Muestras", "amount": "650.50"}, {"item": "Feria", "amount": "1000", "currency": "USD"}],
    }, actor=owner)
    p = plans.get_plan(db, plan)
    assert p["texts"]["fairs_en"] == "Fair in Miami"
    assert p["actions"] == [{"seq": 1, "what": "Cotizar flete", "who": "Rosa", "due": "2026-12-01", "done": 0}]
    assert [(b["item"], b["amount"], b["currency"]) for b in p["budget"]] == [
        ("Muestras", Decimal("650.50"), "PEN"), ("Feria", Decimal("1000.00"), "USD")]


def test_bad_action_date_refuses_the_whole_save(db, owner, plan):
    with pytest.raises(ValidationError, match="Tarea 2"):
        plans.save_plan(db, plan, {"country": "Canadá", "actions": [
            {"what": "A", "due": "2026-12-01"}, {"what": "B", "due": "mañana"}]}, actor=owner)
    p = plans.get_plan(db, plan)
    assert p["country"] == "Estados Unidos" and p["actions"] == []


def test_unknown_section_is_refused(db, owner, plan):
    with pytest.raises(ValidationError):
        plans.save_plan(db, plan, {"texts": {"poetry": "x"}}, actor=owner)


def test_monthly_capacity_from_steps_people_and_hours(db, owner, plan):
    plans.save_plan(db, plan, {"people": 4, "hours_per_month": "192"}, actor=owner)
    # steps: 30 + 60 + 30 = 120 std minutes; 4 people × 192 h × 60 = 46,080 min → 46,080 / 120 = 384
    assert plans.monthly_capacity(db, plans.get_plan(db, plan)) == 384
    plans.save_plan(db, plan, {"people": 0}, actor=owner)
    assert plans.monthly_capacity(db, plans.get_plan(db, plan)) is None


def test_drawback_uses_the_rate_in_force(db, owner, plan):
    rates.set_drawback_rate(db, "2017-01-01", "4", actor=owner)
    rates.set_drawback_rate(db, "2019-01-01", "3", actor=owner)
    assert rates.drawback_rate_on(db, "2018-06-30") == Decimal("4")
    assert rates.drawback_rate_on(db, "2026-01-01") == Decimal("3")
    plans.save_plan(db, plan, {"qty": 50, "costs": COSTS}, actor=owner)
    # FOB 157 × 50 = 7,850 × 3% = 235.50
    assert plans.price_of(db, plans.get_plan(db, plan), day="2026-01-01").drawback_pen == Decimal("235.50")


def test_drawback_rate_must_be_a_percentage(db, owner):
    with pytest.raises(ValidationError) as info:
        rates.set_drawback_rate(db, "2026-01-01", "120", actor=owner)
    assert info.value.field == "rate_pct"
    with pytest.raises(ValidationError):
        rates.set_drawback_rate(db, "ayer", "3", actor=owner)


def test_shipment_above_exporta_facil_limit_warns(db, owner, plan):
    plans.save_plan(db, plan, {"qty": 50, "costs": COSTS}, actor=owner)
    # FOB value 157 × 50 / 3.75 = 2,093.33 US$
    assert not plans.price_of(db, plans.get_plan(db, plan)).warnings
    settings.set(db, rates.EXPORTA_FACIL_KEY, "2000", actor=owner)
    assert any("Exporta Fácil" in w for w in plans.price_of(db, plans.get_plan(db, plan)).warnings)


def test_saves_are_audited_and_delete_is_a_tombstone(db, owner, plan):
    plans.save_plan(db, plan, {"country": "Canadá"}, actor=owner)
    plans.delete_plan(db, plan, actor=owner)
    assert plans.list_plans(db) == []
    actions = [a["action"] for a in audit.recent(db, entity="export_plans")]
    assert actions[:3] == ["exportplan.delete", "exportplan.save", "exportplan.create"]
    assert db.execute("SELECT deleted_at IS NOT NULL FROM export_plans WHERE id = ?", [plan]).fetchone()[0]


def test_plan_found_by_number_or_title(db, owner, plan):
    assert plans.get_plan(db, str(plan))["id"] == plan
    assert plans.get_plan(db, "Sillas a EE. UU.")["id"] == plan
    with pytest.raises(ValidationError):
        plans.get_plan(db, "nada")


def test_changing_only_the_actions_marks_the_plan_changed(db, owner, plan, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-12-01T10:00:00Z")
    plans.save_plan(db, plan, {"actions": [{"what": "Cotizar", "due": "2026-12-05"}]}, actor=owner)
    assert plans.get_plan(db, plan)["updated_at"].startswith("2026-12-01T10:00")
