import pytest

from smedesk.core.errors import ValidationError
from smedesk.tracking import orders, release, trackcodes


def test_release_makes_one_label_per_piece_and_part(db, owner, make_order):
    make_order(lines=[{"sku": "SIL-01", "qty": 3}], release_it=True)
    units = release.order_units(db, "P-001")
    # 3 chairs × (4 legs + 1 seat) = 15 labels
    assert len(units) == 15
    assert [(u["piece_no"], u["part"], u["part_no"]) for u in units[:5]] == [
        (1, "Pata", 1), (1, "Pata", 2), (1, "Pata", 3), (1, "Pata", 4), (1, "Asiento", 1)]
    assert orders.get_order(db, "P-001")["state"] == "released"


def test_release_without_parts_makes_one_label_per_piece(db, owner, make_order):
    make_order(lines=[{"sku": "MESA-01", "qty": 4}], release_it=True)
    assert [u["piece_no"] for u in release.order_units(db, "P-001")] == [1, 2, 3, 4]


def test_bundles_of_n_carry_their_quantity(db, owner, make_order):
    make_order(lines=[{"sku": "POLO-01", "size": "S", "qty": 25}, {"sku": "POLO-01", "size": "M", "qty": 10}],
               release_it=True, bundle=10)
    units = release.order_units(db, "P-001")
    # S: 10 + 10 + 5; M: 10
    assert [(u["size"], u["qty"]) for u in units] == [("S", 10), ("S", 10), ("S", 5), ("M", 10)]


def test_release_copies_steps_into_jobs(db, owner, make_order):
    make_order(lines=[{"sku": "SIL-01", "qty": 1}], release_it=True)
    order = orders.get_order(db, "P-001")
    jobs = release.jobs(db, order["id"])
    assert [s["name"] for s in release.job_steps(db, jobs[0]["id"])] == ["Corte", "Lijado", "Armado"]


def test_release_twice_is_refused(db, owner, make_order):
    make_order(release_it=True)
    with pytest.raises(ValidationError) as err:
        release.release(db, "P-001", actor=owner)
    assert "P-001" in str(err.value)
    assert len(release.order_units(db, "P-001")) == 2


def test_product_without_steps_cannot_be_released(db, owner, make_order):
    from smedesk.production import catalogue

    catalogue.save_product(db, {"sku": "RAW-01", "name": "Sin pasos"}, actor=owner)
    make_order(lines=[{"sku": "MESA-01", "qty": 1}, {"sku": "RAW-01", "qty": 1}])
    with pytest.raises(ValidationError):
        release.release(db, "P-001", actor=owner)
    assert orders.get_order(db, "P-001")["state"] == "draft"
    assert db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 0


def test_codes_are_unique_well_formed_and_carry_business_code(db, owner, make_order):
    from smedesk.core import business

    make_order("A", lines=[{"sku": "SIL-01", "qty": 4}], release_it=True)
    make_order("B", lines=[{"sku": "SIL-01", "qty": 4}], release_it=True)
    codes = [u["code"] for u in release.order_units(db, "A") + release.order_units(db, "B")]
    prefix = business.get(db)["code"]
    assert len(set(codes)) == len(codes) == 40
    assert all(trackcodes.is_well_formed(c) and c.startswith(prefix) for c in codes)


def test_zero_bundle_is_refused(db, owner, make_order):
    make_order()
    with pytest.raises(ValidationError):
        release.release(db, "P-001", bundle=0, actor=owner)
