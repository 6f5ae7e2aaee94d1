import json
import zipfile
from decimal import Decimal

import pytest

from smedesk.cli import main
from smedesk.core.db import scalar


@pytest.fixture
def file(db, db_path):
    db.close()
    return str(db_path)


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


LEDGER = """date,entry,account,debit,credit,memo
2026-03-01,A1,1011,5000.00,,aporte
2026-03-01,A1,5011,,5000.00,aporte
2026-03-02,A2,6365,120.00,,internet
2026-03-02,A2,1011,,120.00,internet
"""


def test_ledger_import_then_trial_balance_and_pnl(capsys, file, tmp_path):
    assert run(capsys, "ledger", "import", write(tmp_path, "l.csv", LEDGER), "--db", file)[0] == 0
    code, out, _ = run(capsys, "report", "trial-balance", "--json", "--db", file)
    data = json.loads(out)
    # 1011: 5000 debit, 120 credit; 5011: 5000 credit; 6365: 120 debit → totals 5120 each side
    assert data["total_debit"] == data["total_credit"] == "5120.00"
    assert {"account": "1011", "name": "Caja", "debit": "5000.00", "credit": "120.00"} in data["accounts"]
    code, out, _ = run(capsys, "report", "pnl", "--from", "2026-03-01", "--to", "2026-03-31", "--json", "--db", file)
    assert json.loads(out) == {"from": "2026-03-01", "to": "2026-03-31", "income": "0.00", "expenses": "120.00",
                               "net": "-120.00"}


def test_ledger_import_reports_every_bad_entry_and_writes_nothing(capsys, file, tmp_path):
    bad = LEDGER + "2026-03-03,A3,1011,10.00,,x\n2026-03-03,A3,70111,,9.99,x\n" \
                   "2026-03-04,A4,1011,1.00,,x\n2026-03-04,A4,99999,,1.00,x\n" \
                   "2026-03-05,A5,1011,1.005,,x\n2026-03-05,A5,70111,,1.005,x\n"
    code, _, err = run(capsys, "ledger", "import", write(tmp_path, "l.csv", bad), "--db", file)
    assert code == 1
    assert "A3" in err and "A4" in err and "A5" in err and "A1" not in err
    from smedesk.core.db import open_db

    db = open_db(file)
    assert scalar(db, "SELECT COUNT(*) FROM journal_entries") == 0
    db.close()


DOCS = """kind,doc_type,series,number,date,party_id,party_name,description,amount,price_includes_igv,tax,currency,fx,ref
sale,01,F001,1,2026-03-05,20100070970,Tiendas Lima,Mesas,1180.00,yes,igv,PEN,,
sale,03,B001,1,2026-03-06,,,Polo,100.00,no,igv,PEN,,
sale,01,F001,2,2026-03-07,US-778812,Oak & Pine Ltd,Sillas,500.00,no,export,USD,3.75,
sale,07,F001,1,2026-03-08,20100070970,Tiendas Lima,Devolución,590.00,yes,igv,PEN,,F001-1
"""


def test_docs_import_and_igv_report(capsys, file, tmp_path):
    code, _, err = run(capsys, "docs", "import", write(tmp_path, "d.csv", DOCS), "--db", file)
    assert code == 0, err
    code, out, _ = run(capsys, "report", "igv", "--month", "2026-03", "--json", "--db", file)
    # sales base 1000 + 100 − 500 = 600; output tax 180 + 18 − 90 = 108; no purchases
    assert json.loads(out) == {"month": "2026-03", "sales_base": "600.00", "output_tax": "108.00",
                               "purchases_base": "0.00", "input_tax": "0.00", "credit_from_previous": "0.00",
                               "payable": "108.00", "credit_carried": "0.00"}


@pytest.mark.parametrize("row, reason", [
    ("sale,01,F001,1,2026-03-05,20100070971,X,Mesas,100.00,yes,igv,PEN,,", "dígito"),
    ("sale,01,F001,2,2026-03-05,20100070970,X,Mesas,100.00,yes,igv,PEN,,", "salto"),
    ("sale,01,F001,1,2026-03-05,20100070970,X,Mesas,100.005,yes,igv,PEN,,", "decimales"),
    ("sale,01,F001,1,2026-03-05,20100070970,X,Mesas,cien,yes,igv,PEN,,", "número"),
    ("sale,07,F001,1,2026-03-05,20100070970,X,Nota,100.00,yes,igv,PEN,,", "modifica"),
])
def test_docs_import_refuses_bad_rows(capsys, file, tmp_path, row, reason):
    text = DOCS.splitlines()[0] + "\n" + row + "\n"
    code, _, err = run(capsys, "docs", "import", write(tmp_path, "d.csv", text), "--db", file)
    assert code == 1 and reason in err and "2:" in err


def test_duplicate_import_refused_nothing_written(capsys, file, tmp_path):
    text = DOCS.splitlines()[0] + "\n" + DOCS.splitlines()[1] + "\n"
    assert run(capsys, "docs", "import", write(tmp_path, "d.csv", text), "--db", file)[0] == 0
    text += DOCS.splitlines()[2] + "\n"
    code, _, err = run(capsys, "docs", "import", write(tmp_path, "d.csv", text), "--db", file)
    assert code == 1 and "2:" in err  # F001-1 exists already; the boleta on line 3 is not written either
    from smedesk.core.db import open_db

    db = open_db(file)
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 1
    db.close()


def test_closed_month_via_cli(capsys, file, tmp_path):
    assert run(capsys, "ledger", "close", "2026-02", "--db", file)[0] == 0
    text = "date,entry,account,debit,credit,memo\n2026-02-10,X,1011,1,,a\n2026-02-10,X,5011,,1,a\n"
    code, _, err = run(capsys, "ledger", "import", write(tmp_path, "l.csv", text), "--db", file)
    assert code == 1 and "cerrado" in err


def test_reports_files_and_registers(capsys, file, tmp_path):
    run(capsys, "docs", "import", write(tmp_path, "d.csv", DOCS), "--db", file)
    for fmt in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"tb.{fmt}"
        assert run(capsys, "report", "trial-balance", f"--{fmt}", str(out), "--db", file)[0] == 0
        assert out.stat().st_size > 0
    code, out, _ = run(capsys, "registers", "--month", "2026-03", "--out", str(tmp_path), "--db", file)
    assert code == 0
    with zipfile.ZipFile(tmp_path / "LE2010012345320260300140400021112.zip") as zf:
        assert zf.namelist() == ["LE2010012345320260300140400021112.TXT"]
        lines = zf.read("LE2010012345320260300140400021112.TXT").decode("ascii").splitlines()
    assert len(lines) == 4 and lines[0].split("|")[6:9] == ["01", "F001", "1"]
    assert lines[3].split("|")[25] == "-590.00"  # the credit note counts negative
    code, out, _ = run(capsys, "docs", "pdf", "F001-1", "--out", str(tmp_path / "f.pdf"), "--lang", "en",
                       "--db", file)
    assert code == 0 and (tmp_path / "f.pdf").read_bytes()[:4] == b"%PDF"


def test_account_add_and_list(capsys, file):
    assert run(capsys, "account", "add", "10414", "BBVA dólares", "--db", file)[0] == 0
    code, out, _ = run(capsys, "account", "list", "--json", "--db", file)
    found = {a["account"]: a for a in json.loads(out)}
    assert found["10414"]["parent"] == "1041" and found["10414"]["money"] is True
    code, _, err = run(capsys, "account", "add", "999", "Nada", "--db", file)
    assert code == 1 and err


def test_quotation_commands(capsys, file, tmp_path):
    from smedesk.accounts import quotations
    from smedesk.core import parties, users
    from smedesk.core.db import open_db

    db = open_db(file)
    owner = users.owner_actor(db)
    party = parties.save(db, {"name": "Oak & Pine", "id_type": "foreign", "id_number": "X1", "country": "US"},
                         actor=owner)
    qid = quotations.create_quotation(db, party, [{"description": "Chair", "qty": 4, "unit_price": "95"}],
                                      currency="USD", actor=owner)
    db.close()
    code, out, _ = run(capsys, "quotation", "list", "--json", "--db", file)
    assert json.loads(out)[0]["total"] == "380.00"  # 4 × 95
    assert run(capsys, "quotation", "state", str(qid), "accepted", "--db", file)[0] == 1
    assert run(capsys, "quotation", "state", str(qid), "sent", "--db", file)[0] == 0
    assert run(capsys, "quotation", "pdf", str(qid), "--out", str(tmp_path / "q.pdf"), "--lang", "en",
               "--db", file)[0] == 0


def test_docs_from_order(capsys, file):
    from smedesk.core import parties, users
    from smedesk.core.db import open_db
    from smedesk.production import catalogue
    from smedesk.tracking import orders

    db = open_db(file)
    owner = users.owner_actor(db)
    catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    orders.create_order(db, "P-7", cust, [{"sku": "MESA-01", "qty": 1, "unit_price": "100"}], "2026-04-30",
                        actor=owner)
    db.close()
    code, out, err = run(capsys, "docs", "from-order", "P-7", "--series", "F001", "--db", file)
    assert code == 0, err
    assert "F001-00000001" in out and "118.00" in out  # 100 + 18% IGV
    assert run(capsys, "docs", "from-order", "P-7", "--series", "F001", "--db", file)[0] == 1


def test_ledger_list_and_reverse(capsys, file, tmp_path):
    run(capsys, "ledger", "import", write(tmp_path, "l.csv", LEDGER), "--db", file)
    code, out, _ = run(capsys, "ledger", "list", "--json", "--db", file)
    entries = json.loads(out)
    assert len(entries) == 2 and entries[0]["lines"][0]["debit"] in ("120.00", "5000.00")
    first = min(e["entry"] for e in entries)
    assert run(capsys, "ledger", "reverse", str(first), "--date", "2026-03-05", "--db", file)[0] == 0
    code, out, _ = run(capsys, "report", "trial-balance", "--json", "--db", file)
    # the capital entry and its reversal: 5000 + 120 + 5000 on each side
    assert json.loads(out)["total_debit"] == "10120.00"
    assert run(capsys, "ledger", "reverse", str(first), "--db", file)[0] == 1


def test_tax_rate_list_and_add(capsys, file):
    code, out, _ = run(capsys, "tax-rate", "list", "--json", "--db", file)
    rates = json.loads(out)
    assert {"kind": "standard", "valid_from": "2026-01-01", "igv": "15.5", "ipm": "2.5", "note": "Ley 32387"} in rates
    assert run(capsys, "tax-rate", "add", "reduced", "2027-07-01", "10", "2", "--db", file)[0] == 0
    from smedesk.accounts.chart import rates_on
    from smedesk.core.db import open_db

    db = open_db(file)
    assert rates_on(db, "2027-08-01", "reduced") == (10, 2)
    assert rates_on(db, "2027-03-01", "reduced") == (10, 3)
    assert rates_on(db, "2026-12-31", "reduced") == (8, Decimal("2.5"))
    db.close()
    assert run(capsys, "tax-rate", "add", "reduced", "2027-13-01", "10", "2", "--db", file)[0] == 1
