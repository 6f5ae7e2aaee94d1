"""The plan and the proforma as PDFs, in Spanish and English."""

import re
import zlib

import pytest

from smedesk.core import i18n
from smedesk.core.errors import ValidationError
from smedesk.exportplan import plans, rates
from smedesk.exportplan.printing import write_plan_pdf, write_proforma_pdf
from smedesk.printouts.proforma_pdf import Buyer
from tests.exportplan.conftest import COSTS


def pdf_text(path) -> str:
    """The text drawn on the pages (reportlab compresses each page's stream)."""
    data = path.read_bytes()
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\n?endstream", data, re.S):
        try:
            stream = zlib.decompress(stream)
        except zlib.error:
            try:
                import base64

                stream = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
            except Exception:
                continue
        chunks.append(stream.decode("latin-1"))
    return "".join(re.findall(r"\((.*?)\) Tj", "\n".join(chunks))).replace("\xa0", " ")


@pytest.fixture
def plan(db, owner, silla):
    plan_id = plans.create_plan(db, "Sillas a EE. UU.", template="furniture", product="SIL-TOR-01",
                                country="Estados Unidos", actor=owner)
    rates.set_drawback_rate(db, "2019-01-01", "3", actor=owner)
    plans.save_plan(db, plan_id, {"qty": 50, "incoterm": "CIF", "costs": COSTS, "people": 4,
                                  "actions": [{"what": "Cotizar flete", "who": "Rosa", "due": "2026-12-01"}],
                                  "budget": [{"item": "Muestras", "amount": "650"}]}, actor=owner)
    return plan_id


def test_plan_pdf_in_spanish(db, plan, tmp_path):
    text = pdf_text(write_plan_pdf(db, plan, tmp_path / "es.pdf", lang="es"))
    for expected in ("Plan de exportaci", "Subpartida nacional: 9401.69.00.00", "Capacidad mensual: 384",
                     "Cotizar flete", "Restituci", "S/ 189.06", "8. Presupuesto"):
        assert expected in text


def test_plan_pdf_in_english_uses_the_english_texts(db, plan, tmp_path):
    text = pdf_text(write_plan_pdf(db, plan, tmp_path / "en.pdf", lang="en"))
    assert "Export plan" in text and "Tornillo wood chair" in text
    assert "FSC certification when the buyer asks" in text
    assert "US$ 50.42" in text  # CIF per unit: 189.057 / 3.75 = 50.4152


def test_writing_a_pdf_leaves_the_window_language_alone(db, plan, tmp_path):
    write_plan_pdf(db, plan, tmp_path / "en.pdf", lang="en")
    assert i18n.current() == "es"


def test_plan_without_price_still_prints_with_the_reason(db, owner, tmp_path):
    plan_id = plans.create_plan(db, "Borrador", actor=owner)
    text = pdf_text(write_plan_pdf(db, plan_id, tmp_path / "b.pdf", lang="es"))
    assert "Primero elija el producto" in text


def test_proforma_shows_price_not_cost(db, plan, tmp_path):
    text = pdf_text(write_proforma_pdf(db, plan, tmp_path / "pf.pdf", Buyer("Casa Miami LLC", country="USA"),
                                       lang="en", incoterm="FOB", place="Callao"))
    # FOB 157 / 3.75 = 41.8666… → 41.87 shown; the line is 41.87 × 50 = 2,093.50
    assert "Casa Miami LLC" in text and "US$ 41.87" in text and "US$ 2,093.50" in text
    assert "FOB Callao" in text and "9401.69.00.00" in text
    assert "100.00" not in text  # the unit cost never reaches the buyer


def test_proforma_needs_a_buyer(db, plan, tmp_path):
    with pytest.raises(ValidationError):
        write_proforma_pdf(db, plan, tmp_path / "pf.pdf", Buyer(" "))
    assert not (tmp_path / "pf.pdf").exists()


def test_unknown_language_is_refused(db, plan, tmp_path):
    with pytest.raises(ValidationError):
        write_plan_pdf(db, plan, tmp_path / "x.pdf", lang="fr")


def tiny_png() -> bytes:
    """A 2×2 red PNG, written by hand so the test needs no image library."""
    import struct

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_product_photo_goes_into_the_plan(db, owner, plan, tmp_path):
    from smedesk.production import catalogue as cat

    cat.save_product(db, {"sku": "SIL-TOR-01", "name": "Silla de tornillo", "photo": tiny_png()}, actor=owner)
    data = write_plan_pdf(db, plan, tmp_path / "photo.pdf", lang="es").read_bytes()
    assert b"/Subtype /Image" in data
