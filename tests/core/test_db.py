import hashlib
import sqlite3

import pytest
from sqlite_utils.migrations import Migrations

from smedesk.core import schema
from smedesk.core.db import open_db, run_script, tx
from smedesk.core.errors import DatabaseProblem


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_connections_use_wal_full_sync_and_foreign_keys(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 2000


def test_file_records_its_schema_version(db):
    assert schema.file_version(db) == schema.known_version() > 0


def test_newer_file_is_refused_with_both_versions_and_left_untouched(db, db_path):
    known = schema.known_version()
    db.execute(f"PRAGMA user_version={known + 5}")
    db.close()
    before = digest(db_path)
    with pytest.raises(DatabaseProblem) as info:
        open_db(db_path)
    assert str(known + 5) in str(info.value) and str(known) in str(info.value)
    assert digest(db_path) == before


def test_missing_folder_is_a_plain_message(tmp_path):
    with pytest.raises(DatabaseProblem, match="no existe"):
        open_db(tmp_path / "nope" / "x.smedesk")


def test_missing_file_is_not_created_silently(tmp_path):
    with pytest.raises(DatabaseProblem, match="smedesk init"):
        open_db(tmp_path / "x.smedesk")
    assert not (tmp_path / "x.smedesk").exists()


def test_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.smedesk"
    path.write_text("lista de compras\n" * 20)
    before = digest(path)
    with pytest.raises(DatabaseProblem, match="no es un archivo de negocio"):
        open_db(path)
    assert digest(path) == before


def test_truncated_file_is_refused_untouched(db, db_path):
    for n in range(200):
        db.execute("INSERT INTO settings VALUES (?, ?, 'x')", [f"k{n}", "v" * 500])
    db.conn.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = digest(db_path)
    with pytest.raises(DatabaseProblem, match="incompleto"):
        open_db(db_path)
    assert digest(db_path) == before


def test_other_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "otro.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=1234")
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="otro programa"):
        open_db(path)


def test_failing_migration_rolls_back_whole(db):
    extra = Migrations("test.extra")

    @extra()
    def m001_half(database):
        run_script(database, "CREATE TABLE half (a);\nINSERT INTO half VALUES (1);")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        extra.apply(db)
    assert not db["half"].exists()
    assert extra.pending(db)


def test_tx_rolls_back_on_error(db):
    with pytest.raises(ValueError):
        with tx(db):
            db.execute("INSERT INTO settings VALUES ('a', 'b', 'c')")
            raise ValueError
    assert db.execute("SELECT count(*) FROM settings WHERE key='a'").fetchone()[0] == 0


def test_audit_log_cannot_be_edited(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE audit_log SET action = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM audit_log")
