"""Panel › Dinero: what customers owe (and how much is late), what is owed to
suppliers, cash and bank, and this month's IGV so far. Owner only."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from smedesk.accounts import journal, reports
from smedesk.core import clock
from smedesk.core.i18n import N_, tr
from smedesk.ui.accounts import num
from smedesk.ui.panel import PanelSection


def load(db) -> dict:
    """On the database worker: the four figures, in céntimos."""
    owed_to_me = reports.aging(db, "sale")
    igv = reports.igv_position(db, clock.today_lima().strftime("%Y-%m"))
    return {
        "owed_to_me": owed_to_me["total"],
        "late": sum(v for k, v in owed_to_me["buckets"].items() if k != "current"),
        "owed_by_me": reports.aging(db, "purchase")["total"],
        "cash": journal.balance(db, "10"),
        "igv_payable": igv["payable"],
        "igv_credit": igv["credit_carried"],
    }


class MoneySummary(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 14px;")

    def fill(self, money: dict) -> None:
        self.setText("<br>".join([
            tr("Customers owe you S/ {total} ({late} of it late).", total=num(money["owed_to_me"]),
               late=num(money["late"])),
            tr("You owe suppliers S/ {total}.", total=num(money["owed_by_me"])),
            tr("Cash, bank and wallets: S/ {total}.", total=num(money["cash"])),
            tr("IGV of this month so far: S/ {payable} to pay, S/ {credit} in your favour.",
               payable=num(money["igv_payable"]), credit=num(money["igv_credit"])),
        ]))


SECTION = PanelSection("accounts_money", N_("Money"), 40, MoneySummary, load, permission="accounts.view",
                       areas=("accounts",))
