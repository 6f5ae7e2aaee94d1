"""The station identifies people by badge or PIN, with the login's lockout."""

import hashlib

from smedesk.core import settings, users
from smedesk.tracking import station


def test_a_badge_identifies_without_a_pin(db, staff):
    assert station.identify(db, "OP01").person["name"] == "Jorge"


def test_a_pin_identifies_its_one_owner(db, staff):
    assert station.identify(db, "5678").person["name"] == "Jorge"


def test_five_wrong_pins_lock_the_station_for_pins(db, staff, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")  # 10:00 in Lima
    for _ in range(4):
        assert station.identify(db, "0000").reason == "PIN desconocido."
    locked = station.identify(db, "0000")
    assert locked.person is None and "10:05" in locked.reason  # auth.lock_minutes = 5
    # the right PIN is refused while locked: no hash is even tried
    assert station.identify(db, "5678").person is None
    # a badge still works
    assert station.identify(db, "OP01").person["name"] == "Jorge"


def test_the_lock_ends_after_the_login_minutes(db, staff, owner, monkeypatch):
    settings.set(db, "auth.max_attempts", "2", actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    station.identify(db, "0000")
    assert "10:05" in station.identify(db, "0000").reason
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:05:01Z")
    assert station.identify(db, "5678").person["name"] == "Jorge"


def test_a_user_locked_at_the_login_is_refused_at_the_station(db, staff, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    db.execute("UPDATE users SET locked_until = '2026-03-02T15:03:00.000000Z' WHERE name = 'Jorge'")
    assert "10:03" in station.identify(db, "5678").reason


def test_a_good_pin_clears_the_count(db, staff, owner, monkeypatch):
    settings.set(db, "auth.max_attempts", "2", actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    station.identify(db, "0000")
    station.identify(db, "5678")
    assert station.identify(db, "0000").reason == "PIN desconocido."  # one wrong again, not two


def count_scrypts(monkeypatch):
    calls = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return calls


def test_a_pin_costs_two_hashes_whatever_the_number_of_users(db, staff, owner, monkeypatch):
    for n in range(10):
        users.add_user(db, f"Operario {n}", "staff", f"40{n:02d}", actor=owner)
    calls = count_scrypts(monkeypatch)
    assert station.identify(db, "5678").person["name"] == "Jorge"
    assert len(calls) == 2  # the tag, then Jorge's own hash: not one per user (12 users)
    calls.clear()
    assert station.identify(db, "9999").person is None
    assert len(calls) == 1  # the tag names no one: no user's hash is tried


def test_a_pin_set_before_tags_is_found_and_tagged(db, staff, owner):
    db.execute("UPDATE users SET pin_tag = NULL WHERE name = 'Jorge'")
    assert station.identify(db, "5678").person["name"] == "Jorge"
    assert users.get_user(db, staff.user_id)["pin_tag"] == users.pin_tag(db, "5678")


def test_a_pin_two_users_share_names_no_one(db, staff, owner):
    users.add_user(db, "Marisol", "staff", "5678", actor=owner)
    assert station.identify(db, "5678").person is None


def test_a_new_pin_gets_a_new_tag(db, staff, owner):
    users.reset_pin(db, staff.user_id, "2468", actor=owner)
    assert station.identify(db, "2468").person["name"] == "Jorge"
    assert station.identify(db, "5678").person is None


def test_the_lock_refuses_the_right_pin_in_spanish_until_it_ends(db, staff, owner, monkeypatch):
    settings.set(db, "auth.max_attempts", "3", actor=owner)
    settings.set(db, "auth.lock_minutes", "10", actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")  # 10:00 in Lima
    assert [station.identify(db, "1111").reason for _ in range(2)] == ["PIN desconocido."] * 2
    locked = "Demasiados PIN incorrectos: intente de nuevo a las 10:10."
    assert station.identify(db, "1111").reason == locked
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:09:59Z")
    assert station.identify(db, "5678") == station.Identified(None, locked)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:10:00Z")
    assert station.identify(db, "5678").person["name"] == "Jorge"
