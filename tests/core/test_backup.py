import datetime as dt

import pytest

from smedesk.core import backup, clock, settings
from smedesk.core.db import open_db
from smedesk.core.errors import DatabaseProblem, PermissionDenied


def test_backup_is_a_sound_copy(db, db_path, owner, tmp_path):
    settings.set(db, "marker", "antes", actor=owner)
    dest = backup.backup(db, db_path, tmp_path / "copias", actor=owner)
    assert dest.name.startswith("negocio-") and dest.suffix == ".smedesk"
    assert backup.verify_file(dest).ok


def test_keeps_only_the_last_n(db, db_path, owner, tmp_path, monkeypatch):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    for n in range(5):
        monkeypatch.setenv("SMEDESK_NOW", clock.iso(start + dt.timedelta(hours=n)))
        backup.backup(db, db_path, tmp_path / "c", actor=owner, keep=3)
    kept = backup.list_backups(tmp_path / "c", "negocio")
    assert len(kept) == 3
    # Lima is UTC-5: 00:00 UTC on 1 Jan is 19:00 on 31 Dec; the two oldest went.
    assert [p.name for p in kept] == [
        "negocio-20251231-210000.smedesk",
        "negocio-20251231-220000.smedesk",
        "negocio-20251231-230000.smedesk",
    ]


def test_restore_brings_data_back_and_keeps_current_aside(db, db_path, owner, tmp_path):
    settings.set(db, "marker", "antes", actor=owner)
    dest = backup.backup(db, db_path, tmp_path / "c", actor=owner)
    settings.set(db, "marker", "despues", actor=owner)
    db.close()
    aside = backup.restore(db_path, dest, actor=owner)
    restored = open_db(db_path)
    try:
        assert settings.get(restored, "marker") == "antes"
    finally:
        restored.close()
    kept = open_db(aside)
    try:
        assert settings.get(kept, "marker") == "despues"
    finally:
        kept.close()


def test_restore_refuses_a_damaged_backup(db, db_path, owner, tmp_path):
    bad = tmp_path / "malo.smedesk"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 50)
    db.close()
    with pytest.raises(DatabaseProblem):
        backup.restore(db_path, bad, actor=owner)
    assert open_db(db_path) is not None


def test_staff_cannot_back_up(db, db_path, staff, tmp_path):
    with pytest.raises(PermissionDenied):
        backup.backup(db, db_path, tmp_path, actor=staff)


def test_auto_backup_once_a_day_and_once_a_week(db, db_path, tmp_path, monkeypatch):
    folder = tmp_path / "auto"
    # Wednesday 2026-11-25 15:00 UTC (10:00 in Lima)
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-25T15:00:00Z")
    made = backup.auto_backup(db, db_path, folder)
    assert sorted(p.name.split("-")[1] for p in made) == ["diaria", "semanal"]
    assert backup.auto_backup(db, db_path, folder) == []  # same day: nothing new
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-26T15:00:00Z")  # Thursday, same week
    assert [p.name.split("-")[1] for p in backup.auto_backup(db, db_path, folder)] == ["diaria"]
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-30T15:00:00Z")  # Monday, new ISO week
    assert sorted(p.name.split("-")[1] for p in backup.auto_backup(db, db_path, folder)) == ["diaria", "semanal"]


def test_auto_backups_rotate(db, db_path, owner, tmp_path, monkeypatch):
    settings.set(db, "backup.keep_daily", "2", actor=owner)
    folder = tmp_path / "auto"
    for day in (1, 2, 3, 4):
        monkeypatch.setenv("SMEDESK_NOW", f"2026-12-0{day}T15:00:00Z")
        backup.auto_backup(db, db_path, folder)
    daily = backup.list_backups(folder, "negocio", "diaria")
    assert [p.name[:24] for p in daily] == ["negocio-diaria-20261203-", "negocio-diaria-20261204-"]
    assert all(backup.verify_file(p).ok for p in daily)
