"""Importing packages from files and ZIPs: good data kept, bad data reported."""

import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from smedesk.core.db import scalar
from smedesk.tenders import importer, store
from tests.seace.builder import record_package, release, release_package, write


def count(db):
    return scalar(db, "SELECT count(*) FROM seace_processes")


def test_record_package_is_imported(sdb, boss, tmp_path):
    path = write(tmp_path / "p.json", record_package([release(n) for n in range(3)]))
    report = importer.import_files(sdb, [path], actor=boss)
    assert (len(report.new), report.problems) == (3, [])
    assert count(sdb) == 3


def test_same_package_twice_changes_nothing(sdb, boss, tmp_path):
    path = write(tmp_path / "p.json", record_package([release(n) for n in range(3)]))
    importer.import_files(sdb, [path], actor=boss)
    before = scalar(sdb, "SELECT group_concat(changed_at || content_hash) FROM seace_processes")
    again = importer.import_files(sdb, [path], actor=boss)
    assert (again.new, again.changed, again.unchanged) == ([], [], 3)
    assert scalar(sdb, "SELECT group_concat(changed_at || content_hash) FROM seace_processes") == before


def test_later_release_updates_the_process(sdb, boss, tmp_path):
    importer.import_files(sdb, [write(tmp_path / "a.json", record_package([release(1)]))], actor=boss)
    later = release(1, date="2026-10-20T10:00:00-05:00", stage="ADJUDICADO", tag="award",
                    award=("MUEBLES SOL SAC", "20100000001", 250.0, 100.0, "2026-10-20T10:00:00-05:00"))
    report = importer.import_files(sdb, [write(tmp_path / "b.json", release_package([later]))], actor=boss)
    assert report.changed == ["ocds-dgv273-seacev3-1300001"]
    kept = store.load(sdb, "ocds-dgv273-seacev3-1300001")
    assert kept["status"] == "ADJUDICADO"
    assert kept["awards"][0]["items"][0]["unit_price_cents"] == 25000


def test_older_release_does_not_undo_a_newer_one(sdb, boss, tmp_path):
    newer = release(1, date="2026-10-20T10:00:00-05:00", stage="DESIERTO")
    older = release(1, date="2026-09-26T11:00:00-05:00", stage="CONVOCADO")
    importer.import_files(sdb, [write(tmp_path / "a.json", release_package([newer]))], actor=boss)
    report = importer.import_files(sdb, [write(tmp_path / "b.json", release_package([older]))], actor=boss)
    assert report.older == 1
    assert store.load(sdb, "ocds-dgv273-seacev3-1300001")["status"] == "DESIERTO"


def test_releases_in_one_package_apply_oldest_first(sdb, boss, tmp_path):
    newer = release(1, date="2026-10-20T10:00:00-05:00", stage="NULO")
    older = release(1, date="2026-09-26T11:00:00-05:00", stage="CONVOCADO")
    importer.import_files(sdb, [write(tmp_path / "a.json", release_package([newer, older]))], actor=boss)
    assert store.load(sdb, "ocds-dgv273-seacev3-1300001")["status"] == "NULO"


def test_a_bad_release_is_reported_and_the_rest_kept(sdb, boss, tmp_path):
    package = release_package([release(1), {"date": "2026-01-01"}, "junk", release(2)])
    report = importer.import_files(sdb, [write(tmp_path / "p.json", package)], actor=boss)
    assert len(report.new) == 2
    assert len(report.problems) == 2 and all(str(tmp_path / "p.json") == w for w, _ in report.problems)


def test_truncated_file_reported_and_other_files_imported(sdb, boss, tmp_path):
    good = write(tmp_path / "good.json", record_package([release(1)]))
    cut = tmp_path / "cut.json"
    cut.write_bytes(good.read_bytes()[:300])
    report = importer.import_files(sdb, [cut, good], actor=boss)
    assert report.problems == [(str(cut), "está cortado (incompleto)")]
    assert count(sdb) == 1


def test_html_file_is_reported(sdb, boss, tmp_path):
    page = tmp_path / "p.json"
    page.write_text("<!DOCTYPE html><html>Error</html>")
    report = importer.import_files(sdb, [page], actor=boss)
    assert "HTML" in report.problems[0][1]


def test_json_that_is_not_a_package_is_reported(sdb, boss, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    assert importer.import_files(sdb, [path], actor=boss).problems[0][0] == str(path)


def test_missing_file_is_reported(sdb, boss, tmp_path):
    assert importer.import_files(sdb, [tmp_path / "none.json"], actor=boss).problems


def test_bulk_zip_is_imported(sdb, boss, tmp_path):
    path = tmp_path / "bulk.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2026-06_seace_v3_records.json", (write(tmp_path / "a.json", record_package(
            [release(n) for n in range(5)]))).read_bytes())
    assert len(importer.import_files(sdb, [path], actor=boss).new) == 5


def test_zip_with_unexpected_members_keeps_the_good_one(sdb, boss, tmp_path):
    path = tmp_path / "bulk.zip"
    good = write(tmp_path / "a.json", record_package([release(1)])).read_bytes()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("records.json", good)
        zf.writestr("setup.exe", b"MZ...")
        zf.writestr("../../evil.json", good)
    report = importer.import_files(sdb, [path], actor=boss)
    assert len(report.new) == 1
    assert sorted(w.rsplit(":", 1)[1] for w, _ in report.problems) == ["../../evil.json", "setup.exe"]


def test_zip_bomb_is_refused(sdb, boss, tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("records.json", b" " * (20 * 1024 * 1024))
    report = importer.import_files(sdb, [path], actor=boss)
    assert "bomba" in report.problems[0][1]
    assert count(sdb) == 0


def test_absurd_member_size_is_refused(sdb, boss, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("records.json", b"[" + b"1," * 2000 + b"1]")
    assert "grande" in importer.import_files(sdb, [path], actor=boss).problems[0][1]


def test_broken_zip_is_reported(sdb, boss, tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04garbage")
    assert importer.import_files(sdb, [path], actor=boss).problems[0][0] == str(path)


def test_import_is_audited(sdb, boss, tmp_path):
    importer.import_files(sdb, [write(tmp_path / "p.json", record_package([release(1)]))], actor=boss)
    assert scalar(sdb, "SELECT count(*) FROM audit_log WHERE action = 'seace.import'") == 1


def test_staff_cannot_import(db, staff, tmp_path):
    import pytest

    from smedesk.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        importer.import_files(db, [write(tmp_path / "p.json", record_package([release(1)]))], actor=staff)


def test_cancel_stops_between_files(sdb, boss, tmp_path):
    paths = [write(tmp_path / f"{n}.json", record_package([release(n)])) for n in range(3)]
    calls = []
    report = importer.import_files(sdb, paths, actor=boss, progress=lambda d, t: calls.append((d, t)),
                                   cancelled=lambda: len(calls) >= 1)
    assert (len(report.new), calls) == (1, [(1, 3)])


STAGES = [("2026-09-01T10:00:00-05:00", "CONVOCADO"), ("2026-09-20T10:00:00-05:00", "ADJUDICADO"),
          ("2026-10-05T10:00:00-05:00", "CONTRATADO")]


@settings(max_examples=12, deadline=None)
@given(st.permutations(STAGES), st.booleans())
def test_any_arrival_order_ends_with_the_newest_release(order, together):
    from smedesk.core import business, users
    from smedesk.core.db import memory_db

    db = memory_db()
    try:
        business.setup(db, business.NewBusiness("Mem", "20100123453", "Rosa", "1234"))
        actor = users.owner_actor(db)
        releases = [release(1, date=date, stage=stage) for date, stage in order]
        packages = [release_package(releases)] if together else [release_package([r]) for r in releases]
        for package in packages:
            importer.import_package(db, package, "test", actor=actor)
        assert store.load(db, "ocds-dgv273-seacev3-1300001")["status"] == "CONTRATADO"
    finally:
        db.close()
