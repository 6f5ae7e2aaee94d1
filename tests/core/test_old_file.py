"""A file written before the package moves (commit fc5f49f) opens and migrates
with today's code: the migration set names recorded in it are unchanged."""

import gzip
import shutil
from pathlib import Path

import pytest

from smedesk.core import schema
from smedesk.core.db import open_db
from smedesk.tracking import progress, station

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pre-move-fc5f49f.smedesk.gz"


@pytest.fixture
def old_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-03T15:00:00Z")
    path = tmp_path / "viejo.smedesk"
    with gzip.open(FIXTURE) as src, path.open("wb") as out:
        shutil.copyfileobj(src, out)
    return path


def test_the_old_file_opens_and_gets_every_migration(old_file):
    db = open_db(old_file)
    try:
        applied = schema.applied_names(db)
        for set_name, names in schema.known_names().items():
            assert set(names) <= applied.get(set_name, set()), set_name
        assert applied["smedesk.production.tracking"] >= {"m001_orders", "m002_station_pin_lock"}
        assert "m005_triggers_written_out" in applied["smedesk.sync"]
        assert schema.file_version(db) == schema.known_version()
    finally:
        db.close()


def test_what_the_old_program_wrote_is_still_there(old_file):
    db = open_db(old_file)
    try:
        status = progress.order_status(db, "P-0001")
        # 4 polos, one scanned at Corte (2 of 8 standard minutes per polo): 2 ÷ (4 × 8) = 6.25 % → 6.3 %
        assert status["steps"][0]["done"] == 1 and status["percent"] == 6.3
        assert station.identify(db, "5678").person["name"] == "Jorge"
    finally:
        db.close()


def test_the_old_file_keeps_its_outbox_triggers_after_migrating(old_file):
    db = open_db(old_file)
    try:
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                             " AND name LIKE 'sync_%'")}
        assert triggers == {"sync_product_insert", "sync_product_update", "sync_variant_insert",
                            "sync_variant_update", "sync_quotation_sent", "sync_order_state", "sync_scan_progress"}
    finally:
        db.close()


def test_a_file_with_a_migration_this_program_does_not_know_is_refused(db, db_path):
    from smedesk.core.errors import DatabaseProblem

    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
               " VALUES ('smedesk.sync', 'm999_from_the_future', '2027-01-01')")
    db.close()
    with pytest.raises(DatabaseProblem, match="m999_from_the_future"):
        open_db(db_path)


def test_old_and_new_files_end_with_the_same_triggers(old_file, db):
    def triggers(conn):
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"))

    old = open_db(old_file)
    try:
        assert triggers(old) == triggers(db)
    finally:
        old.close()
