import datetime as dt

import pytest

from smedesk.core import clock, settings, users
from smedesk.core.errors import PermissionDenied, ValidationError
from tests.conftest import OWNER_PIN, STAFF_PIN


def test_pin_is_stored_as_salted_scrypt_hash(db, staff):
    stored = users.get_user(db, staff.user_id)["pin_hash"]
    assert STAFF_PIN not in stored and stored.startswith("scrypt$")
    other = users.hash_pin(STAFF_PIN)
    assert other != stored  # a fresh salt each time
    assert users.verify_pin(STAFF_PIN, stored) and not users.verify_pin("0000", stored)


def test_login_with_the_right_pin(db, owner):
    result = users.login(db, owner.user_id, OWNER_PIN)
    assert result.ok and result.actor.role == "owner"


def test_wrong_pin_says_how_many_tries_are_left(db, owner):
    result = users.login(db, owner.user_id, "9999")
    assert not result.ok and "4 intentos" in result.reason


def test_five_wrong_pins_lock_for_five_minutes(db, staff, monkeypatch):
    start = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SMEDESK_NOW", clock.iso(start))
    for _ in range(5):
        assert not users.login(db, staff.user_id, "0000").ok
    locked = users.login(db, staff.user_id, STAFF_PIN)
    assert not locked.ok and locked.locked_until and "10:05" in locked.reason  # Lima is UTC-5
    monkeypatch.setenv("SMEDESK_NOW", clock.iso(start + dt.timedelta(minutes=4, seconds=59)))
    assert not users.login(db, staff.user_id, STAFF_PIN).ok
    monkeypatch.setenv("SMEDESK_NOW", clock.iso(start + dt.timedelta(minutes=5, seconds=1)))
    assert users.login(db, staff.user_id, STAFF_PIN).ok


def test_lock_length_is_a_setting(db, owner, staff, monkeypatch):
    settings.set(db, "auth.max_attempts", "2", actor=owner)
    for _ in range(2):
        users.login(db, staff.user_id, "0000")
    assert users.login(db, staff.user_id, STAFF_PIN).locked_until


@pytest.mark.parametrize("pin", ["12", "1234567", "abcd", "12a4", ""])
def test_bad_pins_are_refused(db, owner, pin):
    with pytest.raises(ValidationError, match="PIN") as info:
        users.add_user(db, "Nuevo", "staff", pin, actor=owner)
    assert info.value.field == "pin"
    assert users.find_user(db, "Nuevo") is None


def test_staff_cannot_add_users(db, staff):
    with pytest.raises(PermissionDenied, match="solo el dueño"):
        users.add_user(db, "Otro", "staff", "1234", actor=staff)


def test_duplicate_name_and_badge_refused(db, owner, staff):
    with pytest.raises(ValidationError, match="Ya existe"):
        users.add_user(db, "jorge", "staff", "1234", actor=owner)
    with pytest.raises(ValidationError, match="fotocheck"):
        users.add_user(db, "Otro", "staff", "1234", badge="op01", actor=owner)


def test_find_user_by_badge(db, staff):
    assert users.find_user(db, "OP01")["name"] == "Jorge"


def test_last_owner_cannot_be_removed(db, owner):
    with pytest.raises(ValidationError, match="último dueño"):
        users.deactivate(db, owner.user_id, actor=owner)


def test_every_user_write_is_audited(db, owner, staff):
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("user.add") == 2 and "business.create" in actions


def test_owner_resets_a_forgotten_staff_pin_and_unlocks_them(db, owner):
    from smedesk.core import audit

    staff_id = users.add_user(db, "Pedro", "staff", "1234", actor=owner)
    assert users.login(db, staff_id, "1234").ok
    for _ in range(5):
        users.login(db, staff_id, "0000")
    assert not users.login(db, staff_id, "1234").ok  # locked
    users.reset_pin(db, staff_id, "5678", actor=owner)
    assert users.login(db, staff_id, "5678").ok and not users.login(db, staff_id, "1234").ok
    assert any(e["action"] == "user.reset_pin" and e["entity_id"] == str(staff_id) for e in audit.recent(db, 50))


def test_staff_cannot_reset_anyones_pin(db, owner):
    from smedesk.core.errors import PermissionDenied

    staff_id = users.add_user(db, "Pedro", "staff", "1234", actor=owner)
    other = users.add_user(db, "Nina", "staff", "2222", actor=owner)
    with pytest.raises(PermissionDenied):
        users.reset_pin(db, other, "9999", actor=users.actor_for(users.get_user(db, staff_id)))


def test_own_pin_changes_only_with_the_old_one(db, owner):
    with pytest.raises(ValidationError) as err:
        users.change_own_pin(db, "0000", "4321", actor=owner)
    assert err.value.field == "old_pin"
    new = "4321" if OWNER_PIN != "4321" else "5432"
    users.change_own_pin(db, OWNER_PIN, new, actor=owner)
    assert users.login(db, owner.user_id, new).ok
    with pytest.raises(ValidationError):
        users.reset_pin(db, owner.user_id, "1111", actor=owner)  # own PIN: with the old one
