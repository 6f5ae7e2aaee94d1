"""The local SUNAT answering with SUNAT's own validation stylesheets from
../shared/fixtures/sunat/ (skipped when ../shared is absent)."""

import pytest

from smedesk.einvoice import cdr
from smedesk.einvoice.client import SunatClient
from tests.einvoice.sunat_server import SHARED, FakeSunat, Server

SUNAT = SHARED / "sunat"
pytestmark = pytest.mark.skipif(not (SUNAT / "validate.py").exists(), reason="../shared absent")
USER = "20123456789MODDATOS"  # the RUC of the samples (Greenter's fictitious issuer)
NAME = "20123456789-01-F001-1"


@pytest.fixture
def client():
    with Server(FakeSunat({USER: "moddatos"}, validator=True)) as server:
        yield SunatClient(server.url + "/billService", user=USER, password="moddatos")


def _send(client, path):
    zip_name, data = cdr.zip_document(NAME, path.read_bytes())
    return cdr.read_answer(client.send_bill(zip_name, data), NAME, cdr.document_hash(path.read_bytes()))[0]


def test_greenter_sample_is_accepted_by_sunats_rules(client):
    answer = _send(client, SUNAT / "samples" / "F001-1" / f"{NAME}.xml")
    assert answer.outcome in ("accepted", "observed")


def test_a_currency_outside_catalogue_02_is_rejected_with_3088(client):
    answer = _send(client, SUNAT / "selftest" / "cases" / "factura_currency_BTC" / f"{NAME}.xml")
    assert (answer.code, answer.outcome) == ("3088", "rejected")


def test_a_document_edited_after_signing_is_rejected_with_2335(client):
    answer = _send(client, SUNAT / "selftest" / "cases" / "edited_after_signing" / f"{NAME}.xml")
    assert (answer.code, answer.outcome) == ("2335", "rejected")
