"""Reading releases: what is kept, what is ignored, what "not published" means."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedesk.tenders import ocds
from tests.seace.builder import dumps, release


def read(**kw):
    return ocds.read_release(ocds.loads(dumps(release(1, **kw))))


def test_amount_zero_means_not_published():
    assert read(amount=0.0)["amount_cents"] is None


def test_protected_amount_is_not_published():
    assert read(amount=5000.0, protected=True)["amount_cents"] is None


def test_amount_kept_in_cents():
    # 12,345.67 soles = 1,234,567 céntimos
    assert read(amount=12345.67)["amount_cents"] == 1234567


def test_numbers_are_read_as_decimal_not_float():
    data = ocds.loads(b'{"a": 0.1}')
    assert data["a"] == Decimal("0.1")


def test_codes_read_from_cubso_and_unspsc():
    item = read(cubso="5610151712345678")["items"][0]
    assert (item["cubso"], item["unspsc"]) == ("5610151712345678", "56101517")


def test_unspsc_taken_from_cubso_when_missing():
    rel = release(1, cubso="5310190200000009")
    del rel["tender"]["items"][0]["additionalClassifications"]
    assert ocds.read_release(rel)["items"][0]["unspsc"] == "53101902"


def test_department_from_buyer_party_without_accents():
    assert read(department="Junín")["department"] == "JUNIN"


def test_buyer_ruc_from_additional_identifiers():
    assert read(ruc="20131370998")["buyer_ruc"] == "20131370998"


def test_unknown_fields_and_extensions_are_ignored():
    rel = release(1, extra={"fooExtension": {"x": [1, 2]}, "planning": "odd"})
    rel["tender"]["items"][0]["weird"] = {"deep": True}
    assert ocds.read_release(rel)["title"] == "LP-SM-1-2026-UGEL-1"


def test_release_without_ocid_is_refused():
    with pytest.raises(ocds.BadRelease):
        ocds.read_release({"date": "2026-01-01T00:00:00Z"})


def test_dates_are_stored_in_utc():
    # 11:00 in Lima (-05:00) is 16:00 UTC
    assert read(tender_end="2026-10-05T11:00:00-05:00")["tender_end"] == "2026-10-05T16:00:00.000000Z"


def test_status_is_the_item_stage():
    assert read(stage="DESIERTO")["status"] == "DESIERTO"


def test_award_unit_price_and_supplier_ruc():
    award = read(award=("TEXTILES SAC", "20255966163", 94.8, 10.0, "2026-10-18T12:00:00-05:00"))["awards"][0]
    assert award["supplier_ruc"] == "20255966163"
    assert award["items"][0]["unit_price_cents"] == 9480


def test_release_without_tender_leaves_tender_fields_out():
    process = ocds.read_release({"ocid": "ocds-dgv273-x", "date": "2026-01-01T00:00:00Z", "awards": []})
    assert "title" not in process and process["awards"] == []


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=3))
def test_positive_amounts_round_half_up_to_cents(amount):
    cents = ocds.amount_cents({"amount": amount})
    assert abs(Decimal(cents) / 100 - amount) <= Decimal("0.005")


@given(st.one_of(st.none(), st.text(alphabet="abcxyz -"), st.booleans(), st.just(Decimal("-3")), st.just(Decimal("0"))))
def test_junk_amounts_are_not_published(junk):
    assert ocds.amount_cents({"amount": junk}) is None
