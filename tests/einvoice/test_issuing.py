"""Issuing: hand-checked XML values, the signature verified by xmlsec (independent of
signxml), refusals that leave nothing numbered, state and immutability."""

from __future__ import annotations

import pytest
from lxml import etree

from smedesk.accounts import documents as d
from smedesk.core import parties
from smedesk.core.db import scalar
from smedesk.core.errors import ValidationError
from smedesk.einvoice import api, certificate
from smedesk.einvoice.ubl import CAC, CBC, DS
from smedesk.einvoice.words import amount_in_words

from .conftest import CERT_PASSWORD, make_pfx

NS = {"cac": CAC, "cbc": CBC, "ds": DS}


def factura(db, owner, customer, lines=None, **kw):
    kw.setdefault("date", "2026-03-05")
    return d.create_document(db, "sale", "01", "F001", lines or [{"description": "Mesa", "qty": 2,
                                                                  "unit_price": "590"}],
                             party_id=customer, actor=owner, **kw)


OWN_RUC = "El RUC del cliente 20100123453 es el de este mismo negocio: un negocio no se factura a sí mismo."


def nothing_numbered(db):
    return scalar(db, "SELECT count(*) FROM documents") == 0 and scalar(db, "SELECT count(*) FROM doc_series") == 0


@pytest.mark.parametrize("cents,currency,words", [
    (11800, "PEN", "CIENTO DIECIOCHO CON 00/100 SOLES"),
    (125050, "USD", "MIL DOSCIENTOS CINCUENTA CON 50/100 DÓLARES AMERICANOS"),
    (2107, "PEN", "VEINTIUNO CON 07/100 SOLES"),
    (100000000, "PEN", "UN MILLÓN CON 00/100 SOLES"),
    (99, "PEN", "CERO CON 99/100 SOLES"),
])
def test_total_in_words(cents, currency, words):
    assert amount_in_words(cents, currency) == words


def test_factura_xml_carries_hand_computed_amounts(db, owner, cert, customer):
    doc_id = factura(db, owner, customer)
    name, xml = api.signed_xml(db, doc_id)
    root = etree.fromstring(xml)

    def one(path):
        return root.find(path, NS).text

    assert name == "20100123453-01-F001-00000001"
    assert one("cbc:ID") == "F001-00000001" and one("cbc:IssueDate") == "2026-03-05"
    # 2 × 590.00 with IGV = 1180.00; base 1180 / 1.18 = 1000.00; IGV (18% combined) 180.00
    assert one("cac:TaxTotal/cbc:TaxAmount") == "180.00"
    assert one("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:ID") == "1000"
    assert one("cac:LegalMonetaryTotal/cbc:LineExtensionAmount") == "1000.00"
    assert one("cac:LegalMonetaryTotal/cbc:PayableAmount") == "1180.00"
    assert one("cac:InvoiceLine/cac:Price/cbc:PriceAmount") == "500"  # valor unitario
    assert one("cac:InvoiceLine/cac:PricingReference/cac:AlternativeConditionPrice/cbc:PriceAmount") == "590"
    assert one("cac:InvoiceLine/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == "18"
    assert one("cbc:Note") == "MIL CIENTO OCHENTA CON 00/100 SOLES"
    assert one("cac:PaymentTerms/cbc:PaymentMeansID") == "Contado"
    assert "IPM" not in xml.decode() and "15.5" not in xml.decode()  # the split stays in the books
    # the hash kept with the document is the signature's digest value
    assert api.state_of(db, doc_id)["hash"] == one(".//ds:DigestValue")
    assert api.state_of(db, doc_id)["state"] == "pending"


def test_signature_verifies_with_xmlsec_and_breaks_when_edited(db, owner, cert, customer, pfx):
    xmlsec = pytest.importorskip("xmlsec")
    _, xml = api.signed_xml(db, factura(db, owner, customer))

    def verify(data: bytes) -> bool:
        root = etree.fromstring(data)
        node = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
        pem = "-----BEGIN CERTIFICATE-----\n" + root.find(".//ds:X509Certificate", NS).text.strip() + \
              "\n-----END CERTIFICATE-----\n"
        ctx = xmlsec.SignatureContext()
        ctx.key = xmlsec.Key.from_memory(pem.encode(), xmlsec.constants.KeyDataFormatCertPem)
        try:
            ctx.verify(node)
            return True
        except xmlsec.Error:
            return False

    assert verify(xml)
    root = etree.fromstring(xml)
    assert root.find(".//ds:SignatureMethod", NS).get("Algorithm").endswith("rsa-sha256")
    assert root.find("{urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2}UBLExtensions"
                     ).find(".//ds:Signature", NS) is not None
    assert not verify(xml.replace(b"<cbc:PayableAmount currencyID=\"PEN\">1180.00",
                                  b"<cbc:PayableAmount currencyID=\"PEN\">1100.00"))


def test_factura_to_a_dni_is_refused_and_nothing_numbered(db, owner, cert, customer):
    dni = parties.save(db, {"name": "Luis Rojas", "id_number": "45781236"}, actor=owner)
    with pytest.raises(ValidationError, match="RUC") as err:
        factura(db, owner, dni)
    assert err.value.field == "party_id" and nothing_numbered(db)


def test_factura_to_own_ruc_is_refused(db, owner, cert):
    own = parties.save(db, {"name": "Nosotros", "id_number": "20100123453"}, actor=owner)
    with pytest.raises(ValidationError) as err:
        factura(db, owner, own)
    # one refusal, the domain's (documents._party), before SUNAT's rules run
    assert (err.value.field, err.value.message) == ("party_id", OWN_RUC)
    assert nothing_numbered(db)


def test_boleta_of_900_without_document_is_refused(db, owner, cert):
    with pytest.raises(ValidationError, match="700") as err:
        d.create_document(db, "sale", "03", "B001", [{"description": "Ropero", "qty": 1, "unit_price": "900"}],
                          date="2026-03-05", actor=owner)
    assert err.value.field == "party_id" and nothing_numbered(db)


def test_boleta_under_700_needs_no_document(db, owner, cert):
    doc_id = d.create_document(db, "sale", "03", "B001", [{"description": "Polo", "qty": 1, "unit_price": "700"}],
                               date="2026-03-05", actor=owner)
    _, xml = api.signed_xml(db, doc_id)
    assert etree.fromstring(xml).find("cac:PaymentTerms", NS) is None  # a boleta carries no forma de pago


def test_cuotas_that_do_not_add_up_are_refused(db, owner, cert, customer):
    with pytest.raises(ValidationError, match="1180") as err:
        factura(db, owner, customer, cuotas=[("500", "2026-04-05"), ("500", "2026-05-05")])
    assert err.value.field == "cuotas" and nothing_numbered(db)


def test_cuota_dated_before_the_document_is_refused(db, owner, cert, customer):
    with pytest.raises(ValidationError, match="Cuota 1"):
        factura(db, owner, customer, cuotas=[("1180", "2026-03-01")])


def test_credit_with_two_cuotas_is_kept_and_due_at_the_last(db, owner, cert, customer):
    doc_id = factura(db, owner, customer, cuotas=[("590", "2026-04-05"), ("590", "2026-05-05")])
    _, xml = api.signed_xml(db, doc_id)
    terms = etree.fromstring(xml).findall("cac:PaymentTerms", NS)
    assert [t.find("cbc:PaymentMeansID", NS).text for t in terms] == ["Credito", "Cuota001", "Cuota002"]
    assert [t.find("cbc:Amount", NS).text for t in terms] == ["1180.00", "590.00", "590.00"]
    assert d.get_document(db, doc_id)["due_date"] == "2026-05-05"


def test_a_nota_over_its_original_is_refused(db, owner, cert, customer):
    factura(db, owner, customer)
    with pytest.raises(ValidationError, match="superarían el total"):
        d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "1200"}], ref="F001-1",
                          date="2026-03-06", actor=owner)
    assert scalar(db, "SELECT count(*) FROM documents WHERE doc_type = '07'") == 0


def test_a_nota_for_another_customer_is_refused(db, owner, cert, customer, buyer):
    factura(db, owner, customer)
    with pytest.raises(ValidationError) as err:
        d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "100"}], ref="F001-1",
                          party_id=buyer, date="2026-03-06", actor=owner)
    assert err.value.field == "party_id"


def test_export_line_for_a_local_customer_is_refused(db, owner, cert, customer):
    with pytest.raises(ValidationError, match="extranjero|foreign"):
        factura(db, owner, customer, lines=[{"description": "Silla", "qty": 1, "unit_price": "50", "tax": "export"}])


def test_seven_digit_dni_is_refused_not_stored_as_foreign(db, owner):
    with pytest.raises(ValidationError, match="8"):
        parties.save(db, {"name": "Ana", "id_number": "4578123"}, actor=owner)


def test_without_certificate_the_document_waits_then_signs_once(db, owner, customer, pfx):
    doc_id = factura(db, owner, customer)
    assert api.state_of(db, doc_id)["hash"] is None
    with pytest.raises(ValidationError, match="certificado"):
        api.signed_xml(db, doc_id)
    certificate.install(db, pfx, CERT_PASSWORD, actor=owner)
    name, first = api.signed_xml(db, doc_id)
    assert api.signed_xml(db, doc_id) == (name, first)  # kept, not signed again
    assert api.state_of(db, doc_id)["hash"]


def test_issued_xml_is_immutable(db, owner, cert, customer):
    doc_id = factura(db, owner, customer)
    with pytest.raises(Exception, match="immutable"):
        db.execute("UPDATE einvoice_documents SET xml = x'00' WHERE document_id = ?", [doc_id])


def test_state_moves_and_unknown_state_is_refused(db, owner, cert, customer):
    doc_id = factura(db, owner, customer)
    moved = api.set_state(db, doc_id, "observed", code="4287", description="precio", actor=owner)
    assert moved["state"] == "observed" and moved["code"] == "4287"
    with pytest.raises(ValidationError):
        api.set_state(db, doc_id, "sent", actor=owner)


def test_contingency_and_portal_series_are_recorded_not_issued(db, owner, cert, customer):
    paper = d.create_document(db, "sale", "01", "0001", [{"description": "Mesa", "qty": 1, "unit_price": "100"}],
                              party_id=customer, number=57, date="2026-03-05", actor=owner)
    portal = d.create_document(db, "sale", "01", "E001", [{"description": "Mesa", "qty": 1, "unit_price": "100"}],
                               party_id=customer, number=12, date="2026-03-05", actor=owner)
    assert api.state_of(db, paper)["state"] == "contingency" and api.state_of(db, portal)["state"] == "portal"
    with pytest.raises(ValidationError, match="portal"):
        api.signed_xml(db, portal)
    with pytest.raises(ValidationError, match="número|number"):
        d.create_document(db, "sale", "01", "E001", [{"description": "Mesa", "qty": 1, "unit_price": "1"}],
                          party_id=customer, date="2026-03-05", actor=owner)


def test_bad_series_is_refused(db, owner, cert, customer):
    with pytest.raises(ValidationError) as err:
        d.create_document(db, "sale", "01", "X001", [{"description": "Mesa", "qty": 1, "unit_price": "1"}],
                          party_id=customer, date="2026-03-05", actor=owner)
    assert err.value.field == "series"


@pytest.mark.parametrize("kind,match", [
    ("expired", "venció"), ("wrong_password", "contraseña"), ("other_ruc", "20100070970")])
def test_certificate_refusals(db, owner, tmp_path, kind, match):
    path = tmp_path / "c.pfx"
    if kind == "expired":
        import datetime as dt

        path.write_bytes(make_pfx(end=dt.datetime(2026, 2, 1)))
    elif kind == "other_ruc":
        path.write_bytes(make_pfx(ruc="20100070970"))
    else:
        path.write_bytes(make_pfx())
    with pytest.raises(ValidationError, match=match):
        certificate.install(db, path, "mala" if kind == "wrong_password" else CERT_PASSWORD, actor=owner)
    assert not certificate.has_certificate(db)


def test_certificate_kept_0600_outside_the_business_file(db, owner, cert, tmp_path, db_path):
    import stat

    files = list((tmp_path / "claves").iterdir())
    assert len(files) == 1 and stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert cert.ruc == "20100123453" and cert.not_after.startswith("2027-01-01")
    assert b"clave-del-certificado" not in db_path.read_bytes()


def test_expiry_warning_from_30_days():
    import datetime as dt

    info = certificate.CertInfo("CN=X", "20100123453", "2025-01-01T00:00:00Z", "2026-04-10T00:00:00Z")
    assert certificate.expiry_warning(info, dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)) is None
    assert "20" in certificate.expiry_warning(info, dt.datetime(2026, 3, 21, tzinfo=dt.timezone.utc))
