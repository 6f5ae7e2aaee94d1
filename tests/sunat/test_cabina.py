"""The queue carried on the USB stick to a cabina pública and back."""

import io
import zipfile

import pytest

from smedesk.cli import main
from smedesk.core.db import row, rows
from smedesk.einvoice import cabina, sol
from smedesk.einvoice import part1 as part1_module
from smedesk.sync import bundle
from smedesk.sync import config as sync_config
from tests.sunat.conftest import PASSWORD, USER


def _no_shop(manifest, config):
    raise AssertionError("no shop is set: the shop must not be contacted")


def _typed(server):
    def factory(manifest, packed):
        packed = {**packed, "endpoint": server.url + "/billService",
                  "consult_endpoint": server.url + "/billConsultService"}
        return cabina.client_for(packed, manifest["business_uid"], user=USER, password=PASSWORD)
    return factory


def test_the_queue_goes_to_the_cabina_and_the_cdrs_come_back(db, owner, sale, part1, server, fake, tmp_path):
    first, second = sale(), sale()
    boleta = sale("03", "B001", "25.00")
    path = tmp_path / "usb" / "semana.smedesk-bundle"
    path.parent.mkdir()
    info = bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)
    assert info.sunat == 3  # two facturas and the resumen with the boleta
    raw = path.read_bytes()
    assert PASSWORD.encode() not in raw and USER.encode() not in raw

    sent = bundle.send_bundle(path, _no_shop, sunat_client=_typed(server), sleep=lambda s: None)
    assert sent.sunat == 3
    assert set(fake.registrations) == {"20100123453-01-F001-00000001", "20100123453-01-F001-00000002",
                                       "20100123453-RC-20260320-1"}

    read = bundle.read_bundle(db, path, actor=owner, part1=part1)
    assert read.sunat == 3
    states = {r["document_id"]: r["state"] for r in rows(db, "SELECT * FROM einvoice_documents")}
    assert states == {first: "accepted", second: "accepted", boleta: "accepted"}
    assert row(db, "SELECT cdr FROM sunat_submissions WHERE document_id = ?", [first])["cdr"].startswith(b"PK")
    assert bundle.read_bundle(db, path, actor=owner, part1=part1).already


def test_a_cdr_altered_on_the_stick_is_not_taken(db, owner, sale, part1, server, tmp_path):
    doc = sale()
    path = tmp_path / "b.smedesk-bundle"
    bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)
    bundle.send_bundle(path, _no_shop, sunat_client=_typed(server))
    # the bundle's checksums refuse an edited file outright
    data = zipfile.ZipFile(path).read("sunat-answers.json").replace(b"F001", b"F002")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["sunat-answers.json"] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(bundle.ValidationError):
        bundle.read_bundle(db, path, actor=owner, part1=part1)
    assert row(db, "SELECT state FROM einvoice_documents WHERE document_id = ?", [doc])["state"] == "pending"


def test_wrong_password_at_the_cabina_keeps_everything_queued(db, owner, sale, part1, server, fake, tmp_path):
    doc = sale()
    path = tmp_path / "b.smedesk-bundle"
    bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)

    def wrong(manifest, packed):
        return cabina.client_for({**packed, "endpoint": server.url + "/billService"}, manifest["business_uid"],
                                 user=USER, password="nope")

    sent = bundle.send_bundle(path, _no_shop, sunat_client=wrong)
    assert "0102" in sent.sunat_note
    bundle.read_bundle(db, path, actor=owner, part1=part1)
    assert row(db, "SELECT state FROM einvoice_documents WHERE document_id = ?", [doc])["state"] == "pending"
    assert fake.registered == {}


def test_credentials_kept_on_the_stick(db, owner, sale, part1, server, tmp_path, monkeypatch, capsys):
    sale()
    stick = tmp_path / "stick"
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(stick / "claves"))
    sol.save(db, USER, PASSWORD, server.url + "/billService", server.url + "/billConsultService")
    path = tmp_path / "b.smedesk-bundle"
    bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)
    monkeypatch.setattr(part1_module, "current", lambda: part1)
    assert main(["sync", "--bundle", str(path)]) == 0  # no business file: the bundle and the stick
    assert "1" in capsys.readouterr().out
    bundle.read_bundle(db, path, actor=owner, part1=part1)
    assert rows(db, "SELECT state FROM einvoice_documents")[0]["state"] == "accepted"


def test_typed_credentials_are_not_saved(db, owner, sale, part1, server, tmp_path, monkeypatch, capsys):
    sale()
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(tmp_path / "workshop"))
    sol.save(db, USER, PASSWORD, server.url + "/billService", server.url + "/billConsultService")
    path = tmp_path / "b.smedesk-bundle"
    bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)
    cabina_dir = tmp_path / "cabina"
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(cabina_dir))  # nothing of the owner's here
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["sync", "--bundle", str(path), "--sunat-user", USER, "--sunat-password-stdin"]) == 0
    assert not cabina_dir.exists()
    bundle.read_bundle(db, path, actor=owner, part1=part1)
    assert rows(db, "SELECT state FROM einvoice_documents")[0]["state"] == "accepted"


def test_no_credentials_at_the_cabina_says_how(db, owner, sale, part1, tmp_path, capsys):
    sale()
    path = tmp_path / "b.smedesk-bundle"
    bundle.write_bundle(db, path, actor=owner, config=sync_config.load(db), part1=part1)
    assert main(["sync", "--bundle", str(path)]) == 1
    assert "--sunat-user" in capsys.readouterr().err
