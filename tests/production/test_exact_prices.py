"""Unit prices and rates below one céntimo keep their exact value, end to end:
thread by the metre, screws by the unit, piece rates; documents still show
céntimos. The current price of a material is the one in force in its history."""

from decimal import Decimal

import pytest

from smedesk.accounts import documents
from smedesk.cli import main
from smedesk.core import parties
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.imports import export_file, import_file
from smedesk.production.whatif import apply_changes, what_if

D = Decimal


@pytest.fixture
def thread(db, owner):
    """Thread at S/ 0.0025 per metre, no waste; a bag sewn with 180 m of it; Costura
    at S/ 0.015 a piece (destajo)."""
    cat.save_material(db, {"code": "HIL", "name": "Hilo de coser", "unit": "m", "price": "0.0025"},
                      actor=owner, valid_from="2026-01-01")
    pid = cat.save_product(db, {"sku": "BOL-01", "name": "Bolsa"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "HIL", "qty": "180", "unit": "m"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Costura", "std_minutes": "0", "piece_rate": "0.015"}], actor=owner)
    return pid


def test_thread_by_the_metre_costs_its_exact_price(db, thread):
    cost = costing.unit_cost(db, thread, as_of="2026-03-01")
    # 180 m × S/ 0.0025 = S/ 0.45 (not S/ 0.00 from a price rounded to 0.00)
    assert cost.lines[0].amount == D("0.45")
    assert cost.lines[0].rate == D("0.0025")
    # Costura: S/ 0.015 a piece, shown as the document shows it: 0.015 → 0.02; unit cost 0.465 → 0.47
    assert cost.lines[1].amount == D("0.015")
    assert cost.unit_cost == D("0.47")


def test_a_price_of_one_and_a_half_centimos_is_not_rounded_to_two(db, owner, thread):
    cat.save_material(db, {"code": "HIL", "name": "Hilo de coser", "unit": "m", "price": "0.015"},
                      actor=owner, valid_from="2026-02-01")
    # 180 m × S/ 0.015 = S/ 2.70 (S/ 3.60 if 0.015 had been stored as 0.02)
    assert costing.unit_cost(db, thread, as_of="2026-03-01").materials == D("2.70")


def test_fabric_by_the_kilo_with_waste(db, owner):
    cat.save_material(db, {"code": "JER", "name": "Jersey", "unit": "kg", "price": "32", "waste_pct": "8"},
                      actor=owner, valid_from="2026-01-01")
    pid = cat.save_product(db, {"sku": "POL", "name": "Polo"}, actor=owner)
    cat.set_bom(db, pid, [{"material_code": "JER", "qty": "0.21", "unit": "kg"}], actor=owner)
    cat.set_routing(db, pid, [{"name": "Costura", "std_minutes": "0"}], actor=owner)
    # 0.21 kg × S/ 32 × 1.08 = 7.2576, shown 7.26
    cost = costing.unit_cost(db, pid, as_of="2026-03-01")
    assert cost.lines[0].amount == D("7.2576")
    assert cost.materials == D("7.26")


def test_history_and_list_keep_the_exact_price(db, thread):
    hil = cat.get_material(db, "HIL")
    assert [h["price"] for h in cat.price_history(db, hil["id"])] == [D("0.0025")]
    assert db.execute("SELECT price FROM material_prices").fetchone()[0] == "0.0025"  # canonical text
    assert cat.list_materials(db)[0]["price"] == D("0.0025")
    assert cat.steps(db, thread)[0]["piece_rate"] == D("0.015")


def test_export_writes_the_exact_price_back_and_it_imports_unchanged(db, owner, thread, tmp_path):
    path = export_file(db, "materials", tmp_path / "m.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "HIL,Hilo de coser,m,0.0025,PEN,0," in text
    routing = export_file(db, "routing", tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "BOL-01,1,Costura,0,0,0.015" in routing
    result = import_file(db, "materials", path, actor=owner)
    assert (result.created, result.updated) == (0, 1)
    assert len(cat.price_history(db, cat.get_material(db, "HIL")["id"])) == 1  # same price: no new entry


def test_cli_export_materials_writes_0_0025(db, db_path, owner, thread, tmp_path, capsys):
    db.close()
    out = tmp_path / "materiales.csv"
    assert main(["export", "materials", str(out), "--db", str(db_path)]) == 0
    assert "HIL,Hilo de coser,m,0.0025,PEN" in out.read_text(encoding="utf-8-sig")


def test_what_if_and_apply_keep_fractions_of_a_centimo(db, owner, thread):
    # 180 m × S/ 0.0031 = 0.558; + 0.015 = 0.573 → 0.57 (from 0.47)
    [change] = what_if(db, {"materials": {"HIL": "0.0031"}}, as_of="2026-03-01")
    assert (change.old, change.new) == (D("0.47"), D("0.57"))
    apply_changes(db, {"materials": {"HIL": "0.0031"}, "piece_rates": {"Costura": "0.0125"}}, actor=owner,
                  valid_from="2026-03-01")
    assert cat.price_history(db, cat.get_material(db, "HIL")["id"])[-1]["price"] == D("0.0031")
    assert cat.steps(db, thread)[0]["piece_rate"] == D("0.0125")


def test_a_purchase_dates_the_exact_unit_price(db, owner, thread):
    supplier = parties.save(db, {"name": "Hilos del Sur", "id_number": "20100070970", "is_supplier": True}, actor=owner)
    hil = cat.get_material(db, "HIL")
    # 5,000 m at S/ 0.0025 net: the line is S/ 12.50 + IGV; the price dated is 0.0025, not 12.50 ÷ 5000 rounded
    documents.create_document(db, "purchase", "01", "F001", [{"description": "Hilo", "qty": "5000",
                              "unit_price": "0.0031", "material_id": hil["id"]}], party_id=supplier, number=7,
                              date="2026-02-10", prices_include_igv=False, actor=owner)
    assert cat.price_on(db, hil["id"], "2026-02-10") == (D("0.0031"), "PEN")
    # with IGV (18%) included: 0.00354 ÷ 1.18 = 0.003 exactly
    documents.create_document(db, "purchase", "01", "F001", [{"description": "Hilo", "qty": "5000",
                              "unit_price": "0.00354", "material_id": hil["id"]}], party_id=supplier, number=8,
                              date="2026-02-11", actor=owner)
    assert cat.price_on(db, hil["id"], "2026-02-11") == (D("0.003"), "PEN")


def test_the_document_total_is_still_rounded_half_up_to_the_centimo(db, owner, thread):
    supplier = parties.save(db, {"name": "Hilos del Sur", "id_number": "20100070970", "is_supplier": True}, actor=owner)
    doc_id = documents.create_document(db, "purchase", "01", "F001", [{"description": "Hilo", "qty": "180",
                                       "unit_price": "0.0025"}], party_id=supplier, number=9,
                                       date="2026-02-10", prices_include_igv=False, actor=owner)
    doc = documents.get_document(db, doc_id)
    # 180 × 0.0025 = 0.45; IGV 18% = 0.081 → 0.08; total 0.53
    assert (doc["taxable_cents"], doc["igv_cents"] + doc["ipm_cents"], doc["total_cents"]) == (45, 8, 53)
    assert doc["lines"][0]["unit_price"] == "0.0025"


def test_the_current_price_moves_when_the_clock_passes_a_dated_price(db, owner, thread, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-10T15:00:00Z")
    hil = cat.get_material(db, "HIL")
    cat.set_material_price(db, hil["id"], "0.004", actor=owner, valid_from="2026-03-15")
    # before the day: the old price, everywhere
    assert cat.current_price(db, hil["id"]) == (D("0.0025"), "PEN")
    assert cat.list_materials(db)[0]["price"] == D("0.0025")
    assert costing.unit_cost(db, thread).lines[0].amount == D("0.45")
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-15T15:00:00Z")  # 10:00 in Lima on the 15th
    # from that day on, with nothing written: 180 m × 0.004 = 0.72
    assert cat.current_price(db, hil["id"]) == (D("0.004"), "PEN")
    assert cat.list_materials(db)[0]["price"] == D("0.004")
    assert costing.unit_cost(db, thread).lines[0].amount == D("0.72")
    assert what_if(db, {"materials": {"HIL": "0.005"}})[0].old == D("0.74")  # 0.72 + 0.015 → 0.735 → 0.74
