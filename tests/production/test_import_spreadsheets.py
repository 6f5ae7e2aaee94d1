"""Files as office suites save them: GTINs turned into numbers, day-first
dates, decimal commas; and what could mean two things refused on its line."""

import pytest

from smedesk.core.errors import RowErrors
from smedesk.production import catalogue as cat
from smedesk.production.imports import import_file


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_gtin_that_lost_its_leading_zeros_is_padded_back_and_checked(db, owner, tmp_path):
    # 0012345678905 has the right check digit; the spreadsheet saved it as 12345678905
    path = write(tmp_path, "p.csv", "sku,name,name_en,unit,hs_code,gtin\nPOL,Polo,Polo shirt,unit,,12345678905\n")
    import_file(db, "products", path, actor=owner)
    assert cat.get_product(db, "POL")["gtin"] == "0012345678905"


def test_padded_gtin_with_a_wrong_check_digit_is_refused_on_its_line(db, owner, tmp_path):
    path = write(tmp_path, "p.csv", "sku,name,name_en,unit,hs_code,gtin\nPOL,Polo,Polo shirt,unit,,12345678906\n")
    with pytest.raises(RowErrors) as refused:
        import_file(db, "products", path, actor=owner)
    assert refused.value.errors == [(2, "El GTIN «12345678906» (leído como 0012345678906) tiene el dígito"
                                         " verificador errado.")]


def test_day_first_dates_and_decimal_commas_from_a_spanish_spreadsheet(db, owner, tmp_path):
    path = write(tmp_path, "m.csv", "code;name;unit;price;currency;waste_pct;valid_from\n"
                                    "HIL;Hilo;m;0,0025;PEN;0;15/01/2026\nTOR;Tornillo;unit;1.234,50;PEN;0;15/01/26\n")
    import_file(db, "materials", path, actor=owner)
    hil = cat.price_history(db, cat.get_material(db, "HIL")["id"])
    assert [(h["valid_from"]) for h in hil] == ["2026-01-15"]
    assert cat.price_history(db, cat.get_material(db, "TOR")["id"])[0]["valid_from"] == "2026-01-15"


def test_a_date_that_does_not_exist_and_an_ambiguous_number_are_refused_on_their_lines(db, owner, tmp_path):
    path = write(tmp_path, "m.csv", "code,name,unit,price,currency,waste_pct,valid_from\n"
                                    "HIL,Hilo,m,0.0025,PEN,0,31/02/2026\nTOR,Tornillo,unit,\"0,125\",PEN,0,\n")
    with pytest.raises(RowErrors) as refused:
        import_file(db, "materials", path, actor=owner)
    assert refused.value.errors == [
        (2, "Vigente desde: «31/02/2026» no es una fecha: febrero de 2026 tiene 28 días."),
        (3, "Precio: ¿0,125 es 0.125? Escríbalo con punto decimal: 0.125"),
    ]
    assert cat.list_materials(db) == []
