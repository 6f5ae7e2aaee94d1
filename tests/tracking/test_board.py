"""The order board: one read for Pedidos, `order list` and the Panel."""

from smedesk.tracking import board, orders, release, scanning


def scan(db, owner, number, step, n, start=0):
    for unit in release.order_units(db, number)[start:start + n]:
        assert scanning.record_scan(db, unit["code"], step, "Rosa", actor=owner).ok


def test_percent_is_weighted_by_standard_minutes(db, owner, make_order):
    # 4 tables, Corte 60 + Armado 60 min: 3 cut, 1 assembled = (3×60 + 1×60) ÷ (4×120) = 50 %
    make_order("P-001", [{"sku": "MESA-01", "qty": 4}], release_it=True)
    scan(db, owner, "P-001", "Corte", 3)
    scan(db, owner, "P-001", "Armado", 1)
    [entry] = board.board(db)
    assert entry["percent"] == 50 and entry["pieces"] == 4 and entry["state"] == "in_production"


def test_a_chair_counts_only_when_every_part_is_scanned(db, owner, make_order):
    # a chair has 5 labels (4 legs, a seat); 4 of the first chair's labels cut: nothing done yet
    make_order("P-002", [{"sku": "SIL-01", "qty": 2}], release_it=True)
    scan(db, owner, "P-002", "Corte", 4)
    assert board.board(db)[0]["percent"] == 0
    scan(db, owner, "P-002", "Corte", 1, start=4)
    # 1 chair cut of 2: 10 ÷ (2 × 60) = 8.3 %
    assert str(board.board(db)[0]["percent"]) == "8.3"


def test_drafts_cancelled_and_closed_orders(db, owner, make_order):
    make_order("P-001")
    make_order("P-002", release_it=True)
    orders.set_state(db, "P-002", "cancelled", actor=owner)
    entries = {e["number"]: e for e in board.board(db, states=None)}
    assert str(entries["P-001"]["percent"]) == "0.0" and entries["P-001"]["status"] != "cancelled"
    assert entries["P-002"]["status"] == "cancelled" and entries["P-002"]["forecast"] is None
    assert [e["number"] for e in board.board(db)] == ["P-001"]  # open only by default


def test_search_and_risk_order(db, owner, make_order):
    make_order("P-001", due="2026-03-30")
    make_order("P-002", due="2026-03-03")  # due tomorrow with 120 min of work per table: at risk or late
    assert [e["number"] for e in board.board(db, search="002")] == ["P-002"]
    ranked = board.by_risk(board.board(db))
    assert ranked[0]["number"] == "P-002"
