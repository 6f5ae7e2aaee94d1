"""Counts, merma, returns and adjustments; refusals leave everything as it was."""

import sqlite3
from decimal import Decimal

import pytest

from smedesk.core.errors import RowErrors, ValidationError
from smedesk.stock import counts, moves, position


def jer(db):
    return next(r for r in position.stock_list(db) if r["code"] == "JER")


def moves_count(db):
    return db.execute("SELECT count(*) FROM stock_moves").fetchone()[0]


def test_a_count_that_finds_less_records_the_difference(db, owner, buy, tmp_path):
    buy("JER", "27.32", "20")
    path = tmp_path / "conteo.csv"
    path.write_text("code,qty,unit\nJER,27000,g\n", encoding="utf-8")
    result = counts.count_file(db, path, actor=owner)
    assert result == [{"code": "JER", "unit": "kg", "on_hand": Decimal("27.32"), "counted": Decimal("27"),
                       "difference": Decimal("-0.32")}]
    row = jer(db)
    assert row["on_hand"] == 27
    assert row["value"] == Decimal("540.00")             # 27.32 × 20 − 0.32 × 20
    last = moves.list_moves(db, code="JER", with_values=True)[0]
    assert (last["reason"], last["qty"], last["entered_unit"]) == ("count", Decimal("-0.32"), "g")


def test_count_file_with_unknown_material_or_negative_quantity_saves_nothing(db, owner, buy, tmp_path):
    buy("JER", "10", "20")
    before = moves_count(db)
    path = tmp_path / "conteo.csv"
    path.write_text("code,qty,unit\nJER,9,kg\nXYZ,4,kg\nTORN,-1,m3\n", encoding="utf-8")
    with pytest.raises(RowErrors) as refused:
        counts.count_file(db, path, actor=owner)
    assert refused.value.errors == [(3, "No existe el material «XYZ»."),
                                    (4, "Un conteo no puede ser negativo (-1).")]
    assert "El conteo no se registró" in str(refused.value)
    assert moves_count(db) == before
    assert jer(db)["on_hand"] == 10


def test_a_count_in_an_incompatible_unit_is_refused(db, owner, shop, tmp_path):
    path = tmp_path / "conteo.csv"
    path.write_text("TORN,5,kg\n", encoding="utf-8")
    with pytest.raises(RowErrors) as refused:
        counts.count_file(db, path, actor=owner)
    assert refused.value.errors == [(1, "TORN se guarda en m3: no se le puede registrar una cantidad en kg.")]


def test_a_movement_in_kilos_into_cubic_metres_is_refused(db, owner, shop):
    with pytest.raises(ValidationError, match="TORN se guarda en m3"):
        moves.record_move(db, "TORN", "5", "adjust", unit="kg", actor=owner)
    assert moves_count(db) == 0


def test_a_count_in_board_feet_of_timber_kept_in_cubic_metres(db, owner, buy, tmp_path):
    buy("TORN", "1", "1000")
    path = tmp_path / "conteo.csv"
    path.write_text("TORN;400;pt\n", encoding="utf-8")   # 400 × 0.002359737216 = 0.9438948864 m³
    counts.count_file(db, path, actor=owner)
    assert next(r for r in position.stock_list(db) if r["code"] == "TORN")["on_hand"] == Decimal("0.9438948864")


def test_waste_takes_out_and_below_zero_is_kept_not_clamped(db, owner, buy):
    buy("JER", "1", "20")
    done = moves.record_move(db, "JER", "1500", "waste", unit="g", actor=owner)
    assert done["on_hand"] == Decimal("-0.5")
    assert done["below_zero"] is True
    row = jer(db)
    assert row["on_hand"] == Decimal("-0.5")
    assert row["below_zero"] is True
    assert row["value"] == Decimal("-10.00")


def test_negative_waste_is_ambiguous_and_refused(db, owner, shop):
    with pytest.raises(ValidationError, match="positiva"):
        moves.record_move(db, "JER", "-2", "waste", actor=owner)


def test_a_return_from_the_floor_comes_back_at_the_average(db, owner, buy):
    buy("JER", "10", "20")
    moves.record_move(db, "JER", "0.5", "return", actor=owner)
    assert jer(db)["value"] == Decimal("210.00")


def test_future_date_and_unknown_reason_refused(db, owner, shop):
    with pytest.raises(ValidationError, match="todavía no llega"):
        moves.record_move(db, "JER", "1", "adjust", day="2026-04-01", actor=owner)
    with pytest.raises(ValidationError, match="motivo"):
        moves.record_move(db, "JER", "1", "purchase", actor=owner)


def test_movements_are_never_edited_or_deleted(db, buy):
    buy("JER", "10", "20")
    with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
        db.execute("UPDATE stock_moves SET qty = '99'")
    with pytest.raises(sqlite3.DatabaseError, match="cannot be deleted"):
        db.execute("DELETE FROM stock_moves")
    assert db.execute("SELECT qty FROM stock_moves").fetchone()[0] == "10"


def test_staff_see_quantities_not_values(db, staff, buy):
    from smedesk.core.errors import PermissionDenied
    from smedesk.core.roles import bind

    buy("JER", "10", "20")
    bind(db, staff)
    with pytest.raises(PermissionDenied):
        position.stock_list(db)
    with pytest.raises(PermissionDenied):
        moves.list_moves(db, with_values=True)
    row = next(r for r in position.stock_list(db, with_values=False) if r["code"] == "JER")
    assert row["on_hand"] == 10 and row["value"] is None and row["average_cost"] is None
    assert "value" not in moves.list_moves(db)[0]
    with pytest.raises(PermissionDenied):
        moves.record_move(db, "JER", "1", "adjust", actor=staff)


def test_a_movement_dated_day_first_as_the_window_writes_it(db, owner, shop):
    """The Almacén page shows dates dd/mm/aaaa: a movement typed that way is
    recorded on its day, and the day-first filter finds it (as text it did not)."""
    moves.record_move(db, "JER", "2", "adjust", day="28/02/2026", actor=owner)
    moves.record_move(db, "JER", "1", "adjust", day="2026-03-02", actor=owner)
    assert [m["day"] for m in moves.list_moves(db, code="JER")] == ["2026-03-02", "2026-02-28"]
    found = moves.list_moves(db, code="JER", date_from="01/02/2026", date_to="28/02/2026")
    assert [(m["day"], m["qty"]) for m in found] == [("2026-02-28", Decimal("2"))]
    with pytest.raises(ValidationError, match="no es una fecha"):
        moves.list_moves(db, date_from="mañana")


def test_a_count_file_headed_as_the_page_heads_its_column(db, owner, buy, tmp_path):
    """«Código;Contado» as the Almacén page's count sheet says: a header, not a material."""
    buy("JER", "10", "20")
    path = tmp_path / "conteo.csv"
    path.write_text("Código;Contado\nJER;9,5\n", encoding="utf-8")
    [result] = counts.count_file(db, path, actor=owner)
    assert (result["code"], result["counted"], result["difference"]) == ("JER", Decimal("9.5"), Decimal("-0.5"))
