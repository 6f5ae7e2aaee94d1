import pytest

from smedesk import demo
from smedesk.accounts import reports
from smedesk.core.db import rows, scalar


@pytest.mark.parametrize("kind", ["furniture", "garments"])
def test_demo_books_balance(tmp_path, kind):
    db = demo.create(tmp_path / f"{kind}.smedesk", kind)
    try:
        assert scalar(db, "SELECT COUNT(*) FROM documents WHERE kind = 'sale'") > 20
        assert scalar(db, "SELECT COUNT(*) FROM documents WHERE kind = 'purchase'") >= 4
        assert scalar(db, "SELECT COUNT(*) FROM payments") > 10
        assert not rows(db, "SELECT entry_id FROM journal_lines GROUP BY entry_id"
                            " HAVING SUM(debit_cents) != SUM(credit_cents)")
        sheet = reports.balance_sheet(db)
        assert sheet["total_assets"] == sheet["total_liabilities"] + sheet["total_equity"]
        assert scalar(db, "SELECT COUNT(*) FROM quotations") == 2
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["furniture", "garments"])
def test_demo_leaves_every_comprobante_waiting_for_sunat(tmp_path, kind):
    """The demo's shop history (half sent, one refused) touches the shop's items only: a
    comprobante SUNAT never received is neither "sent" nor refused with the shop's words."""
    db = demo.create(tmp_path / f"{kind}.smedesk", kind)
    try:
        sunat = rows(db, "SELECT state, last_error FROM outbox WHERE kind = 'sunat'")
        assert sunat and {r["state"] for r in sunat} == {"pending"}
        assert all(r["last_error"] is None for r in sunat)
        shop = rows(db, "SELECT state, last_error FROM outbox WHERE kind != 'sunat'")
        assert [r["last_error"] for r in shop if r["state"] == "failed"] == [
            "La tienda rechazó el producto: Invalid or duplicated SKU."]
    finally:
        db.close()
