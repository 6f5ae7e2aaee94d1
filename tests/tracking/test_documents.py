import re

from smedesk.tracking import printing


def pages(path) -> int:
    return len(re.findall(rb"/Type /Page[^s]", path.read_bytes()))


def test_a4_sheet_holds_24_labels(db, owner, make_order, tmp_path):
    make_order(lines=[{"sku": "SIL-01", "qty": 5}], release_it=True)  # 5 × 5 = 25 labels
    out = printing.labels_pdf(db, "P-001", tmp_path / "a4.pdf")
    assert pages(out) == 2  # 24 on the first sheet, 1 on the second


def test_roll_has_one_label_a_page(db, owner, make_order, tmp_path):
    make_order(lines=[{"sku": "POLO-01", "size": "M", "qty": 30}], release_it=True, bundle=12)
    out = printing.labels_pdf(db, "P-001", tmp_path / "roll.pdf", layout="roll")
    assert pages(out) == 3  # bundles of 12, 12, 6


def test_worksheet_has_a_page_per_job(db, owner, make_order, tmp_path):
    make_order(lines=[{"sku": "SIL-01", "qty": 1}, {"sku": "MESA-01", "qty": 1}], release_it=True)
    assert pages(printing.worksheet_pdf(db, "P-001", tmp_path / "ws.pdf")) == 2


def test_cards_list_every_step_name_once(db, owner, make_order):
    # by first position in any routing, then name: Corte (1); Armado, Costura, Lijado (2); Planchado (3)
    assert printing.step_names(db) == ["Corte", "Armado", "Costura", "Lijado", "Planchado"]


def test_the_worksheet_writes_the_due_date_as_the_printed_day(db, owner, make_order, tmp_path):
    """Both dates of the sheet day-first (it read «2026-03-20» beside «Impreso 01/12/2026»)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    make_order(lines=[{"sku": "SIL-01", "qty": 1}], release_it=True)  # due 2026-03-20
    out = printing.worksheet_pdf(db, "P-001", tmp_path / "ws.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Fecha de entrega\s+20/03/2026", text)
    assert "2026-03-20" not in text
