"""The zip sent to SUNAT and the CDR (constancia de recepción) that comes back.

SUNAT's rules followed here ("Manual del Programador", SUNAT; and its error
catalogue, CatalogoErrores.xml): the zip is named like the XML
(RUC-TT-SERIE-NUMERO.zip) and holds exactly that XML; the answer's zip holds
R-<same name>.xml, an ApplicationResponse whose DocumentResponse names the
document (ReferenceID / DocumentReference ID), gives the ResponseCode and
SUNAT's words, may carry observations as Note elements ("4398 - …") and, in
the current CDR, the document's hash (DocumentHash, the DigestValue of the
signature we sent). SUNAT's own zips may also carry an empty entry named
"dummy" (seen in Greenter's cdr-rechazo.zip), which is ignored.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
AR = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
NAME_RE = re.compile(r"^(\d{11})-(01|03|07|08)-([A-Z0-9]{4})-(\d{1,8})$")
SUMMARY_RE = re.compile(r"^(\d{11})-(RC|RA)-(\d{8})-(\d{1,5})$")
MAX_CDR = 2 * 1024 * 1024
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so a resend carries the very same bytes
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class CdrProblem(ValidationError):
    """A CDR that cannot be taken as the answer for the document sent."""


@dataclass(frozen=True)
class Cdr:
    """Attributes: reference (what it answers, F001-1 / RA-20260301-1), code
    (ResponseCode as text), description, notes (list of (code, text)),
    document_hash ("" when the CDR carries none), receiver (the issuer's RUC)."""

    reference: str
    code: str
    description: str
    notes: list = field(default_factory=list)
    document_hash: str = ""
    receiver: str = ""

    @property
    def outcome(self) -> str:
        return classify(self.code, bool(self.notes))

    def observations_json(self) -> str:
        return json.dumps([{"code": c, "description": t} for c, t in self.notes], ensure_ascii=False)


def classify(code: str, has_notes: bool = False) -> str:
    """accepted, observed, rejected or retry, by SUNAT's code ranges:
    0 accepted (with Note observations: observed), 4000 and above accepted
    with observations, 2000–3999 rejected, 0100–1999 not processed."""
    try:
        number = int(code)
    except (TypeError, ValueError):
        return "retry"
    if number == 0:
        return "observed" if has_notes else "accepted"
    if number >= 4000:
        return "observed"
    if 2000 <= number <= 3999:
        return "rejected"
    return "retry"


def check_name(name: str) -> str:
    if not (NAME_RE.match(name) or SUMMARY_RE.match(name)):
        raise ValidationError(tr("«{name}» is not a name SUNAT takes (RUC-TT-SERIE-NUMERO).", name=name),
                              field="name")
    return name


def zip_document(name: str, xml: bytes) -> tuple[str, bytes]:
    """(RUC-TT-SERIE-NUMERO.zip, its bytes) holding RUC-TT-SERIE-NUMERO.xml."""
    check_name(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(f"{name}.xml", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zf.writestr(info, xml)
    return f"{name}.zip", buffer.getvalue()


def document_hash(xml: bytes) -> str:
    """The DigestValue of the document's enveloped signature (what the CDR's
    DocumentHash repeats), or "" when the XML has none."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return ""
    found = root.find(f".//{{{DS}}}SignedInfo/{{{DS}}}Reference/{{{DS}}}DigestValue")
    return (found.text or "").strip() if found is not None else ""


def unzip_cdr(data: bytes, name: str) -> bytes:
    """The R-<name>.xml inside SUNAT's answer zip, after checking the zip holds
    that one answer and nothing else."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise CdrProblem(tr("SUNAT's answer is not a readable zip."), field="cdr") from None
    members = [i for i in infos if not i.is_dir() and not (i.file_size == 0 and not i.filename.endswith(".xml"))]
    if len(members) != 1:
        raise CdrProblem(tr("SUNAT's answer zip holds {count} files instead of one CDR; it was not taken.",
                            count=len(members)), field="cdr")
    info = members[0]
    if info.filename.rsplit("/", 1)[-1] != f"R-{name}.xml":
        raise CdrProblem(tr("The CDR «{got}» is not the answer for {name}; it was not taken.",
                            got=info.filename[:80], name=name), field="cdr")
    if info.file_size > MAX_CDR:
        raise CdrProblem(tr("The CDR is too large; it was not taken."), field="cdr")
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        raise CdrProblem(tr("SUNAT's answer is not a readable zip."), field="cdr") from None


def _text(node, path: str) -> str:
    found = node.find(path)
    return " ".join((found.text or "").split()) if found is not None else ""


def parse_cdr(xml: bytes) -> Cdr:
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        raise CdrProblem(tr("The CDR is not valid XML; it was not taken."), field="cdr") from None
    if etree.QName(root).localname != "ApplicationResponse":
        raise CdrProblem(tr("The file is not a CDR (ApplicationResponse); it was not taken."), field="cdr")
    response = root.find(f"{{{CAC}}}DocumentResponse")
    if response is None or response.find(f"{{{CAC}}}Response/{{{CBC}}}ResponseCode") is None:
        raise CdrProblem(tr("The CDR carries no response code; it was not taken."), field="cdr")
    reference = (_text(response, f"{{{CAC}}}Response/{{{CBC}}}ReferenceID")
                 or _text(response, f"{{{CAC}}}DocumentReference/{{{CBC}}}ID"))
    code = _text(response, f"{{{CAC}}}Response/{{{CBC}}}ResponseCode")
    description = _text(response, f"{{{CAC}}}Response/{{{CBC}}}Description")
    notes = []
    for note in root.findall(f"{{{CBC}}}Note"):
        text = " ".join((note.text or "").split())
        m = re.match(r"^(\d{4})\s*-\s*(.*)$", text)
        notes.append((m.group(1), m.group(2)) if m else ("", text))
    digest = _text(response, f"{{{CAC}}}DocumentReference/{{{CAC}}}Attachment/{{{CAC}}}ExternalReference/"
                             f"{{{CBC}}}DocumentHash")
    receiver = (_text(root, f"{{{CAC}}}ReceiverParty/{{{CAC}}}PartyIdentification/{{{CBC}}}ID")
                or _text(root, f"{{{CAC}}}ReceiverParty/{{{CAC}}}PartyLegalEntity/{{{CBC}}}CompanyID"))
    return Cdr(reference, code, description, notes, digest, receiver)


def _same_reference(a: str, b: str) -> bool:
    """F001-1 and F001-00000001 name the same document."""
    sa, _, na = a.strip().upper().rpartition("-")
    sb, _, nb = b.strip().upper().rpartition("-")
    if na.isdigit() and nb.isdigit():
        return sa == sb and int(na) == int(nb)
    return a.strip().upper() == b.strip().upper()


def reference_of(name: str) -> tuple[str, str]:
    """(RUC, reference as the CDR writes it) for RUC-TT-SERIE-NUMERO or RUC-RC-DATE-N."""
    m = NAME_RE.match(name)
    if m:
        return m.group(1), f"{m.group(3)}-{int(m.group(4))}"
    m = SUMMARY_RE.match(name)
    if m:
        return m.group(1), f"{m.group(2)}-{m.group(3)}-{m.group(4)}"
    raise CdrProblem(tr("«{name}» is not a name SUNAT takes (RUC-TT-SERIE-NUMERO).", name=name), field="name")


def read_answer(data: bytes, name: str, expected_hash: str = "") -> tuple[Cdr, bytes]:
    """Unzip, parse and check SUNAT's answer for the document `name`: it must
    name that document, be addressed to its issuer, and carry the hash of what
    we sent when it carries one. Returns (Cdr, CDR XML)."""
    xml = unzip_cdr(data, name)
    cdr = parse_cdr(xml)
    ruc, reference = reference_of(name)
    if not _same_reference(cdr.reference, reference):
        raise CdrProblem(tr("The CDR answers {got}, not {name}; it was not taken.",
                            got=cdr.reference[:40] or "?", name=reference), field="cdr")
    if cdr.receiver and cdr.receiver.split("-")[-1] != ruc:
        raise CdrProblem(tr("The CDR is addressed to RUC {got}, not {ruc}; it was not taken.",
                            got=cdr.receiver[:20], ruc=ruc), field="cdr")
    if cdr.document_hash and expected_hash and cdr.document_hash != expected_hash:
        raise CdrProblem(tr("The CDR carries another document's hash: it is not the answer for what was sent."),
                         field="cdr")
    return cdr, xml
