"""The fast subset of reliability/run that every test run repeats."""

import pytest

from reliability import audit_check, backups, damage, fuzz, killtest, security, workloads


def test_kill_rounds_lose_nothing_acknowledged(tmp_path):
    for name in workloads.KILL_WORKLOADS:
        result = killtest.run(name, tmp_path / f"{name}.smedesk", rounds=3)
        assert result.passed, result.detail


def test_every_damage_is_detected_and_recovered():
    results = damage.run()
    assert len(results) == 5
    assert all(r.passed for r in results), [r.detail for r in results if not r.passed]


def test_backups_while_writing_and_restore():
    # 2026-01-01 (a Thursday, ISO week 1) to 2026-01-30 (Friday of week 5):
    # 30 daily + 5 weekly backups made, 7 daily + 5 weekly kept.
    assert backups.expected_counts(30) == (35, 12)
    results = backups.run(workloads.BACKUP_WORKLOAD, days=30)
    assert all(r.passed for r in results), [r.detail for r in results]


def test_fuzzed_cli_never_crashes():
    result = fuzz.FUZZERS["cli"](25)
    assert result.passed, result.detail


def test_security_rules():
    results = security.run()
    assert all(r.passed for r in results), [r.detail for r in results if not r.passed]


@pytest.mark.parametrize("name", [n for n in fuzz.FUZZERS if n != "cli"])
def test_fuzzed_input_never_crashes_nor_half_applies(name):
    result = fuzz.FUZZERS[name](12)
    assert result.passed, result.detail
    assert result.count >= 12


def test_every_change_to_money_orders_scans_users_is_audited():
    [result] = audit_check.run()
    assert result.passed, result.detail
    assert result.count == 14  # 3 user, 5 order, 2 scan and 4 money changes


def test_role_sweep_finds_the_owner_only_functions_of_every_area():
    from reliability import roles_sweep

    found = {(m, f) for m, f, _p in roles_sweep.guarded_functions()}
    assert ("smedesk.tracking.scanning", "undo_scan") in found
    assert ("smedesk.tracking.release", "release") in found
    assert ("smedesk.accounts.journal", "post") in found
    assert ("smedesk.sync.bundle", "write_bundle") in found
    assert not [f for m, f in found if m.startswith("smedesk.ui")]
