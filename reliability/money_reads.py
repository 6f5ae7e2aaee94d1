"""Money figures refused in the domain to a staff session (roles.require_view)."""

from __future__ import annotations

from pathlib import Path

from reliability.report import Result
from smedesk.core.errors import PermissionDenied
from smedesk.core.roles import bind


def reads() -> dict:
    from smedesk.accounts import documents, quotations, registers, reports
    from smedesk.production import costing, imports, margins, whatif

    return {
        "unit cost": lambda db, tmp: costing.unit_cost(db, "SIL-1"),
        "every cost": lambda db, tmp: costing.cost_all(db),
        "margins": lambda db, tmp: margins.margin_report(db),
        "what-if": lambda db, tmp: whatif.what_if(db, {"fx": "3.80"}),
        "trial balance": lambda db, tmp: reports.trial_balance(db),
        "profit and loss": lambda db, tmp: reports.pnl(db),
        "balance sheet": lambda db, tmp: reports.balance_sheet(db),
        "IGV position": lambda db, tmp: reports.igv_position(db, "2026-11"),
        "receivables and payables": lambda db, tmp: reports.aging(db, "purchase"),
        "cash book": lambda db, tmp: reports.cash_book(db),
        "documents": lambda db, tmp: documents.list_documents(db),
        "quotations": lambda db, tmp: quotations.list_quotations(db),
        "registers": lambda db, tmp: registers.write_all(db, "2026-11", tmp),
        "catalogue export": lambda db, tmp: imports.export_file(db, "materials", tmp / "m.csv"),
    }


def check_money_reads(tmp: Path) -> Result:
    from reliability.security import _fresh
    from smedesk.production import catalogue

    db, owner, staff = _fresh(tmp)
    pid = catalogue.save_product(db, {"sku": "SIL-1", "name": "Silla"}, actor=owner)
    catalogue.set_routing(db, pid, [{"name": "Corte", "std_minutes": "20", "rate_per_hour": "9"}], actor=owner)
    cases = reads()
    leaked, broken = [], []
    for name, read in cases.items():
        bind(db, staff)
        try:
            read(db, tmp)
            leaked.append(name)
        except PermissionDenied:
            pass
        bind(db, owner)
        try:
            read(db, tmp)
        except Exception as exc:  # the owner must get an answer
            broken.append(f"{name}: {type(exc).__name__}")
    db.close()
    ok = not leaked and not broken
    detail = (f"staff refused, owner answered: {', '.join(cases)}" if ok
              else f"staff allowed: {leaked}; owner refused: {broken}")
    return Result("security", "money figures refused to a staff session", len(cases), ok, detail)
