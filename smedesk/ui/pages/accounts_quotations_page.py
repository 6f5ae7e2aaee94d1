"""Cuentas › Cotizaciones: priced offers to customers (also those that arrive
from a marketplace), moved from draft to sent to accepted or rejected, printed
in Spanish or English."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from smedesk.accounts import quotations
from smedesk.core import dates, i18n, parties
from smedesk.core.changes import NOTHING, Changes
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.ui.accounts import fill, make_table, num, output_dir, selected_key
from smedesk.ui.accounts.document_lines import DocumentLines, NoWheelCombo, catalogue_choices
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form, say_when_empty

ACTIONS = (("sent", N_("Mark as sent")), ("accepted", N_("Accepted")), ("rejected", N_("Rejected")))


class AccountsQuotationsPage(Page):
    areas = ("accounts", "quotations", "parties")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Quotations"),
                         tr("Offers to customers with their prices and validity. Mark them as sent, accepted or rejected."))
        self.table = make_table([tr("Number"), tr("Customer"), tr("Date"), tr("Valid until"), tr("Currency"),
                                 tr("Total"), tr("State")], 200)
        say_when_empty(self.table, tr("No quotations yet: fill in «New quotation» below."))
        self.body.addWidget(self.table)
        bar = QHBoxLayout()
        for state, label in ACTIONS:
            button = QPushButton(tr(label))
            button.setObjectName(f"quotation_{state}")
            button.clicked.connect(lambda _=False, s=state: self.move(s))
            bar.addWidget(button)
        order = QPushButton(tr("Make an order"))
        order.setObjectName("quotation_order")
        order.clicked.connect(self.make_order)
        bar.addWidget(order)
        self.lang = QComboBox()
        self.lang.addItem("Español", "es")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if i18n.current() == "es" else 1)
        bar.addStretch(1)
        bar.addWidget(self.lang)
        pdf = QPushButton(tr("Print (PDF)"))
        pdf.setObjectName("quotation_pdf")
        pdf.clicked.connect(self.print_selected)
        bar.addWidget(pdf)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.printing = PrintBar(self, say=lambda text, ok=True: self._say(text, error=not ok))
        self.body.addWidget(self.printing)

        self.body.addWidget(QLabel(f"<b>{tr('New quotation')}</b>"))
        self.form = Form()
        self.party = NoWheelCombo()
        self.form.add("party_id", tr("Customer"), self.party)
        self.lines = DocumentLines(with_tax=False)
        self.lines.changed.connect(self._update_total)
        self.form.add("lines", tr("Lines"), self.lines, wide=True)
        self.currency = NoWheelCombo()
        self.currency.addItems(["PEN", "USD"])
        self.form.add("currency", tr("Currency"), self.currency)
        self.incoterm = NoWheelCombo()
        self.incoterm.addItem("—", None)
        for term in quotations.INCOTERMS:
            self.incoterm.addItem(term, term)
        self.form.add("incoterm", tr("Incoterm"), self.incoterm)
        self.form.add("valid_until", tr("Valid until (empty: 15 days)"), DateField(optional=True))
        self.form.add("notes", tr("Notes"))
        self.form.finish()
        self.body.addWidget(self.form)
        save = QPushButton(tr("Create quotation"))
        save.setObjectName("save_quotation")
        save.clicked.connect(self.save)
        self.body.addWidget(save)
        self.body.addStretch(1)
        self.lines.clear()
        self.refresh()

    def _update_total(self, *_args) -> None:
        from decimal import Decimal

        from smedesk.core.money import format_money, round_cents, to_decimal
        from smedesk.einvoice.words import amount_in_words

        total = Decimal(0)
        for line in self.lines.lines():
            try:
                total += round_cents(to_decimal(line["qty"]) * to_decimal(line["unit_price"]))
            except SmedeskError:
                continue
        self.lines.totals.setText(tr("Total {total}", total=format_money(total, self.currency.currentText())))
        self.lines.words.setText(amount_in_words(int(total * 100), self.currency.currentText()))

    def refresh(self) -> None:
        if self.ctx.actor.can("orders.edit"):
            # on the worker; when any expired, the broadcast brings this page back with them shown
            actor = self.ctx.actor
            self.write(lambda db: quotations.expire_overdue(db, actor=actor),
                       changes=lambda expired: Changes("quotations") if expired else NOTHING)
        found = quotations.list_quotations(self.ctx.db)
        fill(self.table, [[q["number"], q["party_name"], dates.show_date(q["date"]), dates.show_date(q["valid_until"]), q["currency"],
                           num(q["total"]), tr(quotations.STATE_NAMES[q["state"]])] for q in found],
             numeric=(5,), keys=[q["id"] for q in found])
        self.lines.set_catalogue(catalogue_choices(self.ctx.db))
        current = self.party.currentData()
        self.party.clear()
        for p in parties.list_parties(self.ctx.db, customers=True):
            self.party.addItem(p["name"], p["id"])
        index = self.party.findData(current)
        if index >= 0:
            self.party.setCurrentIndex(index)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def move(self, state: str) -> None:
        qid = selected_key(self.table)
        if qid is None:
            self._say(tr("Select a quotation in the table first."), error=True)
            return
        actor = self.ctx.actor
        self.write(lambda db: quotations.set_quotation_state(db, qid, state, actor=actor),
                   changes=Changes("quotations"), done=lambda _: self._say(tr("Recorded.")), failed=self._refused)

    def _refused(self, exc: SmedeskError) -> None:
        self._say(str(exc), error=True)

    def make_order(self) -> None:
        import datetime as dt

        from smedesk.accounts.from_orders import order_from_quotation
        from smedesk.core import clock

        qid = selected_key(self.table)
        if qid is None:
            self._say(tr("Select a quotation in the table first."), error=True)
            return
        number = quotations.get_quotation(self.ctx.db, qid)["number"].replace("COT", "PED")
        due, actor = clock.today_lima() + dt.timedelta(days=15), self.ctx.actor
        self.write(lambda db: order_from_quotation(db, qid, number, due, actor=actor),
                   changes=Changes("orders", "quotations"),
                   done=lambda _: self._say(tr("Order {number} created.", number=number)), failed=self._refused)

    def print_selected(self) -> None:
        from smedesk.accounts.printing import quotation_data
        qid = selected_key(self.table)
        if qid is None:
            self._say(tr("Select a quotation in the table first."), error=True)
            return
        folder, lang = output_dir(self.ctx, "cotizaciones"), self.lang.currentData()
        doc_tr = i18n.translator(lang)

        def draw(data, **job):
            path = folder / f"{data['quotation']['number']}-{lang}.pdf"
            return printout("quotation_pdf").render(data, path, tr=doc_tr, **job)

        self.printing.start(lambda db: quotation_data(db, qid), draw,
                            done=lambda path: self._say(tr("Saved in {path}", path=path)))

    def save(self) -> None:
        f = self.form
        try:
            if self.party.currentData() is None:
                raise ValidationError(tr("Choose a customer."), field="party_id")
            lines = [{"product_id": li.get("product_id"), "description": li["description"], "qty": li["qty"],
                      "unit_price": li["unit_price"]} for li in self.lines.lines()]
            if not lines:
                raise ValidationError(tr("Write at least one line: its description and price."), field="lines")
        except SmedeskError as exc:
            self._form_refused(exc)
            return
        party_id, options = self.party.currentData(), dict(
            currency=self.currency.currentText(), incoterm=self.incoterm.currentData(),
            valid_until=f.text("valid_until") or None, notes=f.text("notes"), actor=self.ctx.actor)
        self.write(lambda db: quotations.create_quotation(db, party_id, lines, **options),
                   changes=Changes("quotations"), done=self._created, failed=self._form_refused)

    def _form_refused(self, exc: SmedeskError) -> None:
        if exc.field in ("description", "qty", "unit_price", "product_id"):
            exc.field = "lines"
        self.form.show_error(exc)

    def _created(self, qid: int) -> None:
        f = self.form
        q = quotations.get_quotation(self.ctx.db, qid)
        for key in ("notes", "valid_until"):
            f.fields[key].clear()
        self.lines.clear()
        f.show_ok(tr("Quotation {number} created.", number=q["number"]))


PAGE = PageInfo("accounts_quotations", N_("Quotations"), 78, AccountsQuotationsPage, permission="accounts.view")
