from decimal import Decimal

import pytest

from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.tracking import orders, release, scanning, worktime


def scan(db, owner, code, step, at, who="Rosa"):
    assert scanning.record_scan(db, code, step, who, at=at, actor=owner).ok


def test_actual_time_from_gaps_between_scans(db, owner, make_order):
    make_order(release_it=True)
    a, b = [u["code"] for u in release.order_units(db, "P-001")]
    scan(db, owner, a, "Corte", "2026-03-02T09:00:00")  # first of the day: not timed
    scan(db, owner, b, "Corte", "2026-03-02T09:50:00")  # 50 minutes after: timed
    times = worktime.order_times(db, orders.get_order(db, "P-001")["id"])
    assert times["steps"][0]["actual"] == Decimal("50.0")
    # standard 60 for the timed piece, 50 actual → 60 / 50 = 120 %
    assert times["workers"][0]["efficiency"] == 120


def test_long_gap_is_a_break_not_work(db, owner, make_order):
    make_order(release_it=True)
    a, b = [u["code"] for u in release.order_units(db, "P-001")]
    scan(db, owner, a, "Corte", "2026-03-02T05:00:00")
    scan(db, owner, b, "Corte", "2026-03-02T09:00:00")  # 240 min > max(45, 3 × 60)
    times = worktime.order_times(db, orders.get_order(db, "P-001")["id"])
    assert times["steps"][0]["actual"] is None


def test_typed_times_count_as_actual(db, owner, make_order):
    make_order(release_it=True)
    order = orders.get_order(db, "P-001")
    armado = release.job_steps(db, release.jobs(db, order["id"])[0]["id"])[1]
    worktime.add_step_time(db, armado["id"], "130", 2, actor=owner)
    times = worktime.order_times(db, order["id"])
    assert times["steps"][0]["step"] == "Armado" and times["steps"][0]["actual"] == Decimal("65.0")  # 130 / 2


def test_typed_time_refuses_zero(db, owner, make_order):
    make_order(release_it=True)
    order = orders.get_order(db, "P-001")
    step = release.job_steps(db, release.jobs(db, order["id"])[0]["id"])[0]
    with pytest.raises(ValidationError):
        worktime.add_step_time(db, step["id"], "0", 1, actor=owner)


def test_piece_rate_pay_for_parts_and_bundles(db, owner, make_order):
    make_order("S", lines=[{"sku": "SIL-01", "qty": 1}], release_it=True)
    make_order("G", lines=[{"sku": "POLO-01", "size": "S", "qty": 10}], release_it=True, bundle=10)
    for u in release.order_units(db, "S") + release.order_units(db, "G"):
        scan(db, owner, u["code"], "Corte", "2026-03-02T09:00:00")
    pay = worktime.week_pay(db, "2026-W10", actor=owner)
    rosa = pay["operators"][0]
    # chair: 5 part labels × 1/5 piece × S/ 1.50 = 1.50; polos: 10 × S/ 0.20 = 2.00
    assert [(x["order"], x["amount"]) for x in rosa["lines"]] == [("G", Decimal("2.00")), ("S", Decimal("1.50"))]
    assert rosa["total"] == Decimal("3.50") and pay["total"] == Decimal("3.50")


def test_pay_week_bounds_are_lima_days(db, owner, make_order, monkeypatch):
    make_order(release_it=True)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-10T15:00:00Z")
    a = release.order_units(db, "P-001")[0]["code"]
    scan(db, owner, a, "Corte", "2026-03-09T03:00:00Z")  # Sunday 8 March 22:00 in Lima: week 10
    assert worktime.week_pay(db, "2026-W10", actor=owner)["operators"]
    assert not worktime.week_pay(db, "2026-W11", actor=owner)["operators"]


def test_staff_cannot_see_pay(db, staff):
    with pytest.raises(PermissionDenied):
        worktime.week_pay(db, "2026-W10", actor=staff)
