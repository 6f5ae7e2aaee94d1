"""A strict local copy of SUNAT's SEE web services for the tests, on 127.0.0.1.

Built from SUNAT's WSDLs (../shared/fixtures/sunat-wsdl/: billService with
sendBill, sendSummary, getStatus; billConsultService with getStatusCdr; SOAP
1.1 document/literal, soapAction "urn:<operation>", unqualified children) and
answering with SUNAT's codes from its error catalogue (CatalogoErrores.xml in
../shared/fixtures/sunat/commons/cpe/catalogo/). When ../shared is present and
`validator=True`, each document also goes through SUNAT's own validation
stylesheets (../shared/fixtures/sunat/validate.py) and answers with their
first error or their observations.

Each rule names where it comes from. Failure modes the tests switch on:
`unavailable` (HTTP 503 for the next n requests), `errors_500` (HTTP 500
without a SOAP body), `cut_after_register` (the document is registered, then
the connection is closed before the answer), `slow` (seconds before every
answer), `summary_polls` (getStatus answers 98 "en proceso" that many times).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import sys
import tempfile
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lxml import etree

from tests.einvoice.sunat_rules import (  # noqa: F401
    MESSAGES,
    Fault,
    _answer,
    _digest_ok,
    _fault_envelope,
    cdr_zip,
    certificate_expired,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
SERVICE = "http://service.sunat.gob.pe"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
AR = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
SAC = "urn:sunat:names:specification:ubl:peru:schema:xsd:SunatAggregateComponents-1"
# billService.xsd2.xsd and billConsultService.xsd: children of each request, in order.
OPERATIONS = {
    "/billService": {"sendBill": ("fileName", "contentFile", "partyType"),
                     "sendSummary": ("fileName", "contentFile", "partyType"),
                     "getStatus": ("ticket",)},
    "/billConsultService": {"getStatusCdr": ("rucComprobante", "tipoComprobante", "serieComprobante",
                                             "numeroComprobante"),
                            "getStatus": ("rucComprobante", "tipoComprobante", "serieComprobante",
                                          "numeroComprobante")},
}
BILL_RE = re.compile(r"^(\d{11})-(01|03|07|08)-([A-Z0-9]{4})-(\d{1,8})$")
SUMMARY_RE = re.compile(r"^(\d{11})-(RC|RA)-(\d{8})-(\d{1,5})$")
ROOTS = {"01": "Invoice", "03": "Invoice", "07": "CreditNote", "08": "DebitNote"}
CURRENCIES = {"PEN", "USD", "EUR"}  # catálogo 02 (cat_02.xml), the ones a workshop uses
# Plazo de envío (server side, not in the XSL; ../shared/fixtures/sunat/README.md "Known limits"):
# factura and its notes within 3 calendar days after the issue date (RS 000003-2023/SUNAT).
DAYS_FOR_BILL = 3
# Voiding (comunicación de baja, or a resumen line with condition 3): up to the seventh
# calendar day after the issue date (RS 097-2012/SUNAT art. 12 as amended by RS 193-2020/SUNAT).
DAYS_TO_VOID = 7
# A boleta and its notes sent one by one: also the seventh calendar day (same source).
DAYS_FOR_BOLETA = 7
NAMES = {"01": "Factura", "03": "Boleta", "07": "Nota de Credito", "08": "Nota de Debito"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class FakeSunat:
    """State and rules. `users`: {user: password}; `today`: the reception date."""

    def __init__(self, users=None, *, validator: bool = False, today: dt.date | None = None,
                 reject_as_fault: bool = False):
        self.users = users or {"20100123453MODDATOS": "moddatos"}
        self.validator = validator and (SHARED / "sunat" / "validate.py").exists()
        self.today = today or dt.date.today()
        self.reject_as_fault = reject_as_fault
        self.registered: dict[str, dict] = {}   # name -> {code, cdr, hash, ...}
        self.registrations: dict[str, int] = {}  # name -> times it was registered (must stay 1)
        self.tickets: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.requests = 0
        self.unavailable = 0
        self.errors_500 = 0
        self.cut_after_register = 0
        self.slow = 0.0
        self.summary_polls = 0
        self.next_ticket = 1700000000000
        self.override: dict[str, tuple] = {}  # name -> (code, description, notes) forced answer
        self.checked: dict[str, str] = {}  # name -> first code SUNAT's stylesheets gave ("0": none)

    # --- the SOAP layer --------------------------------------------------------------------------
    def handle(self, path: str, headers, body: bytes):
        """(status, bytes) or "cut"."""
        with self.lock:
            self.requests += 1
            if self.unavailable > 0:
                self.unavailable -= 1
                return 503, b"<html><body>Service Unavailable</body></html>"
            if self.errors_500 > 0:
                self.errors_500 -= 1
                return 500, b"<html><body>Internal Server Error</body></html>"
        if path not in OPERATIONS:
            return 404, b"Not Found"
        if not headers.get("Content-Type", "").startswith("text/xml"):
            return 415, b"SOAP 1.1 needs text/xml"  # the WSDL binds SOAP 1.1 (soap11:binding)
        try:
            op, fields, user = self._read(path, headers, body)
            return 200, getattr(self, f"_{op}")(fields, user)
        except Fault as f:
            return 500, _fault_envelope(f.code, f.message)
        except _Cut:
            return "cut"

    def _read(self, path, headers, body):
        try:
            env = etree.fromstring(body, _PARSER)
        except etree.XMLSyntaxError:
            raise Fault("0306", MESSAGES["0306"]) from None
        if env.tag != f"{{{SOAP}}}Envelope":
            raise Fault("0101", MESSAGES["0101"])
        token = env.find(f"{{{SOAP}}}Header/{{{WSSE}}}Security/{{{WSSE}}}UsernameToken")
        if token is None:
            raise Fault("0101", MESSAGES["0101"])
        user = (token.findtext(f"{{{WSSE}}}Username") or "").strip()
        password = token.findtext(f"{{{WSSE}}}Password") or ""
        if self.users.get(user) != password:
            raise Fault("0102", MESSAGES["0102"])
        body_el = env.find(f"{{{SOAP}}}Body")
        if body_el is None or len(body_el) != 1:
            raise Fault("0101", MESSAGES["0101"])
        request = body_el[0]
        op = etree.QName(request).localname
        if etree.QName(request).namespace != SERVICE or op not in OPERATIONS[path]:
            return_fault = Fault("0100", "El sistema no puede responder su solicitud.")
            raise return_fault
        if headers.get("SOAPAction", "").strip('"') not in (f"urn:{op}", ""):
            raise Fault("0100", "SOAPAction no corresponde a la operación")
        allowed = OPERATIONS[path][op]
        fields = {}
        for child in request:
            if child.tag not in allowed:  # unqualified children only, as the XSD declares
                raise Fault("0100", f"Elemento no esperado: {child.tag}")
            fields[child.tag] = (child.text or "").strip()
        if path == "/billConsultService":
            op = "consult_" + op
        return op, fields, user

    # --- billService --------------------------------------------------------------------------
    def _unzip(self, fields, pattern):
        name = fields.get("fileName", "")
        if not name.endswith(".zip") or not pattern.match(name[:-4]):
            raise Fault("0151", MESSAGES["0151"])
        try:
            data = base64.b64decode(fields.get("contentFile", ""), validate=True)
            zf = zipfile.ZipFile(io.BytesIO(data))
            members = [i for i in zf.infolist() if not i.is_dir()]
        except (ValueError, zipfile.BadZipFile):
            raise Fault("0156", MESSAGES["0156"]) from None
        if not members:
            raise Fault("0155", MESSAGES["0155"])
        xmls = [i for i in members if i.filename.lower().endswith(".xml")]
        if not xmls:
            raise Fault("0157", MESSAGES["0157"])
        if len(xmls) > 1:
            raise Fault("0158", MESSAGES["0158"])
        if xmls[0].filename != name[:-4] + ".xml":
            raise Fault("0161", MESSAGES["0161"])
        xml = zf.read(xmls[0])
        if not xml.strip():
            raise Fault("0160", MESSAGES["0160"])
        try:
            root = etree.fromstring(xml, _PARSER)
        except etree.XMLSyntaxError:
            raise Fault("0306", MESSAGES["0306"]) from None
        return name[:-4], xml, root

    def _check_user(self, user, ruc):
        if not user.startswith(ruc):  # the SOL user is the RUC followed by the user name
            raise Fault("0154", MESSAGES["0154"])

    def _rules(self, name, xml, root, doc_type, series, number, ruc):
        """(code, description, notes) of SUNAT's checks on one document."""
        if etree.QName(root).localname != ROOTS[doc_type] or (
                doc_type in ("01", "03") and root.findtext(f"{{{CBC}}}InvoiceTypeCode") != doc_type):
            return "1003", MESSAGES["1003"], []
        ident = root.findtext(f"{{{CBC}}}ID") or ""
        if ident.rpartition("-")[0] != series:
            return "1035", MESSAGES["1035"], []
        if not ident.rpartition("-")[2].isdigit() or int(ident.rpartition("-")[2]) != int(number):
            return "1036", MESSAGES["1036"], []
        signed = _digest_ok(root)
        if signed is None:
            return "1059", MESSAGES["1059"], []
        if not signed:
            return "2335", MESSAGES["2335"], []
        if certificate_expired(root, self.today):
            return "2327", MESSAGES["2327"], []
        if self.validator:
            return self._shared_rules(name, xml)
        if (root.findtext(f"{{{CBC}}}DocumentCurrencyCode") or "") not in CURRENCIES:
            return "3088", MESSAGES["3088"], []
        issued = dt.date.fromisoformat(root.findtext(f"{{{CBC}}}IssueDate"))
        if (self.today - issued).days > (DAYS_FOR_BOLETA if series.startswith("B") else DAYS_FOR_BILL):
            return "2108", MESSAGES["2108"], []
        notes = []
        if doc_type == "01" and root.find(f"{{{CAC}}}PaymentTerms") is None:
            notes.append(("3244", MESSAGES["3244"]))  # SFS stylesheet: observation (validator README)
        return "0", f"La {NAMES[doc_type]} numero {series}-{int(number)}, ha sido aceptada", notes

    def _shared_rules(self, name, xml):
        sys.path.insert(0, str(SHARED / "sunat"))
        from validate import validate  # SUNAT's stylesheets, ../shared/fixtures/sunat/validate.py

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.xml"
            path.write_bytes(xml)
            result = validate(path, signature=False)
        self.checked[name] = result["errors"][0]["code"] if result["errors"] else "0"
        if result["errors"]:
            first = result["errors"][0]
            return first["code"], first["description"], []
        notes = [(o["code"], o["description"]) for o in result["observations"]]
        return "0", f"El comprobante {name}, ha sido aceptado", notes

    def _sendBill(self, fields, user):
        if fields.get("fileName", "")[:-4] and SUMMARY_RE.match(fields.get("fileName", "")[:-4]):
            raise Fault("0152", MESSAGES["0152"])
        name, xml, root = self._unzip(fields, BILL_RE)
        ruc, doc_type, series, number = BILL_RE.match(name).groups()
        self._check_user(user, ruc)
        reference = f"{series}-{int(number)}"
        with self.lock:
            held = self.registered.get(name)
            if held is not None:  # a resend: SUNAT already holds it (CatalogoErrores 1032 / 1033)
                if held.get("voided") or held["code"] != "0" and int(held["code"]) < 4000:
                    raise Fault("1032", MESSAGES["1032"])
                raise Fault("1033", MESSAGES["1033"])
        digest = root.findtext(f".//{{{DS}}}DigestValue") or ""
        code, description, notes = self.override.get(name) or self._rules(name, xml, root, doc_type, series, number,
                                                                           ruc)
        if code.isdigit() and int(code) < 2000 and code != "0":
            raise Fault(code, description)  # not processed: nothing registered
        cdr = cdr_zip(name, reference, code, description, ruc, digest, notes)
        if self.reject_as_fault and 2000 <= int(code) <= 3999:
            raise Fault(code, description)
        with self.lock:
            self.registered[name] = {"code": code, "cdr": cdr, "hash": digest, "doc_type": doc_type}
            self.registrations[name] = self.registrations.get(name, 0) + 1
            if self.cut_after_register > 0:
                self.cut_after_register -= 1
                raise _Cut()
        return _answer("sendBill", f"<applicationResponse>{base64.b64encode(cdr).decode()}</applicationResponse>")

    def _sendSummary(self, fields, user):
        if BILL_RE.match(fields.get("fileName", "")[:-4]):
            raise Fault("0151", MESSAGES["0151"])
        name, xml, root = self._unzip(fields, SUMMARY_RE)
        ruc, kind, day, seq = SUMMARY_RE.match(name).groups()
        self._check_user(user, ruc)
        digest = root.findtext(f".//{{{DS}}}DigestValue") or ""
        with self.lock:
            ticket = str(self.next_ticket)
            self.next_ticket += 1
        if name in self.registered:
            code, description = "2223", MESSAGES["2223"]  # the same file twice
        elif (root.findtext(f"{{{CBC}}}ID") or "") != name.split("-", 1)[1]:
            code, description = "2220", MESSAGES["2220"]
        elif not _digest_ok(root):
            code, description = ("1059", MESSAGES["1059"]) if _digest_ok(root) is None else ("2335", MESSAGES["2335"])
        elif self.validator and (found := self._shared_rules(name, xml))[0] != "0":
            code, description = found[0], found[1]  # SUNAT's RC/RA stylesheets (validate.py table)
        else:
            code, description = self._summary_rules(kind, ruc, root)
        cdr = cdr_zip(name, f"{kind}-{day}-{seq}", code, description, ruc, digest)
        with self.lock:
            self.tickets[ticket] = {"name": name, "code": code, "cdr": cdr, "polls": self.summary_polls}
            if code == "0":
                self.registered[name] = {"code": code, "cdr": cdr, "hash": digest}
                self.registrations[name] = self.registrations.get(name, 0) + 1
        return _answer("sendSummary", f"<ticket>{ticket}</ticket>")

    def _summary_rules(self, kind, ruc, root):
        if kind == "RA":
            reference = dt.date.fromisoformat(root.findtext(f"{{{CBC}}}ReferenceDate") or "1900-01-01")
            if (self.today - reference).days > DAYS_TO_VOID:
                return "2957", MESSAGES["2957"]
            for line in root.iter(f"{{{SAC}}}VoidedDocumentsLine"):
                doc_type = line.findtext(f"{{{CBC}}}DocumentTypeCode")
                series = line.findtext(f"{{{SAC}}}DocumentSerialID")
                number = int(line.findtext(f"{{{SAC}}}DocumentNumberID"))
                target = f"{ruc}-{doc_type}-{series}-{number:08d}"
                found = self.registered.get(target)
                if found is None or found["code"] != "0" and int(found["code"]) < 4000:
                    return "2105", MESSAGES["2105"]
                if found.get("voided"):
                    return "2106", MESSAGES["2106"]
            for line in root.iter(f"{{{SAC}}}VoidedDocumentsLine"):
                target = (f"{ruc}-{line.findtext(f'{{{CBC}}}DocumentTypeCode')}-"
                          f"{line.findtext(f'{{{SAC}}}DocumentSerialID')}-"
                          f"{int(line.findtext(f'{{{SAC}}}DocumentNumberID')):08d}")
                self.registered[target]["voided"] = True
            return "0", "La Comunicacion de baja ha sido aceptada"
        return self._resumen_rules(ruc, root)

    def _resumen_rules(self, ruc, root):
        """A resumen diario's lines against what SUNAT already holds (server side,
        not in the RC stylesheet; codes and words from CatalogoErrores.xml)."""
        reference = dt.date.fromisoformat(root.findtext(f"{{{CBC}}}ReferenceDate") or "1900-01-01")
        seen, lines = set(), []
        for line in root.iter(f"{{{SAC}}}SummaryDocumentsLine"):
            doc_type = line.findtext(f"{{{CBC}}}DocumentTypeCode") or ""
            series, _, number = (line.findtext(f"{{{CBC}}}ID") or "").rpartition("-")
            condition = line.findtext(f"{{{CAC}}}Status/{{{CBC}}}ConditionCode") or ""
            key = f"{ruc}-{doc_type}-{series}-{int(number) if number.isdigit() else 0:08d}"
            if key in seen:
                return "2348", MESSAGES["2348"]  # the same document twice in one file
            seen.add(key)
            found = self.registered.get(key)
            if condition == "1" and found is not None:
                return "2282", MESSAGES["2282"]  # informed before (in a resumen or by sendBill)
            if condition in ("2", "3"):
                if found is None or found["code"] != "0" and int(found["code"]) < 4000:
                    return "2105", MESSAGES["2105"]
                if found.get("voided"):
                    return "2987", MESSAGES["2987"]
            if condition == "3" and (self.today - reference).days > DAYS_TO_VOID:
                return "2957", MESSAGES["2957"]
            lines.append((key, doc_type, condition))
        for key, doc_type, condition in lines:
            if condition == "1":
                self.registered[key] = {"code": "0", "cdr": None, "hash": "", "doc_type": doc_type}
            elif condition == "3":
                self.registered[key]["voided"] = True
        return "0", "El Resumen diario ha sido aceptado"

    def _getStatus(self, fields, user):
        found = self.tickets.get(fields.get("ticket", ""))
        if found is None:
            raise Fault("0127", MESSAGES["0127"])
        with self.lock:
            if found["polls"] > 0:
                found["polls"] -= 1
                return _answer("getStatus", "<status><statusCode>98</statusCode></status>")  # en proceso
        code = "0" if found["code"] == "0" else "99"
        return _answer("getStatus", f"<status><content>{base64.b64encode(found['cdr']).decode()}</content>"
                                    f"<statusCode>{code}</statusCode></status>")

    # --- billConsultService ---------------------------------------------------------------------
    def _consult_getStatusCdr(self, fields, user):
        ruc = fields.get("rucComprobante", "")
        self._check_user(user, ruc)
        series = fields.get("serieComprobante", "")
        if not series.startswith("F"):  # only facturas and their notes (JBillStatus README: 0010)
            return _answer("getStatusCdr", "<statusCdr><statusCode>0010</statusCode><statusMessage>Solo se puede "
                                           "consultar facturas, notas de crédito y debito</statusMessage></statusCdr>")
        name = f"{ruc}-{fields.get('tipoComprobante')}-{series}-{int(fields.get('numeroComprobante') or 0):08d}"
        found = self.registered.get(name)
        if found is None:
            return _answer("getStatusCdr", "<statusCdr><statusCode>0011</statusCode><statusMessage>El comprobante "
                                           "de pago electrónico no existe</statusMessage></statusCdr>")
        code = "0001" if found["code"] == "0" or int(found["code"]) >= 4000 else "0002"
        return _answer("getStatusCdr", f"<statusCdr><content>{base64.b64encode(found['cdr']).decode()}</content>"
                                       f"<statusCode>{code}</statusCode><statusMessage>La constancia existe"
                                       "</statusMessage></statusCdr>")


class _Cut(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, as a real server sends them

    def log_message(self, *args):
        pass

    def do_POST(self):
        fake: FakeSunat = self.server.fake
        if fake.slow:
            time.sleep(fake.slow)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        answer = fake.handle(self.path, self.headers, body)
        if answer == "cut":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status, data = answer
        self.send_response(status)
        self.send_header("Content-Type", "text/xml;charset=UTF-8" if data.startswith(b"<?xml") else "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Server:
    """Start with `with Server(fake) as url:`; url is the base (http://127.0.0.1:port)."""

    def __init__(self, fake: FakeSunat):
        self.fake = fake
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fake = fake
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
