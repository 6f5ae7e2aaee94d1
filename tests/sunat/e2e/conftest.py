"""Part 1's real documents sent by the real sender: a certificate the test
makes, part1.current() (smedesk's own interface to part 1), and the local
SUNAT checking each file with SUNAT's own stylesheets when ../shared is
present (without it only that check is left out: `passed_sunats_rules`)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from smedesk.accounts import documents
from smedesk.core import parties
from smedesk.core.db import scalar
from smedesk.einvoice import certificate, part1, sending
from tests.einvoice.conftest import CERT_PASSWORD, make_pfx
from tests.einvoice.sunat_server import FakeSunat
from tests.sunat.conftest import PASSWORD, TODAY, USER


@pytest.fixture
def cert(db, owner, tmp_path):
    path = tmp_path / "firma.pfx"
    path.write_bytes(make_pfx())
    return certificate.install(db, path, CERT_PASSWORD, actor=owner)


@pytest.fixture
def fake():
    return FakeSunat({USER: PASSWORD}, today=TODAY, validator=True)


@pytest.fixture
def real():
    return part1.current()


@pytest.fixture
def send(db, owner, client, real):
    def run(**kw):
        return sending.run(db, client, real, actor=owner, sleep=lambda s: None, **kw)
    return run


@pytest.fixture
def person(db, owner):
    return parties.save(db, {"name": "Carmen Salazar Ríos", "id_type": "dni", "id_number": "41526374"}, actor=owner)


def passed_sunats_rules(fake, *names):
    """Each file went through SUNAT's stylesheets with no rejecting code (only
    when ../shared is here; the rest of the test runs either way)."""
    if fake.validator:
        assert {n: fake.checked.get(n) for n in names} == {n: "0" for n in names}


def factura(db, owner, customer, price="118.00", **kw):
    return documents.create_document(db, "sale", "01", "F001", [{"description": "Silla", "qty": "1",
                                                                 "unit_price": price}],
                                     actor=owner, party_id=customer, **kw)


def boleta(db, owner, price="30.00", party=None, **kw):
    return documents.create_document(db, "sale", "03", "B001", [{"description": "Banco", "qty": "1",
                                                                 "unit_price": price}],
                                     actor=owner, party_id=party, **kw)


SAC = "urn:sunat:names:specification:ubl:peru:schema:xsd:SunatAggregateComponents-1"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


def resumen_lines(db, name):
    """(ID, ConditionCode) of each line of the resumen kept under `name`, read from the zip sent."""
    data = scalar(db, "SELECT zip FROM sunat_submissions WHERE name = ?", [name])
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(f"{name}.xml"))
    return [(li.findtext(f"{{{CBC}}}ID"), li.findtext(f"{{{CAC}}}Status/{{{CBC}}}ConditionCode"))
            for li in root.iter(f"{{{SAC}}}SummaryDocumentsLine")]
