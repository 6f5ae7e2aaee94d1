"""The station identifies people by badge or PIN, with the login's lockout."""

from smedesk.core import settings
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
