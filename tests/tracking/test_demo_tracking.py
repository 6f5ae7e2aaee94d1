import pytest

from smedesk import demo
from smedesk.tracking import orders, progress


@pytest.mark.parametrize("kind", ["furniture", "garments"])
def test_demo_has_orders_in_every_state_and_weeks_of_scans(tmp_path, kind):
    db = demo.create(tmp_path / f"{kind}.smedesk", kind)
    try:
        states = {o["state"] for o in orders.list_orders(db)}
        assert states == set(orders.STATES)
        days = db.execute("SELECT count(DISTINCT substr(at, 1, 10)) FROM scans").fetchone()[0]
        assert days >= 8
        for o in orders.list_orders(db):
            status = progress.order_status(db, o["number"])
            assert all(s["pending"] >= 0 for s in status["steps"])
    finally:
        db.close()


def test_demo_works_over_a_catalogue_made_elsewhere(db, owner):
    from smedesk.production import catalogue
    from smedesk.tracking import demo as demo_tracking

    # another area's polo: no steps and other sizes
    polo = catalogue.save_product(db, {"sku": "POL-JER-01", "name": "Polo"}, actor=owner)
    catalogue.save_variant(db, polo, size="U", actor=owner)
    demo_tracking.populate(db, "garments", owner)
    assert {o["state"] for o in orders.list_orders(db)} == set(orders.STATES)
    assert catalogue.steps(db, polo)
