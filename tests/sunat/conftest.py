import datetime as dt

import pytest

from smedesk.accounts import documents
from smedesk.core import parties
from smedesk.einvoice.client import SunatClient
from tests.einvoice.signed import TestPart1
from tests.einvoice.sunat_server import FakeSunat, Server

TODAY = dt.date(2026, 3, 20)
USER, PASSWORD = "20100123453MODDATOS", "moddatos"


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-20T15:00:00Z")
    monkeypatch.setenv("SMEDESK_CREDENTIALS_DIR", str(tmp_path / "claves"))
    monkeypatch.setenv("SMEDESK_NO_KEYRING", "1")


@pytest.fixture
def fake():
    return FakeSunat({USER: PASSWORD}, today=TODAY)


@pytest.fixture
def server(fake):
    with Server(fake) as running:
        yield running


@pytest.fixture
def client(server):
    return SunatClient(server.url + "/billService", user=USER, password=PASSWORD,
                       consult_endpoint=server.url + "/billConsultService", timeout=(2.0, 5.0))


@pytest.fixture
def part1():
    return TestPart1()


@pytest.fixture
def customer(db, owner):
    # 20100070970: weights 5,4,3,2,7,6,5,4,3,2 → 89; 11 - 89 % 11 = 10 → check digit 0
    return parties.save(db, {"name": "Tiendas Lima S.A.C.", "id_number": "20100070970"}, actor=owner)


@pytest.fixture
def sale(db, owner, customer):
    """sale(doc_type="01", series="F001", price="118.00", date=None) -> document id"""

    def make(doc_type="01", series="F001", price="118.00", date=None, ref=None):
        return documents.create_document(db, "sale", doc_type, series,
                                         [{"description": "Silla", "qty": "1", "unit_price": price}],
                                         actor=owner, party_id=customer if doc_type != "03" else None,
                                         date=date, ref=ref)
    return make
