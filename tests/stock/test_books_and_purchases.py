"""The optional month-end entry, suggested purchases and turning them into a
purchase record."""

from decimal import Decimal

import pytest

from smedesk.core.errors import ValidationError
from smedesk.stock import books, position, printing, purchases


def entry_lines(db, entry_id):
    return db.execute("SELECT account, debit_cents, credit_cents FROM journal_lines WHERE entry_id = ?"
                      " ORDER BY account", [entry_id]).fetchall()


def test_no_journal_change_by_default(db, owner, buy, order):
    buy("JER", "50", "20")
    before = db.execute("SELECT count(*) FROM journal_entries").fetchone()[0]
    order("P-1", "POLO-01", 100, release_it=True)
    assert db.execute("SELECT count(*) FROM journal_entries").fetchone()[0] == before


def test_month_end_posts_the_variation_of_valued_stock(db, owner, buy, order, monkeypatch):
    buy("JER", "50", "20", date="2026-02-10")             # S/ 1,000 of jersey (24)
    buy("TORN", "1", "1000", date="2026-02-11")           # S/ 1,000 of timber
    position.set_material_stock(db, "TORN", account="25", actor=owner)
    done = books.post_month_end(db, "2026-02", actor=owner)
    assert entry_lines(db, done["entry_id"]) == [("2411", 100000, 0), ("2511", 100000, 0),
                                                 ("6121", 0, 100000), ("6131", 0, 100000)]
    order("P-1", "POLO-01", 100, release_it=True)         # 18.9 kg × 20 = S/ 378 used in March
    monkeypatch.setenv("SMEDESK_NOW", "2026-04-02T15:00:00Z")
    march = books.post_month_end(db, "2026-03", actor=owner)
    assert march["accounts"]["24"]["change"] == Decimal("-378.00")
    assert entry_lines(db, march["entry_id"]) == [("2411", 0, 37800), ("6121", 37800, 0)]


def test_month_end_refuses_a_month_not_ended_or_posted_twice(db, owner, buy):
    buy("JER", "50", "20", date="2026-02-10")
    with pytest.raises(ValidationError, match="aún no termina"):
        books.post_month_end(db, "2026-03", actor=owner)
    books.post_month_end(db, "2026-02", actor=owner)
    with pytest.raises(ValidationError, match="ya se contabilizó"):
        books.post_month_end(db, "2026-02", actor=owner)


def test_suggested_purchases_by_supplier_with_the_latest_price(db, owner, buy, order):
    buy("JER", "1", "18.50", party="textil")
    buy("JER", "1", "19.25", party="textil", date="2026-03-02")
    order("P-1", "POLO-01", 100)                            # 18.9 kg, 2 on hand: buy 16.9
    order("P-2", "MESA-01", 10)                              # 500 pt = 1.179868608 m³: buy 1.18
    groups = purchases.suggested(db)
    assert [g["supplier"] for g in groups] == ["Maderera Ucayali", "Textil Gamarra S.A.C."]
    timber, fabric = groups
    assert [(ln["code"], ln["qty"], ln["price"], ln["amount"]) for ln in fabric["lines"]] == [
        ("JER", Decimal("16.90"), Decimal("19.25"), Decimal("325.33"))]   # 16.9 × 19.25 = 325.325
    assert [(ln["code"], ln["qty"], ln["price"]) for ln in timber["lines"]] == [("TORN", Decimal("1.18"), 1000)]
    assert fabric["party_id"] is not None and fabric["ruc"] == "20605145745"


def test_suggested_purchases_print_and_become_a_purchase(db, owner, shop, buy, order, tmp_path):
    buy("JER", "1", "19.25", party="textil")
    order("P-1", "POLO-01", 100)
    path = printing.suggested_pdf(db, tmp_path / "compras.pdf", lang="es")
    assert path.read_bytes().startswith(b"%PDF")
    group = next(g for g in purchases.suggested(db) if g["party_id"] == shop["textil"])
    purchases.record_purchase(db, group["party_id"], "F002", 77, [
        {"code": ln["code"], "qty": ln["qty"], "price": ln["price"]} for ln in group["lines"]], actor=owner)
    jer = next(r for r in position.stock_list(db) if r["code"] == "JER")
    assert jer["on_hand"] == Decimal("18.9")
    assert [g for g in purchases.suggested(db) if g["party_id"] == shop["textil"]] == []
