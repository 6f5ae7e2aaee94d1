"""Signed XML for the sending tests, made here because part 1 (issue 16) builds
the real one: a small UBL document with an enveloped XMLDSig signature
(c14n, SHA-256 digest, RSA-SHA256 with a throw-away key), and a Part1 that
serves it, builds resumen diario (RC) and baja (RA) files and records states.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

from smedesk.core import business, clock
from smedesk.core.db import row, rows, scalar

UBL = {"01": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
       "03": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
       "07": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
       "08": "urn:oasis:names:specification:ubl:schema:xsd:DebitNote-2"}
ROOT = {"01": "Invoice", "03": "Invoice", "07": "CreditNote", "08": "DebitNote"}
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
SAC = "urn:sunat:names:specification:ubl:peru:schema:xsd:SunatAggregateComponents-1"
RC_NS = "urn:sunat:names:specification:ubl:peru:schema:xsd:SummaryDocuments-1"
RA_NS = "urn:sunat:names:specification:ubl:peru:schema:xsd:VoidedDocuments-1"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _el(parent, ns, name, text=None):
    e = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        e.text = text
    return e


def certificate(not_after: dt.datetime) -> bytes:
    """A throw-away self-signed certificate for _KEY, valid until `not_after` (DER)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TEST ONLY 20100123453")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(_KEY.public_key())
            .serial_number(17).not_valid_before(not_after - dt.timedelta(days=365)).not_valid_after(not_after)
            .sign(_KEY, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def sign(root, cert: bytes | None = None) -> bytes:
    """Enveloped signature in ext:UBLExtensions, as SUNAT's profile asks."""
    ext = root.find(f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent")
    digest = base64.b64encode(hashlib.sha256(etree.tostring(root, method="c14n")).digest()).decode()
    sig = _el(ext, DS, "Signature")
    sig.set("Id", "SignSMEDESK")
    info = _el(sig, DS, "SignedInfo")
    _el(info, DS, "CanonicalizationMethod").set("Algorithm", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
    _el(info, DS, "SignatureMethod").set("Algorithm", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    ref = _el(info, DS, "Reference")
    ref.set("URI", "")
    transforms = _el(ref, DS, "Transforms")
    _el(transforms, DS, "Transform").set("Algorithm", "http://www.w3.org/2000/09/xmldsig#enveloped-signature")
    _el(ref, DS, "DigestMethod").set("Algorithm", "http://www.w3.org/2001/04/xmlenc#sha256")
    _el(ref, DS, "DigestValue", digest)
    value = _KEY.sign(etree.tostring(info, method="c14n"), padding.PKCS1v15(), hashes.SHA256())
    _el(sig, DS, "SignatureValue", base64.b64encode(value).decode())
    if cert is not None:
        _el(_el(_el(sig, DS, "KeyInfo"), DS, "X509Data"), DS, "X509Certificate", base64.b64encode(cert).decode())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _skeleton(tag_ns, tag, ruc):
    root = etree.Element(f"{{{tag_ns}}}{tag}", nsmap={None: tag_ns, "cbc": CBC, "cac": CAC, "ext": EXT, "ds": DS,
                                                      "sac": SAC})
    ext = _el(root, EXT, "UBLExtensions")
    _el(_el(ext, EXT, "UBLExtension"), EXT, "ExtensionContent")
    _el(root, CBC, "UBLVersionID", "2.1" if tag_ns in UBL.values() else "2.0")
    return root


def document_xml(doc: dict, ruc: str, *, currency: str | None = None, payment_terms: bool = True,
                 cert_until: dt.datetime | None = None) -> bytes:
    doc_type = doc["doc_type"]
    root = _skeleton(UBL[doc_type], ROOT[doc_type], ruc)
    _el(root, CBC, "CustomizationID", "2.0")
    _el(root, CBC, "ID", f"{doc['series']}-{doc['number']}")
    _el(root, CBC, "IssueDate", doc["date"])
    if doc_type in ("01", "03"):
        _el(root, CBC, "InvoiceTypeCode", doc_type)
    _el(root, CBC, "DocumentCurrencyCode", currency or doc["currency"])
    supplier = _el(_el(root, CAC, "AccountingSupplierParty"), CAC, "Party")
    _el(_el(supplier, CAC, "PartyIdentification"), CBC, "ID", ruc)
    if payment_terms and doc_type == "01":
        terms = _el(root, CAC, "PaymentTerms")
        _el(terms, CBC, "ID", "FormaPago")
        _el(terms, CBC, "PaymentMeansID", "Contado")
    total = _el(_el(root, CAC, "LegalMonetaryTotal"), CBC, "PayableAmount", f"{doc['total_cents'] / 100:.2f}")
    total.set("currencyID", doc["currency"])
    return sign(root, certificate(cert_until) if cert_until else None)


class TestPart1:
    __test__ = False  # a helper, not a test class

    """Part 1's interface for the tests. `overrides` changes one document's XML
    ({document_id: {"currency": "BTC"}}) to reach SUNAT's rules."""

    def __init__(self):
        self.overrides: dict[int, dict] = {}
        self.states: list[tuple[int, str, str | None]] = []
        self.signed: dict[int, tuple[str, bytes]] = {}
        self.batches: list[tuple] = []

    def signed_xml(self, db, document_id):
        if document_id not in self.signed:  # issued once: the same bytes every time
            doc = row(db, "SELECT * FROM documents WHERE id = ?", [document_id])
            ruc = business.get(db)["ruc"]
            name = f"{ruc}-{doc['doc_type']}-{doc['series']}-{doc['number']:08d}"
            self.signed[document_id] = (name, document_xml(doc, ruc, **self.overrides.get(document_id, {})))
        return self.signed[document_id]

    def _batch(self, db, kind, day, lines_xml, extra=None):
        ruc = business.get(db)["ruc"]
        today = dt.date.fromisoformat(scalar(db, "SELECT substr(?, 1, 10)", [day]) or day)
        issue = clock.today_lima().isoformat() if kind == "RA" else today.isoformat()
        seq = scalar(db, "SELECT count(*) FROM sunat_submissions WHERE name LIKE ?",
                     [f"{ruc}-{kind}-{issue.replace('-', '')}-%"]) + 1
        name = f"{ruc}-{kind}-{issue.replace('-', '')}-{seq}"
        root = _skeleton(RC_NS if kind == "RC" else RA_NS, "SummaryDocuments" if kind == "RC" else "VoidedDocuments",
                         ruc)
        _el(root, CBC, "CustomizationID", "1.1" if kind == "RC" else "1.0")
        _el(root, CBC, "ID", name.split("-", 1)[1])
        _el(root, CBC, "ReferenceDate", day)
        _el(root, CBC, "IssueDate", issue)
        supplier = _el(root, CAC, "AccountingSupplierParty")
        _el(supplier, CBC, "CustomerAssignedAccountID", ruc)
        for n, (doc, condition) in enumerate(lines_xml, start=1):
            tag = "SummaryDocumentsLine" if kind == "RC" else "VoidedDocumentsLine"
            line = _el(root, SAC, tag)
            _el(line, CBC, "LineID", str(n))
            _el(line, CBC, "DocumentTypeCode", doc["doc_type"])
            if kind == "RC":
                _el(line, CBC, "ID", f"{doc['series']}-{doc['number']}")
                _el(_el(line, CAC, "Status"), CBC, "ConditionCode", condition)
            else:
                _el(line, SAC, "DocumentSerialID", doc["series"])
                _el(line, SAC, "DocumentNumberID", str(doc["number"]))
                _el(line, SAC, "VoidReasonDescription", extra or "")
        return name, sign(root)

    def build_summary(self, db, day, *, actor, voids=(), skip=()):
        docs = rows(db, "SELECT d.* FROM documents d JOIN einvoice_documents e ON e.document_id = d.id"
                        " WHERE d.kind = 'sale' AND d.date = ? AND (d.series LIKE 'B%' OR d.doc_type = '03')"
                        " AND e.state = 'pending'", [day])
        picked = [(d, "1") for d in docs if d["id"] not in skip] + [(row(db, "SELECT * FROM documents WHERE id = ?", [i]), "3")
                                             for i in voids]
        return self._batch(db, "RC", day, picked)

    def build_voided(self, db, documents, reason, *, actor):
        docs = [row(db, "SELECT * FROM documents WHERE id = ?", [i]) for i in documents]
        return self._batch(db, "RA", docs[0]["date"], [(d, "3") for d in docs], reason)

    def set_state(self, db, document_id, state, *, code=None, description=None, actor):
        from smedesk.einvoice import api  # the state lives in part 1's table, whoever signs

        self.states.append((document_id, state, code))
        api.set_state(db, document_id, state, code=code, description=description, actor=actor)

    def set_batch_state(self, db, name, state, *, ticket=None, code=None, description=None, actor):
        self.batches.append((name, state, ticket, code))
