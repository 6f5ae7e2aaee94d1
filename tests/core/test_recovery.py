"""Damaged files at start: a plain message, the latest good backup offered,
the damaged file moved aside byte for byte, never overwritten."""

import hashlib
import sqlite3

import pytest

from smedesk.core import backup, health, paths, recovery, schema, settings
from smedesk.core.db import open_db, tx


def fill(db, owner, n=3000):
    # enough rows that the middle of the file is the business's data, however
    # large the schema grows (damaging a schema page is another test's matter)
    with tx(db):
        for i in range(n):
            settings.set(db, f"dato.{i}", "x" * 200, actor=owner)


@pytest.fixture
def with_backup(db, db_path, owner):
    fill(db, owner)
    good = backup.backup(db, db_path, paths.default_backup_dir(db_path), actor=owner)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return good


def overwrite_middle(path):
    """Garble two pages of table data in the body of the file. Not schema pages: with
    every area's tables the schema is spread over the whole file, and a garbled schema
    page makes the file unopenable rather than damaged (another test's case)."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        pages = sorted(p for (p,) in con.execute("SELECT pageno FROM dbstat WHERE name = 'settings'"))
    finally:
        con.close()
    page = pages[len(pages) // 2]
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    data[start:start + size] = b"\xde\xad\xbe\xef" * (size // 4)
    path.write_bytes(bytes(data))


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def newer(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema.known_version() + 1}")
    conn.commit()
    conn.close()


def foreign(path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=42")
    conn.execute("CREATE TABLE fotos (id INTEGER PRIMARY KEY, nombre TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "damage, words",
    [(overwrite_middle, "dañado"), (truncate, "incompleto"), (newer, "más nuevo"), (foreign, "otro programa")],
)
def test_damage_is_detected_and_the_latest_good_backup_restores(with_backup, db_path, damage, words):
    damage(db_path)
    damaged_bytes = hashlib.sha256(db_path.read_bytes()).hexdigest()
    found = recovery.diagnose(db_path)
    assert not found.ok and words in found.problem
    assert found.good_backup == with_backup
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == damaged_bytes  # diagnosis changed nothing
    aside = recovery.restore_latest(db_path, found.good_backup)
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == damaged_bytes
    restored = open_db(db_path)
    try:
        assert health.check(restored).ok
        assert settings.get(restored, "dato.299") == "x" * 200
    finally:
        restored.close()


def test_a_sound_file_needs_nothing(db, db_path):
    db.close()
    assert recovery.diagnose(db_path).ok


def test_damage_without_backup_says_so(db, db_path, owner):
    fill(db, owner, 50)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    truncate(db_path)
    found = recovery.diagnose(db_path)
    assert not found.ok and found.good_backup is None


def test_a_damaged_backup_is_skipped_for_an_older_good_one(db, db_path, owner, monkeypatch):
    fill(db, owner, 50)
    folder = paths.default_backup_dir(db_path)
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-01T12:00:00Z")
    older = backup.backup(db, db_path, folder, actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-02T12:00:00Z")
    newest = backup.backup(db, db_path, folder, actor=owner)
    import os
    os.utime(older, (1, 1))
    truncate(newest)
    db.close()
    overwrite_middle(db_path)
    assert recovery.diagnose(db_path).good_backup == older


def test_restore_at_start_refuses_while_another_process_holds_the_file(with_backup, db_path):
    import subprocess
    import sys

    from smedesk.core.errors import DatabaseProblem

    overwrite_middle(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]);"
         " c.execute('SELECT count(*) FROM sqlite_master').fetchone(); print('HELD', flush=True); time.sleep(60)",
         str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "HELD"
        with pytest.raises(DatabaseProblem, match="otra ventana"):
            recovery.restore_latest(db_path, with_backup)
    finally:
        holder.kill()
        holder.wait()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before  # not moved, not changed
