"""Weighted average cost: timber bought in m³ at two prices (one in USD at its
rate) and consumed in pies tablares. 1 pt = 0.0254³ × 144 m³ = 0.002359737216 m³."""

from decimal import Decimal

from smedesk.core.money import round_cents
from smedesk.stock import moves, position

PT = Decimal("0.002359737216")


def torn(db):
    return next(r for r in position.stock_list(db) if r["code"] == "TORN")


def test_purchase_brings_material_in_at_its_net_price(db, buy):
    buy("TORN", "2", "1000")
    row = torn(db)
    assert row["on_hand"] == 2
    assert row["average_cost"] == Decimal("1000")
    assert row["value"] == Decimal("2000.00")


def test_average_cost_after_two_prices_consumed_in_board_feet(db, buy, order):
    buy("TORN", "2", "1000")                      # 2 m³ × S/ 1,000 = S/ 2,000
    order("P-1", "MESA-01", 10, release_it=True)   # 10 × 50 pt = 500 pt = 1.179868608 m³ at S/ 1,000
    buy("TORN", "3", "320", currency="USD", fx="3.75", date="2026-03-02")  # 3 × 320 × 3.75 = S/ 3,600
    row = torn(db)
    # 2 − 1.179868608 + 3 = 3.820131392 m³ worth 820.131392 + 3,600 = 4,420.131392
    assert row["on_hand"] == Decimal("3.820131392")
    assert row["value"] == Decimal("4420.13")
    # 4,420.131392 ÷ 3.820131392 = 1,157.0627 per m³ = 2.7304 per pie tablar
    assert round_cents(row["average_cost"]) == Decimal("1157.06")
    assert round_cents(row["average_cost"] * PT) == Decimal("2.73")


def test_consumption_is_valued_at_the_average(db, buy, order):
    buy("TORN", "2", "1000")
    order("P-1", "MESA-01", 10, release_it=True)
    buy("TORN", "3", "320", currency="USD", fx="3.75", date="2026-03-02")
    order("P-2", "MESA-01", 4, release_it=True)   # 200 pt = 0.4719474432 m³ × 1,157.062661 = 546.07
    used = moves.list_moves(db, code="TORN", order="P-2", with_values=True)
    assert [m["qty"] for m in used] == [Decimal("-0.4719474432")]
    assert round_cents(used[0]["value"]) == Decimal("-546.07")
    row = torn(db)
    assert row["value"] == Decimal("3874.06")      # 4,420.13 − 546.07
    assert row["on_hand"] == Decimal("3.3481839488")


def test_running_balance_equals_a_replay_of_the_movements(db, owner, buy, order):
    buy("TORN", "2", "1000")
    order("P-1", "MESA-01", 10, release_it=True)
    buy("TORN", "3", "320", currency="USD", fx="3.75", date="2026-03-02")
    moves.record_move(db, "TORN", "-20", "adjust", unit="pt", actor=owner)
    material_id = torn(db)["material_id"]
    assert moves.recompute(db, material_id) == moves.balance(db, material_id=material_id)


def test_material_used_before_it_was_bought_is_revalued_by_the_purchase(db, buy, order):
    order("P-1", "MESA-01", 10, release_it=True)   # 1.179868608 m³ out at the list price, S/ 1,000
    buy("TORN", "3", "1200")                       # 3 m³ × S/ 1,200
    row = torn(db)
    assert row["on_hand"] == Decimal("1.820131392")
    assert row["average_cost"] == Decimal("1200")
    assert row["value"] == Decimal("2184.16")      # 1.820131392 × 1,200
    assert moves.recompute(db, row["material_id"]) == moves.balance(db, material_id=row["material_id"])


def test_unit_cost_at_average_stock_cost_beside_the_list_price(db, shop, buy):
    from smedesk.stock import costs

    buy("TORN", "2", "1000")
    buy("TORN", "2", "1400", date="2026-03-02")   # average S/ 1,200 per m³; list price now S/ 1,400
    found = costs.unit_cost_at_average(db, shop["mesa"])
    # 50 pt = 0.1179868608 m³ a table: at list 165.18, at average 141.58
    assert round_cents(found["list_materials"]) == Decimal("165.18")
    assert round_cents(found["materials"]) == Decimal("141.58")
    assert found["at_list"] == []
