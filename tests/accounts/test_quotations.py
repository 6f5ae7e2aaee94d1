from decimal import Decimal

import pytest

from smedesk.accounts import quotations as q
from smedesk.core.db import scalar
from smedesk.core.errors import PermissionDenied, ValidationError


def lines():
    return [{"description": "Mesa de comedor", "qty": Decimal("2"), "unit_price": Decimal("850.00")},
            {"description": "Silla", "qty": Decimal("6"), "unit_price": Decimal("120.505")}]


def test_create_quotation_totals_lines(db, owner, customer):
    qid = q.create_quotation(db, customer, lines(), actor=owner)
    got = q.get_quotation(db, qid)
    # 2 × 850.00 = 1700.00; 6 × 120.505 = 723.03 (half-up); total 2423.03
    assert [li["total"] for li in got["lines"]] == [Decimal("1700.00"), Decimal("723.03")]
    assert got["total"] == Decimal("2423.03")
    assert got["state"] == "draft"
    assert got["number"] == "COT-2026-00001"
    assert got["valid_until"] == "2026-04-04"  # 20 March + 15 days


def test_quotation_state_machine(db, owner, customer):
    qid = q.create_quotation(db, customer, lines(), actor=owner)
    with pytest.raises(ValidationError):
        q.set_quotation_state(db, qid, "accepted", actor=owner)
    q.set_quotation_state(db, qid, "sent", actor=owner)
    q.set_quotation_state(db, qid, "accepted", actor=owner)
    with pytest.raises(ValidationError):
        q.set_quotation_state(db, qid, "rejected", actor=owner)
    assert q.get_quotation(db, qid)["state"] == "accepted"


def test_quotation_needs_lines_and_a_known_party(db, owner, customer):
    with pytest.raises(ValidationError) as exc:
        q.create_quotation(db, customer, [], actor=owner)
    assert exc.value.field == "lines"
    with pytest.raises(ValidationError):
        q.create_quotation(db, 9999, lines(), actor=owner)
    with pytest.raises(ValidationError):
        q.create_quotation(db, customer, [{"description": "x", "qty": "0", "unit_price": "1"}], actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM quotations") == 0


def test_quotation_in_usd_with_incoterm(db, owner, buyer):
    qid = q.create_quotation(db, buyer, lines(), currency="usd", incoterm="fob", actor=owner)
    got = q.get_quotation(db, qid)
    assert (got["currency"], got["incoterm"]) == ("USD", "FOB")
    with pytest.raises(ValidationError):
        q.create_quotation(db, buyer, lines(), incoterm="XYZ", actor=owner)


def test_staff_cannot_quote(db, staff, customer):
    with pytest.raises(PermissionDenied):
        q.create_quotation(db, customer, lines(), actor=staff)


def test_sent_quotations_expire(db, owner, customer, monkeypatch):
    qid = q.create_quotation(db, customer, lines(), valid_until="2026-03-25", actor=owner)
    q.set_quotation_state(db, qid, "sent", actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-30T15:00:00Z")
    assert q.expire_overdue(db, actor=owner) == 1
    assert q.list_quotations(db, state="expired")[0]["id"] == qid


def test_quotation_lines_sync_columns(db, owner, customer):
    qid = q.create_quotation(db, customer, lines(), actor=owner)
    assert scalar(db, "SELECT COUNT(*) FROM quotation_lines WHERE quotation_id = ? AND uid IS NOT NULL", [qid]) == 2


@pytest.mark.parametrize("lang", ["es", "en"])
def test_quotation_pdf(db, owner, customer, tmp_path, lang):
    from smedesk.accounts.printing import write_quotation_pdf

    qid = q.create_quotation(db, customer, lines(), notes="Entrega en 15 días", actor=owner)
    out = write_quotation_pdf(db, qid, tmp_path / f"q-{lang}.pdf", lang)
    assert out.read_bytes()[:4] == b"%PDF"
