"""The worksheet's step barcode: inside its column, its code printed under it,
and read by a scanner from a 203 dpi print (rendered with poppler's pdftoppm at
203 dpi, decoded with zbar's zbarimg; skipped where those tools are absent)."""

import shutil
import subprocess

import pytest
from reportlab.lib.units import mm

from smedesk.core import parties
from smedesk.printouts.barcodes import THERMAL_DOT, ReadableBarcode
from smedesk.production import catalogue
from smedesk.tracking import orders, printing, release, trackcodes

LONG = "Confección del cuello y los puños"


@pytest.fixture
def released(db, owner, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    product = catalogue.save_product(db, {"sku": "POL-01", "name": "Polo"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": "Corte", "std_minutes": "4"},
                                        {"name": LONG, "std_minutes": "9"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente"}, actor=owner)
    orders.create_order(db, "P-1", customer, [{"sku": "POL-01", "qty": 10}], "2026-03-20", actor=owner)
    release.release(db, "P-1", actor=owner)
    return "P-1"


def test_the_step_barcode_fits_its_column_with_bars_of_whole_dots():
    code = trackcodes.step_card_code(12)
    flow = ReadableBarcode(code, 40 * mm, 11 * mm)
    assert flow.width <= 40 * mm  # the "Scan" column is 44 mm; "Operator" starts after it
    bar = flow.symbol.barWidth / THERMAL_DOT
    assert bar == int(bar) and bar >= 2
    assert flow.text == "PASO12"


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler-utils and zbar-tools")
def test_a_203_dpi_print_of_the_worksheet_scans(db, released, tmp_path):
    pdf = printing.worksheet_pdf(db, released, tmp_path / "hoja.pdf")
    subprocess.run(["pdftoppm", "-r", "203", "-gray", "-png", str(pdf), str(tmp_path / "hoja")], check=True)
    pages = sorted(tmp_path.glob("hoja*.png"))
    found = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Scode128.enable", *map(str, pages)],
                           capture_output=True, text=True).stdout.split()
    assert "PASO1" in found and "PASO2" in found  # both steps, the long one included
