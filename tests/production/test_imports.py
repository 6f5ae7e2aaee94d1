"""Catalogue import/export: Excel-made CSV files, XLSX, bad rows, re-imports."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from smedesk.core.errors import PermissionDenied, RowErrors
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.imports import export_file, import_file

MATERIALS = "code,name,unit,price,currency,waste_pct\nTOR,Madera tornillo,m3,1850,PEN,15\nETQ,Etiqueta,unit,0.12,USD,0\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_materials_from_utf8_csv(db, owner, tmp_path):
    result = import_file(db, "materials", write(tmp_path, "m.csv", MATERIALS), actor=owner)
    assert (result.rows, result.created, result.updated) == (2, 2, 0)
    tor = cat.get_material(db, "TOR")
    assert (tor["unit"], tor["price_cents"], tor["waste_pct"]) == ("m3", 185000, "15")
    assert cat.get_material(db, "ETQ")["currency"] == "USD"


def test_reimport_updates_and_never_duplicates(db, owner, tmp_path):
    path = write(tmp_path, "m.csv", MATERIALS)
    import_file(db, "materials", path, actor=owner)
    again = import_file(db, "materials", path, actor=owner)
    assert (again.created, again.updated) == (0, 2)
    assert len(cat.list_materials(db)) == 2
    assert len(cat.price_history(db, cat.get_material(db, "TOR")["id"])) == 1


def test_semicolon_windows_1252_with_decimal_commas(db, owner, tmp_path):
    text = "code;name;unit;price;currency;waste_pct\r\nCAP;Capirona pequeña;m3;2300,50;PEN;12,5\r\n"
    import_file(db, "materials", write(tmp_path, "m.csv", text, "cp1252"), actor=owner)
    cap = cat.get_material(db, "CAP")
    assert (cap["name"], cap["price_cents"], cap["waste_pct"]) == ("Capirona pequeña", 230050, "12.5")


def test_utf8_with_bom(db, owner, tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "code,name,unit,price,currency,waste_pct\nAÑI,Añil,kg,9,PEN,0\n".encode())
    import_file(db, "materials", path, actor=owner)
    assert cat.get_material(db, "AÑI")["name"] == "Añil"


def test_every_bad_row_is_reported_and_nothing_imported(db, owner, tmp_path):
    text = ("code,name,unit,price,currency,waste_pct\n"
            "OK1,Bien,kg,10,PEN,0\n"
            "BAD1,Negativo,kg,-5,PEN,0\n"
            "BAD2,Letras,kg,diez,PEN,0\n"
            "BAD3,Unidad rara,furlong,1,PEN,0\n"
            "OK1,Repetido,kg,10,PEN,0\n")
    with pytest.raises(RowErrors) as info:
        import_file(db, "materials", write(tmp_path, "m.csv", text), actor=owner)
    assert [line for line, _ in info.value.errors] == [3, 4, 5, 6]
    assert cat.list_materials(db) == []


def test_missing_columns_are_reported_on_line_one(db, owner, tmp_path):
    with pytest.raises(RowErrors) as info:
        import_file(db, "materials", write(tmp_path, "m.csv", "code,name\nX,Y\n"), actor=owner)
    assert info.value.errors[0][0] == 1 and "price" in info.value.errors[0][1]


def test_bad_tariff_code_is_refused_with_its_line(db, owner, tmp_path):
    text = "sku,name,name_en,unit,hs_code\nSIL-01,Silla,Chair,unit,9401.69.00\n"
    with pytest.raises(RowErrors) as info:
        import_file(db, "products", write(tmp_path, "p.csv", text), actor=owner)
    assert info.value.errors[0][0] == 2 and "9401.69.00" in info.value.errors[0][1]
    assert cat.list_products(db) == []


@pytest.fixture
def catalogue(db, owner, tmp_path):
    import_file(db, "materials", write(tmp_path, "m.csv", MATERIALS), actor=owner)
    import_file(db, "products", write(tmp_path, "p.csv", "sku,name,name_en,unit,hs_code\n"
                                      "SIL-01,Silla,Chair,unit,9401690000\n"), actor=owner)
    return cat.get_product(db, "SIL-01")["id"]


def test_bom_in_pies_tablares_and_costs(db, owner, tmp_path, catalogue):
    import_file(db, "bom", write(tmp_path, "b.csv", "sku,material_code,qty,unit\nSIL-01,TOR,10,pt\n"), actor=owner)
    # 10 pt = 0.02359737216 m3 × 1.15 × 1850 = 50.2034092704
    assert costing.unit_cost(db, catalogue).lines[0].amount == Decimal("50.2034092704")


def test_bad_bom_rows(db, owner, tmp_path, catalogue):
    text = ("sku,material_code,qty,unit\n"
            "SIL-01,TOR,1,kg\n"        # kg into m3
            "SIL-01,NOPE,1,unit\n"     # missing material
            "NOSKU,TOR,1,pt\n"         # missing product
            "SIL-01,ETQ,-2,unit\n")    # negative
    with pytest.raises(RowErrors) as info:
        import_file(db, "bom", write(tmp_path, "b.csv", text), actor=owner)
    assert [line for line, _ in info.value.errors] == [2, 3, 4, 5]
    assert cat.bom(db, catalogue) == []


def test_bom_reimport_replaces_the_lines(db, owner, tmp_path, catalogue):
    path = write(tmp_path, "b.csv", "sku,material_code,qty,unit\nSIL-01,TOR,10,pt\nSIL-01,ETQ,2,unit\n")
    import_file(db, "bom", path, actor=owner)
    import_file(db, "bom", path, actor=owner)
    assert len(cat.bom(db, catalogue)) == 2


def test_bom_with_a_size_creates_the_variant(db, owner, tmp_path, catalogue):
    text = "sku,material_code,qty,unit,size\nSIL-01,TOR,12,pt,XL\n"
    import_file(db, "bom", write(tmp_path, "b.csv", text), actor=owner)
    (variant,) = cat.variants(db, catalogue)
    assert variant["size"] == "XL" and cat.bom(db, catalogue, variant["id"])[0]["qty"] == "12"


def test_routing_and_its_bad_rows(db, owner, tmp_path, catalogue):
    good = "sku,seq,step,std_minutes,rate_per_hour\nSIL-01,1,Corte,30,10\nSIL-01,2,Armado,45,10\n"
    import_file(db, "routing", write(tmp_path, "r.csv", good), actor=owner)
    assert [s["name"] for s in cat.steps(db, catalogue)] == ["Corte", "Armado"]
    bad = ("sku,seq,step,std_minutes,rate_per_hour\n"
           "SIL-01,1,Corte,30,10\n"
           "SIL-01,1,Armado,45,10\n"     # repeated order: a circle
           "SIL-01,3,,45,10\n"           # no step name
           "SIL-01,4,Acabado,-1,10\n")   # negative minutes
    with pytest.raises(RowErrors) as info:
        import_file(db, "routing", write(tmp_path, "r2.csv", bad), actor=owner)
    assert [line for line, _ in info.value.errors] == [3, 4, 5]
    assert len(cat.steps(db, catalogue)) == 2


def test_routing_with_no_time_is_refused(db, owner, tmp_path, catalogue):
    text = "sku,seq,step,std_minutes,rate_per_hour\nSIL-01,1,Corte,0,10\n"
    with pytest.raises(RowErrors, match="nada"):
        import_file(db, "routing", write(tmp_path, "r.csv", text), actor=owner)


def test_overhead_import_and_rate(db, owner, tmp_path):
    import_file(db, "overhead", write(tmp_path, "o.csv", "name,monthly_amount\nAlquiler,1500\nLuz,580\n"),
                actor=owner)
    # 2080 / 208 (default hours) = 10
    assert costing.overhead_rate(db) == Decimal(10)


def test_xlsx_import_with_numeric_and_date_cells(db, owner, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "unit", "price", "currency", "waste_pct", "valid_from"])
    sheet.append(["JER", "Jersey 30/1", "kg", 28.5, "PEN", 8, dt.datetime(2026, 2, 1)])
    path = tmp_path / "m.xlsx"
    book.save(path)
    import_file(db, "materials", path, actor=owner)
    jersey = cat.get_material(db, "JER")
    assert jersey["price_cents"] == 2850
    assert cat.price_history(db, jersey["id"])[0]["valid_from"] == "2026-02-01"


def test_xlsx_bad_rows_have_their_sheet_line_numbers(db, owner, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "unit", "price", "currency", "waste_pct"])
    sheet.append(["A", "A", "kg", 1, "PEN", 0])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["B", "B", "m3", -4, "PEN", 0])
    path = tmp_path / "m.xlsx"
    book.save(path)
    with pytest.raises(RowErrors) as info:
        import_file(db, "materials", path, actor=owner)
    assert [line for line, _ in info.value.errors] == [4]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_round_trips(db, owner, tmp_path, catalogue, suffix):
    import_file(db, "bom", write(tmp_path, "b.csv", "sku,material_code,qty,unit\nSIL-01,TOR,10,pt\n"), actor=owner)
    for kind in ("materials", "products", "bom"):
        path = export_file(db, kind, tmp_path / f"{kind}.{suffix}")
        result = import_file(db, kind, path, actor=owner)
        assert result.created == 0
    assert len(cat.list_materials(db)) == 2 and cat.get_product(db, "SIL-01")["hs_code"] == "9401.69.00.00"


def test_staff_cannot_import(db, staff, tmp_path):
    with pytest.raises(PermissionDenied):
        import_file(db, "materials", write(tmp_path, "m.csv", MATERIALS), actor=staff)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prices=st.lists(st.integers(min_value=-500, max_value=500), min_size=1, max_size=8),
       semicolon=st.booleans())
def test_every_negative_price_is_reported_on_its_line(tmp_path, prices, semicolon):
    from smedesk.core import business
    from smedesk.core.db import memory_db
    from smedesk.core.users import owner_actor

    sep = ";" if semicolon else ","
    text = sep.join(["code", "name", "unit", "price", "currency", "waste_pct"]) + "\n" + "".join(
        sep.join([f"M{n}", f"Material {n}", "kg", str(p), "PEN", "0"]) + "\n" for n, p in enumerate(prices))
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    db = memory_db()
    try:
        business.setup(db, business.NewBusiness("Mem", "20100123453", "Rosa", "1234"))
        bad = [n + 2 for n, p in enumerate(prices) if p < 0]  # line 1 is the header
        if bad:
            with pytest.raises(RowErrors) as info:
                import_file(db, "materials", path, actor=owner_actor(db))
            assert [line for line, _ in info.value.errors] == bad
            assert cat.list_materials(db) == []
        else:
            assert import_file(db, "materials", path, actor=owner_actor(db)).created == len(prices)
    finally:
        db.close()


def test_spanish_headings_and_the_windows_own_unit_labels(db, owner, tmp_path):
    text = ("Código;Nombre;Unidad;Precio;Moneda;Merma %;Vigente desde\n"
            "BOT;Botón;unid.;0,15;PEN;2;28/02/2026\nTEL;Tela drill;metros;12,50;PEN;5;01/03/2026\n")
    assert import_file(db, "materials", write(tmp_path, "m.csv", text), actor=owner).created == 2
    boton, tela = cat.get_material(db, "BOT"), cat.get_material(db, "TEL")
    assert (boton["unit"], boton["price_cents"], boton["waste_pct"]) == ("unit", 15, "2")
    assert (tela["unit"], tela["price_cents"]) == ("m", 1250)
    assert cat.price_history(db, boton["id"])[-1]["valid_from"] == "2026-02-28"


def test_a_workshop_selling_at_home_needs_no_export_columns(db, owner, tmp_path):
    import_file(db, "products", write(tmp_path, "p.csv", "sku,nombre,unidad\nPOL-01,Polo básico,unid\n"),
                actor=owner)
    polo = cat.get_product(db, "POL-01")
    assert (polo["name"], polo["unit"], polo["name_en"], polo["hs_code"]) == ("Polo básico", "unit", "", "")


def test_a_sheet_without_export_columns_keeps_a_products_export_data(db, owner, tmp_path):
    cat.save_product(db, {"sku": "SIL-01", "name": "Silla", "name_en": "Chair", "hs_code": "9401690000"},
                     actor=owner)
    import_file(db, "products", write(tmp_path, "p.csv", "sku,name,unit\nSIL-01,Silla de comedor,unit\n"),
                actor=owner)
    silla = cat.get_product(db, "SIL-01")
    assert (silla["name"], silla["name_en"], silla["hs_code"]) == ("Silla de comedor", "Chair", "9401.69.00.00")
