"""The costing commands: import, export, cost (--json), whatif, costsheet, catalogue."""

import json
import subprocess
import sys

import pytest

from smedesk.cli import main


@pytest.fixture
def shop(db, db_path, tmp_path):
    """Tornillo S/ 1,850 per m³ (no waste), 10 pt per chair; Corte 30 min at S/ 10/h; no overhead."""
    db.close()
    files = {
        "materials": "code,name,unit,price,currency,waste_pct\nTOR,Tornillo,m3,1850,PEN,0\n",
        "products": "sku,name,name_en,unit,hs_code\nSIL-01,Silla,Chair,unit,9401.69.00.00\n",
        "bom": "sku,material_code,qty,unit\nSIL-01,TOR,10,pt\n",
        "routing": "sku,seq,step,std_minutes,rate_per_hour\nSIL-01,1,Corte,30,10\n",
    }
    for kind, text in files.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert main(["import", kind, str(path), "--db", str(db_path)]) == 0
    return db_path


def test_cost_json_contract(shop, capsys):
    capsys.readouterr()
    assert main(["cost", "SIL-01", "--db", str(shop), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 10 pt × 0.002359737216 × 1850 = 43.655138496 → 43.66; labour 0.5 × 10 = 5.00; 48.655… → 48.66
    assert (data["sku"], data["currency"], data["materials"], data["labour"], data["overhead"], data["unit_cost"]) == \
        ("SIL-01", "PEN", "43.66", "5.00", "0.00", "48.66")
    assert data["lines"][0] == {"kind": "material", "reference": "TOR", "name": "Tornillo", "quantity": "10",
                                "unit": "pt", "amount": "43.66"}
    assert data["lines"][1]["kind"] == "labour"


def test_cost_of_an_unknown_sku_fails(shop, capsys):
    assert main(["cost", "NOPE", "--db", str(shop)]) == 1
    assert "NOPE" in capsys.readouterr().err


def test_bad_import_prints_lines_and_exits_1(shop, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("code,name,unit,price,currency,waste_pct\nX,Y,kg,-1,PEN,0\nZ,W,kg,abc,PEN,0\n")
    assert main(["import", "materials", str(path), "--db", str(shop)]) == 1
    err = capsys.readouterr().err
    assert "2:" in err and "3:" in err


def test_whatif_json_and_apply(shop, capsys):
    capsys.readouterr()
    assert main(["whatif", "--material", "TOR=2000", "--json", "--db", str(shop)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    # 0.0235973722 × 2000 = 47.19474432 + 5 = 52.19
    assert (row["old"], row["new"]) == ("48.66", "52.19")
    assert main(["whatif", "--rate", "Corte=12", "--apply", "--db", str(shop)]) == 0
    capsys.readouterr()
    main(["cost", "SIL-01", "--db", str(shop), "--json"])
    assert json.loads(capsys.readouterr().out)["labour"] == "6.00"


def test_export_writes_the_import_headers(shop, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["export", "routing", str(out), "--db", str(shop)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "sku,seq,step,std_minutes,rate_per_hour,piece_rate"


def test_cost_sheet_and_catalogue_pdfs(shop, tmp_path):
    for lang in ("es", "en"):
        out = tmp_path / f"hoja-{lang}.pdf"
        assert main(["costsheet", "SIL-01", "-o", str(out), "--lang", lang, "--db", str(shop)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "catalogo.pdf"
    assert main(["catalogue", "-o", str(out), "--db", str(shop)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_runs_as_a_program(shop):
    done = subprocess.run([sys.executable, "-m", "smedesk", "cost", "SIL-01", "--db", str(shop)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "48.66" in done.stdout
