import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedesk.core import business
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.tracking import orders, progress, release, scanning, trackcodes


@pytest.fixture
def table_order(db, make_order):
    """P-001: 2 tables (no parts), steps Corte, Armado."""
    make_order(release_it=True)
    return [u["code"] for u in release.order_units(db, "P-001")]


def scan(db, owner, code, step, who="Rosa", at=None):
    return scanning.record_scan(db, code, step, who, at=at, actor=owner)


def done_counts(db):
    return db.execute("SELECT count(*) FROM scans WHERE undone_at IS NULL").fetchone()[0]


def test_first_step_is_counted(db, owner, table_order):
    result = scan(db, owner, table_order[0], "Corte")
    assert result.ok and result.exit_code == 0
    assert "Corte" in result.message
    assert orders.get_order(db, "P-001")["state"] == "in_production"


def test_step_by_number_or_card_or_accentless_name(db, owner, table_order):
    assert scan(db, owner, table_order[0], "1").ok
    assert scan(db, owner, table_order[1], "PASOCORTE").ok
    assert scan(db, owner, table_order[0], "armado").ok


def test_second_scan_at_same_step_is_already(db, owner, table_order):
    scan(db, owner, table_order[0], "Corte")
    result = scan(db, owner, table_order[0], "Corte")
    assert result.outcome == scanning.ALREADY and result.exit_code == 2
    assert done_counts(db) == 1


def test_skipping_a_step_names_the_missing_one(db, owner, table_order):
    result = scan(db, owner, table_order[0], "Armado")
    assert result.outcome == scanning.PREVIOUS and result.exit_code == 3
    assert "Corte" in result.message
    assert done_counts(db) == 0


def test_unknown_well_formed_code_is_refused(db, owner, table_order):
    prefix = business.get(db)["code"]
    result = scan(db, owner, trackcodes.make_code(prefix, 99999), "Corte")
    assert result.outcome == scanning.UNKNOWN and result.exit_code == 4


def test_label_of_another_workshop_is_refused(db, owner, table_order):
    prefix = business.get(db)["code"]
    other = "ZZZ" if prefix != "ZZZ" else "YYY"
    result = scan(db, owner, trackcodes.make_code(other, 1), "Corte")
    assert result.outcome == scanning.UNKNOWN and "otro taller" in result.message


def test_mistyped_code_is_refused(db, owner, table_order):
    code = table_order[0]
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert scan(db, owner, wrong, "Corte").outcome == scanning.UNKNOWN


def test_cancelled_order_is_refused_with_exit_1(db, owner, table_order):
    orders.set_state(db, "P-001", "cancelled", actor=owner)
    result = scan(db, owner, table_order[0], "Corte")
    assert result.outcome == scanning.CANCELLED and result.exit_code == 1
    assert "cancelado" in result.message


def test_unknown_step_and_unknown_operator_exit_1(db, owner, table_order):
    assert scan(db, owner, table_order[0], "Pintado").exit_code == 1
    assert scan(db, owner, table_order[0], "Corte", who="Nadie").exit_code == 1
    assert done_counts(db) == 0


def test_operator_by_badge(db, owner, staff, table_order):
    result = scan(db, owner, table_order[0], "Corte", who="op01")
    assert result.ok
    assert db.execute("SELECT user_id FROM scans").fetchone()[0] == staff.user_id


def test_staff_may_scan(db, staff, table_order):
    assert scanning.record_scan(db, table_order[0], "Corte", "Jorge", actor=staff).ok


def test_last_step_of_every_unit_finishes_the_order(db, owner, table_order):
    for code in table_order:
        scan(db, owner, code, "Corte")
        scan(db, owner, code, "Armado")
    assert orders.get_order(db, "P-001")["state"] == "finished"


def test_owner_undo_allows_rescan_and_is_audited(db, owner, table_order):
    first = scan(db, owner, table_order[0], "Corte")
    scanning.undo_scan(db, first.scan_id, reason="equivocado", actor=owner)
    assert done_counts(db) == 0
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'scan.undo'").fetchone()[0] == 1
    assert scan(db, owner, table_order[0], "Corte").ok
    assert orders.get_order(db, "P-001")["state"] == "in_production"


def test_undo_reopens_a_finished_order(db, owner, table_order):
    for code in table_order:
        scan(db, owner, code, "Corte")
    last = [scan(db, owner, code, "Armado") for code in table_order][-1]
    scanning.undo_scan(db, last.scan_id, actor=owner)
    assert orders.get_order(db, "P-001")["state"] == "in_production"


def test_staff_cannot_undo(db, owner, staff, table_order):
    first = scan(db, owner, table_order[0], "Corte")
    with pytest.raises(PermissionDenied):
        scanning.undo_scan(db, first.scan_id, actor=staff)


def test_undo_refused_while_a_later_step_counts(db, owner, table_order):
    first = scan(db, owner, table_order[0], "Corte")
    scan(db, owner, table_order[0], "Armado")
    with pytest.raises(ValidationError):
        scanning.undo_scan(db, first.scan_id, actor=owner)


def test_unique_index_makes_double_scan_impossible(db, owner, table_order):
    import sqlite3

    result = scan(db, owner, table_order[0], "Corte")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO scans (unit_id, job_step_id, user_id, at, uid, updated_at)"
                   " SELECT unit_id, job_step_id, user_id, at, 'x', at FROM scans WHERE id = ?", [result.scan_id])


def test_scan_time_is_stored_in_utc(db, owner, table_order):
    scan(db, owner, table_order[0], "Corte", at="2026-03-02T08:30:00")  # Lima time
    assert db.execute("SELECT at FROM scans").fetchone()[0] == "2026-03-02T13:30:00.000000Z"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["Corte", "Armado", "Pintado", "1", "2"]),
                          st.booleans()), max_size=25))
def test_refused_scans_leave_counts_unchanged_and_progress_never_exceeds_order(db, owner, table_order, moves):
    prefix = business.get(db)["code"]
    codes = table_order + [trackcodes.make_code(prefix, 50000), "GARBAGE"]
    for idx, step, _ in moves:
        before = progress.order_status(db, "P-001")["steps"]
        count = done_counts(db)
        result = scan(db, owner, codes[idx], step)
        after = progress.order_status(db, "P-001")
        if not result.ok:
            assert after["steps"] == before and done_counts(db) == count
        else:
            assert done_counts(db) == count + 1
        assert all(s["done"] <= 2 and s["pending"] >= 0 for s in after["steps"])
        assert after["percent"] <= 100


def test_time_ahead_of_the_clock_is_refused(db, owner, table_order):
    with pytest.raises(ValidationError) as err:
        scan(db, owner, table_order[0], "Corte", at="2026-03-05T08:00:00")
    assert err.value.field == "at"
    assert done_counts(db) == 0


def test_batch_line_from_the_future_is_reported_not_fatal(db, owner, table_order):
    from smedesk.tracking import scanbatch

    report = scanbatch.import_lines(db, [f"{table_order[0]},2026-12-01T08:00:00", f"{table_order[1]},"],
                                    step="Corte", operator="Rosa", actor=owner)
    assert report.counted == 1 and report.refused[0][0] == 1


def test_label_printed_by_another_workshops_file_is_refused(db, owner, table_order, tmp_path):
    from smedesk.core import parties, users
    from smedesk.production import catalogue
    from smedesk.tracking import orders as order_mod

    other = business.create(tmp_path / "otro.smedesk",
                            business.NewBusiness("Otro Taller", "20100123453", "Ana", "4321"))
    try:
        mine = business.get(db)["code"]
        other.execute("UPDATE business SET code = ?", ["ZZZ" if mine != "ZZZ" else "YYY"])
        ana = users.owner_actor(other)
        product = catalogue.save_product(other, {"sku": "MESA-01", "name": "Mesa"}, actor=ana)
        catalogue.set_routing(other, product, [{"name": "Corte", "std_minutes": "5"}], actor=ana)
        customer = parties.save(other, {"name": "X"}, actor=ana)
        order_mod.create_order(other, "P-001", customer, [{"sku": "MESA-01", "qty": 1}], "2026-03-20", actor=ana)
        release.release(other, "P-001", actor=ana)
        foreign = release.order_units(other, "P-001")[0]["code"]
    finally:
        other.close()
    result = scan(db, owner, foreign, "Corte")
    assert result.exit_code == 4 and "otro taller" in result.message
    assert done_counts(db) == 0
