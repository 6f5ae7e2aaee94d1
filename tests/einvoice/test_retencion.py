"""A factura to an agente de retención (RS 037-2002/SUNAT) on the comprobante: the global
AllowanceCharge 62 "Retención del IGV" (catálogo 53) at 3% of the total with IGV, a Crédito
and its cuotas net of it (RS 193-2020/SUNAT "monto neto pendiente de pago"), the printed
retención and net; never together with a detracción. Amounts hand-computed; SUNAT's rules
from ../shared when present (skipped otherwise)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from lxml import etree

from smedesk.accounts import documents as d
from smedesk.accounts import withholdings
from smedesk.core import settings
from smedesk.core.db import scalar
from smedesk.core.errors import ValidationError
from smedesk.einvoice import checks, issue, ubl
from smedesk.einvoice.model import Retencion
from smedesk.einvoice.representation import printable
from smedesk.einvoice.ubl import CAC, CBC
from tests.einvoice.test_detraccion import accepted, parsed, printed, terms

NS = {"cac": CAC, "cbc": CBC}


@pytest.fixture
def agent(db, owner, customer):
    withholdings.set_retention_agent(db, customer, True, actor=owner)
    return customer


def sale(db, owner, party, price, **kw):
    kw.setdefault("date", "2026-03-05")
    line = {"description": "Mesas de reunión", "qty": 1, "unit_price": price}
    if "spot_code" in kw:
        line["spot_code"] = kw.pop("spot_code")
    return d.create_document(db, "sale", "01", "F001", [line], party_id=party, actor=owner, **kw)


def forma(root):
    return terms(root, "FormaPago")


def retention(root):
    found = root.findall("cac:AllowanceCharge", NS)
    if not found:
        return None
    assert len(found) == 1
    a = found[0]
    return {"indicator": a.findtext("cbc:ChargeIndicator", None, NS),
            "code": a.findtext("cbc:AllowanceChargeReasonCode", None, NS),
            "factor": a.findtext("cbc:MultiplierFactorNumeric", None, NS),
            "amount": (a.findtext("cbc:Amount", None, NS), a.find("cbc:Amount", NS).get("currencyID")),
            "base": (a.findtext("cbc:BaseAmount", None, NS), a.find("cbc:BaseAmount", NS).get("currencyID"))}


def children(root):
    return [etree.QName(c).localname for c in root if isinstance(c.tag, str)]


def test_credito_to_an_agent_is_net_of_the_retention(db, owner, cert, agent, sunat):
    # S/ 1,180.00 (1000.00 + IGV 180.00) × 3% = 35.40; the customer pays 1,180.00 − 35.40 = 1,144.60
    name, xml, root = parsed(db, sale(db, owner, agent, "1180", due_date="2026-04-04"))
    assert retention(root) == {"indicator": "false", "code": "62", "factor": "0.03", "amount": ("35.40", "PEN"),
                               "base": ("1180.00", "PEN")}
    assert forma(root) == [("Credito", "1144.60", "PEN"), ("Cuota001", "1144.60", "PEN")]
    # UBL 2.1: the forma de pago, then the AllowanceCharge, then the TaxTotal
    names = children(root)
    assert names.index("PaymentTerms") < names.index("AllowanceCharge") < names.index("TaxTotal")
    # the retención is not a discount: the total payable stays the total
    assert root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", None, NS) == "1180.00"
    assert root.find("cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount", NS) is None
    assert root.find("cbc:InvoiceTypeCode", NS).get("listID") == "0101"
    assert checks.structural_problems(root, "01") == []
    # 3249: the SFS copy of the factura rules looks for the cuotas under the wrong node (test_documents_xml)
    accepted(sunat, name, xml, allowed={"3249"})


def test_cuotas_adding_up_to_the_total_are_refused_naming_the_net(db, owner, cert, agent):
    # S/ 2,360.00 × 3% = 70.80 → net 2,289.20, two cuotas of 1,144.60
    with pytest.raises(ValidationError) as err:
        sale(db, owner, agent, "2360", cuotas=[("1180", "2026-04-05"), ("1180", "2026-05-05")])
    assert err.value.field == "cuotas"
    assert str(err.value.message) == ("Las cuotas suman 2360.00, pero el monto neto pendiente de pago es 2289.20: el "
                                      "total 2360.00 menos la retención del IGV de 70.80 que el cliente (agente de "
                                      "retención) retiene.")
    assert scalar(db, "SELECT count(*) FROM documents") == 0 and scalar(db, "SELECT count(*) FROM doc_series") == 0
    doc_id = sale(db, owner, agent, "2360", cuotas=[("1144.60", "2026-04-05"), ("1144.60", "2026-05-05")])
    _name, _xml, root = parsed(db, doc_id)
    assert retention(root)["amount"] == ("70.80", "PEN") and retention(root)["base"] == ("2360.00", "PEN")
    assert forma(root) == [("Credito", "2289.20", "PEN"), ("Cuota001", "1144.60", "PEN"),
                           ("Cuota002", "1144.60", "PEN")]


def test_contado_carries_the_retention_and_no_amount(db, owner, cert, agent, sunat):
    # RS 193-2020/SUNAT: Contado has no amount; the retención is still on the comprobante
    name, xml, root = parsed(db, sale(db, owner, agent, "1180"))
    assert forma(root) == [("Contado", None, None)]
    assert retention(root)["amount"] == ("35.40", "PEN")
    accepted(sunat, name, xml)


def test_at_700_or_to_a_customer_who_is_not_an_agent_there_is_none(db, owner, cert, agent, sunat):
    from smedesk.core import parties

    name, xml, root = parsed(db, sale(db, owner, agent, "700"))   # "above S/ 700": 700.00 is not
    assert retention(root) is None and printable(db, scalar(db, "SELECT max(id) FROM documents"))["retencion"] is None
    accepted(sunat, name, xml)
    other = parties.save(db, {"name": "Muebles Arequipa S.A.C.", "id_number": "20100113610"}, actor=owner)
    _name, _xml, root = parsed(db, sale(db, owner, other, "1180"))
    assert retention(root) is None


def test_usd_factura_states_the_retention_in_dollars(db, owner, cert, agent, sunat):
    # US$ 500.00 at 3.712 = S/ 1,856.00 (> 700): the books keep 3% = S/ 55.68; the XML states it in
    # the document's currency (SUNAT 2071 exempts only percepciones): 55.68 / 3.712 = US$ 15.00
    # (= 500.00 × 3%), net 485.00
    doc_id = sale(db, owner, agent, "500", currency="USD", fx="3.712", due_date="2026-04-04")
    assert scalar(db, "SELECT retention_cents FROM document_taxes WHERE document_id = ?", [doc_id]) == 5568
    name, xml, root = parsed(db, doc_id)
    assert retention(root)["amount"] == ("15.00", "USD") and retention(root)["base"] == ("500.00", "USD")
    assert forma(root) == [("Credito", "485.00", "USD"), ("Cuota001", "485.00", "USD")]
    # what the books hold back from the receivable is the same US$ 15.00
    from smedesk.core.db import row
    assert withholdings.reserved_cents(db, row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])) == 1500
    accepted(sunat, name, xml, allowed={"3249"})


def test_a_sale_subject_to_spot_carries_the_detraccion_and_no_retention(db, owner, cert, agent, sunat):
    # RS 037-2002/SUNAT leaves operations subject to SPOT out of the retención: S/ 1,180.00 with 025
    # at 10% → detracción 118.00 only, Crédito 1,062.00
    settings.set(db, "accounts.bn_account", "00-068-123456", actor=owner)
    doc_id = sale(db, owner, agent, "1180", spot_code="025", due_date="2026-04-04")
    name, xml, root = parsed(db, doc_id)
    assert retention(root) is None and root.find("cbc:InvoiceTypeCode", NS).get("listID") == "1001"
    assert forma(root) == [("Credito", "1062.00", "PEN"), ("Cuota001", "1062.00", "PEN")]
    accepted(sunat, name, xml, allowed={"3249"})
    # smedesk's own check refuses a comprobante that carries both
    both = dataclasses.replace(issue.comprobante(db, doc_id), retencion=Retencion(Decimal(3), 118000, 3540))
    assert "Una operación sujeta a detracción no lleva retención del IGV." in \
        checks.structural_problems(ubl.build(both), "01")


def test_the_structural_check_of_the_retention(db, owner, cert, agent):
    doc_id = sale(db, owner, agent, "1180", due_date="2026-04-04")
    good = issue.comprobante(db, doc_id)
    assert good.net_cents == 114460 and checks.structural_problems(ubl.build(good), "01") == []
    wrong = dataclasses.replace(good, retencion=Retencion(Decimal(3), 118000, 3500))
    found = checks.structural_problems(ubl.build(wrong), "01")
    assert "La retención 35.00 no es 0.03 × 1180.00 [3263]." in found
    # the cuotas (1,144.60) no longer agree with the total less this retención (1,145.00)
    assert "El crédito (1144.60) no es el total 1180.00 menos la retención 35.00 [3265]." in found
    above = dataclasses.replace(good, retencion=Retencion(Decimal(3), 200000, 6000))
    assert "La base de la retención (2000.00) supera el importe total (1180.00) [3264]." in \
        checks.structural_problems(ubl.build(above), "01")


def test_printout_shows_the_retention_and_the_net(db, owner, cert, agent, tmp_path):
    doc_id = sale(db, owner, agent, "1180", due_date="2026-04-04")
    data = printable(db, doc_id)
    assert data["retencion"] == {"percent": Decimal(3), "amount": Decimal("35.40"), "currency": "PEN",
                                 "net": Decimal("1144.60"), "credit": True}
    for flat in printed(data, tmp_path):
        assert "Retención del IGV 3%: S/ 35.40" in flat
        assert "Monto neto pendiente de pago: S/ 1,144.60" in flat
