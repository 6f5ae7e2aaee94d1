import datetime as dt

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_h
from hypothesis import strategies as st

from smedesk.core import settings
from smedesk.tracking import forecast, progress, release, scanning


@pytest.fixture
def one_person(db, owner):
    # capacity: 1 person × 8 h × 60 = 480 standard minutes a working day
    settings.set(db, "tracking.people", "1", actor=owner)
    settings.set(db, "tracking.hours_per_day", "8", actor=owner)


def scan_all(db, owner, number, step, at=None, only=None):
    units = release.order_units(db, number)
    for u in units[:only] if only else units:
        assert scanning.record_scan(db, u["code"], step, "Rosa", at=at, actor=owner).ok


def test_status_shape_before_any_scan(db, owner, make_order, one_person):
    make_order(release_it=True)  # 2 tables × (60 + 60) = 240 minutes; pace 480 → 1 day
    status = progress.order_status(db, "P-001")
    assert status == {
        "order": "P-001", "due": "2026-03-20", "units": 2,
        "steps": [{"seq": 1, "step": "Corte", "done": 0, "pending": 2},
                  {"seq": 2, "step": "Armado", "done": 0, "pending": 2}],
        "percent": 0.0, "forecast": "2026-03-02", "status": "on_time",
    }


def test_percent_weighted_by_standard_minutes(db, owner, make_order, one_person):
    make_order(release_it=True)
    scan_all(db, owner, "P-001", "Corte", only=1)
    status = progress.order_status(db, "P-001")
    # (1 × 60) / (2 × (60 + 60)) = 25 %
    assert status["percent"] == 25.0
    assert status["steps"][0] == {"seq": 1, "step": "Corte", "done": 1, "pending": 1}


def test_piece_with_parts_counts_when_every_part_is_scanned(db, owner, make_order, one_person):
    make_order(lines=[{"sku": "SIL-01", "qty": 2}], release_it=True)
    # piece 1: 4 legs + seat (5 labels); piece 2: 3 of its 5 labels
    scan_all(db, owner, "P-001", "Corte", only=8)
    status = progress.order_status(db, "P-001")
    assert status["steps"][0] == {"seq": 1, "step": "Corte", "done": 1, "pending": 1}
    # 1 × 10 / (2 × (10 + 20 + 30)) = 10 / 120 = 8.33 → 8.3
    assert status["percent"] == 8.3


def test_bundles_count_their_pieces(db, owner, make_order, one_person):
    make_order(lines=[{"sku": "POLO-01", "size": "S", "qty": 25}], release_it=True, bundle=10)
    scan_all(db, owner, "P-001", "Corte", only=2)
    status = progress.order_status(db, "P-001")
    assert status["units"] == 25
    assert status["steps"][0]["done"] == 20 and status["steps"][0]["pending"] == 5
    # 20 × 2 / (25 × (2 + 6 + 2)) = 40 / 250 = 16 %
    assert status["percent"] == 16.0


def test_draft_order_shows_catalogue_steps(db, owner, make_order, one_person):
    make_order()
    status = progress.order_status(db, "P-001")
    assert [s["step"] for s in status["steps"]] == ["Corte", "Armado"]
    assert status["forecast"] == "2026-03-02"


def test_orders_queue_by_due_date(db, owner, make_order, one_person):
    make_order("A", lines=[{"sku": "MESA-01", "qty": 2}], due="2026-03-10", release_it=True)
    make_order("B", lines=[{"sku": "MESA-01", "qty": 10}], due="2026-03-05", release_it=True)
    # B first: 10 × 120 = 1200 min → ceil(1200 / 480) = 3 working days: Mon 2, Tue 3, Wed 4
    b = progress.order_status(db, "B")
    assert b["forecast"] == "2026-03-04"
    assert b["status"] == "at_risk"  # 1 day before the due date, margin 2 days
    # A after B: 1200 + 240 = 1440 → 3 days → Wed 4, six days before its due date
    a = progress.order_status(db, "A")
    assert (a["forecast"], a["status"]) == ("2026-03-04", "on_time")


def test_late_when_forecast_after_due(db, owner, make_order, one_person):
    make_order(lines=[{"sku": "MESA-01", "qty": 10}], due="2026-03-03", release_it=True)
    status = progress.order_status(db, "P-001")
    assert (status["forecast"], status["status"]) == ("2026-03-04", "late")


def test_pace_observed_over_recent_working_days(db, owner, make_order, one_person):
    make_order(release_it=True)
    # Friday 27 Feb: both tables cut = 2 × 60 = 120 standard minutes. Days observed
    # since the first scan: Fri 27, Sat 28 (Sunday is not worked) → pace 60 a day.
    scan_all(db, owner, "P-001", "Corte", at="2026-02-27T10:00:00")
    pace = forecast.observed_pace(db)
    assert (pace["pace"], pace["days"]) == (60, 2)
    # left: 240 − 120 = 120 → 2 days: Mon 2, Tue 3
    assert progress.order_status(db, "P-001")["forecast"] == "2026-03-03"


def test_finished_order_is_done(db, owner, make_order, one_person):
    make_order(release_it=True)
    scan_all(db, owner, "P-001", "Corte")
    scan_all(db, owner, "P-001", "Armado")
    status = progress.order_status(db, "P-001")
    assert (status["percent"], status["status"], status["forecast"]) == (100.0, "done", "2026-03-02")


def test_cancelled_order_has_no_forecast(db, owner, make_order, one_person):
    from smedesk.tracking import orders

    make_order()
    orders.set_state(db, "P-001", "cancelled", actor=owner)
    status = progress.order_status(db, "P-001")
    assert status["forecast"] is None and status["status"] == "cancelled"


def test_calendar_skips_sundays_and_holy_week(db):
    cal = forecast.Calendar(db)
    # Easter 2026 is 5 April: Thursday 2 and Friday 3 are holidays; Saturday 4 is worked
    assert cal.nth_working_day(dt.date(2026, 4, 1), 2) == dt.date(2026, 4, 4)
    assert not cal.is_working(dt.date(2026, 7, 28))
    assert not cal.is_working(dt.date(2026, 3, 8))  # a Sunday


def test_open_orders_by_risk_lists_late_first(db, owner, make_order, one_person):
    make_order("A", due="2026-03-20", release_it=True)
    make_order("B", lines=[{"sku": "MESA-01", "qty": 10}], due="2026-03-03", release_it=True)
    assert [p["number"] for p in forecast.open_orders_by_risk(db)] == ["B", "A"]


def test_peru_holidays_2026_are_sixteen(db):
    # 14 fixed national holidays + Holy Thursday and Good Friday
    assert db.execute("SELECT count(*) FROM holidays WHERE day LIKE '2026-%'").fetchone()[0] == 16


@settings_h(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(3, 60)), min_size=1, max_size=6))
def test_an_order_due_later_never_finishes_before_one_due_earlier(db, owner, shop, sizes):
    from smedesk.tracking import orders as order_mod

    db.execute("DELETE FROM order_lines")
    db.execute("DELETE FROM orders")
    for n, (qty, days) in enumerate(sizes):
        due = (dt.date(2026, 3, 2) + dt.timedelta(days=days)).isoformat()
        order_mod.create_order(db, f"Q-{n}", shop["customer"], [{"sku": "MESA-01", "qty": qty}], due, actor=owner)
    plans = sorted(forecast.forecast_all(db).values(), key=lambda p: p["rank"])
    finishes = [p["forecast"] for p in plans]
    assert finishes == sorted(finishes)
    assert all(p["status"] in ("on_time", "at_risk", "late") for p in plans)
