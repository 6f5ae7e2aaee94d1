"""Money figures are refused in the domain to a staff session, whatever page asks."""

import pytest

from smedesk.accounts import documents, quotations, reports
from smedesk.core.errors import PermissionDenied
from smedesk.core.roles import bind
from smedesk.production import catalogue, costing, margins, whatif

READS = {
    "unit cost": lambda db: costing.unit_cost(db, "SIL-1"),
    "every cost": lambda db: costing.cost_all(db),
    "margins": lambda db: margins.margin_report(db),
    "what-if": lambda db: whatif.what_if(db, {"fx": "3.80"}),
    "trial balance": lambda db: reports.trial_balance(db),
    "profit and loss": lambda db: reports.pnl(db),
    "balance sheet": lambda db: reports.balance_sheet(db),
    "IGV position": lambda db: reports.igv_position(db, "2026-11"),
    "receivables": lambda db: reports.aging(db, "sale"),
    "cash book": lambda db: reports.cash_book(db),
    "documents": lambda db: documents.list_documents(db),
    "quotations": lambda db: quotations.list_quotations(db),
}


@pytest.fixture
def chair(db, owner):
    pid = catalogue.save_product(db, {"sku": "SIL-1", "name": "Silla"}, actor=owner)
    catalogue.set_routing(db, pid, [{"name": "Corte", "std_minutes": "20", "rate_per_hour": "9"}], actor=owner)


@pytest.mark.parametrize("name", READS)
def test_staff_session_is_refused(db, staff, chair, name):
    bind(db, staff)
    with pytest.raises(PermissionDenied):
        READS[name](db)


@pytest.mark.parametrize("name", READS)
def test_owner_session_reads(db, owner, chair, name):
    bind(db, owner)
    READS[name](db)
