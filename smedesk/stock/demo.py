"""Demo stock: the workshops' opening stock (valued at the catalogue price,
enough for what the demo orders took except the last material of the list,
left short so the Panel warns), minimum stock for what runs out often, a
count and some merma."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core.db import row, tx
from smedesk.production import catalogue
from smedesk.stock import counts, moves, position

MINIMUM = {"furniture": [("LIJ", "50"), ("TOR-2", "500"), ("COL", "4")],
           "garments": [("HIL", "40"), ("BOT", "1500"), ("ETQ", "800")]}
SHORT = {"furniture": "CED", "garments": "RIB"}
WASTE = {"furniture": ("LIJ", "6", "unit"), "garments": ("HIL", "2", "unit")}
COUNT = {"furniture": ("COL", "4500", "g"), "garments": ("BOT", "1880", "unit")}
USD_RATE = Decimal("3.75")


def populate(db, kind: str, owner) -> None:
    minimum = dict(MINIMUM[kind])
    with tx(db):
        for m in catalogue.list_materials(db):
            on_hand = moves.balance(db, material_id=m["id"]).qty
            want = Decimal(minimum.get(m["code"], "0")) * 2
            if m["code"] == SHORT[kind] or on_hand >= want and on_hand > 0:
                continue
            qty = (want - on_hand if want else -on_hand * Decimal("1.25")).quantize(Decimal("0.01"))
            if qty <= 0:
                continue
            price = Decimal(m["price_cents"]) / 100 * (USD_RATE if m["currency"] == "USD" else 1)
            moves.insert(db, reason="purchase", qty=qty, day=row(db, "SELECT date('now') AS d")["d"], actor=owner,
                         material=m, value=qty * price, note="stock inicial")
    for code, qty in MINIMUM[kind]:
        position.set_material_stock(db, code, minimum=qty, actor=owner)
    code, qty, unit = WASTE[kind]
    moves.record_move(db, code, qty, "waste", unit=unit, note="merma de la semana", actor=owner)
    code, qty, unit = COUNT[kind]
    counts.record_count(db, [(1, [code, qty, unit])], note="conteo de fin de semana", actor=owner)
