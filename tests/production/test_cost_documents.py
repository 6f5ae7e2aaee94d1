"""Cost sheet and catalogue PDFs: what they say, in Spanish and English."""

import io

import pytest
from PIL import Image as PILImage
from reportlab.platypus import Image, Paragraph, Table

from smedesk.core import i18n
from smedesk.core.i18n import translator
from smedesk.printouts import catalogue_pdf, cost_sheet
from smedesk.production import catalogue as cat
from smedesk.production.printing import (
    catalogue_data,
    catalogue_products,
    cost_sheet_data,
    write_catalogue,
    write_cost_sheet,
)


def build_cost_sheet(db, product_id, lang):
    return cost_sheet.story(cost_sheet_data(db, product_id), translator(lang))


def build_catalogue(db, lang):
    return catalogue_pdf.story(catalogue_data(db), translator(lang))


def png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (60, 40), (180, 120, 60)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def chair(db, owner):
    cat.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "1850"}, actor=owner)
    pid = cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "name_en": "Chair", "hs_code": "9401690000",
                                "min_order": "12", "price": "185", "photo": png()}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "TOR", "qty": "10", "unit": "pt"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Corte", "std_minutes": "30", "rate_per_hour": "10"}], actor=owner)
    return pid


def texts(flowables) -> str:
    out = []
    for f in flowables:
        if isinstance(f, Paragraph):
            out.append(f.getPlainText())
        elif isinstance(f, Table):
            for row in f._cellvalues:
                for cell in row:
                    out.append(texts(cell) if isinstance(cell, list) else
                               texts([cell]) if isinstance(cell, (Paragraph, Table)) else str(cell))
    return "\n".join(out)


def images(flowables) -> int:
    count = 0
    for f in flowables:
        if isinstance(f, Image):
            count += 1
        elif isinstance(f, Table):
            for row in f._cellvalues:
                for cell in row:
                    count += images(cell if isinstance(cell, list) else [cell])
    return count


def test_cost_sheet_in_spanish_has_lines_total_and_price(db, chair):
    text = texts(build_cost_sheet(db, chair, "es"))
    # 43.655138496 + 5.00 = 48.655… → 48.66; list price 185, IGV 33.30, 218.30
    for expected in ("Hoja de costos", "Tornillo", "Corte", "S/ 43.66", "S/ 48.66", "S/ 185.00", "S/ 218.30"):
        assert expected in text


def test_cost_sheet_in_english_uses_the_english_name(db, chair):
    text = texts(build_cost_sheet(db, chair, "en"))
    assert "Cost sheet" in text and "Chair" in text and "bd ft" in text


def test_cost_sheet_in_spanish_writes_spanish_units_while_the_program_speaks_english(db, chair):
    i18n.set_language("en")
    lines = texts(build_cost_sheet(db, chair, "es")).splitlines()
    # the chair is sold by the piece (unid.); its 10 pies tablares (pt) of Tornillo are priced per m³
    assert any(line.startswith("Unidad: unid. · Subpartida: 9401.69.00.00 · Costo al ") for line in lines)
    assert "10 pt" in lines and "S/ 1,850.00 / m³" in lines
    assert not any("bd ft" in line or line.startswith("Unit:") for line in lines)
    assert i18n.current() == "en"  # rendering switched nothing


def test_cost_sheet_in_english_writes_english_units_while_the_program_speaks_spanish(db, chair):
    assert i18n.current() == "es"
    lines = texts(build_cost_sheet(db, chair, "en")).splitlines()
    assert any(line.startswith("Unit: pc · Tariff code: 9401.69.00.00 · Costed as of ") for line in lines)
    assert "10 bd ft" in lines and "S/ 1,850.00 / m³" in lines
    assert "10 pt" not in lines and not any("unid." in line for line in lines)
    assert i18n.current() == "es"


def test_cost_sheet_carries_the_photo(db, chair, tmp_path):
    assert images(build_cost_sheet(db, chair, "es")) == 1
    assert write_cost_sheet(db, chair, tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")


def test_catalogue_shows_english_name_sku_minimum_and_price(db, chair):
    text = texts(build_catalogue(db, "en"))
    # S/ 185 ÷ 3.75 = USD 49.33
    for expected in ("Chair", "SIL-01", "9401.69.00.00", "Minimum order: 12 units", "USD 49.33"):
        assert expected in text


def test_catalogue_prices_unpriced_products_from_the_target_margin(db, owner, chair):
    cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "price": ""}, actor=owner)
    db.execute("UPDATE products SET price_cents = NULL")
    (p,) = catalogue_products(db)
    # cost 48.655138496 ÷ 0.70 = 69.507… → 69.51
    assert str(p["price"]) == "69.51"


def test_empty_catalogue_still_prints(db, tmp_path):
    assert write_catalogue(db, tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


def test_the_cost_sheet_says_when_it_was_made_day_first_in_spanish(db, chair, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:07:00Z")  # 10:07 in Lima
    spanish = texts(build_cost_sheet(db, chair, "es"))
    assert "Generado el 02/03/2026 10:07." in spanish
    assert "Generated 2026-03-02 10:07." in texts(build_cost_sheet(db, chair, "en"))
