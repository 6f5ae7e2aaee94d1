"""A client for SUNAT's SEE web services (or an OSE's copy of them): billService
(sendBill, sendSummary, getStatus) and billConsultService (getStatusCdr).

Every call goes through `smedesk.sync.transport.Transport` (https only, except
this computer; TLS verified; no redirects of a POST; answers capped in size).
Failures become `SunatFault`s that say what to do: try later, fix the
credentials, or accept that SUNAT refused the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.einvoice import soap
from smedesk.sync.transport import Transport, TransportError, new_session

# Addresses from the WSDLs (../shared/fixtures/sunat-wsdl/README.md) and SUNAT's
# "Manual del Programador"; the consult service has no beta.
BETA = "https://e-beta.sunat.gob.pe/ol-ti-itcpfegem-beta/billService"
PRODUCTION = "https://e-factura.sunat.gob.pe/ol-ti-itcpfegem/billService"
CONSULT = "https://e-factura.sunat.gob.pe/ol-it-wsconscpegem/billConsultService"
ENDPOINTS = {"beta": BETA, "production": PRODUCTION}
# SUNAT's published test user for the beta service: the issuer's RUC followed by
# MODDATOS, password moddatos.
BETA_SOL_USER, BETA_PASSWORD = "MODDATOS", "moddatos"
MAX_ANSWER = 4 * 1024 * 1024
CREDENTIAL_CODES = {"0101", "0102", "0103", "0104", "0111", "2107"}
# billConsultService getStatusCdr statusCode (SUNAT's consult service, as listed by
# nthny/JBillStatus README): 0001 accepted, 0002 rejected, 0003 voided (de baja).
CONSULT_FOUND = {"0001", "0002", "0003"}
CONSULT_MISSING = "0011"


class SunatFault(SmedeskError):
    """SUNAT (or the way to it) did not take the request.

    Attributes: code (SUNAT's code or ""), kind: "retry" (not received, try
    later), "credentials" (user or password refused), "duplicate" (1033/1032:
    already registered, fetch its CDR), "rejected" (2000–3999: the document
    does not exist for SUNAT), "garbled" (an answer we cannot read: try later).
    """

    def __init__(self, message: str, *, code: str = "", kind: str = "retry"):
        super().__init__(message)
        self.code = code
        self.kind = kind

    @property
    def retryable(self) -> bool:
        return self.kind in ("retry", "garbled")


def classify_fault(code: str) -> str:
    """Where a fault code falls in SUNAT's catalogue (CatalogoErrores.xml):
    0100–1999 the request was not processed, 2000–3999 the document is
    rejected, 4000 and above are observations."""
    if code in CREDENTIAL_CODES:
        return "credentials"
    if code in ("1033", "1032"):
        return "duplicate"
    if code.isdigit():
        number = int(code)
        if 2000 <= number <= 3999:
            return "rejected"
    return "retry"


@dataclass(frozen=True)
class TicketStatus:
    """getStatus answer. Attributes: code ("0" done, "98" in process, "99" done
    with errors), content (the CDR zip, when done)."""

    code: str
    content: bytes | None


@dataclass(frozen=True)
class ConsultStatus:
    """getStatusCdr answer. Attributes: code, message, content (CDR zip or None)."""

    code: str
    message: str
    content: bytes | None


def check_endpoint(url: str, *, field: str = "endpoint") -> str:
    """beta, production, or an address: https always, plain http only to
    127.0.0.1 (the tests' local SUNAT); no user or password in it."""
    url = (url or "").strip()
    if url in ENDPOINTS:
        return ENDPOINTS[url]
    url = url.rstrip("/")
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname == "127.0.0.1"
    if not (parts.scheme == "https" or local) or not parts.hostname or parts.username or parts.password:
        raise ValidationError(
            tr("«{url}» cannot be SUNAT's address: give beta, production or the https:// address of your OSE.",
               url=url[:120]), field=field)
    return url


def _transport_message(exc: TransportError) -> str:
    return {
        "tls": tr("SUNAT's security certificate could not be verified; nothing was sent."),
        "timeout": tr("SUNAT took too long to answer; it will be tried again."),
        "connection": tr("Could not reach SUNAT (no internet, or SUNAT is down); it will be tried again."),
        "cut": tr("The connection was cut while SUNAT answered; it will be tried again."),
        "too_large": tr("SUNAT's answer is too large; refused."),
        "redirect": tr("SUNAT's address sent us elsewhere; refused. Check the address."),
    }.get(exc.kind, tr("Could not reach SUNAT; it will be tried again."))


class SunatClient:
    """Calls against one billService (and optionally one billConsultService)."""

    def __init__(self, endpoint: str, *, user: str, password: str, consult_endpoint: str | None = None,
                 session: requests.Session | None = None, timeout: tuple[float, float] = (10.0, 60.0)):
        session = session or new_session()
        self.user, self._password = user, password
        self.bill = Transport(check_endpoint(endpoint), session=session, timeout=timeout, max_bytes=MAX_ANSWER,
                              check=check_endpoint)
        self.consult = (Transport(check_endpoint(consult_endpoint, field="consult_endpoint"), session=session,
                                  timeout=timeout, max_bytes=MAX_ANSWER, check=check_endpoint)
                        if consult_endpoint else None)

    def __repr__(self) -> str:  # the password never shows in a traceback
        return f"SunatClient({self.bill.base_url!r}, user={self.user!r})"

    @property
    def requests(self) -> int:
        return self.bill.requests + (self.consult.requests if self.consult else 0)

    @property
    def bytes_moved(self) -> int:
        out = self.bill.bytes_sent + self.bill.bytes_received
        if self.consult:
            out += self.consult.bytes_sent + self.consult.bytes_received
        return out

    def _call(self, transport: Transport, operation: str, fields: dict):
        body = soap.envelope(operation, fields, user=self.user, password=self._password)
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f"urn:{operation}",
                   "Accept": "text/xml"}
        try:
            reply = transport.post_bytes(body, headers)
        except TransportError as exc:
            raise SunatFault(_transport_message(exc), kind="retry" if exc.retryable else "garbled") from None
        try:
            element = soap.parse(reply.data)
        except soap.SoapError:
            if reply.status in (401, 403):
                raise SunatFault(tr("SUNAT refused the user or password (HTTP {status}).", status=reply.status),
                                 kind="credentials") from None
            if reply.status >= 500 or reply.status in (408, 429):
                raise SunatFault(tr("SUNAT is not answering right now (HTTP {status}); it will be tried again.",
                                    status=reply.status)) from None
            raise SunatFault(tr("SUNAT's answer could not be read; it will be tried again."),
                             kind="garbled") from None
        found = soap.fault(element)
        if found is not None:
            kind = classify_fault(found.code)
            text = found.message or found.detail or found.code
            raise SunatFault(tr("SUNAT answered {code}: {message}", code=found.code, message=text[:300]),
                             code=found.code, kind=kind)
        if reply.status != 200:
            raise SunatFault(tr("SUNAT is not answering right now (HTTP {status}); it will be tried again.",
                                status=reply.status))
        return element

    def _field(self, element, operation, *path) -> str | None:
        try:
            return soap.response_field(element, operation, *path)
        except soap.SoapError:
            raise SunatFault(tr("SUNAT's answer could not be read; it will be tried again."), kind="garbled") from None

    def _b64(self, text):
        try:
            return soap.decode_b64(text)
        except soap.SoapError:
            raise SunatFault(tr("SUNAT's answer could not be read; it will be tried again."), kind="garbled") from None

    def send_bill(self, zip_name: str, content: bytes) -> bytes:
        """Send one document's zip; returns the CDR zip."""
        element = self._call(self.bill, "sendBill", {"fileName": zip_name, "contentFile": content})
        cdr = self._b64(self._field(element, "sendBill", "applicationResponse"))
        if not cdr:
            raise SunatFault(tr("SUNAT's answer carried no CDR; it will be tried again."), kind="garbled")
        return cdr

    def send_summary(self, zip_name: str, content: bytes) -> str:
        """Send a resumen diario or a comunicación de baja; returns the ticket."""
        element = self._call(self.bill, "sendSummary", {"fileName": zip_name, "contentFile": content})
        ticket = self._field(element, "sendSummary", "ticket")
        if not ticket:
            raise SunatFault(tr("SUNAT's answer carried no ticket; it will be tried again."), kind="garbled")
        return ticket

    def get_status(self, ticket: str) -> TicketStatus:
        element = self._call(self.bill, "getStatus", {"ticket": ticket})
        code = self._field(element, "getStatus", "status", "statusCode")
        if code is None:
            raise SunatFault(tr("SUNAT's answer could not be read; it will be tried again."), kind="garbled")
        return TicketStatus(code, self._b64(self._field(element, "getStatus", "status", "content")))

    def get_status_cdr(self, ruc: str, doc_type: str, series: str, number: int) -> ConsultStatus:
        """Ask the consult service for a document's CDR (facturas and their notes)."""
        if self.consult is None:
            raise SunatFault(tr("No consult address is set, so the CDR cannot be fetched again: "
                                "set it with «smedesk sunat credentials --consult-endpoint URL»."), kind="retry")
        element = self._call(self.consult, "getStatusCdr", {
            "rucComprobante": ruc, "tipoComprobante": doc_type, "serieComprobante": series,
            "numeroComprobante": int(number)})
        code = self._field(element, "getStatusCdr", "statusCdr", "statusCode")
        if code is None:
            raise SunatFault(tr("SUNAT's answer could not be read; it will be tried again."), kind="garbled")
        message = self._field(element, "getStatusCdr", "statusCdr", "statusMessage") or ""
        return ConsultStatus(code, message, self._b64(self._field(element, "getStatusCdr", "statusCdr", "content")))
