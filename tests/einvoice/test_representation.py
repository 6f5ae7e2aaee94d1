"""The printed representation: SUNAT's wording, columns that multiply, one IGV
figure, the total in words, cuotas, the hash, and a QR that decodes to its fields."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smedesk.accounts import documents as d
from smedesk.core.i18n import translator
from smedesk.einvoice import api
from smedesk.einvoice.representation import printable
from smedesk.printouts.einvoice_pdf import write_representation
from smedesk.printouts.qr import qr_modules

SPANISH = translator("es")


def decode(text: str) -> str:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    modules = qr_modules(text)
    scale, quiet = 6, 4
    size = (len(modules) + 2 * quiet) * scale
    image = Image.new("L", (size, size), 255)
    for r, line in enumerate(modules):
        for c, dark in enumerate(line):
            if dark:
                x, y = (c + quiet) * scale, (r + quiet) * scale
                image.paste(0, (x, y, x + scale, y + scale))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


def test_factura_representation_and_its_qr(db, owner, cert, customer, tmp_path):
    doc_id = d.create_document(db, "sale", "01", "F001", [
        {"description": "Mesa", "qty": 2, "unit_price": "590"},
        {"description": "Silla", "qty": 4, "unit_price": "29.50", "discount": "8"}],
        party_id=customer, date="2026-03-05", cuotas=[("600", "2026-04-05"), ("690", "2026-05-05")], actor=owner)
    data = printable(db, doc_id)
    assert data["title"] == "FACTURA ELECTRÓNICA"
    assert data["legend"] == "Representación impresa de la Factura Electrónica"
    # 2 × 590 = 1180.00; 4 × 29.50 − 8.00 = 110.00; total 1290.00 with IGV;
    # bases 1000.00 + 93.22 (110 / 1.18) = 1093.22; IGV 196.78
    assert [(li["qty"] * li["unit_price"] - li["discount"], li["amount"]) for li in data["lines"]] == [
        (Decimal("1180.00"), Decimal("1180.00")), (Decimal("110.00"), Decimal("110.00"))]
    assert data["totals"]["taxed"] == Decimal("1093.22") and data["totals"]["igv"] == Decimal("196.78")
    assert data["totals"]["total"] == Decimal("1290.00") and data["totals"]["igv_percent"] == Decimal(18)
    assert data["words"] == "SON: MIL DOSCIENTOS NOVENTA CON 00/100 SOLES"
    assert data["payment"] == "Crédito" and [q["amount"] for q in data["cuotas"]] == [Decimal(600), Decimal(690)]
    digest = api.state_of(db, doc_id)["hash"]
    fields = decode(data["qr"]).split("|")
    assert fields == ["20100123453", "01", "F001", "00000001", "196.78", "1290.00", "2026-03-05", "6",
                      "20100070970", digest, ""]
    for layout in ("a4", "ticket"):
        path = write_representation(data, tmp_path / f"{layout}.pdf", layout=layout, translate=SPANISH)
        assert path.read_bytes().startswith(b"%PDF")


def test_boleta_ticket_without_customer_document(db, owner, cert, tmp_path):
    doc_id = d.create_document(db, "sale", "03", "B001", [{"description": "Polo", "qty": 1, "unit_price": "118"}],
                               date="2026-03-05", actor=owner)
    data = printable(db, doc_id)
    assert data["title"] == "BOLETA DE VENTA ELECTRÓNICA" and data["payment"] == ""
    assert data["words"] == "SON: CIENTO DIECIOCHO CON 00/100 SOLES"
    fields = decode(data["qr"]).split("|")
    assert fields[:9] == ["20100123453", "03", "B001", "00000001", "18.00", "118.00", "2026-03-05", "-", "-"]
    write_representation(data, tmp_path / "t.pdf", layout="ticket", translate=SPANISH)


def test_notes_have_their_titles(db, owner, cert, customer):
    d.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1, "unit_price": "590"}],
                      party_id=customer, date="2026-03-05", actor=owner)
    nc = d.create_document(db, "sale", "07", "F001", [{"description": "Devolución", "qty": 1, "unit_price": "590"}],
                           ref="F001-1", date="2026-03-06", actor=owner)
    nd = d.create_document(db, "sale", "08", "F001", [{"description": "Mora", "qty": 1, "unit_price": "10"}],
                           ref="F001-1", date="2026-03-06", actor=owner)
    assert printable(db, nc)["title"] == "NOTA DE CRÉDITO ELECTRÓNICA"
    assert printable(db, nc)["ref"]["document"] == "F001-00000001"
    assert printable(db, nd)["legend"] == "Representación impresa de la Nota de Débito Electrónica"


def test_ticket_puts_each_description_on_its_own_row_and_fits_the_roll(db, owner, cert, tmp_path):
    """80 mm: the description gets the whole width, quantity × unit price − discount = amount
    under it, and no column is wider than the paper (it used to overlap its headers)."""
    import shutil
    import subprocess

    from reportlab.lib.units import mm

    from smedesk.printouts import einvoice_pdf

    doc_id = d.create_document(db, "sale", "03", "B001", [
        {"description": "Polo manga corta algodón pima talla M", "qty": 3, "unit_price": "118"},
        {"description": "Chompa", "qty": 1, "unit_price": "59.90", "discount": "5"}], date="2026-03-05", actor=owner)
    data = printable(db, doc_id)
    table = einvoice_pdf._ticket_lines(data, lambda s, **k: s.format(**k), einvoice_pdf._totals(data, lambda s, **k: s.format(**k)))
    frame = 80 * mm - 2 * 4 * mm - 2 * 6  # the roll, less the margins and the frame's padding
    width, _ = table.wrap(frame, 1000)
    assert width <= frame
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = write_representation(data, tmp_path / "t.pdf", layout="ticket", translate=SPANISH)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [" ".join(li.split()) for li in text.splitlines() if li.strip()]
    at = lines.index("Polo manga corta algodón pima talla M")
    assert lines[at + 1] == "3 NIU 118.00 354.00"  # 3 × 118.00
    assert lines[at + 2] == "Chompa" and lines[at + 3] == "1 NIU 59.90 5.00 54.90"  # 59.90 − 5.00
