"""Each demo business gets its export plan, priced from the real unit cost."""

import pytest

from smedesk import demo
from smedesk.exportplan import plans


@pytest.mark.parametrize("kind, sku, country, incoterm", [
    ("furniture", "SIL-TOR-01", "Estados Unidos", "FOB"),
    ("garments", "POL-JER-01", "Chile", "CIF"),
])
def test_demo_plan_per_business(tmp_path, kind, sku, country, incoterm):
    db = demo.create(tmp_path / f"{kind}.smedesk", kind)
    try:
        [listed] = plans.list_plans(db)
        plan = plans.get_plan(db, listed["id"])
        assert plan["product"]["sku"] == sku and plan["country"] == country and plan["incoterm"] == incoterm
        assert plan["actions"] and plan["budget"]
        price = plans.price_of(db, plan)
        assert price.build.unit_pen["EXW"] > price.build.unit_cost  # margins of 30% and 28%
        assert price.drawback_rate is not None and not price.warnings
        assert plans.monthly_capacity(db, plan) > 0
    finally:
        db.close()
