"""A hand-computed month (March 2026) for the Formulario 621 figures and the registers:
a detracción sale, a retención, a percepción, a USD export, a credit note, a carried
credit, and a madera purchase whose credit waits for its deposit (April)."""

from decimal import Decimal

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts import exchange, form621, payments, registers, withholdings
from smedesk.core import parties, settings
from smedesk.core.db import scalar
from smedesk.core.errors import ValidationError

D = Decimal


@pytest.fixture
def agent(db, owner):
    from smedesk.core.codes import ruc_check_digit

    ruc = "2010012805" + str(ruc_check_digit("2010012805"))
    pid = parties.save(db, {"name": "Gran Almacén S.A.", "id_number": ruc}, actor=owner)
    withholdings.set_retention_agent(db, pid, True, actor=owner)
    return pid


def march(db, owner, customer, supplier, buyer, agent):
    settings.set(db, "accounts.bn_account", "00-068-123456", actor=owner)
    # February: a purchase only → credit 180.00 carried into March
    d.create_document(db, "purchase", "01", "F002", [{"qty": 1, "unit_price": "1180", "bought": "raw"}],
                      party_id=supplier, number=100, date="2026-02-12", actor=owner)
    # 1. detracción sale: 2360.00 = 2000.00 + 360.00, SPOT 025 10% → 236 (whole soles)
    spot_sale = d.create_document(db, "sale", "01", "F001", [{"description": "Muebles por encargo", "qty": 1,
                                                              "unit_price": "2360", "spot_code": "025"}],
                                  party_id=customer, date="2026-03-05", actor=owner)
    # 2. retención: 1180.00 = 1000.00 + 180.00 to an agente de retención → 3% = 35.40
    ret_sale = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=agent,
                                 date="2026-03-06", actor=owner)
    # 3. percepción: fabric 590.00 = 500.00 + 90.00, percepción 2% = 11.80 paid in cash
    d.create_document(db, "purchase", "01", "F003", [{"description": "Tela drill", "qty": 1, "unit_price": "590",
                                                      "bought": "raw"}], party_id=supplier, number=77,
                      date="2026-03-08", perception="11.80", perception_from="1011", actor=owner)
    # 4. USD export: 1000.00 USD at the SBS rate of the day, 3.750 → 3750.00
    exchange.set_rate(db, "2026-03-10", "3.750", actor=owner)
    d.create_document(db, "sale", "01", "F001", [{"qty": 100, "unit_price": "10", "tax": "export"}],
                      party_id=buyer, currency="USD", date="2026-03-10", actor=owner)
    # 5. credit note: 590.00 factura, then a note of 295.00 = 250.00 + 45.00
    d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer,
                      date="2026-03-12", actor=owner)
    d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "295"}], party_id=customer, ref="F001-4",
                      date="2026-03-13", actor=owner)
    # 6. madera 1770.00 = 1500.00 + 270.00, SPOT 008 4% = 70.80 → 71; deposited on 2 April
    wood = d.create_document(db, "purchase", "01", "F004", [{"description": "Tornillo", "qty": 1,
                                                             "unit_price": "1770", "spot_code": "008"}],
                             party_id=supplier, number=9, date="2026-03-15", actor=owner)
    withholdings.record_spot_deposit(db, spot_sale, date="2026-03-20", constancia="123", actor=owner)
    withholdings.record_retention(db, ret_sale, "35.40", series="R001", number=55, date="2026-03-25", actor=owner)
    return spot_sale, ret_sale, wood


def test_621_march_to_the_centimo(db, owner, customer, supplier, buyer, agent):
    march(db, owner, customer, supplier, buyer, agent)
    f = form621.figures(db, "2026-03")
    assert list(f) == list(form621.KEYS)
    # sales base 2000 + 1000 + 500 − 250 = 3250.00; output tax 360 + 180 + 90 − 45 = 585.00
    # purchases (credit in March): fabric only, 500.00 / 90.00 (the madera waits for its deposit)
    # 585 − 90 − 180 carried = 315.00; − 11.80 percepción − 35.40 retención = 267.80
    # net income 2000 + 1000 + 3750 + 500 − 250 = 7000.00; RMT within 300 UIT → 1% = 70.00
    assert f == {"month": "2026-03", "regime": "rmt", "sales_base": D("3250.00"), "output_tax": D("585.00"),
                 "purchases_base": D("500.00"), "input_tax": D("90.00"), "credit_from_previous": D("180.00"),
                 "perceptions": D("11.80"), "retentions": D("35.40"), "igv_payable": D("267.80"),
                 "credit_carried": D("0.00"), "net_income": D("7000.00"), "income_tax_rate": D("1.00"),
                 "income_tax_payment": D("70.00"), "due_date": "2026-04-21"}  # RUC ends in 3


def test_madera_credit_counts_when_the_deposit_is_recorded(db, owner, customer, supplier, buyer, agent):
    *_, wood = march(db, owner, customer, supplier, buyer, agent)
    assert [p["label"] for p in withholdings.pending_spot_purchases(db)] == ["F004-00000009"]
    assert form621.figures(db, "2026-04")["input_tax"] == 0
    withholdings.record_spot_deposit(db, wood, date="2026-04-02", constancia="9", paid_from="10411", actor=owner)
    april = form621.figures(db, "2026-04")
    # 270.00 of credit in April with no sales: all of it carried forward
    assert (april["input_tax"], april["igv_payable"], april["credit_carried"]) == (D("270.00"), 0, D("270.00"))
    assert withholdings.pending_spot_purchases(db) == []
    (line,) = registers.sire_lines(db, "purchase", "2026-04")
    cells = line.split("|")
    assert (cells[2], cells[4], cells[9], cells[14], cells[15]) == ("202604", "15/03/2026", "9", "1500.00", "270.00")
    # what is still owed to the supplier: 1770.00 − 71.00 deposited
    doc = d.get_document(db, wood)
    assert payments.outstanding_cents(db, doc) == 169900


def test_detraccion_sale_splits_the_receivable_and_fills_the_bn_account(db, owner, customer, supplier, buyer, agent):
    spot_sale, *_ = march(db, owner, customer, supplier, buyer, agent)
    info = withholdings.detraccion_for_invoice(db, spot_sale)
    assert info == {"operation_type": "1001", "legend_code": "2006", "legend": withholdings.SPOT_LEGEND,
                    "bn_account": "00-068-123456", "code": "025", "rate": D("10"), "amount": D("236.00"),
                    "currency": "PEN"}
    split = withholdings.receivable_split(db, spot_sale)
    assert (split["customer_pays"], split["deposited"]) == (D("2124.00"), D("236.00"))
    assert withholdings.bn_balance(db) == D("236.00")
    payments.record_payment(db, spot_sale, "2124.00", account="10411", date="2026-03-21", actor=owner)
    assert payments.outstanding_cents(db, d.get_document(db, spot_sale)) == 0
    with pytest.raises(ValidationError, match="236.00"):
        withholdings.pay_taxes_from_bn(db, "300", date="2026-04-15", actor=owner)
    withholdings.pay_taxes_from_bn(db, "236", date="2026-04-15", actor=owner)
    assert withholdings.bn_balance(db) == 0


def test_customer_cannot_pay_the_detraccion_part_in_cash(db, owner, customer):
    settings.set(db, "accounts.bn_account", "00-068-123456", actor=owner)
    doc = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1000", "spot_code": "037"}],
                            party_id=customer, date="2026-03-05", actor=owner)
    # 1000.00 × 12% = 120 → the customer pays 880.00 in money
    with pytest.raises(ValidationError, match="880.00"):
        payments.record_payment(db, doc, "1000", account="1011", date="2026-03-06", actor=owner)


def test_below_700_no_detraccion_and_retencion_only_for_agents(db, owner, customer, agent):
    small = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "700", "spot_code": "025"}],
                              party_id=customer, date="2026-03-05", actor=owner)
    assert withholdings.detraccion_for_invoice(db, small) is None
    plain = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=customer,
                              date="2026-03-05", actor=owner)
    assert withholdings.taxes_of(db, plain)["retention_cents"] == 0
    to_agent = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=agent,
                                 date="2026-03-05", actor=owner)
    assert withholdings.taxes_of(db, to_agent)["retention_cents"] == 3540


def test_march_registers_parse_back(db, owner, customer, supplier, buyer, agent):
    from smedesk.accounts import sire_layouts as lay

    march(db, owner, customer, supplier, buyer, agent)
    sales = registers.sire_lines(db, "sale", "2026-03")
    assert len(sales) == 5
    for line in sales:
        lay.parse_line(lay.RVIE, line)
    export = [li.split("|") for li in sales if "|USD|" in li][0]
    assert (export[13], export[25], export[26], export[27]) == ("1000.00", "1000.00", "USD", "3.750")
    purchases = registers.sire_lines(db, "purchase", "2026-03")
    assert len(purchases) == 1 and purchases[0].split("|")[7] == "F003"  # the madera waits for April


def test_unknown_spot_code_writes_nothing(db, owner, customer):
    before = scalar(db, "SELECT COUNT(*) FROM journal_entries"), scalar(db, "SELECT COUNT(*) FROM documents")
    with pytest.raises(ValidationError, match="999") as exc:
        d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "2000", "spot_code": "999"}],
                          party_id=customer, date="2026-03-05", actor=owner)
    assert exc.value.field == "spot_code"
    assert (scalar(db, "SELECT COUNT(*) FROM journal_entries"), scalar(db, "SELECT COUNT(*) FROM documents")) == before
    assert d.next_number(db, "01", "F001") == 1


def test_retencion_larger_than_the_factura_is_refused(db, owner, agent):
    doc = d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=agent,
                            date="2026-03-06", actor=owner)
    before = scalar(db, "SELECT COUNT(*) FROM journal_entries")
    with pytest.raises(ValidationError, match="1180.00"):
        withholdings.record_retention(db, doc, "1200.00", series="R001", number=1, date="2026-03-07", actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM journal_entries") == before
    assert scalar(db, "SELECT COUNT(*) FROM withholding_moves") == 0


def test_empty_month(db):
    f = form621.figures(db, "2026-05")
    assert all(f[k] == 0 for k in form621.KEYS if k not in ("month", "regime", "income_tax_rate", "due_date"))
    assert (f["income_tax_rate"], f["due_date"]) == (D("1.00"), "2026-06-17")
    assert registers.sire_lines(db, "sale", "2026-05") == []


def test_rmt_above_300_uit_takes_the_general_rule(db, owner, customer):
    # 300 UIT of 2026 = 1,650,000.00; one sale of base 1,700,000.00 in January
    d.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1700000", "tax": "exonerado"}],
                      party_id=customer, date="2026-01-10", actor=owner)
    assert form621.figures(db, "2026-01")["income_tax_rate"] == D("1.50")
    settings.set(db, "accounts.ir_coefficient", "0.0200", actor=owner)
    f = form621.figures(db, "2026-01")
    assert (f["income_tax_rate"], f["income_tax_payment"]) == (D("2.00"), D("34000.00"))
    settings.set(db, "accounts.regime", "rer", actor=owner)
    assert form621.figures(db, "2026-01")["income_tax_payment"] == D("25500.00")


def test_igv_report_and_621_agree_on_the_madera_credit(db, owner, customer, supplier, buyer, agent):
    from smedesk.accounts import reports

    march(db, owner, customer, supplier, buyer, agent)
    assert reports.igv_position(db, "2026-03")["input_tax"] == form621.figures(db, "2026-03")["input_tax"] == 90


def test_unknown_regime_is_refused(db, owner):
    db.execute("INSERT INTO settings (key, value, updated_at) VALUES ('accounts.regime', 'rmtt', 'x')")
    with pytest.raises(ValidationError, match="rmtt"):
        form621.figures(db, "2026-03")
