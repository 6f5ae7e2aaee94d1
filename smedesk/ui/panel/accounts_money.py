"""Panel › Dinero: what customers owe (and how much is late), what is owed to
suppliers, cash and bank, and this month's IGV so far. Owner only."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from smedesk.accounts import journal, reports
from smedesk.core import clock
from smedesk.core.i18n import N_, tr
from smedesk.ui.accounts import num
from smedesk.ui.panel import PanelSection


class MoneySummary(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 14px;")
        self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db
        owed_to_me = reports.aging(db, "sale")
        late = sum(v for k, v in owed_to_me["buckets"].items() if k != "current")
        owed_by_me = reports.aging(db, "purchase")
        igv = reports.igv_position(db, clock.today_lima().strftime("%Y-%m"))
        self.setText("<br>".join([
            tr("Customers owe you S/ {total} ({late} of it late).", total=num(owed_to_me["total"]), late=num(late)),
            tr("You owe suppliers S/ {total}.", total=num(owed_by_me["total"])),
            tr("Cash, bank and wallets: S/ {total}.", total=num(journal.balance(db, "10"))),
            tr("IGV of this month so far: S/ {payable} to pay, S/ {credit} in your favour.",
               payable=num(igv["payable"]), credit=num(igv["credit_carried"])),
        ]))


SECTION = PanelSection("accounts_money", N_("Money"), 40, MoneySummary, permission="accounts.view",
                       areas=("accounts",))
