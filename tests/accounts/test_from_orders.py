from decimal import Decimal

import pytest

from smedesk.accounts import documents, quotations
from smedesk.accounts.from_orders import invoice_from_order, order_from_quotation
from smedesk.core import parties
from smedesk.core.errors import ValidationError
from smedesk.production import catalogue
from smedesk.tracking import orders


@pytest.fixture
def table(db, owner):
    return catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)


def test_factura_from_an_order(db, owner, customer, table):
    orders.create_order(db, "P-001", customer, [{"sku": "MESA-01", "qty": 2, "unit_price": "500"}], "2026-04-30",
                        actor=owner)
    doc_id = invoice_from_order(db, "P-001", "01", "F001", actor=owner, date="2026-03-25")
    doc = documents.get_document(db, doc_id)
    # 2 × 500.00 = 1000.00 before IGV; + 18% = 1180.00
    assert doc["total_cents"] == 118000 and doc["lines"][0]["description"] == "Mesa"
    with pytest.raises(ValidationError, match="ya está facturado|already"):
        invoice_from_order(db, "P-001", "01", "F001", actor=owner)


def test_export_order_in_usd_is_invoiced_without_igv(db, owner, buyer, table):
    orders.create_order(db, "EX-1", buyer, [{"sku": "MESA-01", "qty": 3, "unit_price": "200"}], "2026-04-30",
                        currency="USD", actor=owner)
    doc = documents.get_document(db, invoice_from_order(db, "EX-1", "01", "F002", actor=owner, fx="3.70",
                                                        date="2026-03-25"))
    # 3 × 200 = 600.00 USD, no IGV; 600 × 3.70 = 2220.00 PEN
    assert (doc["export_cents"], doc["igv_cents"], doc["total_pen_cents"]) == (60000, 0, 222000)


def test_accepted_quotation_becomes_an_order(db, owner, customer, table):
    qid = quotations.create_quotation(db, customer, [{"product_id": table, "qty": 4, "unit_price": Decimal("450")}],
                                      actor=owner)
    with pytest.raises(ValidationError):
        order_from_quotation(db, qid, "P-100", "2026-04-30", actor=owner)
    quotations.set_quotation_state(db, qid, "sent", actor=owner)
    quotations.set_quotation_state(db, qid, "accepted", actor=owner)
    order_id = order_from_quotation(db, qid, "P-100", "2026-04-30", actor=owner)
    order = orders.get_order(db, "P-100")
    assert order["id"] == order_id and order["lines"][0]["qty"] == 4
    assert order["lines"][0]["unit_price_cents"] == 45000
    assert quotations.get_quotation(db, qid)["order_id"] == order_id


def test_quotation_line_without_product_cannot_become_an_order(db, owner, customer):
    qid = quotations.create_quotation(db, customer, [{"description": "Servicio", "qty": 1, "unit_price": "10"}],
                                      actor=owner)
    quotations.set_quotation_state(db, qid, "sent", actor=owner)
    quotations.set_quotation_state(db, qid, "accepted", actor=owner)
    with pytest.raises(ValidationError):
        order_from_quotation(db, qid, "P-101", "2026-04-30", actor=owner)
    assert parties.get(db, customer) is not None
