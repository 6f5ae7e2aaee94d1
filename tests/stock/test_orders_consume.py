"""Jersey bought by the kilo, used in grams (180 g a polo, 5 % waste:
189 g = 0.189 kg a piece), across a released order and a cancelled one."""

from decimal import Decimal

from smedesk.core import settings
from smedesk.stock import position
from smedesk.tracking import orders


def jer(db):
    return next(r for r in position.stock_list(db) if r["code"] == "JER")


def test_release_consumes_the_bill_of_materials_with_waste(db, buy, order):
    buy("JER", "50", "20")
    order("P-1", "POLO-01", 100, release_it=True)        # 100 × 0.189 = 18.9 kg
    assert jer(db)["on_hand"] == Decimal("31.1")


def test_cancelled_order_gives_back_what_it_did_not_use(db, owner, buy, order, scan):
    buy("JER", "50", "20")
    order("P-1", "POLO-01", 100, release_it=True)        # − 18.9 kg
    order("P-2", "POLO-01", 60, release_it=True, bundle=10)  # − 11.34 kg
    scan("P-2", "Corte", 2)                               # 2 bundles = 20 pieces cut
    orders.set_state(db, "P-2", "cancelled", actor=owner)  # 40 uncut × 0.189 = 7.56 kg back
    row = jer(db)
    assert row["on_hand"] == Decimal("27.32")            # 50 − 18.9 − 11.34 + 7.56
    assert row["value"] == Decimal("546.40")             # 27.32 × 20


def test_step_by_step_consumption_follows_the_scans(db, owner, buy, order, scan):
    settings.set(db, "stock.consume", "step", actor=owner)
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 30, release_it=True, bundle=10)
    row = jer(db)
    assert row["on_hand"] == 10                          # nothing used yet
    assert row["promised"] == Decimal("5.67")            # 30 × 0.189
    assert row["available"] == Decimal("4.33")
    scan("P-1", "Corte", 1)                              # 10 pieces cut: 1.89 kg
    row = jer(db)
    assert row["on_hand"] == Decimal("8.11")
    assert row["promised"] == Decimal("3.78")


def test_undoing_a_scan_puts_the_material_back(db, owner, buy, order):
    from smedesk.tracking import release, scanning

    settings.set(db, "stock.consume", "step", actor=owner)
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 30, release_it=True, bundle=10)
    unit = release.order_units(db, "P-1")[0]
    done = scanning.record_scan(db, unit["code"], "Corte", "Ana", actor=owner)
    assert jer(db)["on_hand"] == Decimal("8.11")
    scanning.undo_scan(db, done.scan_id, actor=owner)
    assert jer(db)["on_hand"] == 10


def test_finished_products_come_in_at_the_last_step_and_leave_on_delivery(db, owner, buy, order, scan):
    buy("JER", "10", "20")
    order("P-1", "POLO-01", 20, release_it=True, bundle=10)
    for step in ("Corte", "Costura", "Planchado"):
        scan("P-1", step, 2)
    def polos():
        return db.execute("SELECT qty FROM stock_balances WHERE product_id = ?", [
            db.execute("SELECT id FROM products WHERE sku = 'POLO-01'").fetchone()[0]]).fetchone()[0]
    assert polos() == "20"
    orders.set_state(db, "P-1", "delivered", actor=owner)
    assert polos() == "0"


def test_a_piece_labelled_per_part_consumes_when_its_last_part_is_scanned(db, owner, shop, buy, order, scan):
    from smedesk.production import catalogue

    settings.set(db, "stock.consume", "step", actor=owner)
    catalogue.set_parts(db, shop["mesa"], [("Tablero", 1), ("Pata", 4)], actor=owner)   # 5 labels a table
    buy("TORN", "1", "1000")
    order("P-1", "MESA-01", 3, release_it=True)
    torn = lambda: next(r for r in position.stock_list(db) if r["code"] == "TORN")["on_hand"]  # noqa: E731
    scan("P-1", "Corte", 4)                  # 4 of the first table's 5 parts: nothing used yet
    assert torn() == 1
    scan("P-1", "Corte", 1, start=4)         # its last part: 50 pt = 0.1179868608 m³
    assert torn() == Decimal("0.8820131392")
    orders.set_state(db, "P-1", "cancelled", actor=owner)   # the recount agrees: nothing more, nothing back
    assert torn() == Decimal("0.8820131392")
