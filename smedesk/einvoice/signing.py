"""XMLDSig enveloped signature inside ext:UBLExtensions (RSA-SHA256, SHA-256 digest,
inclusive c14n 1.0), as SUNAT's "Anexo: firma digital" asks, with signxml. The
digest value of the single reference is the comprobante's hash (QR, printout)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from signxml import SignatureConstructionMethod, XMLSigner
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod

from smedesk.einvoice.ubl import DS

C14N = CanonicalizationMethod.CANONICAL_XML_1_0


@dataclass(frozen=True)
class Signed:
    """Attributes: xml (the signed bytes, to be kept as they are), hash (DigestValue, base64)."""

    xml: bytes
    hash: str


def sign(root: etree._Element, key, cert_pem: bytes) -> Signed:
    """Sign the document built by `ubl.build` (or a summary) in its placeholder."""
    signer = XMLSigner(method=SignatureConstructionMethod.enveloped, signature_algorithm=SignatureMethod.RSA_SHA256,
                       digest_algorithm=DigestAlgorithm.SHA256, c14n_algorithm=C14N)
    signer.namespaces = {"ds": DS}
    signed = signer.sign(root, key=key, cert=cert_pem.decode("ascii"), always_add_key_value=False)
    sig = signed.find(f".//{{{DS}}}Signature")
    sig.set("Id", "SignatureSP")
    xml = etree.tostring(signed, xml_declaration=True, encoding="UTF-8")
    return Signed(xml, digest_of(xml))


def digest_of(xml: bytes) -> str:
    node = etree.fromstring(xml).find(f".//{{{DS}}}DigestValue")
    return (node.text or "").strip() if node is not None else ""
