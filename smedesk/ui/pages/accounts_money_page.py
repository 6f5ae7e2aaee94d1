"""Cuentas › Cobros y pagos: what customers owe and what is owed to suppliers
(by age), receipts and payments through cash, bank, Yape or Plin, and expenses."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from smedesk.accounts import chart, payments, reports
from smedesk.core import clock, dates
from smedesk.core.changes import Changes
from smedesk.core.db import rows
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.accounts import fill, make_table, num, selected_key
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import Form, say_when_empty

BUCKET_NAMES = {"current": N_("Not due"), "1-30": N_("1–30 days late"), "31-60": N_("31–60 days late"),
                "61-90": N_("61–90 days late"), "90+": N_("Over 90 days late")}


def _money_combo(db) -> QComboBox:
    combo = QComboBox()
    for acc in chart.money_accounts(db):
        combo.addItem(f"{acc['code']} {chart.account_name(acc)}", acc["code"])
    return combo


class AccountsMoneyPage(Page):
    areas = ("accounts",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Receipts and payments"),
                         tr("Who owes you and whom you owe, by how late it is. Select a document and record what came in or went out."))
        bar = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(tr("Customers owe me"), "sale")
        self.kind.addItem(tr("I owe suppliers"), "purchase")
        self.kind.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.kind)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.table = make_table([tr("Document"), tr("Customer / supplier"), tr("Due"), tr("Age"), tr("Currency"),
                                 tr("Owed"), tr("Owed (PEN)")], 200)
        self.empty = say_when_empty(self.table, "")
        self.body.addWidget(self.table)

        self.body.addWidget(QLabel(f"<b>{tr('Receipt or payment of the selected document')}</b>"))
        self.pay_form = Form()
        self.pay_form.add("amount", tr("Amount (in the document's currency)"))
        self.pay_account = _money_combo(ctx.db)
        self.pay_form.add("account", tr("Through"), self.pay_account)
        self.pay_form.add("date", tr("Date"), DateField())
        self.pay_form.add("fx", tr("Exchange rate of the day (dollar documents)"))
        self.pay_form.finish()
        self.body.addWidget(self.pay_form)
        pay = QPushButton(tr("Record receipt / payment"))
        pay.setObjectName("save_payment")
        pay.clicked.connect(self.record_payment)
        self.body.addWidget(pay)

        self.body.addWidget(QLabel(f"<b>{tr('Expense without a comprobante')}</b>"))
        self.exp_form = Form()
        self.exp_form.add("description", tr("What for"))
        self.exp_form.add("amount", tr("Amount (S/)"))
        self.exp_account = QComboBox()
        for acc in rows(ctx.db, "SELECT * FROM accounts WHERE code >= '62' AND code < '69' AND length(code) >= 4 AND active = 1"
                                " ORDER BY code"):
            self.exp_account.addItem(f"{acc['code']} {chart.account_name(acc)}", acc["code"])
        self.exp_form.add("account", tr("Kind of expense"), self.exp_account)
        self.exp_from = _money_combo(ctx.db)
        self.exp_form.add("paid_from", tr("Paid from"), self.exp_from)
        self.exp_form.add("date", tr("Date"), DateField())
        self.exp_form.finish()
        self.body.addWidget(self.exp_form)
        spend = QPushButton(tr("Record expense"))
        spend.setObjectName("save_expense")
        spend.clicked.connect(self.record_expense)
        self.body.addWidget(spend)
        self.body.addStretch(1)
        today = clock.today_lima().isoformat()
        self.pay_form.fields["date"].setText(today)
        self.exp_form.fields["date"].setText(today)
        self.refresh()

    def refresh(self) -> None:
        """What is owed, by age: every open document is read, on the database worker."""
        self.empty.setText(tr("Nobody owes you: a factura issued on credit shows here until it is paid.")
                           if self.kind.currentData() == "sale" else
                           tr("You owe no supplier: a supplier's comprobante recorded on credit shows here until you "
                              "pay it."))
        self.read(reports.aging, self.kind.currentData(), done=self._fill, key="aging")

    def _fill(self, report: dict) -> None:
        data, keys = [], []
        for d in report["documents"]:
            data.append([d["document"], d["party"], dates.show_date(d["due_date"]), tr(BUCKET_NAMES[d["bucket"]]), d["currency"],
                         num(d["outstanding"]), num(d["outstanding_pen"])])
            keys.append(d["id"])
        fill(self.table, data, numeric=(5, 6), keys=keys)
        parts = [f"{tr(BUCKET_NAMES[k])}: S/ {num(v)}" for k, v in report["buckets"].items() if v]
        self.summary.setText(tr("Total S/ {total}", total=num(report["total"])) + ("  ·  " + "  ·  ".join(parts) if parts else ""))

    def record_payment(self) -> None:
        doc_id = selected_key(self.table)
        f = self.pay_form
        if doc_id is None:
            f.show_error(SmedeskError(tr("Select a document in the table first."), field="amount"))
            return
        amount, options = f.text("amount"), dict(account=self.pay_account.currentData(), date=f.text("date"),
                                                 fx=f.text("fx") or None, actor=self.ctx.actor)
        self.write(lambda db: payments.record_payment(db, doc_id, amount, **options), changes=Changes("accounts"),
                   done=lambda _: self._recorded(f, "amount"), failed=f.show_error)

    @staticmethod
    def _recorded(form, *cleared: str) -> None:
        for key in cleared:
            form.fields[key].clear()
        form.show_ok(tr("Recorded."))

    def record_expense(self) -> None:
        f = self.exp_form
        amount, options = f.text("amount"), dict(account=self.exp_account.currentData(),
                                                 paid_from=self.exp_from.currentData(),
                                                 description=f.text("description"), date=f.text("date"),
                                                 actor=self.ctx.actor)
        self.write(lambda db: payments.record_expense(db, amount, **options), changes=Changes("accounts"),
                   done=lambda _: self._recorded(f, "amount", "description"), failed=f.show_error)


PAGE = PageInfo("accounts_money", N_("Receipts and payments"), 72, AccountsMoneyPage, permission="accounts.view")
