import datetime as dt
from decimal import Decimal

import pytest

from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.production import catalogue as cat


@pytest.fixture
def tornillo(db, owner):
    return cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850",
                                  "waste_pct": "15"}, actor=owner, valid_from="2026-01-01")


def test_material_price_history_is_dated(db, owner, tornillo):
    cat.set_material_price(db, tornillo, "2000", actor=owner, valid_from="2026-06-01")
    assert cat.price_on(db, tornillo, dt.date(2026, 3, 1)) == (Decimal("18.5") * 100, "PEN")
    assert cat.price_on(db, tornillo, dt.date(2026, 6, 1)) == (Decimal("2000"), "PEN")
    assert len(cat.price_history(db, tornillo)) == 2


def test_reimporting_a_material_updates_not_duplicates(db, owner, tornillo):
    again = cat.save_material(db, {"code": "tor", "name": "Tornillo seco", "unit": "m3", "price": "1850"},
                              actor=owner)
    assert again == tornillo and len(cat.list_materials(db)) == 1
    assert cat.get_material(db, "TOR")["name"] == "Tornillo seco"


def test_bad_material_is_refused(db, owner):
    with pytest.raises(ValidationError) as info:
        cat.save_material(db, {"code": "X", "name": "X", "unit": "furlong", "price": "1"}, actor=owner)
    assert info.value.field == "unit"
    with pytest.raises(ValidationError, match="negativo"):
        cat.save_material(db, {"code": "X", "name": "X", "unit": "kg", "price": "-1"}, actor=owner)
    assert cat.list_materials(db) == []


def test_tariff_code_is_normalized_and_checked(db, owner):
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "hs_code": "9401690000"}, actor=owner)
    assert cat.get_product(db, pid)["hs_code"] == "9401.69.00.00"
    with pytest.raises(ValidationError, match="10 dígitos"):
        cat.save_product(db, {"sku": "SIL-02", "name": "Silla", "hs_code": "9401.69"}, actor=owner)


def test_bom_refuses_incompatible_units_and_missing_materials(db, owner, tornillo):
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    with pytest.raises(ValidationError, match="No se puede usar kg"):
        cat.set_bom(db, pid, [{"material_code": "TOR", "qty": "1", "unit": "kg"}], actor=owner)
    with pytest.raises(ValidationError, match="No existe el material"):
        cat.set_bom(db, pid, [{"material_code": "NADA", "qty": "1", "unit": "kg"}], actor=owner)
    cat.set_bom(db, pid, [{"material_code": "TOR", "qty": "6", "unit": "pt"}], actor=owner)
    assert [(b["material_code"], b["qty"], b["unit"]) for b in cat.bom(db, pid)] == [("TOR", "6", "pt")]


def test_variant_line_overrides_product_line(db, owner):
    cat.save_material(db, {"code": "JER", "name": "Jersey", "unit": "kg", "price": "32"}, actor=owner)
    pid = cat.save_product(db, {"sku": "POL-01", "name": "Polo"}, actor=owner)
    xl = cat.save_variant(db, pid, size="XL", actor=owner)
    cat.set_bom(db, pid, [{"material_code": "JER", "qty": "180", "unit": "g"}], actor=owner)
    cat.set_bom(db, pid, [{"material_code": "JER", "qty": "230", "unit": "g"}], variant_id=xl, actor=owner)
    assert [b["qty"] for b in cat.bom(db, pid)] == ["180"]
    assert [b["qty"] for b in cat.bom(db, pid, xl)] == ["230"]


def test_routing_must_have_steps_and_unique_order(db, owner):
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    with pytest.raises(ValidationError, match="al menos un paso"):
        cat.set_routing(db, pid, [], actor=owner)
    with pytest.raises(ValidationError, match="repetido"):
        cat.set_routing(db, pid, [{"seq": 1, "name": "Corte", "std_minutes": "5"},
                                  {"seq": 1, "name": "Armado", "std_minutes": "5"}], actor=owner)
    cat.set_routing(db, pid, [{"seq": 2, "name": "Armado", "std_minutes": "40", "rate_per_hour": "9"},
                              {"seq": 1, "name": "Corte", "std_minutes": "25", "rate_per_hour": "9",
                               "piece_rate": "1.50"}], actor=owner)
    assert [(s["seq"], s["name"], s["piece_rate"]) for s in cat.steps(db, pid)] == [
        (1, "Corte", Decimal("1.50")), (2, "Armado", None)]


def test_parts_list(db, owner):
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    cat.set_parts(db, pid, [("Pata", 4), ("Asiento", 1), ("Espaldar", 1)], actor=owner)
    assert [(p["name"], p["qty"]) for p in cat.parts(db, pid)] == [("Pata", 4), ("Asiento", 1), ("Espaldar", 1)]


def test_staff_cannot_edit_catalogue(db, staff):
    with pytest.raises(PermissionDenied):
        cat.save_product(db, {"sku": "X", "name": "X"}, actor=staff)
