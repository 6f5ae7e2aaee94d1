"""Cuentas › Libro diario: every entry the documents, payments and imports
posted, with its lines; a mistake is corrected by a reversing entry (extorno)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget, QWidget

from smedesk.accounts import journal
from smedesk.accounts.chart import account_name, get_account
from smedesk.accounts.journal import Line
from smedesk.core import clock, dates
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import from_cents, to_cents
from smedesk.ui.accounts import fill, make_table, num, selected_key
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE

SOURCES = {"sale": N_("Sale"), "purchase": N_("Purchase"), "payment": N_("Receipt / payment"),
           "expense": N_("Expense"), "import": N_("Imported"), "reversal": N_("Reversal"), "manual": N_("Manual"),
           "demo": N_("Opening")}


class AccountsJournalPage(Page):
    areas = ("accounts",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Journal"),
                         tr("Every entry in the books. Posted entries cannot be changed: to correct one, reverse it."))
        self.entries = make_table([tr("Date"), tr("No."), tr("Origin"), tr("Memo"), tr("Amount")], 260)
        self.entries.itemSelectionChanged.connect(self.show_lines)
        self.body.addWidget(self.entries)
        self.lines = make_table([tr("Account"), tr("Name"), tr("Debit"), tr("Credit")], 140)
        self.body.addWidget(self.lines)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Reversal date")))
        self.day = DateField(clock.today_lima())
        self.day.setMaximumWidth(120)
        bar.addWidget(self.day)
        reverse = QPushButton(tr("Reverse the selected entry"))
        reverse.setObjectName("reverse_entry")
        reverse.clicked.connect(self.reverse_selected)
        bar.addWidget(reverse)
        bar.addStretch(1)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)

        self.body.addWidget(QLabel(f"<b>{tr('Manual entry (for the accountant)')}</b>"))
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("Date")))
        self.new_date = DateField(clock.today_lima())
        self.new_date.setMaximumWidth(120)
        head.addWidget(self.new_date)
        head.addWidget(QLabel(tr("Memo")))
        self.new_memo = QLineEdit()
        head.addWidget(self.new_memo, 1)
        holder = QWidget()
        holder.setLayout(head)
        self.body.addWidget(holder)
        self.new_lines = QTableWidget(4, 3)
        self.new_lines.setObjectName("manual_lines")
        self.new_lines.setHorizontalHeaderLabels([tr("Account"), tr("Debit"), tr("Credit")])
        self.new_lines.horizontalHeader().setStretchLastSection(True)
        self.new_lines.setMinimumHeight(150)
        self.body.addWidget(self.new_lines)
        bar = QHBoxLayout()
        more = QPushButton(tr("Add a row"))
        more.clicked.connect(lambda: self.new_lines.insertRow(self.new_lines.rowCount()))
        bar.addWidget(more)
        post = QPushButton(tr("Post entry"))
        post.setObjectName("post_entry")
        post.clicked.connect(self.post_manual)
        bar.addWidget(post)
        bar.addStretch(1)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """The latest 500 entries, read on the database worker."""
        self.read(lambda db: journal.entries(db, limit=500), done=self._fill, key="entries")

    def _fill(self, found: list[dict]) -> None:
        fill(self.entries, [[dates.show_date(e["date"]), str(e["id"]), tr(SOURCES.get(e["source"], e["source"])), e["memo"],
                             num(from_cents(e["total_cents"] or 0))] for e in found],
             numeric=(1, 4), keys=[e["id"] for e in found])
        self.lines.setRowCount(0)

    def show_lines(self) -> None:
        entry_id = selected_key(self.entries)
        if entry_id is None:
            return
        data = []
        for li in journal.entry_lines(self.ctx.db, entry_id):
            acc = get_account(self.ctx.db, li["account"])
            data.append([li["account"], account_name(acc) if acc else "",
                         num(from_cents(li["debit_cents"])) if li["debit_cents"] else "",
                         num(from_cents(li["credit_cents"])) if li["credit_cents"] else ""])
        fill(self.lines, data, numeric=(2, 3))

    def _manual_lines(self) -> list[Line]:
        from smedesk.accounts.imports import money_cell

        lines = []
        for r in range(self.new_lines.rowCount()):
            cells = [(self.new_lines.item(r, c).text().strip() if self.new_lines.item(r, c) else "") for c in range(3)]
            if not any(cells):
                continue
            try:
                debit, credit = money_cell(cells[1], "debit"), money_cell(cells[2], "credit")
            except SmedeskError as exc:
                raise SmedeskError(tr("Row {n}: {reason}", n=r + 1, reason=exc.message)) from None
            lines.append(Line(cells[0], to_cents(debit), to_cents(credit)))
        return lines

    # posted on the database worker; a refusal is said under the table, the rows kept
    def post_manual(self) -> None:
        try:
            lines = self._manual_lines()
        except SmedeskError as exc:
            self._refused(exc)
            return
        day, memo, actor = self.new_date.text(), self.new_memo.text().strip(), self.ctx.actor
        self.write(lambda db: journal.post(db, day, lines, memo=memo, actor=actor), changes=Changes("accounts"),
                   done=self._posted, failed=self._refused)

    def _posted(self, entry_id: int) -> None:
        self.new_lines.clearContents()
        self.new_memo.clear()
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(tr("Entry {id} posted.", id=entry_id))

    def _refused(self, exc: SmedeskError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def reverse_selected(self) -> None:
        entry_id = selected_key(self.entries)
        if entry_id is None:
            self._refused(SmedeskError(tr("Select an entry first.")))
            return
        day, actor = self.day.text(), self.ctx.actor

        def reversed_(new_id):
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(tr("Entry {id} reversed by entry {new}.", id=entry_id, new=new_id))

        self.write(lambda db: journal.reverse(db, entry_id, actor=actor, day=day), changes=Changes("accounts"),
                   done=reversed_, failed=self._refused)


PAGE = PageInfo("accounts_journal", N_("Journal"), 76, AccountsJournalPage, permission="accounts.view")
