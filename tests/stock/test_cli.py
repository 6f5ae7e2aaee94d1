"""The stock commands as a user runs them: exact JSON keys, exit codes, and
refusals that save nothing."""

import json

import pytest

from smedesk.cli import main


@pytest.fixture
def cli(db_path, shop):
    def run(*args):
        return main([*args, "--db", str(db_path)])
    return run


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


def test_stock_list_json_has_the_contract_keys(cli, buy, order, capsys):
    buy("TORN", "2", "1000")
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 20, release_it=True)          # 3.78 kg
    capsys.readouterr()
    assert cli("stock", "list", "--json") == 0
    found = {r["code"]: r for r in out_json(capsys)}
    assert list(found["JER"]) == ["code", "unit", "on_hand", "promised", "available", "average_cost", "value"]
    assert found["JER"] == {"code": "JER", "unit": "kg", "on_hand": "6.22", "promised": "0", "available": "6.22",
                            "average_cost": "20", "value": "124.40"}
    assert found["TORN"]["value"] == "2000.00"


def test_stock_move_in_another_unit(cli, buy, capsys):
    buy("TORN", "1", "1000")
    assert cli("stock", "move", "TORN", "-100", "--reason", "adjust", "--unit", "pt", "--date", "2026-03-01") == 0
    assert "0.7640262784" in capsys.readouterr().out          # 1 − 100 × 0.002359737216
    assert cli("stock", "move", "TORN", "3", "--reason", "waste", "--unit", "kg") == 1
    assert "TORN se guarda en m3" in capsys.readouterr().err


def test_stock_move_below_zero_warns_but_records(cli, shop, capsys):
    assert cli("stock", "move", "JER", "2", "--reason", "waste") == 0
    captured = capsys.readouterr()
    assert "bajo cero" in captured.err
    assert cli("stock", "list", "--json") == 0
    assert {r["code"]: r for r in out_json(capsys)}["JER"]["on_hand"] == "-2"


def test_stock_needs_json_per_order_and_all(cli, buy, order, capsys):
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 40)                            # 7.56 kg
    order("P-2", "POLO-01", 20)                            # 3.78 kg
    capsys.readouterr()
    assert cli("stock", "needs", "P-1", "--json") == 0
    assert out_json(capsys) == [{"code": "JER", "unit": "kg", "required": "7.56", "on_hand": "10",
                                 "promised": "0", "to_buy": "0"}]
    assert cli("stock", "needs", "--json") == 0
    assert out_json(capsys) == [{"code": "JER", "unit": "kg", "required": "11.34", "on_hand": "10",
                                 "promised": "0", "to_buy": "1.34"}]
    assert cli("stock", "needs", "P-9") == 1
    assert "No existe el pedido" in capsys.readouterr().err


def test_stock_count_all_or_nothing(cli, buy, db, tmp_path, capsys):
    buy("JER", "10", "20")
    bad = tmp_path / "malo.csv"
    bad.write_text("code,qty,unit\nJER,9500,g\nNOPE,1,kg\n", encoding="utf-8")
    moves_before = db.execute("SELECT count(*) FROM stock_moves").fetchone()[0]
    assert cli("stock", "count", str(bad)) == 1
    err = capsys.readouterr().err
    assert "El conteo no se registró" in err and "3: No existe el material «NOPE»." in err
    assert db.execute("SELECT count(*) FROM stock_moves").fetchone()[0] == moves_before
    good = tmp_path / "bueno.csv"
    good.write_text("code,qty,unit\nJER,9500,g\n", encoding="utf-8")
    assert cli("stock", "count", str(good)) == 0
    assert "-0.5" in capsys.readouterr().out


def test_release_short_asks_for_anyway(cli, order, capsys):
    order("P-1", "POLO-01", 10)
    assert cli("order", "release", "P-1") == 1
    err = capsys.readouterr().err
    assert "Para P-1 faltan 1.89 kg de tela jersey" in err and "--anyway" in err
    assert cli("order", "release", "P-1", "--anyway") == 0


def test_suggest_shortages_and_month_end(cli, buy, order, tmp_path, capsys):
    buy("JER", "1", "20", date="2026-02-10")
    order("P-1", "POLO-01", 10)
    capsys.readouterr()
    assert cli("stock", "shortages") == 0
    assert "Para P-1 faltan 0.89 kg de tela jersey: compre antes del 13/03" in capsys.readouterr().out
    assert cli("stock", "suggest", "--json") == 0
    assert out_json(capsys)[0]["lines"] == [{"code": "JER", "unit": "kg", "qty": "0.89", "price": "20",
                                             "amount": "17.80"}]
    assert cli("stock", "suggest", "--pdf", str(tmp_path / "c.pdf")) == 0
    assert (tmp_path / "c.pdf").exists()
    capsys.readouterr()
    assert cli("stock", "month-end", "2026-02") == 0
    assert "Cuenta 24: existencias 20.00" in capsys.readouterr().out
