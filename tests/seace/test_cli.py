"""`smedesk seace …` as a user runs it: contracts of the JSON shapes and exit codes."""

import json

import pytest

from smedesk.cli import main
from tests.seace.builder import dumps, record_package, release, write
from tests.seace.server import Portal

DESK = "5610151700000001"


@pytest.fixture
def file_db(tmp_path):
    path = tmp_path / "n.smedesk"
    assert main(["init", "--name", "Taller", "--ruc", "20100123453", "--owner", "Ana", "--pin", "4321",
                 "--db", str(path)]) == 0
    return str(path)


@pytest.fixture
def stocked(file_db, tmp_path, capsys):
    package = record_package([
        release(1, item="CARPETA ESCOLAR", amount=0.0, cubso=DESK, department="JUNÍN",
                award=("MUEBLES SOL", "20100000001", 180.0, 100.0, "2026-03-01T10:00:00-05:00")),
        release(2, item="POLO DE ALGODON", amount=8000.0, cubso="5310161900000002"),
    ])
    assert main(["seace", "import", str(write(tmp_path / "p.json", package)), "--db", file_db]) == 0
    capsys.readouterr()
    return file_db


def test_import_prints_a_summary(file_db, tmp_path, capsys):
    path = write(tmp_path / "p.json", record_package([release(1)]))
    assert main(["seace", "import", str(path), "--db", file_db]) == 0
    assert "1 nuevos" in capsys.readouterr().out


def test_import_of_a_bad_file_exits_1_and_keeps_the_good_one(file_db, tmp_path, capsys):
    good = write(tmp_path / "good.json", record_package([release(1)]))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["seace", "import", str(bad), str(good), "--db", file_db]) == 1
    assert str(bad) in capsys.readouterr().err
    assert main(["seace", "search", "--json", "--db", file_db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_search_json_keys(stocked, capsys):
    assert main(["seace", "search", "carpetas", "--json", "--db", stocked]) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 1
    assert {"ocid", "title", "department", "status", "amount", "tender_end"} <= set(found[0])
    assert found[0]["amount"] is None  # 0.0 in the data means "not published"


def test_search_filters(stocked, capsys):
    main(["seace", "search", "--cubso", "5310", "--min", "5000", "--max", "9000", "--json", "--db", stocked])
    found = json.loads(capsys.readouterr().out)
    assert [(p["ocid"], p["amount"]) for p in found] == [("ocds-dgv273-seacev3-1300002", 8000)]


def test_search_by_department(stocked, capsys):
    main(["seace", "search", "--department", "junin", "--json", "--db", stocked])
    assert [p["department"] for p in json.loads(capsys.readouterr().out)] == ["JUNIN"]


def test_search_refuses_a_bad_amount(stocked, capsys):
    assert main(["seace", "search", "--min", "mucho", "--json", "--db", stocked]) == 1
    assert "mucho" in capsys.readouterr().err


def test_prices_json_keys(stocked, capsys):
    assert main(["seace", "prices", "56101517", "--json", "--db", stocked]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(p["ocid"], p["unit_price"], p["quantity"]) for p in found] == [
        ("ocds-dgv273-seacev3-1300001", 180, 100)]
    assert found[0]["date"].startswith("2026-03-01")


def test_prices_refuses_a_code_with_letters(stocked, capsys):
    assert main(["seace", "prices", "mesa", "--json", "--db", stocked]) == 1


def test_pull_from_a_local_portal(file_db, capsys):
    with Portal() as portal:
        portal.script["/api/v1/recordsAfter"] = [dumps(record_package([release(1), release(2)]))]
        assert main(["seace", "pull", "--base-url", portal.url, "--max-pages", "3", "--db", file_db]) == 0
    assert "2 nuevos" in capsys.readouterr().out


def test_pull_reports_the_url_of_a_bad_page(file_db, capsys, monkeypatch):
    from smedesk.tenders import client

    monkeypatch.setattr(client.Pacing, "from_settings", classmethod(
        lambda cls, db: cls(timeout=1, retries=0, backoff=0, min_interval=0)))
    with Portal() as portal:
        portal.script["/api/v1/recordsAfter"] = [("html",)]
        assert main(["seace", "pull", "--base-url", portal.url, "--db", file_db]) == 1
    assert "/api/v1/recordsAfter" in capsys.readouterr().err
