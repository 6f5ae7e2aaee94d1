"""SUNAT's codes and answers for the local test service (sunat_server.py):
the fault and response envelopes, the CDR as SUNAT writes and zips it, the
signature's digest check, and the catalogue's wording."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import time
import zipfile

from lxml import etree

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
SERVICE = "http://service.sunat.gob.pe"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
AR = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class Fault(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


# CatalogoErrores.xml wording
MESSAGES = {
    "0101": "El encabezado de seguridad es incorrecto", "0102": "Usuario o contraseña incorrectos",
    "0127": "El ticket no existe", "0151": "El nombre del archivo ZIP es incorrecto",
    "0152": "No se puede enviar por este método un archivo de resumen",
    "0154": "El RUC del archivo no corresponde al RUC del usuario o el proveedor no esta autorizado a enviar "
            "comprobantes del contribuyente",
    "0155": "El archivo ZIP esta vacio", "0156": "El archivo ZIP esta corrupto",
    "0157": "El archivo ZIP no contiene comprobantes",
    "0158": "El archivo ZIP contiene demasiados comprobantes para este tipo de envío",
    "0160": "El archivo XML esta vacio", "0161": "El nombre del archivo XML no coincide con el nombre del archivo ZIP",
    "0306": "No se puede leer (parsear) el archivo XML",
    "1003": "InvoiceTypeCode - El valor del tipo de documento es invalido o no coincide con el nombre del archivo",
    "1032": "El comprobante ya esta informado y se encuentra con estado anulado o rechazado",
    "1033": "El comprobante fue registrado previamente con otros datos",
    "1034": "Número de RUC del nombre del archivo no coincide con el consignado en el contenido del archivo XML",
    "1035": "Numero de Serie del nombre del archivo no coincide con el consignado en el contenido del archivo XML",
    "1036": "Número de documento en el nombre del archivo no coincide con el consignado en el contenido del XML",
    "1059": "El XML no contiene firma digital.", "2105": "Comprobante a dar de baja no se encuentra registrado en SUNAT",
    "2106": "Factura a dar de baja ya se encuentra en estado de baja", "2108": "Presentacion fuera de fecha",
    "2220": "El ID debe coincidir con el nombre del archivo", "2223": "El archivo ya fue presentado anteriormente",
    "2282": "Existe documento ya informado anteriormente",
    "2335": "El documento electrónico ingresado ha sido alterado",
    "2348": "Los documentos informados en el archivo XML se encuentran duplicados",
    "2957": "El comprobante no puede ser dado de baja por exceder el plazo desde su fecha de emision",
    "2987": "El comprobante ya fue informado y se encuentra anulado o rechazado.",
    "2327": "El certificado usado no se encuentra vigente",
    "3088": "El valor ingresado como moneda del comprobante no es valido (catalogo nro 02).",
    "3244": "Debe consignar la informacion del tipo de transaccion del comprobante",
}


def _fault_envelope(code: str, message: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><soap-env:Envelope xmlns:soap-env="{SOAP}"><soap-env:Body>'
            f"<soap-env:Fault><faultcode>soap-env:Client.{code}</faultcode><faultstring>{message}</faultstring>"
            "</soap-env:Fault></soap-env:Body></soap-env:Envelope>").encode()


def _answer(operation: str, inner: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><soap-env:Envelope xmlns:soap-env="{SOAP}"><soap-env:Body>'
            f'<br:{operation}Response xmlns:br="{SERVICE}">{inner}</br:{operation}Response>'
            "</soap-env:Body></soap-env:Envelope>").encode()


def _digest_ok(root) -> bool | None:
    """Enveloped-signature check of the digest (integrity only, like validate.py
    step 4; the certificate itself is not checked). None: no signature (1059)."""
    sig = root.find(f".//{{{DS}}}Signature")
    if sig is None or sig.find(f"{{{DS}}}SignatureValue") is None:
        return None
    digest = sig.findtext(f"{{{DS}}}SignedInfo/{{{DS}}}Reference/{{{DS}}}DigestValue") or ""
    method = sig.find(f"{{{DS}}}SignedInfo/{{{DS}}}Reference/{{{DS}}}DigestMethod")
    algo = hashlib.sha1 if method is not None and method.get("Algorithm", "").endswith("sha1") else hashlib.sha256
    copy = etree.fromstring(etree.tostring(root), _PARSER)
    found = copy.find(f".//{{{DS}}}Signature")
    found.getparent().remove(found)
    return base64.b64encode(algo(etree.tostring(copy, method="c14n")).digest()).decode() == digest.strip()


def cdr_zip(name: str, reference: str, code: str, description: str, ruc: str, digest: str, notes=()) -> bytes:
    """An ApplicationResponse shaped like SUNAT's (samples/cdr/*.xml), zipped as
    SUNAT zips it: R-<name>.xml and an empty "dummy" entry (cdr-rechazo.zip)."""
    note_xml = "".join(f"<cbc:Note>{c} - {t}</cbc:Note>" for c, t in notes)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><ar:ApplicationResponse xmlns:ar="{AR}" xmlns:cac="{CAC}" '
           f'xmlns:cbc="{CBC}"><cbc:UBLVersionID>2.0</cbc:UBLVersionID><cbc:CustomizationID>1.0</cbc:CustomizationID>'
           f"<cbc:ID>{int(time.time() * 1000)}</cbc:ID><cbc:IssueDate>{dt.date.today()}</cbc:IssueDate>{note_xml}"
           "<cac:SenderParty><cac:PartyIdentification><cbc:ID>20131312955</cbc:ID></cac:PartyIdentification>"
           f"</cac:SenderParty><cac:ReceiverParty><cac:PartyIdentification><cbc:ID>{ruc}</cbc:ID>"
           "</cac:PartyIdentification></cac:ReceiverParty><cac:DocumentResponse><cac:Response>"
           f"<cbc:ReferenceID>{reference}</cbc:ReferenceID><cbc:ResponseCode>{code}</cbc:ResponseCode>"
           f"<cbc:Description>{description}</cbc:Description></cac:Response><cac:DocumentReference>"
           f"<cbc:ID>{reference}</cbc:ID><cac:Attachment><cac:ExternalReference><cbc:DocumentHash>{digest}"
           "</cbc:DocumentHash></cac:ExternalReference></cac:Attachment></cac:DocumentReference>"
           "</cac:DocumentResponse></ar:ApplicationResponse>").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"R-{name}.xml", xml)
        zf.writestr("dummy", b"")
    return buffer.getvalue()


def certificate_expired(root, today: dt.date) -> bool:
    """The X509 certificate in the signature is past its validity on the
    reception date (SUNAT's 2327; the validator leaves this check to SUNAT)."""
    text = root.findtext(f".//{{{DS}}}X509Certificate")
    if not text:
        return False
    from cryptography import x509

    cert = x509.load_der_x509_certificate(base64.b64decode("".join(text.split())))
    return cert.not_valid_after_utc.date() < today
