"""docs import: rows sharing kind, doc_type, series, number are one document's lines;
header columns must agree; qty, unit, unit_price, sku, due_date."""

from __future__ import annotations

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts.imports import import_documents
from smedesk.core.db import rows, scalar
from smedesk.core.errors import RowErrors
from smedesk.einvoice import api

HEAD = ("kind,doc_type,series,number,date,party_id,party_name,description,amount,price_includes_igv,tax,"
        "currency,fx,ref,qty,unit,unit_price,sku,due_date\n")


def load(db, owner, tmp_path, body):
    path = tmp_path / "docs.csv"
    path.write_text(HEAD + body, encoding="utf-8")
    return import_documents(db, path, actor=owner)


def test_rows_of_one_document_are_its_lines(db, owner, tmp_path):
    count = load(db, owner, tmp_path,
                 "sale,01,F001,1,2026-03-05,20100070970,Tiendas Lima,Mesa,,yes,igv,PEN,,,2,NIU,590,,2026-04-04\n"
                 "sale,01,F001,1,2026-03-05,20100070970,Tiendas Lima,Tela,31.00,yes,igv,PEN,,,2.5,MTR,12.40,,2026-04-04\n"
                 "sale,03,B001,1,2026-03-06,,,Flete,25,yes,inafecto,PEN,,,,ZZ,,,\n")
    assert count == 2
    doc = d.get_document(db, d.find_sale(db, "F001-1")["id"])
    # 2 × 590 = 1180.00 + 2.5 × 12.40 = 31.00 → 1211.00
    assert [(li["qty"], li["unit"]) for li in doc["lines"]] == [("2", "NIU"), ("2.5", "MTR")]
    assert doc["total_cents"] == 121100 and doc["due_date"] == "2026-04-04"
    # a due date: Crédito in one cuota for the amount due
    assert rows(db, "SELECT amount_cents, due_date FROM einvoice_cuotas") == [
        {"amount_cents": 121100, "due_date": "2026-04-04"}]
    assert api.state_of(db, doc["id"])["state"] == "pending"


def test_lines_that_disagree_on_a_header_column_refuse_the_whole_file(db, owner, tmp_path):
    with pytest.raises(RowErrors) as err:
        load(db, owner, tmp_path,
             "sale,03,B001,1,2026-03-06,,,Polo,20,yes,igv,PEN,,,,,,,\n"
             "sale,01,F001,1,2026-03-05,20100070970,Tiendas Lima,Mesa,590,yes,igv,PEN,,,,,,,\n"
             "sale,01,F001,1,2026-03-06,20100070970,Tiendas Lima,Silla,59,yes,igv,PEN,,,,,,,\n")
    assert err.value.errors[0][0] == 3 and "date" in err.value.errors[0][1]
    assert scalar(db, "SELECT count(*) FROM documents") == 0


def test_amount_that_is_not_qty_times_price_is_refused(db, owner, tmp_path):
    with pytest.raises(RowErrors, match="1"):
        load(db, owner, tmp_path, "sale,03,B001,1,2026-03-06,,,Polo,50.00,yes,igv,PEN,,,3,NIU,20,,\n")


def test_sku_names_the_product(db, owner, tmp_path):
    from smedesk.production import catalogue

    catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa de cedro"}, actor=owner)
    load(db, owner, tmp_path, "sale,03,B001,1,2026-03-06,,,,100,yes,igv,PEN,,,,,,MESA-01,\n")
    line = d.get_document(db, d.find_sale(db, "B001-1")["id"])["lines"][0]
    assert line["description"] == "Mesa de cedro" and line["sku"] == "MESA-01" and line["product_id"]
