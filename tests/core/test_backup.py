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
