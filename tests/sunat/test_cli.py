import io
import json
import zipfile

import pytest

from smedesk.cli import main
from smedesk.core.db import open_db
from smedesk.einvoice import part1 as part1_module
from tests.sunat.conftest import PASSWORD, USER


@pytest.fixture
def cli(db_path, db, monkeypatch, part1, capsys):
    monkeypatch.setattr(part1_module, "current", lambda: part1)

    def run(*argv, stdin=""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", str(db_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def _credentials(cli, server):
    return cli("sunat", "credentials", "--user", USER, "--password-stdin", "--endpoint",
               server.url + "/billService", "--consult-endpoint", server.url + "/billConsultService",
               stdin=PASSWORD + "\n")


def test_credentials_are_kept_outside_the_business_file(cli, server, db_path, tmp_path):
    code, out, _ = _credentials(cli, server)
    assert code == 0
    assert PASSWORD.encode() not in db_path.read_bytes()
    stored = list((tmp_path / "claves").iterdir())
    assert [p.name.startswith("sunat-") for p in stored] == [True]
    assert oct(stored[0].stat().st_mode & 0o777) == "0o600"


def test_credentials_of_another_ruc_are_refused(cli, server):
    code, _, err = cli("sunat", "credentials", "--user", "20999999999MODDATOS", "--password-stdin",
                       stdin="x\n")
    assert code == 1 and "20100123453" in err


def test_plain_http_to_another_host_is_refused(cli):
    code, _, err = cli("sunat", "credentials", "--user", USER, "--password-stdin", "--endpoint",
                       "http://e-beta.sunat.gob.pe/ol-ti-itcpfegem-beta/billService", stdin="x\n")
    assert code == 1 and "https" in err


def test_send_prints_a_line_per_document_and_exits_0_when_nothing_is_left(cli, server, sale):
    sale(), sale()
    _credentials(cli, server)
    code, out, err = cli("sunat", "send")
    assert code == 0, err
    assert out.splitlines() == ["F001-00000001: aceptado (0) — La Factura numero F001-1, ha sido aceptada",
                                "F001-00000002: aceptado (0) — La Factura numero F001-2, ha sido aceptada"]


def test_send_exits_1_with_the_reason_when_something_is_left(cli, server, sale, fake):
    sale()
    _credentials(cli, server)
    fake.unavailable = 5
    code, out, err = cli("sunat", "send")
    assert code == 1
    assert "503" in err and "1 documentos" in err


def test_send_max(cli, server, sale):
    sale(), sale()
    _credentials(cli, server)
    code, out, _ = cli("sunat", "send", "--max", "1")
    assert code == 1 and len(out.splitlines()) == 1


def test_send_without_credentials_says_how(cli, sale):
    sale()
    code, _, err = cli("sunat", "send")
    assert code == 1 and "smedesk sunat credentials" in err


def test_status_json_keys(cli, server, sale, part1, db):
    doc = sale()
    part1.overrides[doc] = {"payment_terms": False}
    sale("03", "B001", "10.00")
    _credentials(cli, server)
    cli("sunat", "send", "--max", "1")
    code, out, _ = cli("sunat", "status", "--json")
    found = json.loads(out)
    assert code == 0
    assert [set(d) for d in found] == [{"document", "type", "state", "code", "description", "observations",
                                        "deadline"}] * 2
    by_doc = {d["document"]: d for d in found}
    assert by_doc["F001-00000001"]["state"] == "observed"
    assert by_doc["F001-00000001"]["observations"][0]["code"] == "3244"
    assert by_doc["F001-00000001"]["deadline"] is None
    assert by_doc["B001-00000001"] == {"document": "B001-00000001", "type": "03", "state": "pending", "code": "",
                                       "description": "", "observations": [], "deadline": "2026-03-27"}


def test_cdr_is_written_to_a_file(cli, server, sale, tmp_path):
    sale()
    _credentials(cli, server)
    cli("sunat", "send")
    target = tmp_path / "cdr.zip"
    code, _, _ = cli("sunat", "cdr", "F001-1", "-o", str(target))
    assert code == 0
    assert zipfile.ZipFile(target).namelist()[0] == "R-20100123453-01-F001-00000001.xml"


def test_cdr_of_a_document_not_answered_yet(cli, sale, tmp_path):
    sale()
    code, _, err = cli("sunat", "cdr", "F001-1", "-o", str(tmp_path / "x.zip"))
    assert code == 1 and "CDR" in err
    assert not (tmp_path / "x.zip").exists()


def test_void_and_send(cli, server, sale, db_path):
    doc = sale()
    _credentials(cli, server)
    cli("sunat", "send")
    code, out, _ = cli("sunat", "void", "F001-1", "--reason", "Error en el monto")
    assert code == 0 and "RA-20260320-1" in out
    code, out, _ = cli("sunat", "send")
    assert code == 0 and "RA-20260320-1" in out
    db = open_db(db_path)
    assert db.execute("SELECT state FROM einvoice_documents WHERE document_id = ?", [doc]).fetchone()[0] == "voided"
    db.close()


def test_unknown_document(cli):
    code, _, err = cli("sunat", "void", "F009-77", "--reason", "x")
    assert code == 1 and "F009-77" in err
