"""The demo catalogues other areas rely on."""

import pytest

from smedesk import demo
from smedesk.production import catalogue as cat
from smedesk.production import costing

SKUS = {"furniture": ["CAR-ESC-01", "MES-CED-01", "ROP-CAP-01", "SIL-TOR-01"],
        "garments": ["CON-NIN-02", "HOO-FRA-01", "POL-JER-01"]}


@pytest.mark.parametrize("kind", ["furniture", "garments"])
def test_demo_products_cost_something_and_sell_above_cost(tmp_path, kind):
    db = demo.create(tmp_path / "demo.smedesk", kind)
    try:
        every = costing.cost_all(db)
        assert sorted(c.sku for c in every.values()) == SKUS[kind]
        for cost in every.values():
            product = cat.get_product(db, cost.sku)
            assert cost.materials > 0 and cost.labour > 0 and cost.overhead > 0
            assert product["price_cents"] > cost.unit_cost * 100
            assert product["photo"] and len(product["hs_code"]) == 13
    finally:
        db.close()


def test_demo_chair_parts_and_steps(tmp_path):
    db = demo.create(tmp_path / "demo.smedesk", "furniture")
    try:
        chair = cat.get_product(db, "SIL-TOR-01")["id"]
        assert [(p["name"], p["qty"]) for p in cat.parts(db, chair)] == [("Pata", 4), ("Asiento", 1), ("Espaldar", 1)]
        assert [s["name"] for s in cat.steps(db, chair)] == ["Preparado", "Corte", "Armado", "Acabado"]
        assert cat.get_material(db, "TOR")["unit"] == "m3"
    finally:
        db.close()


def test_demo_polo_variants_differ_in_jersey(tmp_path):
    db = demo.create(tmp_path / "demo.smedesk", "garments")
    try:
        polo = cat.get_product(db, "POL-JER-01")["id"]
        found = cat.variants(db, polo)
        assert len(found) == 8 and {v["colour"] for v in found} == {"Blanco", "Negro"}
        by_size = {v["size"]: costing.unit_cost(db, polo, variant_id=v["id"]).unit_cost for v in found}
        assert by_size["S"] < by_size["M"] < by_size["L"] < by_size["XL"]
        assert any(s["piece_rate"] for s in cat.steps(db, polo))
        kids = cat.get_product(db, "CON-NIN-02")["id"]
        assert [v["size"] for v in cat.variants(db, kids)] == ["2", "4", "6", "8"]
    finally:
        db.close()
