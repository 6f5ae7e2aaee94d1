import json
import zipfile
from decimal import Decimal

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts import exchange, padron
from smedesk.core.db import scalar
from smedesk.core.errors import ValidationError

# SBS's «tipo de cambio promedio ponderado» table as its site exports it (an HTML table
# saved as .xls): Fecha, Moneda, Compra, Venta, one row per currency and day.
SBS_HTML = """<html><body><table>
<tr><th>Fecha</th><th>Moneda</th><th>Compra</th><th>Venta</th></tr>
<tr><td>05/03/2026</td><td>Dólar de N.A.</td><td>3.741</td><td>3.748</td></tr>
<tr><td>05/03/2026</td><td>Euro</td><td>4.010</td><td>4.240</td></tr>
<tr><td>06/03/2026</td><td>Dólar de N.A.</td><td>3.744</td><td>3.751</td></tr>
<tr><td>09/03/2026</td><td>Dólar de N.A.</td><td>3.739</td><td>3.746</td></tr>
</table></body></html>"""


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_sbs_file_imports_and_weekend_takes_friday(db, owner, tmp_path):
    done = exchange.import_sbs_file(db, write(tmp_path, "tc.xls", SBS_HTML), actor=owner)
    assert (done.count, done.first, done.last) == (3, "2026-03-05", "2026-03-09")
    assert exchange.rate_for(db, "2026-03-06") == Decimal("3.751")
    assert exchange.rate_for(db, "2026-03-08") == Decimal("3.751")   # Sunday: the last one published
    assert exchange.rate_for(db, "2026-03-09") == Decimal("3.746")


def test_usd_document_takes_the_rate_of_its_date_and_a_typed_rate_warns(db, owner, buyer, tmp_path):
    exchange.import_sbs_file(db, write(tmp_path, "tc.xls", SBS_HTML), actor=owner)
    doc = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "100", "tax": "export"}],
                            party_id=buyer, currency="USD", date="2026-03-07", actor=owner)
    # Saturday 7 March: Friday's 3.751 → 100.00 USD = 375.10 PEN
    assert d.get_document(db, doc)["total_pen_cents"] == 37510
    assert "3.751" in exchange.fx_warning(db, "2026-03-07", "3.80")
    assert exchange.fx_warning(db, "2026-03-07", "3.751") is None


def test_rate_file_with_a_missing_day_imports_nothing(db, owner, tmp_path):
    csv_text = "Fecha;Moneda;Compra;Venta\n02/03/2026;Dólar de N.A.;3.70;3.71\n03/03/2026;Dólar de N.A.;3.71;3.72\n" \
               "05/03/2026;Dólar de N.A.;3.72;3.73\n"
    with pytest.raises(ValidationError, match="2026-03-04"):
        exchange.import_sbs_file(db, write(tmp_path, "tc.csv", csv_text), actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM fx_rates") == 0


def test_a_typed_rate_once(db, owner):
    exchange.set_rate(db, "2026-03-02", "3.705", actor=owner)
    with pytest.raises(ValidationError):
        exchange.set_rate(db, "2026-03-02", "3.71", actor=owner)
    with pytest.raises(ValidationError):
        exchange.set_rate(db, "2026-03-03", "37.5x", actor=owner)


# SUNAT's padrón reducido: ISO-8859-1, «|» after every field, 15 fields.
HEADER = ("RUC|NOMBRE O RAZÓN SOCIAL|ESTADO DEL CONTRIBUYENTE|CONDICIÓN DE DOMICILIO|UBIGEO|TIPO DE VÍA|NOMBRE DE VÍA|"
          "CÓDIGO DE ZONA|TIPO DE ZONA|NÚMERO|INTERIOR|LOTE|DEPARTAMENTO|MANZANA|KILÓMETRO|\r\n")
ROWS = ("20100070970|TIENDAS LIMA S.A.C.|ACTIVO|HABIDO|150101|AV.|LIMA|-|-|100|-|-|-|-|-|\r\n"
        "20131312955|MADERERA PUCALLPA E.I.R.L.|BAJA DE OFICIO|HABIDO|250101|JR.|UCAYALI|-|-|5|-|-|-|-|-|\r\n"
        "10456789121|PEÑA QUISPE JOSÉ|ACTIVO|NO HABIDO|150115|-|-|-|-|-|-|-|-|-|-|\r\n")


def padron_zip(tmp_path, text):
    path = tmp_path / "padron_reducido_ruc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("padron_reducido_ruc.txt", text.encode("latin-1"))
    return path


def test_padron_lookup_fills_the_name_and_warns(db, owner, tmp_path):
    assert padron.lookup(db, "20100070970") is None   # without the padrón nothing changes
    done = padron.import_padron(db, padron_zip(tmp_path, HEADER + ROWS), actor=owner)
    assert done.count == 3 and done.path.name == "padron_ruc.sqlite" and done.path.parent == tmp_path
    ok = padron.lookup(db, "20100070970")
    assert (ok["name"], ok["state"], ok["condition"], ok["warning"]) == ("TIENDAS LIMA S.A.C.", "ACTIVO", "HABIDO",
                                                                          None)
    assert "BAJA DE OFICIO" in padron.lookup(db, "20131312955")["warning"]
    person = padron.lookup(db, "10456789121")
    assert person["name"] == "PEÑA QUISPE JOSÉ" and "NO HABIDO" in person["warning"]
    # never in the business file
    assert "padron" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master").fetchall()}


def test_padron_cut_short_keeps_the_previous_index(db, owner, tmp_path):
    padron.import_padron(db, padron_zip(tmp_path, HEADER + ROWS), actor=owner)
    cut = (HEADER + ROWS + "20600000001|OTRA S.A.C.|ACTIVO|HAB")
    with pytest.raises(ValidationError, match="5"):
        padron.import_padron(db, write(tmp_path, "padron.txt", cut.encode("latin-1")), actor=owner)
    truncated = padron_zip(tmp_path, HEADER + ROWS * 200).read_bytes()
    with pytest.raises(ValidationError):
        padron.import_padron(db, write(tmp_path, "cut.zip", truncated[: len(truncated) // 2]), actor=owner)
    assert padron.lookup(db, "20100070970")["name"] == "TIENDAS LIMA S.A.C."
    assert not (tmp_path / "padron_ruc.sqlite.part").exists()


def test_report_621_json_keys(tmp_path, capsys):
    from smedesk.cli import main
    from smedesk.core import business

    path = tmp_path / "b.smedesk"
    business.create(path, business.NewBusiness("Taller", "20100123453", "Rosa", "1234", "Lima")).close()
    assert main(["report", "621", "--month", "2026-03", "--json", "--db", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["month", "regime", "sales_base", "output_tax", "purchases_base", "input_tax",
                          "credit_from_previous", "perceptions", "retentions", "igv_payable", "credit_carried",
                          "net_income", "income_tax_rate", "income_tax_payment", "due_date"]
    assert (data["sales_base"], data["igv_payable"], data["due_date"]) == ("0.00", "0.00", "2026-04-21")
    assert main(["report", "621", "--month", "2026-13", "--json", "--db", str(path)]) == 1


def test_spot_product_and_retention_agent_from_the_cli(tmp_path, capsys):
    from smedesk.accounts import withholdings
    from smedesk.cli import main
    from smedesk.core import business, parties, users
    from smedesk.core.db import open_db

    path = tmp_path / "b.smedesk"
    db = business.create(path, business.NewBusiness("Taller", "20100123453", "Rosa", "1234", "Lima"))
    owner = users.owner_actor(db)
    pid = parties.save(db, {"name": "Gran Almacén", "id_number": "20100070970"}, actor=owner)
    db.execute("INSERT INTO products (sku, name, created_at, uid, updated_at) VALUES ('MESA', 'Mesa', 'x', 'u1', 'x')")
    db.close()
    assert main(["retention", "agent", "20100070970", "--db", str(path)]) == 0
    assert main(["spot", "product", "MESA", "025", "--db", str(path)]) == 0
    assert main(["spot", "product", "MESA", "999", "--db", str(path)]) == 1
    assert "999" in capsys.readouterr().err
    db = open_db(path)
    try:
        assert withholdings.is_retention_agent(db, pid)
        assert scalar(db, "SELECT spot_code FROM product_spot") == "025"
    finally:
        db.close()
