"""Award unit prices for a code over time, next to the firm's own figures."""

from decimal import Decimal

from smedesk.production import catalogue
from smedesk.tenders import prices
from tests.seace.builder import release
from tests.seace.helpers import load

DESK = "5610151700000001"


def stock(db, actor):
    load(db, actor,
         release(1, cubso=DESK, award=("MUEBLES SOL", "20100000001", 180.0, 100.0, "2026-03-01T10:00:00-05:00")),
         release(2, cubso=DESK, award=("MADERAS VES", "20100000002", 150.5, 40.0, "2026-01-15T10:00:00-05:00")),
         release(3, cubso=DESK, award=("TALLER X", "20100000003", 0.0, 10.0, "2026-02-01T10:00:00-05:00")),
         release(4, cubso="5310161900000002", award=("TEXTIL", "20100000004", 12.0, 500.0,
                                                   "2026-02-01T10:00:00-05:00")))


def test_prices_for_a_cubso_prefix_oldest_first(sdb, boss):
    stock(sdb, boss)
    lines = prices.awarded(sdb, "56101517")
    # the 0.0 unit price of process 3 is "not published" and left out
    assert [(x["ocid"][-1], x["unit_price"], x["quantity"]) for x in lines] == [
        ("2", Decimal("150.50"), Decimal(40)), ("1", Decimal("180.00"), Decimal(100))]


def test_summary_low_median_high(sdb, boss):
    stock(sdb, boss)
    # median of 150.50 and 180.00 = (150.50 + 180.00) / 2 = 165.25
    assert prices.summary(prices.awarded(sdb, DESK)) == {
        "count": 2, "low": Decimal("150.50"), "median": Decimal("165.25"), "high": Decimal("180.00")}


def test_summary_of_nothing(sdb):
    assert prices.summary([])["median"] is None


def test_own_price_of_linked_product(sdb, boss):
    stock(sdb, boss)
    pid = catalogue.save_product(sdb, {"sku": "CAR-01", "name": "Carpeta unipersonal", "price": "170"},
                                 actor=boss)
    result = prices.compare(sdb, DESK, pid)
    assert result["price"] == Decimal("170.00")
    assert result["summary"]["count"] == 2


def test_no_linked_product(sdb):
    assert prices.own_figures(sdb, None) == {"product": None, "price": None, "unit_cost": None}


def test_own_unit_cost_from_costing(sdb, boss):
    catalogue.save_material(sdb, {"code": "TAB", "name": "Tablero", "unit": "unit", "price": "10"}, actor=boss,
                            valid_from="2026-01-01")
    pid = catalogue.save_product(sdb, {"sku": "CAR-02", "name": "Carpeta", "price": "60"}, actor=boss)
    catalogue.set_bom(sdb, pid, [{"material_code": "TAB", "qty": "2", "unit": "unit"}], actor=boss)
    catalogue.set_routing(sdb, pid, [{"name": "Armado", "std_minutes": "60", "rate_per_hour": "6"}], actor=boss)
    # 2 boards x S/ 10 = 20.00, plus 60 min at S/ 6 per hour = 6.00, no overhead: 26.00
    assert prices.own_figures(sdb, pid)["unit_cost"] == Decimal("26.00")


def test_product_without_bill_of_materials_has_no_cost(sdb, boss):
    pid = catalogue.save_product(sdb, {"sku": "CAR-03", "name": "Carpeta"}, actor=boss)
    assert prices.own_figures(sdb, pid)["unit_cost"] is None
