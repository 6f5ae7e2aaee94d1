"""The tracking commands as a user runs them: exit codes, JSON shapes, files."""

import json

import pytest

from smedesk.cli import main
from smedesk.core import business
from smedesk.tracking import trackcodes


@pytest.fixture
def cli(db_path, shop):
    def run(*args):
        return main([*args, "--db", str(db_path)])
    return run


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "pedidos.csv"
    path.write_text(
        "order_no,customer,sku,qty,unit_price,due_date\n"
        "P-100,Cliente Uno,MESA-01,2,350.00,2026-03-20\n"
        "P-101,Tienda Nueva,SIL-01,1,120,2026-03-25\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def released(cli, csv_file, capsys):
    assert cli("order", "import", str(csv_file)) == 0
    assert cli("order", "release", "P-100") == 0
    capsys.readouterr()
    assert cli("order", "units", "P-100", "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_import_creates_orders_and_new_customers(cli, csv_file, capsys, db):
    assert cli("order", "import", str(csv_file)) == 0
    assert "P-100, P-101" in capsys.readouterr().out
    assert db.execute("SELECT count(*) FROM parties WHERE name = 'Tienda Nueva'").fetchone()[0] == 1


def test_import_refuses_whole_file_with_line_numbers(cli, tmp_path, capsys, db):
    path = tmp_path / "malo.csv"
    path.write_text("order_no,customer,sku,qty,unit_price,due_date\n"
                    "P-1,Cliente Uno,MESA-01,2,10,2026-03-20\n"
                    "P-2,Cliente Uno,NADA,2,10,2026-03-20\n"
                    "P-3,Cliente Uno,MESA-01,2,10,2020-01-01\n", encoding="utf-8")
    assert cli("order", "import", str(path)) == 1
    err = capsys.readouterr().err
    assert "3: Línea 1: no existe el producto «NADA»" in err
    assert "4: La fecha de entrega 2020-01-01 ya pasó." in err
    assert db.execute("SELECT count(*) FROM orders").fetchone()[0] == 0


def test_import_refuses_missing_columns(cli, tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("order_no,sku\nP-1,MESA-01\n", encoding="utf-8")
    assert cli("order", "import", str(path)) == 1
    assert "customer" in capsys.readouterr().err


def test_units_json_has_contract_keys(released):
    assert len(released) == 2
    assert {"code", "sku", "part", "piece", "qty"} <= set(released[0])
    assert released[0]["sku"] == "MESA-01" and released[0]["piece"] == 1 and released[0]["qty"] == 1


def test_release_twice_exits_1(cli, released, capsys):
    assert cli("order", "release", "P-100") == 1
    assert "ya fue liberado" in capsys.readouterr().err


def test_release_with_bundles(cli, shop, capsys, db, owner):
    from smedesk.tracking import orders

    orders.create_order(db, "G-1", shop["customer"], [{"sku": "POLO-01", "size": "S", "qty": 30}], "2026-04-01",
                        actor=owner)
    assert cli("order", "release", "G-1", "--bundle", "12") == 0
    capsys.readouterr()
    cli("order", "units", "G-1", "--json")
    # 30 pieces in bundles of 12: 12 + 12 + 6
    assert [u["qty"] for u in json.loads(capsys.readouterr().out)] == [12, 12, 6]


def test_scan_exit_codes(cli, released, capsys, db):
    code = released[0]["code"]
    assert cli("scan", code, "--step", "Corte", "--operator", "Rosa") == 0
    assert cli("scan", code, "--step", "1", "--operator", "Rosa") == 2
    assert cli("scan", released[1]["code"], "--step", "Armado", "--operator", "Rosa") == 3
    other = "ZZZ" if business.get(db)["code"] != "ZZZ" else "YYY"
    assert cli("scan", trackcodes.make_code(other, 5), "--step", "Corte", "--operator", "Rosa") == 4
    assert cli("scan", "basura", "--step", "Corte", "--operator", "Rosa") == 4
    assert cli("scan", released[1]["code"], "--step", "Corte", "--operator", "Nadie") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 5 and "Falta el paso Corte" in err[1]


def test_scan_cancelled_order_exits_1(cli, released, capsys):
    assert cli("order", "cancel", "P-100") == 0
    assert cli("scan", released[0]["code"], "--step", "Corte", "--operator", "Rosa") == 1
    assert "cancelado" in capsys.readouterr().err


def test_status_json_shape(cli, released, capsys):
    cli("scan", released[0]["code"], "--step", "Corte", "--operator", "Rosa", "--at", "2026-03-02T09:00:00")
    capsys.readouterr()
    assert cli("order", "status", "P-100", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert set(status) == {"order", "due", "units", "steps", "percent", "forecast", "status"}
    assert status["steps"][0] == {"seq": 1, "step": "Corte", "done": 1, "pending": 1}
    assert status["percent"] == 25.0  # 1 × 60 / (2 × 120)
    assert status["status"] in ("on_time", "at_risk", "late", "done")


def test_status_of_unknown_order_exits_1(cli, capsys):
    assert cli("order", "status", "NADA", "--json") == 1
    assert "No existe el pedido" in capsys.readouterr().err


def test_batch_import_counts_good_lines_and_reports_bad(cli, released, tmp_path, capsys, db):
    path = tmp_path / "lector.txt"
    path.write_text(f"{released[0]['code']},2026-03-02T09:00:00\n"
                    "%%%garbage%%%\n"
                    f"{released[0]['code']},2026-03-02T09:01:00\n"
                    f"{released[1]['code']},ayer\n"
                    f"{released[1]['code']},2026-03-02T09:02:00\n", encoding="utf-8")
    assert cli("scans", "import", str(path), "--step", "Corte", "--operator", "Rosa") == 1
    out = capsys.readouterr()
    assert "2 escaneos contados, 3 rechazados" in out.out
    assert "línea 2" in out.err and "línea 3" in out.err and "línea 4" in out.err
    assert db.execute("SELECT count(*) FROM scans").fetchone()[0] == 2


def test_undo_from_cli(cli, released, capsys, db):
    cli("scan", released[0]["code"], "--step", "Corte", "--operator", "Rosa")
    scan_id = db.execute("SELECT id FROM scans").fetchone()[0]
    assert cli("scans", "undo", str(scan_id), "--reason", "error") == 0
    assert cli("scans", "undo", str(scan_id)) == 1


def test_labels_and_worksheet_pdfs(cli, released, tmp_path):
    for layout in ("a4", "roll"):
        out = tmp_path / f"labels-{layout}.pdf"
        assert cli("labels", "P-100", "-o", str(out), "--layout", layout) == 0
        assert out.read_bytes().startswith(b"%PDF")
    sheet = tmp_path / "hoja.pdf"
    assert cli("worksheet", "P-100", "-o", str(sheet)) == 0
    assert sheet.read_bytes().startswith(b"%PDF")
    cards = tmp_path / "cards.pdf"
    assert cli("cards", "-o", str(cards)) == 0


def test_labels_of_draft_order_refused(cli, csv_file, tmp_path, capsys):
    cli("order", "import", str(csv_file))
    assert cli("labels", "P-101", "-o", str(tmp_path / "x.pdf")) == 1
    assert "libérelo" in capsys.readouterr().err


def test_pay_json_and_pdf(cli, released, tmp_path, capsys):
    cli("scan", released[0]["code"], "--step", "Corte", "--operator", "Rosa", "--at", "2026-03-02T09:00:00")
    capsys.readouterr()
    assert cli("pay", "--week", "2026-W10", "--json") == 0
    pay = json.loads(capsys.readouterr().out)
    # the table has no piece rate: 1 piece × S/ 0.00
    assert pay["week"] == "2026-W10" and pay["operators"][0]["operator"] == "Rosa"
    assert cli("pay", "--week", "2026-W10", "-o", str(tmp_path / "pago.pdf")) == 0
    assert cli("pay", "--week", "semana") == 1


def test_customer_add_and_list(cli, capsys):
    assert cli("order", "customer", "Andes Knit LLC", "--id", "US-1", "--id-type", "foreign", "--country", "US") == 0
    assert cli("order", "customer", "Mal", "--id", "20100123454") == 1
    capsys.readouterr()
    assert cli("order", "customers", "--json") == 0
    names = {c["name"]: c for c in json.loads(capsys.readouterr().out)}
    assert names["Andes Knit LLC"]["country"] == "US" and "Mal" not in names


def test_import_finds_customer_by_ruc_and_refuses_unknown_ruc(cli, tmp_path, capsys, db):
    path = tmp_path / "ruc.csv"
    path.write_text("order_no;customer;sku;qty;unit_price;due_date\n"
                    "P-7;20100123453;MESA-01;1;10,50;2026-03-20\n", encoding="utf-8")
    assert cli("order", "import", str(path)) == 0
    found = db.execute("SELECT p.name, l.unit_price_cents FROM orders o JOIN parties p ON p.id = o.customer_id"
                       " JOIN order_lines l ON l.order_id = o.id WHERE o.number = 'P-7'").fetchone()
    assert found == ("Cliente Uno", 1050)  # «10,50» with a decimal comma = S/ 10.50
    path.write_text("order_no,customer,sku,qty,unit_price,due_date\n"
                    "P-8,20548726213,MESA-01,1,10,2026-03-20\n", encoding="utf-8")
    assert cli("order", "import", str(path)) == 1
    assert "20548726213" in capsys.readouterr().err
