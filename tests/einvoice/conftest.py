"""E-invoice fixtures: a certificate the test makes (.pfx of the business's RUC),
kept in a temporary keys folder; customers of each kind; SUNAT's validator from
../shared when present (skipped otherwise)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from smedesk.core import parties

SUNAT = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "sunat"
BUSINESS_RUC = "20100123453"  # the `db` fixture's business
CERT_PASSWORD = "clave-del-certificado"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_pfx(ruc: str = BUSINESS_RUC, *, start=dt.datetime(2025, 1, 1), end=dt.datetime(2027, 1, 1),
             password: str = CERT_PASSWORD) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TALLER PRUEBA S.A.C."),
                      x509.NameAttribute(NameOID.SERIAL_NUMBER, f"RUC{ruc}"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "ROSA QUISPE")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(_KEY.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .sign(_KEY, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"owner", _KEY, cert, None,
                                                 BestAvailableEncryption(password.encode()))


@pytest.fixture(autouse=True)
def _keys_and_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(tmp_path / "claves"))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-20T15:00:00Z")
    monkeypatch.delenv("SMEDESK_SUNAT_DIR", raising=False)


@pytest.fixture
def pfx(tmp_path):
    path = tmp_path / "firma.pfx"
    path.write_bytes(make_pfx())
    return path


@pytest.fixture
def cert(db, owner, pfx):
    from smedesk.einvoice import certificate

    return certificate.install(db, pfx, CERT_PASSWORD, actor=owner)


@pytest.fixture
def customer(db, owner):
    return parties.save(db, {"name": "Tiendas Lima S.A.C.", "id_number": "20100070970",
                             "address": "Av. Grau 120, Lima"}, actor=owner)


@pytest.fixture
def person(db, owner):
    return parties.save(db, {"name": "Carmen Salazar Ríos", "id_type": "dni", "id_number": "41526374"}, actor=owner)


@pytest.fixture
def buyer(db, owner):
    return parties.save(db, {"name": "Oak & Pine Ltd", "id_type": "foreign", "id_number": "US-778812",
                             "country": "US", "address": "12 Main St, Portland"}, actor=owner)


@pytest.fixture
def sunat(tmp_path):
    """validate(name, xml) -> SUNAT's verdict, from ../shared's validate.py (skip when absent)."""
    if not (SUNAT / "validate.py").exists():
        pytest.skip("SUNAT's validation files (../shared/fixtures/sunat) are not here")
    if str(SUNAT) not in sys.path:
        sys.path.insert(0, str(SUNAT))
    from validate import validate

    def run(name: str, xml: bytes) -> dict:
        path = tmp_path / f"{name}.xml"
        path.write_bytes(xml)
        return validate(path)

    return run
