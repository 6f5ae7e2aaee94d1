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
