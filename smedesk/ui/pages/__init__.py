"""Pages of the main window. Each module here defines `PAGE = PageInfo(...)`.

MANIFEST repeats each page's key, title, order and permission so the sidebar
can be drawn without importing every page (and the domain, PDF and network
code behind them): a page's module is imported the first time it is shown.
tests/ui/test_pages_manifest.py keeps MANIFEST equal to the modules' PAGE.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from smedesk.core.i18n import N_


@dataclass(frozen=True)
class PageInfo:
    """Attributes: key, title (English source, translated when shown), order in
    the sidebar, permission needed to see it (None: everyone), factory(ctx)."""

    key: str
    title: str
    order: int
    factory: Callable
    permission: str | None = None


# module, key, title, order, permission
MANIFEST = (
    ("panel_page", "panel", N_("Panel"), 10, None),
    ("orders_page", "orders", N_("Orders"), 20, "orders.edit"),
    ("production_page", "production", N_("Production"), 30, "worksheet.own"),
    ("scan_page", "scan", N_("Scanning"), 40, "scan"),
    ("catalogue_page", "catalogue", N_("Catalogue"), 50, "catalogue.view"),
    ("stock_page", "stock", N_("Stock"), 55, "catalogue.view"),
    ("costs_page", "costs", N_("Costs"), 60, "money.view"),
    ("accounts_docs_page", "accounts_docs", N_("Sales and purchases"), 70, "accounts.view"),
    ("accounts_money_page", "accounts_money", N_("Receipts and payments"), 72, "accounts.view"),
    ("accounts_reports_page", "accounts_reports", N_("Reports and closing"), 75, "accounts.view"),
    ("accounts_journal_page", "accounts_journal", N_("Journal"), 76, "accounts.view"),
    ("accounts_quotations_page", "accounts_quotations", N_("Quotations"), 78, "accounts.view"),
    ("exportplan_page", "exportplan", N_("Export"), 80, "exportplan.edit"),
    ("seace_page", "seace", N_("SEACE"), 85, "seace"),
    ("sync_page", "sync", N_("Synchronise"), 88, "sync"),
    ("settings_page", "business", N_("Business"), 900, "settings.edit"),
    ("users_page", "users", N_("Users"), 910, "users.manage"),
    ("backup_page", "backup", N_("Backups"), 920, "backup"),
    ("audit_page", "audit", N_("Change log"), 930, "users.manage"),
    ("about_page", "about", N_("About"), 990, None),
)


def _lazy(module_name: str) -> Callable:
    def factory(ctx):
        module = importlib.import_module(f"{__name__}.{module_name}")
        return module.PAGE.factory(ctx)

    return factory


def all_pages() -> list[PageInfo]:
    """Every page, in sidebar order, without importing the page modules."""
    found = [PageInfo(key, title, order, _lazy(module), permission)
             for module, key, title, order, permission in MANIFEST]
    return sorted(found, key=lambda p: (p.order, p.key))


def discovered_pages() -> dict[str, PageInfo]:
    """module name -> PAGE, by importing every module here (for the manifest test)."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        page = getattr(module, "PAGE", None)
        if page is not None:
            found[info.name] = page
    return found
