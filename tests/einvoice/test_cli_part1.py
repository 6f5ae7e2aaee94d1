"""The CLI contracts: cert load/show, docs xml, docs list --json state and hash."""

from __future__ import annotations

import io
import json

from smedesk.accounts import documents as d
from smedesk.cli import main

from .conftest import CERT_PASSWORD, make_pfx


def run(capsys, monkeypatch, db_path, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([*argv[:2], "--db", str(db_path), *argv[2:]])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cert_load_and_show(db, db_path, pfx, capsys, monkeypatch):
    db.close()
    code, out, _ = run(capsys, monkeypatch, db_path, "cert", "load", str(pfx), "--password-stdin",
                       stdin=CERT_PASSWORD + "\n")
    assert code == 0 and "20100123453" in out
    code, out, _ = run(capsys, monkeypatch, db_path, "cert", "show", "--json")
    shown = json.loads(out)
    assert code == 0 and set(shown) == {"subject", "ruc", "not_before", "not_after"}
    assert shown["ruc"] == "20100123453" and shown["not_after"] == "2027-01-01T00:00:00Z"


def test_cert_load_refusals_exit_1(db, db_path, tmp_path, capsys, monkeypatch):
    db.close()
    other = tmp_path / "other.pfx"
    other.write_bytes(make_pfx(ruc="20100070970"))
    code, _, err = run(capsys, monkeypatch, db_path, "cert", "load", str(other), "--password-stdin",
                       stdin=CERT_PASSWORD + "\n")
    assert code == 1 and "20100070970" in err
    code, _, err = run(capsys, monkeypatch, db_path, "cert", "load", str(other), "--password-stdin", stdin="x\n")
    assert code == 1 and "contraseña" in err


def test_docs_xml_needs_a_certificate_then_writes_sunat_name(db, db_path, owner, customer, pfx, tmp_path, capsys,
                                                             monkeypatch):
    d.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1, "unit_price": "118"}],
                      party_id=customer, date="2026-03-05", actor=owner)
    db.close()
    out_dir = tmp_path / "xml"
    code, _, err = run(capsys, monkeypatch, db_path, "docs", "xml", "F001-1", "-o", str(out_dir))
    assert code == 1 and "certificado" in err
    run(capsys, monkeypatch, db_path, "cert", "load", str(pfx), "--password-stdin", stdin=CERT_PASSWORD + "\n")
    code, out, _ = run(capsys, monkeypatch, db_path, "docs", "xml", "F001-1", "-o", str(out_dir))
    written = out_dir / "20100123453-01-F001-00000001.xml"
    assert code == 0 and out.strip() == str(written) and written.read_bytes().startswith(b"<?xml")
    code, out, _ = run(capsys, monkeypatch, db_path, "docs", "list", "--json")
    listed = json.loads(out)[0]
    assert listed["state"] == "pending" and listed["hash"] and len(listed["hash"]) == 44
