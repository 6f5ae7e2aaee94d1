import pytest

from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.tracking import orders, release


def test_create_order_stores_lines_as_draft(db, owner, make_order):
    make_order(lines=[{"sku": "MESA-01", "qty": 2, "unit_price": "150.50"},
                      {"sku": "POLO-01", "size": "M", "qty": 10, "unit_price": "12"}])
    order = orders.get_order(db, "P-001")
    assert order["state"] == "draft"
    assert order["customer"] == "Cliente Uno"
    assert [(x["sku"], x["size"], x["qty"], x["unit_price_cents"]) for x in order["lines"]] == [
        ("MESA-01", "", 2, 15050), ("POLO-01", "M", 10, 1200)]


def test_order_number_is_unique(make_order):
    make_order()
    with pytest.raises(ValidationError) as err:
        make_order()
    assert err.value.field == "number"


def test_unknown_sku_is_refused_and_nothing_written(db, make_order):
    with pytest.raises(ValidationError) as err:
        make_order(lines=[{"sku": "MESA-01", "qty": 1}, {"sku": "NOPE", "qty": 1}])
    assert "NOPE" in str(err.value)
    assert orders.get_order(db, "P-001") is None


def test_due_date_in_the_past_is_refused(make_order):
    with pytest.raises(ValidationError) as err:
        make_order(due="2026-03-01")  # today in Lima is 2026-03-02
    assert err.value.field == "due_date"


def test_due_date_today_is_accepted(db, make_order):
    make_order(due="2026-03-02")
    assert orders.get_order(db, "P-001")["due_date"] == "2026-03-02"


@pytest.mark.parametrize("qty", ["0", "-1", "1.5", "abc"])
def test_bad_quantity_is_refused(make_order, qty):
    with pytest.raises(ValidationError):
        make_order(lines=[{"sku": "MESA-01", "qty": qty}])


def test_unknown_size_is_refused(make_order):
    with pytest.raises(ValidationError) as err:
        make_order(lines=[{"sku": "POLO-01", "size": "XXL", "qty": 1}])
    assert err.value.field == "size"


def test_empty_order_is_refused(make_order, db, owner, shop):
    with pytest.raises(ValidationError):
        orders.create_order(db, "P-9", shop["customer"], [], "2026-04-01", actor=owner)


def test_staff_cannot_create_orders(db, staff, shop):
    with pytest.raises(PermissionDenied):
        orders.create_order(db, "P-9", shop["customer"], [{"sku": "MESA-01", "qty": 1}], "2026-04-01", actor=staff)


def test_cancel_then_release_is_refused(db, owner, make_order):
    make_order()
    orders.set_state(db, "P-001", "cancelled", actor=owner)
    with pytest.raises(ValidationError) as err:
        release.release(db, "P-001", actor=owner)
    assert "cancel" in str(err.value).lower()


def test_deliver_requires_finished(db, owner, make_order):
    make_order(release_it=True)
    with pytest.raises(ValidationError):
        orders.set_state(db, "P-001", "delivered", actor=owner)


def test_state_change_is_audited(db, owner, make_order):
    make_order()
    orders.set_state(db, "P-001", "cancelled", actor=owner)
    found = db.execute("SELECT detail FROM audit_log WHERE action = 'order.state'").fetchone()
    assert '"new": "cancelled"' in found[0]


def test_list_orders_totals(db, make_order):
    make_order(lines=[{"sku": "MESA-01", "qty": 2, "unit_price": "150.50"}])
    listed = orders.list_orders(db)
    # 2 × 150.50 = 301.00 → 30100 céntimos
    assert listed[0]["pieces"] == 2 and listed[0]["total_cents"] == 30100


def test_due_date_can_move_while_open_and_is_audited(db, owner, make_order):
    make_order(release_it=True)
    assert orders.set_due_date(db, "P-001", "2026-04-10", actor=owner)["due_date"] == "2026-04-10"
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'order.due_date'").fetchone()[0] == 1
    with pytest.raises(ValidationError):
        orders.set_due_date(db, "P-001", "2026-02-01", actor=owner)


def test_due_date_of_cancelled_order_is_fixed(db, owner, make_order):
    make_order()
    orders.set_state(db, "P-001", "cancelled", actor=owner)
    with pytest.raises(ValidationError):
        orders.set_due_date(db, "P-001", "2026-04-10", actor=owner)


def test_draft_lines_can_change(db, owner, make_order, shop):
    make_order()
    changed = orders.update_draft(db, "P-001", shop["customer"], [{"sku": "SIL-01", "qty": 3, "unit_price": "80"}],
                                  "2026-03-25", actor=owner)
    assert [(x["sku"], x["qty"], x["unit_price_cents"]) for x in changed["lines"]] == [("SIL-01", 3, 8000)]
    assert changed["due_date"] == "2026-03-25"


def test_released_order_lines_cannot_change(db, owner, make_order, shop):
    make_order(release_it=True)
    with pytest.raises(ValidationError):
        orders.update_draft(db, "P-001", shop["customer"], [{"sku": "SIL-01", "qty": 3}], "2026-03-25", actor=owner)
    assert orders.get_order(db, "P-001")["lines"][0]["sku"] == "MESA-01"
