"""SOAP 1.1 envelopes for SUNAT's billService and billConsultService, built and
read with lxml.

Why not zeep: the whole surface is five document/literal operations with
unqualified children (billService.xsd2.xsd, billConsultService.xsd), so an
envelope is a dozen lines; zeep would load the WSDL at run time, bring its own
HTTP stack past smedesk's transport policy (TLS verified, no cross-host
redirects, size caps) and several more packages into the portable build.

WS-Security: a UsernameToken with the password in clear text
(PasswordText), as SUNAT's "Manual del Programador" and every client of the
service (Greenter's WsSecurityHeader) send it; TLS protects it on the way.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from lxml import etree

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SERVICE_NS = "http://service.sunat.gob.pe"
WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
PASSWORD_TEXT = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-username-token-profile-1.0#PasswordText")
# Operations and the children they take, in the order the XSDs give them.
OPERATIONS = {
    "sendBill": ("fileName", "contentFile"),
    "sendSummary": ("fileName", "contentFile"),
    "getStatus": ("ticket",),
    "getStatusCdr": ("rucComprobante", "tipoComprobante", "serieComprobante", "numeroComprobante"),
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


class SoapError(Exception):
    """An answer that is not a SOAP envelope we can read."""


@dataclass(frozen=True)
class Fault:
    """Attributes: code (SUNAT's 4-digit code when the fault carries one, else
    the faultcode as given), message (faultstring), detail (text of <detail>)."""

    code: str
    message: str
    detail: str = ""


def envelope(operation: str, fields: dict, *, user: str, password: str) -> bytes:
    """The request for `operation` with its fields (bytes are base64-encoded)."""
    names = OPERATIONS[operation]
    env = etree.Element(f"{{{SOAP_NS}}}Envelope", nsmap={"soapenv": SOAP_NS, "ser": SERVICE_NS, "wsse": WSSE_NS})
    header = etree.SubElement(env, f"{{{SOAP_NS}}}Header")
    security = etree.SubElement(header, f"{{{WSSE_NS}}}Security")
    token = etree.SubElement(security, f"{{{WSSE_NS}}}UsernameToken")
    etree.SubElement(token, f"{{{WSSE_NS}}}Username").text = user
    etree.SubElement(token, f"{{{WSSE_NS}}}Password", Type=PASSWORD_TEXT).text = password
    body = etree.SubElement(env, f"{{{SOAP_NS}}}Body")
    op = etree.SubElement(body, f"{{{SERVICE_NS}}}{operation}")
    for name in names:
        if name not in fields:
            continue
        value = fields[name]
        child = etree.SubElement(op, name)  # unqualified, as the XSDs declare
        child.text = base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else str(value)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def parse(raw: bytes) -> etree._Element:
    """The Body's first child (an operation's response or a Fault)."""
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError:
        raise SoapError("not XML") from None
    if root.tag != f"{{{SOAP_NS}}}Envelope":
        raise SoapError("not a SOAP 1.1 envelope")
    body = root.find(f"{{{SOAP_NS}}}Body")
    if body is None or len(body) == 0:
        raise SoapError("no Body")
    return body[0]


def fault(element) -> Fault | None:
    """The fault in a parsed Body child, or None when it is an answer.

    SUNAT writes its code in faultcode ("soap-env:Client.0102") or, from the
    OSEs and the consult service, as the whole faultstring ("0102"); Greenter
    reads both the same way."""
    if element.tag != f"{{{SOAP_NS}}}Fault":
        return None
    code = (element.findtext("faultcode") or "").strip()
    message = (element.findtext("faultstring") or "").strip()
    detail_el = element.find("detail")
    detail = " ".join(detail_el.itertext()).strip() if detail_el is not None else ""
    found = re.search(r"(\d{4})$", code) or re.fullmatch(r"\s*(\d{4})\s*", message) or \
        re.search(r"\b(\d{4})\b", detail)
    return Fault(found.group(1) if found else code, message, detail)


def response_field(element, operation: str, *path: str) -> str | None:
    """Text of a child path in `operationResponse` (unqualified children)."""
    if element.tag != f"{{{SERVICE_NS}}}{operation}Response":
        raise SoapError(f"expected {operation}Response")
    node = element
    for name in path:
        node = node.find(name)
        if node is None:
            return None
    return (node.text or "").strip()


def decode_b64(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise SoapError("content is not base64") from None


def fault_envelope(code: str, message: str) -> bytes:
    """A SOAP fault as SUNAT writes it (used by the local test service and tests)."""
    env = etree.Element(f"{{{SOAP_NS}}}Envelope", nsmap={"soap-env": SOAP_NS})
    body = etree.SubElement(env, f"{{{SOAP_NS}}}Body")
    f = etree.SubElement(body, f"{{{SOAP_NS}}}Fault")
    etree.SubElement(f, "faultcode").text = f"soap-env:Client.{code}"
    etree.SubElement(f, "faultstring").text = message
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def answer_envelope(operation: str, fields: dict) -> bytes:
    """An operation's response envelope, nested dicts for complex children."""
    env = etree.Element(f"{{{SOAP_NS}}}Envelope", nsmap={"soap-env": SOAP_NS, "br": SERVICE_NS})
    body = etree.SubElement(env, f"{{{SOAP_NS}}}Body")
    resp = etree.SubElement(body, f"{{{SERVICE_NS}}}{operation}Response")

    def fill(parent, data):
        for name, value in data.items():
            if value is None:
                continue
            child = etree.SubElement(parent, name)
            if isinstance(value, dict):
                fill(child, value)
            else:
                child.text = base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else str(value)

    fill(resp, fields)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")
