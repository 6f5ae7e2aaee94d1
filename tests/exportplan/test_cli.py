"""`smedesk exportplan …` as a user runs it: the JSON contract, exit codes, reasons on stderr."""

import json

import pytest

from smedesk.cli import main
from tests.exportplan.conftest import COSTS


@pytest.fixture
def costs_file(tmp_path):
    def write(**changes):
        path = tmp_path / "costos.json"
        path.write_text(json.dumps({**COSTS, **changes}), encoding="utf-8")
        return str(path)
    return write


def run(db_path, *args):
    return main(["exportplan", *args, "--db", str(db_path)])


def test_price_json_has_the_contract_keys(db_path, silla, costs_file, capsys):
    assert run(db_path, "price", "SIL-TOR-01", "--qty", "50", "--incoterm", "CIF", "--costs", costs_file(), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    # hand-computed in test_pricing: CIF 189.057 soles = 50.4152 US$; × 50 = 2,520.76
    assert out == {
        "incoterm": "CIF", "qty": 50,
        "unit_pen": {"EXW": "140.00", "FCA": "152.00", "FOB": "157.00", "CFR": "187.00", "CIF": "189.06"},
        "unit_usd": {"EXW": "37.33", "FCA": "40.53", "FOB": "41.87", "CFR": "49.87", "CIF": "50.42"},
        "total_usd": "2520.76",
    }


def test_price_stops_at_the_chosen_term(db_path, silla, costs_file, capsys):
    assert run(db_path, "price", "SIL-TOR-01", "--qty", "50", "--incoterm", "FCA", "--costs", costs_file(), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    # FCA 152 / 3.75 = 40.5333… × 50 = 2,026.67
    assert list(out["unit_usd"]) == ["EXW", "FCA"] and out["total_usd"] == "2026.67"


def test_price_accepts_numbers_in_the_costs_file(db_path, silla, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text('{"margin_pct": 25, "packing_per_unit": 5, "fx_usd_pen": 3.75}', encoding="utf-8")
    assert run(db_path, "price", "SIL-TOR-01", "--qty", "1", "--incoterm", "EXW", "--costs", str(path), "--json") == 0
    assert json.loads(capsys.readouterr().out)["unit_pen"] == {"EXW": "140.00"}


@pytest.mark.parametrize("changes, args, reason", [
    ({"margin_pct": "100"}, [], "100%"),
    ({"port_handling": "-1"}, [], "negativo"),
    ({"fx_usd_pen": None}, [], "tipo de cambio"),
    ({}, ["--qty", "0"], "mayor que cero"),
])
def test_bad_input_exits_1_with_the_reason(db_path, silla, costs_file, capsys, changes, args, reason):
    path = costs_file(**changes)
    if changes.get("fx_usd_pen", "") is None:
        data = json.loads(open(path, encoding="utf-8").read())
        del data["fx_usd_pen"]
        open(path, "w", encoding="utf-8").write(json.dumps(data))
    qty = args or ["--qty", "10"]
    assert run(db_path, "price", "SIL-TOR-01", *qty, "--incoterm", "FOB", "--costs", path, "--json") == 1
    captured = capsys.readouterr()
    assert reason in captured.err and captured.out == ""


def test_product_without_cost_exits_1(db_path, db, owner, silla, costs_file, capsys):
    from smedesk.production import catalogue as cat

    cat.save_product(db, {"sku": "MES-01", "name": "Mesa"}, actor=owner)
    assert run(db_path, "price", "MES-01", "--qty", "10", "--incoterm", "FOB", "--costs", costs_file()) == 1
    assert "costo unitario" in capsys.readouterr().err


def test_unknown_sku_and_bad_costs_file_exit_1(db_path, silla, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert run(db_path, "price", "SIL-TOR-01", "--qty", "1", "--incoterm", "FOB", "--costs", str(bad)) == 1
    assert "JSON" in capsys.readouterr().err
    good = tmp_path / "good.json"
    good.write_text(json.dumps(COSTS), encoding="utf-8")
    assert run(db_path, "price", "NADA", "--qty", "1", "--incoterm", "FOB", "--costs", str(good)) == 1
    assert "NADA" in capsys.readouterr().err


def test_create_set_show_list_and_pdf(db_path, silla, costs_file, tmp_path, capsys):
    assert run(db_path, "create", "Sillas a EE. UU.", "--template", "furniture", "--product", "SIL-TOR-01") == 0
    plan_id = capsys.readouterr().out.strip()
    assert run(db_path, "set", plan_id, "--qty", "50", "--incoterm", "CIF", "--costs", costs_file(),
               "--people", "4", "--hours", "192") == 0
    assert run(db_path, "show", plan_id, "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["price"]["total_usd"] == "2520.76" and shown["monthly_capacity"] == 384
    assert run(db_path, "list", "--json") == 0
    assert [p["title"] for p in json.loads(capsys.readouterr().out)] == ["Sillas a EE. UU."]
    for lang in ("es", "en"):
        out = tmp_path / f"plan-{lang}.pdf"
        assert run(db_path, "pdf", plan_id, "-o", str(out), "--lang", lang) == 0
        assert out.read_bytes().startswith(b"%PDF")
    out = tmp_path / "proforma.pdf"
    assert run(db_path, "proforma", plan_id, "-o", str(out), "--buyer", "Casa Miami LLC") == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_set_refuses_margin_and_keeps_the_plan(db_path, silla, costs_file, capsys):
    assert run(db_path, "create", "P", "--product", "SIL-TOR-01") == 0
    assert run(db_path, "set", "P", "--qty", "50", "--costs", costs_file()) == 0
    assert run(db_path, "set", "P", "--country", "Chile", "--costs", costs_file(margin_pct="120")) == 1
    assert run(db_path, "show", "P", "--json") == 0
    shown = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert shown["country"] == "" and shown["costs"]["margin_pct"] == "25"


def test_drawback_rates_from_the_cli(db_path, db, capsys):
    assert run(db_path, "drawback", "set", "2019-01-01", "3", "--note", "vigente") == 0
    assert run(db_path, "drawback", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [{"valid_from": "2019-01-01", "rate_pct": "3", "note": "vigente"}]
    assert run(db_path, "drawback", "set", "2019-01-01", "-3") == 1


def test_pdf_of_unknown_plan_exits_1(db_path, db, tmp_path, capsys):
    assert run(db_path, "pdf", "99", "-o", str(tmp_path / "x.pdf")) == 1
    assert "No existe el plan" in capsys.readouterr().err


def test_price_warns_on_stderr_above_the_exporta_facil_limit(db_path, db, owner, silla, costs_file, capsys):
    from smedesk.core import settings
    from smedesk.exportplan import rates

    settings.set(db, rates.EXPORTA_FACIL_KEY, "1000", actor=owner)
    # FOB 41.8666… US$ × 50 = 2,093.33 > 1,000
    assert run(db_path, "price", "SIL-TOR-01", "--qty", "50", "--incoterm", "FOB", "--costs", costs_file(), "--json") == 0
    captured = capsys.readouterr()
    assert "Exporta Fácil" in captured.err and json.loads(captured.out)["total_usd"] == "2093.33"
