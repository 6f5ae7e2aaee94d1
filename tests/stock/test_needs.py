"""What orders need and what to buy: three open orders sharing the jersey
(0.189 kg a polo), 10 kg on hand, step-by-step consumption so the released
order's need stays promised."""

from decimal import Decimal

import pytest

from smedesk.core import settings
from smedesk.core.errors import NeedsConfirmation
from smedesk.stock import needs, position
from smedesk.tracking import orders, release


@pytest.fixture
def three(db, owner, buy, order):
    settings.set(db, "stock.consume", "step", actor=owner)
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 20, release_it=True, due="2026-03-25")   # 3.78 kg, promised
    order("P-2", "POLO-01", 30, due="2026-03-12")                    # 5.67 kg
    order("P-3", "POLO-01", 40, due="2026-03-20")                    # 7.56 kg


def jer(rows):
    return next(r for r in rows if r["code"] == "JER")


def test_one_order_counts_what_other_orders_were_promised(db, three):
    row = jer(needs.needs(db, "P-3"))
    assert (row["required"], row["on_hand"], row["promised"]) == (Decimal("7.56"), 10, Decimal("3.78"))
    assert row["to_buy"] == Decimal("1.34")             # 7.56 + 3.78 − 10


def test_an_order_covered_by_the_stock_buys_nothing(db, three):
    row = jer(needs.needs(db, "P-2"))
    assert row["to_buy"] == 0                            # 5.67 + 3.78 < 10


def test_all_open_orders_together(db, three):
    row = jer(needs.needs(db))
    assert row["required"] == Decimal("17.01")           # 3.78 + 5.67 + 7.56
    assert row["promised"] == 0
    assert row["to_buy"] == Decimal("7.01")


def test_minimum_stock_is_bought_too(db, owner, three):
    position.set_material_stock(db, "JER", minimum="2", actor=owner)
    assert jer(needs.needs(db))["to_buy"] == Decimal("9.01")


def test_shortage_goes_to_the_order_that_cannot_get_its_material(db, three):
    # the released P-1 takes 3.78, P-2 (due first) 5.67, leaving 0.55 for P-3's 7.56
    found = needs.shortages(db)
    assert [(s.order, s.code, s.short) for s in found] == [("P-3", "JER", Decimal("7.01"))]
    assert found[0].buy_before == "2026-03-13"           # 7 days before 20/03
    assert found[0].message == "Para P-3 faltan 7.01 kg de tela jersey: compre antes del 13/03"


def test_release_of_a_short_order_asks_once_and_writes_nothing(db, owner, three):
    with pytest.raises(NeedsConfirmation) as asked:
        release.release(db, "P-3", actor=owner)
    assert "Para P-3 faltan 1.34 kg de tela jersey" in asked.value.details[0]
    assert orders.get_order(db, "P-3")["state"] == "draft"
    assert db.execute("SELECT count(*) FROM jobs j JOIN orders o ON o.id = j.order_id"
                      " WHERE o.number = 'P-3'").fetchone()[0] == 0
    release.release(db, "P-3", accept_short=True, actor=owner)
    assert orders.get_order(db, "P-3")["state"] == "released"
    assert any(s.order == "P-3" for s in needs.shortages(db))   # the shortage stays listed


def test_release_with_enough_material_does_not_ask(db, owner, three):
    release.release(db, "P-2", actor=owner)
    assert jer(position.stock_list(db))["promised"] == Decimal("9.45")   # 3.78 + 5.67


def test_unknown_order(db, three):
    from smedesk.core.errors import ValidationError

    with pytest.raises(ValidationError, match="No existe el pedido"):
        needs.needs(db, "P-9")
