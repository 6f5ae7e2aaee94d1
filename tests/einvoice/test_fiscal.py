import pytest
from lxml import etree

from smedesk.accounts import documents as d
from smedesk.core import settings
from smedesk.core.errors import ValidationError
from smedesk.einvoice import api, fiscal
from smedesk.einvoice.ubl import CAC, CBC

NS = {"cac": CAC, "cbc": CBC}


def test_fiscal_data_goes_into_the_issuer_address(db, owner, cert, customer):
    fiscal.save(db, address="Jr. Gamarra 640, La Victoria", ubigeo="150115", establishment="0001", actor=owner)
    doc_id = d.create_document(db, "sale", "01", "F001", [{"description": "Polo", "qty": 1, "unit_price": "59"}],
                               party_id=customer, date="2026-03-05", actor=owner)
    address = etree.fromstring(api.signed_xml(db, doc_id)[1]).find(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cac:RegistrationAddress", NS)
    assert address.find("cbc:ID", NS).text == "150115"
    assert address.find("cbc:AddressTypeCode", NS).text == "0001"
    assert address.find("cac:AddressLine/cbc:Line", NS).text == "Jr. Gamarra 640, La Victoria"


@pytest.mark.parametrize("ubigeo,establishment,field", [("1501", "0000", "business.ubigeo"),
                                                        ("150101", "A1", "business.establishment")])
def test_bad_fiscal_data_is_refused_and_nothing_saved(db, owner, ubigeo, establishment, field):
    with pytest.raises(ValidationError) as err:
        fiscal.save(db, address="Av. Lima 1", ubigeo=ubigeo, establishment=establishment, actor=owner)
    assert err.value.field == field and settings.get(db, "business.address") == ""
