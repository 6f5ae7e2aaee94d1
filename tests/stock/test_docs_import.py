"""`docs import` rows that name a material bring it into stock."""

from decimal import Decimal

import pytest

from smedesk.accounts import imports
from smedesk.core.errors import RowErrors
from smedesk.stock import position

HEAD = "kind,doc_type,series,number,date,party_id,party_name,description,amount,price_includes_igv,tax,currency,fx,ref,material,qty,unit\n"


def jer(db):
    return next(r for r in position.stock_list(db) if r["code"] == "JER")


def test_a_purchase_row_naming_a_material_brings_it_in(db, owner, shop, tmp_path):
    path = tmp_path / "docs.csv"
    # S/ 236.00 with IGV = 200.00 net for 10,000 g = 10 kg: S/ 20 a kilo
    path.write_text(HEAD + "purchase,01,F001,45,2026-03-01,20605145745,Textil Gamarra S.A.C.,Jersey,236.00,yes,igv,,,,"
                    "JER,10000,g\n", encoding="utf-8")
    assert imports.import_documents(db, path, actor=owner) == 1
    row = jer(db)
    assert (row["on_hand"], row["average_cost"], row["value"]) == (10, Decimal("20"), Decimal("200.00"))


def test_a_material_row_in_a_wrong_unit_imports_nothing(db, owner, shop, tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text(HEAD + "purchase,01,F001,46,2026-03-01,20605145745,Textil Gamarra S.A.C.,Jersey,236.00,yes,igv,,,,"
                    "JER,2,m3\n", encoding="utf-8")
    with pytest.raises(RowErrors) as refused:
        imports.import_documents(db, path, actor=owner)
    assert refused.value.errors[0][0] == 2
    assert db.execute("SELECT count(*) FROM stock_moves").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
