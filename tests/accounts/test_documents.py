from decimal import Decimal

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts import journal, payments, reports
from smedesk.core.db import rows, scalar
from smedesk.core.errors import ValidationError

D = Decimal


def entry_of(db, doc_id):
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    return {(r["account"]): (D(r["debit_cents"]) / 100, D(r["credit_cents"]) / 100)
            for r in rows(db, "SELECT * FROM journal_lines WHERE entry_id = ?", [entry])}


def factura(db, owner, customer, total="590.00", qty=2, day="2026-03-05", **kw):
    return d.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": qty, "unit_price": total}],
                             party_id=customer, date=day, actor=owner, **kw)


def test_factura_with_igv_included_posts_igv_and_ipm_to_40111(db, owner, customer):
    doc = factura(db, owner, customer)
    # 2 × 590.00 = 1180.00 incl. 18%; base 1180/1.18 = 1000.00; tax 180.00 (IGV + IPM) in 40111;
    # the document keeps the split 15.5:2.5 (2026): IGV 180 × 15.5/18 = 155.00; IPM 25.00
    assert entry_of(db, doc) == {"1212": (D("1180"), 0), "70111": (0, D("1000")), "40111": (0, D("180"))}
    got = d.get_document(db, doc)
    assert (got["igv_cents"], got["ipm_cents"]) == (15500, 2500)
    # no cuotas: Contado, due on its date (SUNAT forma de pago)
    assert got["label"] == "F001-00000001" and got["due_date"] == "2026-03-05"


def test_factura_2025_splits_16_2(db, owner, customer):
    doc = factura(db, owner, customer, day="2025-12-10")
    # tax 180.00 × 16/18 = 160.00 IGV, 20.00 IPM; both in 40111
    got = d.get_document(db, doc)
    assert entry_of(db, doc)["40111"] == (0, D("180")) and (got["igv_cents"], got["ipm_cents"]) == (16000, 2000)


def test_boleta_without_igv_included(db, owner):
    doc = d.create_document(db, "sale", "03", "B001", [{"description": "Polo", "qty": 1, "unit_price": "100"}],
                            prices_include_igv=False, date="2026-03-06", actor=owner)
    # base 100.00 + 18% = 118.00; IGV 15.50 + IPM 2.50 = 18.00 in 40111
    assert entry_of(db, doc) == {"1212": (D("118"), 0), "70111": (0, D("100")), "40111": (0, D("18"))}


def test_export_invoice_in_usd_posts_in_pen(db, owner, buyer):
    doc = d.create_document(db, "sale", "01", "F001", [{"description": "Sillas", "qty": 10, "unit_price": "50",
                                                        "tax": "export"}], party_id=buyer, currency="USD",
                            fx="3.750", date="2026-03-07", actor=owner)
    # 10 × 50.00 = 500.00 USD × 3.75 = 1875.00 PEN, no IGV
    assert entry_of(db, doc) == {"1212": (D("1875"), 0), "70121": (0, D("1875"))}


def test_exonerado_and_inafecto_lines_carry_no_igv(db, owner, customer):
    doc = d.create_document(db, "sale", "01", "F001", [
        {"description": "Libro", "qty": 1, "unit_price": "40", "tax": "exonerado"},
        {"description": "Servicio", "qty": 1, "unit_price": "60", "tax": "inafecto"}],
        party_id=customer, date="2026-03-07", actor=owner)
    assert entry_of(db, doc) == {"1212": (D("100"), 0), "70111": (0, D("100"))}


def test_credit_note_reverses_part_and_needs_its_original(db, owner, customer):
    factura(db, owner, customer)
    with pytest.raises(ValidationError) as exc:
        d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer,
                          ref="F001-99", date="2026-03-08", actor=owner)
    assert exc.value.field == "ref"
    note = d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer,
                             ref="F001-1", date="2026-03-08", actor=owner)
    # 590 incl → base 500.00, IGV 77.50 + IPM 12.50 = 90.00, mirrored
    assert entry_of(db, note) == {"1212": (0, D("590")), "70111": (D("500"), 0), "40111": (D("90"), 0)}
    assert d.get_document(db, note)["label"] == "F001-00000001"  # its own correlative (type 07)


def test_series_rules(db, owner, customer):
    with pytest.raises(ValidationError, match="F"):
        d.create_document(db, "sale", "01", "B001", [{"qty": 1, "unit_price": "1"}], party_id=customer, actor=owner)
    with pytest.raises(ValidationError):
        d.create_document(db, "sale", "03", "B01", [{"qty": 1, "unit_price": "1"}], actor=owner)


def test_correlative_is_gapless_and_unique(db, owner, customer):
    factura(db, owner, customer)
    with pytest.raises(ValidationError, match="salto"):
        factura(db, owner, customer, number=3)
    with pytest.raises(ValidationError, match="ya existe"):
        factura(db, owner, customer, number=1)
    assert d.get_document(db, factura(db, owner, customer, number=2))["number"] == 2
    assert scalar(db, "SELECT COUNT(*) FROM journal_entries") == 2


def test_factura_needs_a_ruc(db, owner):
    with pytest.raises(ValidationError, match="RUC"):
        d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1"}], actor=owner)


def test_price_in_letters_refused(db, owner, customer):
    with pytest.raises(ValidationError):
        factura(db, owner, customer, total="doce")
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0


def test_purchase_books_tax_credit_and_material_price(db, owner, supplier):
    from smedesk.production import catalogue

    mat = catalogue.save_material(db, {"code": "TORN", "name": "Tornillos", "unit": "unit", "price": "0.10"},
                                  actor=owner)
    doc = d.create_document(db, "purchase", "01", "F002", [{"description": "Tornillos", "qty": 1000,
                                                            "unit_price": "0.236", "material_id": mat}],
                            party_id=supplier, number=345, date="2026-03-10", actor=owner)
    # 1000 × 0.236 = 236.00 incl → base 200.00, tax 36.00; unit price 0.20 without IGV
    assert entry_of(db, doc) == {"6021": (D("200"), 0), "40111": (D("36"), 0), "4212": (0, D("236"))}
    assert catalogue.price_on(db, mat, "2026-03-10")[0] == D("0.20")
    with pytest.raises(ValidationError, match="ya está registrado"):
        d.create_document(db, "purchase", "01", "F002", [{"qty": 1, "unit_price": "1"}], party_id=supplier,
                          number=345, date="2026-03-10", actor=owner)


def test_partial_payments_and_overpayment(db, owner, customer):
    doc = factura(db, owner, customer)
    payments.record_payment(db, doc, "500", account="10412", date="2026-03-09", actor=owner)
    # 1180 − 500 = 680 still owed
    with pytest.raises(ValidationError, match="680.00"):
        payments.record_payment(db, doc, "700", account="1011", actor=owner)
    payments.record_payment(db, doc, "680", account="1011", date="2026-03-10", actor=owner)
    assert journal.balance(db, "1212") == 0
    assert journal.balance(db, "10412") == 500 and journal.balance(db, "1011") == 680


def test_usd_receipt_at_a_different_rate_books_the_difference(db, owner, buyer):
    doc = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "100", "tax": "export"}],
                            party_id=buyer, currency="USD", fx="3.70", date="2026-03-07", actor=owner)
    payments.record_payment(db, doc, "100", account="10411", fx="3.75", date="2026-03-20", actor=owner)
    # receivable 370.00 settled; bank gets 375.00; gain 5.00 to 7761
    assert journal.balance(db, "1212") == 0 and journal.balance(db, "10411") == 375
    assert journal.balance(db, "7761") == -5


def test_expense_from_cash(db, owner):
    payments.record_expense(db, "45.50", account="6365", paid_from="1011", description="Recarga", date="2026-03-11",
                            actor=owner)
    assert journal.balance(db, "6365") == D("45.5") and journal.balance(db, "1011") == D("-45.5")
    with pytest.raises(ValidationError):
        payments.record_expense(db, "1", account="70111", paid_from="1011", description="x", actor=owner)


def test_igv_position_carries_credit(db, owner, customer, supplier):
    factura(db, owner, customer)  # base 1000, tax 180
    d.create_document(db, "sale", "03", "B001", [{"qty": 1, "unit_price": "100"}], prices_include_igv=False,
                      date="2026-03-06", actor=owner)  # base 100, tax 18
    d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer, ref="F001-1",
                      date="2026-03-08", actor=owner)  # base −500, tax −90
    d.create_document(db, "purchase", "01", "F002", [{"qty": 1, "unit_price": "2360"}], party_id=supplier,
                      number=345, date="2026-03-10", actor=owner)  # base 2000, tax 360
    march = reports.as_json(reports.igv_position(db, "2026-03"))
    # output 180 + 18 − 90 = 108; input 360; 108 − 360 = −252 → carried 252
    assert march == {"month": "2026-03", "sales_base": "600.00", "output_tax": "108.00",
                     "purchases_base": "2000.00", "input_tax": "360.00", "credit_from_previous": "0.00",
                     "payable": "0.00", "credit_carried": "252.00"}
    factura(db, owner, customer, total="2950", qty=1, day="2026-04-02")  # base 2500, tax 450
    april = reports.as_json(reports.igv_position(db, "2026-04"))
    # 450 − 0 − 252 = 198 payable
    assert (april["credit_from_previous"], april["payable"], april["credit_carried"]) == ("252.00", "198.00", "0.00")


def test_document_in_a_closed_month_writes_nothing(db, owner, customer):
    journal.close_month(db, "2026-02", actor=owner)
    with pytest.raises(ValidationError, match="cerrado"):
        factura(db, owner, customer, day="2026-02-20")
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0
    assert scalar(db, "SELECT COUNT(*) FROM doc_series") == 0
    # the correlative was not used: the next factura is still number 1
    assert d.get_document(db, factura(db, owner, customer))["number"] == 1


def test_payment_in_a_closed_month_refused(db, owner, customer):
    doc = factura(db, owner, customer, day="2026-02-10")
    journal.close_month(db, "2026-02", actor=owner)
    with pytest.raises(ValidationError):
        payments.record_payment(db, doc, "10", account="1011", date="2026-02-27", actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM payments") == 0
