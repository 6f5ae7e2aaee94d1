import io
import zipfile
from pathlib import Path

import pytest

from smedesk.einvoice import cdr
from tests.einvoice.sunat_server import cdr_zip

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "sunat" / "samples" / "cdr"
NAME = "20100123453-01-F001-00000001"


def test_zip_holds_the_xml_under_the_same_name_and_is_the_same_bytes_every_time():
    zip_name, first = cdr.zip_document(NAME, b"<Invoice/>")
    assert zip_name == NAME + ".zip"
    assert zipfile.ZipFile(io.BytesIO(first)).namelist() == [NAME + ".xml"]
    assert cdr.zip_document(NAME, b"<Invoice/>")[1] == first


def test_a_name_sunat_does_not_take_is_refused():
    with pytest.raises(cdr.ValidationError):
        cdr.zip_document("20100123453-01-F1-1", b"<Invoice/>")


def test_accepted_cdr_names_the_document_and_carries_its_hash():
    answer, _ = cdr.read_answer(cdr_zip(NAME, "F001-1", "0", "La Factura numero F001-1, ha sido aceptada",
                                        "20100123453", "abc="), NAME, "abc=")
    assert (answer.reference, answer.code, answer.outcome) == ("F001-1", "0", "accepted")


def test_code_zero_with_notes_is_accepted_with_observations():
    data = cdr_zip(NAME, "F001-1", "0", "aceptada", "20100123453", "h", notes=[("4252", "El dato no cumple")])
    answer, _ = cdr.read_answer(data, NAME, "h")
    assert answer.outcome == "observed"
    assert answer.notes == [("4252", "El dato no cumple")]


@pytest.mark.parametrize("code, outcome", [("0", "accepted"), ("4000", "observed"), ("4999", "observed"),
                                           ("2000", "rejected"), ("3999", "rejected"), ("2335", "rejected"),
                                           ("0100", "retry"), ("1999", "retry"), ("1033", "retry"), ("", "retry")])
def test_code_ranges(code, outcome):
    assert cdr.classify(code) == outcome


def test_a_cdr_for_another_document_is_not_taken():
    data = cdr_zip("20100123453-01-F001-00000002", "F001-2", "0", "ok", "20100123453", "h")
    with pytest.raises(cdr.CdrProblem):
        cdr.read_answer(data, NAME, "h")


def test_a_cdr_naming_another_document_inside_the_right_file_is_not_taken():
    data = cdr_zip(NAME, "F001-7", "0", "ok", "20100123453", "h")
    with pytest.raises(cdr.CdrProblem, match="F001-7"):
        cdr.read_answer(data, NAME, "h")


def test_a_cdr_with_another_hash_is_not_taken():
    with pytest.raises(cdr.CdrProblem, match="hash"):
        cdr.read_answer(cdr_zip(NAME, "F001-1", "0", "ok", "20100123453", "other"), NAME, "mine")


def test_a_zip_with_two_files_is_not_taken():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(f"R-{NAME}.xml", b"<a/>")
        zf.writestr("R-20100123453-01-F001-00000009.xml", b"<a/>")
    with pytest.raises(cdr.CdrProblem, match="2"):
        cdr.read_answer(buffer.getvalue(), NAME)


def test_garbled_answer_is_not_taken():
    with pytest.raises(cdr.CdrProblem):
        cdr.read_answer(b"PK\x03\x04garbage", NAME)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(f"R-{NAME}.xml", b"<ApplicationResponse><not closed")
    with pytest.raises(cdr.CdrProblem):
        cdr.read_answer(buffer.getvalue(), NAME)


def test_document_hash_is_the_signature_digest():
    xml = (b'<Invoice xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature><ds:SignedInfo><ds:Reference URI="">'
           b"<ds:DigestValue> /wKIPKeZ= </ds:DigestValue></ds:Reference></ds:SignedInfo></ds:Signature></Invoice>")
    assert cdr.document_hash(xml) == "/wKIPKeZ="


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared absent")
def test_sunat_rejection_zip_with_its_dummy_entry_is_read():
    answer, _ = cdr.read_answer((SAMPLES / "cdr-rechazo.zip").read_bytes(), "20600995805-01-F001-2")
    assert (answer.code, answer.description) == ("0109", "El sistema no pudo procesar su solicitud")
    assert answer.outcome == "retry"


@pytest.mark.skipif(not SAMPLES.exists(), reason="../shared absent")
def test_sunat_cdrs_parse():
    baja, _ = cdr.read_answer((SAMPLES / "cdrBaja.zip").read_bytes(), "20600995805-RA-20171001-1")
    assert (baja.reference, baja.code) == ("RA-20171001-1", "0")
    efact = cdr.parse_cdr((SAMPLES / "efact_cdr1.xml").read_bytes())
    assert (efact.reference, efact.document_hash, efact.receiver) == (
        "F001-1", "RwNDwdsWs4XMKM4BoTAf5MKh3T8=", "20000000001")
    guide = cdr.parse_cdr((SAMPLES / "R-20000000001-09-T001-1.xml").read_bytes())
    assert guide.outcome == "observed" and guide.notes[0][0] == "4398"
