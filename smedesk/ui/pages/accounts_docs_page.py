"""Cuentas › Ventas y compras: issue sales documents, record suppliers' documents,
see them with what is still owed, print a comprobante."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from smedesk.accounts import chart, documents, exchange, padron
from smedesk.accounts.payments import outstanding_cents
from smedesk.core import clock, dates, parties
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import format_money, from_cents
from smedesk.ui.accounts import fill, make_table, num, selected_key
from smedesk.ui.accounts.document_lines import DocumentLines, NoWheelCombo
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import ERROR_STYLE, Form, say_when_empty

FIELD_MAP = {"qty": "lines", "unit_price": "lines", "unit": "lines", "discount": "lines", "tax": "lines",
             "account": "lines", "description": "lines", "doc_type": "doc_type", "reason": "ref",
             "perception_from": "perception", "bought": "lines"}


def document_rows(db, kind: str) -> dict:
    """On the database worker: the latest 300 documents of a kind as the list shows
    them, with what each still owes and, for sales, SUNAT's state and words."""
    from smedesk.einvoice import waiting
    from smedesk.ui.accounts.sunat_bar import state_text, words_text

    docs = documents.list_documents(db, kind, limit=300)
    sunat = {s["id"]: s for s in waiting.documents(db, limit=300)} if kind == "sale" else {}
    rows, keys = [], []
    for d in docs:
        owed = "" if d["doc_type"] == "07" else num(from_cents(outstanding_cents(db, d)))
        rows.append([dates.show_date(d["date"]), d["label"], tr(documents.DOC_TYPES[d["doc_type"]]), d["party_name"],
                     d["currency"], num(from_cents(d["total_cents"])), owed, state_text(sunat.get(d["id"])),
                     words_text(sunat.get(d["id"]))])
        keys.append(d["id"])
    return {"rows": rows, "keys": keys}


class AccountsDocsPage(Page):
    areas = ("accounts", "parties", "sunat")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Sales and purchases"),
                         tr("Facturas, boletas and notes you issue, and your suppliers' comprobantes. Each one goes to the books by itself."))
        self._issuing = False  # a comprobante is being recorded on the worker
        bar = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.addItem(tr("Sales"), "sale")
        self.filter.addItem(tr("Purchases"), "purchase")
        self.filter.currentIndexChanged.connect(self.refresh)
        bar.addWidget(QLabel(tr("Show")))
        bar.addWidget(self.filter)
        bar.addStretch(1)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.table = make_table([tr("Date"), tr("Document"), tr("Type"), tr("Customer / supplier"), tr("Currency"),
                                 tr("Total"), tr("Owed"), tr("SUNAT"), tr("SUNAT says")], keep=(0, 1))
        from smedesk.ui.accounts.doc_printing import DocumentPrinting

        self.empty = say_when_empty(self.table, "")
        self.printouts = DocumentPrinting(self, self.table, self._say)
        bar.addWidget(self.printouts)
        self.body.addWidget(self.table)
        from smedesk.ui.accounts.sunat_bar import SunatBar

        self.sunat = SunatBar(self, lambda: selected_key(self.table))
        self.body.addWidget(self.sunat)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)

        self.body.addWidget(QLabel(f"<b>{tr('New document')}</b>"))
        self.form = Form()
        self.kind = NoWheelCombo()
        self.kind.addItem(tr("Sale (I issue it)"), "sale")
        self.kind.addItem(tr("Purchase (a supplier's comprobante)"), "purchase")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.form.add("kind", tr("Sale or purchase"), self.kind)
        self.doc_type = NoWheelCombo()
        for code, name in documents.DOC_TYPES.items():
            self.doc_type.addItem(f"{code} {tr(name)}", code)
        self.doc_type.currentIndexChanged.connect(self._type_changed)
        self.form.add("doc_type", tr("Document type"), self.doc_type)
        self.form.add("series", tr("Series"))
        self.form.add("number", tr("Number"))
        self.form.add("date", tr("Date"), DateField())
        self.party = NoWheelCombo()
        self.form.add("party_id", tr("Customer / supplier"), self.party)
        quick = QHBoxLayout()
        quick.setContentsMargins(0, 0, 0, 0)
        self.new_party_name = QLineEdit()
        self.new_party_name.setPlaceholderText(tr("New: name"))
        self.new_party_id = QLineEdit()
        self.new_party_id.setPlaceholderText(tr("RUC or DNI"))
        self.new_party_id.setMaximumWidth(140)
        self.new_party_id.editingFinished.connect(self.ruc_typed)
        add_party = QPushButton(tr("Add"))
        add_party.setObjectName("add_party")
        add_party.clicked.connect(self.add_party)
        quick.addWidget(self.new_party_name, 1)
        quick.addWidget(self.new_party_id)
        quick.addWidget(add_party)
        quick_holder = QWidget()
        quick_holder.setLayout(quick)
        self.form.add("new_party", "", quick_holder)
        self.form.add("ref", tr("Document it modifies (notes: F001-123)"))
        self.bought = NoWheelCombo()
        self.bought.setObjectName("bought")
        for key, (code, name) in chart.PURCHASE_CLASSES.items():
            self.bought.addItem(f"{tr(name)} ({code})", key)
        self.form.add("bought", tr("What was bought"), self.bought)
        self.includes = QCheckBox(tr("The price already includes IGV"))
        self.includes.setChecked(True)
        self.includes.toggled.connect(self._update_totals)
        self.form.add("includes", "", self.includes)
        self.lines = DocumentLines()
        self.lines.changed.connect(self._update_totals)
        self.form.add("lines", tr("Lines"), self.lines, wide=True)
        self.form.add("cuotas", tr("Cuotas (Crédito)"))
        self.form.fields["cuotas"].setPlaceholderText(tr("empty: Contado; or amount date; …: 590.00 05/04/2026; "
                                                         "590.00 05/05/2026"))
        self.currency = NoWheelCombo()
        self.currency.addItems(["PEN", "USD"])
        self.currency.currentIndexChanged.connect(self._update_totals)
        self.form.add("currency", tr("Currency"), self.currency)
        self.form.add("fx", tr("Exchange rate (soles per dollar)"))
        self.currency.currentIndexChanged.connect(self.propose_fx)
        self.form.fields["date"].editingFinished.connect(self.propose_fx)
        self.form.add("spot_code", tr("SPOT code (detracción), if any: 025, 037, 008…"))
        self.form.add("perception", tr("Percepción charged by the supplier (paid in cash)"))
        self.form.finish()
        self.body.addWidget(self.form)
        buttons = QHBoxLayout()
        save = self.save_button = QPushButton(tr("Issue"))
        save.setObjectName("save_doc")
        save.clicked.connect(self.save)
        buttons.addWidget(save, 1)
        if _has_orders():
            self.order_number = QLineEdit()
            self.order_number.setPlaceholderText(tr("Order number"))
            self.order_number.setObjectName("order_number")
            buttons.addWidget(self.order_number)
            invoice = QPushButton(tr("Invoice order"))
            invoice.setObjectName("invoice_order")
            invoice.clicked.connect(self.invoice_order)
            buttons.addWidget(invoice)
        holder = QWidget()
        holder.setLayout(buttons)
        self.body.addWidget(holder)
        self.body.addStretch(1)
        self._reset_fields()
        self.refresh()

    def _reset_fields(self) -> None:
        self.form.fields["date"].setDate(clock.today_lima())
        self.form.fields["date"].textChanged.connect(self._update_totals)
        self.lines.clear()
        self._type_changed()

    def _day(self) -> str:
        """The date typed (dd/mm/aaaa, as the field shows it) as aaaa-mm-dd; empty
        while it is no date yet."""
        day = self.form.fields["date"].date()
        return day.isoformat() if day else ""

    def _update_totals(self, *_args) -> None:
        from smedesk.einvoice.preview import preview

        figures = preview(self.ctx.db, self.lines.lines(), date=self._day() or "2999-12-31",
                          currency=self.currency.currentText(), prices_include_igv=self.includes.isChecked())
        self.lines.show_amounts(figures, self.currency.currentText())

    def confirm(self, text: str) -> bool:
        """Ask once before issuing (tests replace it)."""
        from PySide6.QtWidgets import QMessageBox

        return QMessageBox.question(self, tr("Issue"), text) == QMessageBox.Yes

    def _kind_changed(self) -> None:
        self._fill_parties()
        self._type_changed()

    def _type_changed(self) -> None:
        sale = self.kind.currentData() == "sale"
        self.save_button.setText(tr("Issue") if sale else tr("Record document"))
        code = self.doc_type.currentData()
        if sale:
            series = "B001" if code == "03" else "F001"
            self.form.fields["series"].setText(series)
            self.form.fields["number"].setText("")
            self.form.fields["number"].setPlaceholderText(
                tr("next: {n}", n=documents.next_number(self.ctx.db, code, series)))
        else:
            self.form.fields["number"].setPlaceholderText("")
        self.bought.setEnabled(not sale)

    def _fill_parties(self) -> None:
        sale = self.kind.currentData() == "sale"
        self.party.clear()
        if sale:
            self.party.addItem(tr("— no customer (boleta) —"), None)
        for p in parties.list_parties(self.ctx.db, customers=sale, suppliers=not sale):
            self.party.addItem(f"{p['name']} {p['id_number']}".strip(), p["id"])

    def refresh(self) -> None:
        kind = self.filter.currentData()
        self.sunat.setVisible(kind == "sale")
        self.empty.setText(tr("No comprobantes yet: fill in «New document» below and press «Issue».") if kind == "sale"
                           else tr("No supplier's comprobantes yet: choose «Purchase» in «New document» below and "
                                   "record the one they gave you."))
        # the list (with what each still owes and SUNAT's answer) is read on the worker
        self.read(lambda db: document_rows(db, kind), done=self._fill_list, key="list")
        from smedesk.ui.accounts.document_lines import catalogue_choices

        self.lines.set_catalogue(catalogue_choices(self.ctx.db))
        current = self.party.currentData()
        self._fill_parties()
        index = self.party.findData(current)
        if index >= 0:
            self.party.setCurrentIndex(index)
        self._type_changed()

    def _fill_list(self, listed: dict) -> None:
        fill(self.table, listed["rows"], numeric=(5, 6), keys=listed["keys"])

    def _cuotas(self) -> list[tuple[str, str]]:
        text = self.form.text("cuotas").strip()
        plan = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            pieces = part.split()
            if len(pieces) != 2:
                raise ValidationError(tr("Write each cuota as its amount and date: 590.00 05/04/2026."),
                                      field="cuotas")
            plan.append((pieces[0], pieces[1]))
        return plan

    def save(self) -> None:
        if self._issuing and self.ctx.ops.pending(self):
            return  # a second click while the first is being recorded: one document, one question
        f = self.form
        number = f.text("number").strip()
        lines = self.lines.lines()
        sale = self.kind.currentData() == "sale"
        if not sale:
            lines = [{**li, "bought": self.bought.currentData()} for li in lines]
        try:
            if number and not number.isdigit():
                raise ValidationError(tr("«{value}» is not a document number.", value=number), field="number")
            if not lines:
                raise ValidationError(tr("Write at least one line: its description and price."), field="lines")
            cuotas = self._cuotas()
            if sale:
                from smedesk.einvoice.preview import preview

                figures = preview(self.ctx.db, lines, date=self._day() or "2999-12-31",
                                  currency=self.currency.currentText(), prices_include_igv=self.includes.isChecked())
                question = tr("Issue {type} {series} to {party} for {total}? Once issued it cannot be "
                              "changed (only corrected with a note).",
                              type=tr(documents.DOC_TYPES[self.doc_type.currentData()]),
                              series=f.text("series").upper(), party=self.party.currentText(),
                              total=format_money(figures["total"], self.currency.currentText()))
                if not self.confirm(question):
                    return
        except SmedeskError as exc:
            self._refused(exc)
            return
        args = (self.kind.currentData(), self.doc_type.currentData(), f.text("series"), lines)
        options = dict(actor=self.ctx.actor, date=f.text("date"), party_id=self.party.currentData(),
                       currency=self.currency.currentText(), fx=f.text("fx") or None,
                       prices_include_igv=self.includes.isChecked(), number=int(number) if number else None,
                       ref=f.text("ref") or None, cuotas=cuotas or None,
                       spot_code=f.text("spot_code").strip() or None,
                       perception=f.text("perception").strip() or None, perception_from="1011")
        # on the database worker: the form keeps everything until the answer says it was recorded
        self._issuing = self.write(lambda db: documents.create_document(db, *args, **options),
                                   changes=Changes("accounts"), done=self._recorded, failed=self._refused)

    def _refused(self, exc: SmedeskError) -> None:
        self._issuing = False
        if exc.field in FIELD_MAP:
            exc.field = FIELD_MAP[exc.field]
        self.form.show_error(exc)

    def _recorded(self, doc_id: int) -> None:
        self._issuing = False
        f = self.form
        doc = documents.get_document(self.ctx.db, doc_id)
        for key in ("ref", "number", "cuotas"):
            f.fields[key].clear()
        self.lines.clear()
        note = tr("{doc} recorded: total {total}.", doc=doc["label"],
                  total=format_money(from_cents(doc["total_cents"]), doc["currency"]))
        if doc["currency"] != "PEN" and f.text("fx").strip():
            note = " ".join(filter(None, [note, exchange.fx_warning(self.ctx.db, doc["date"], f.text("fx"))]))
        note = " ".join(filter(None, [note, _withholding_note(self.ctx.db, doc)]))
        for key in ("spot_code", "perception"):
            f.fields[key].clear()
        f.show_ok(note)

    def propose_fx(self) -> None:
        """A dollar document proposes the SBS rate of its date."""
        field = self.form.fields["fx"]
        if self.currency.currentText() == "PEN":
            field.setPlaceholderText("")
            return
        day = self._day() if self.form.text("date") else clock.today_lima().isoformat()
        rate = exchange.rate_for(self.ctx.db, day) if day else None
        field.setPlaceholderText(tr("SBS: {rate}", rate=rate) if rate else tr("no SBS rate for this date"))

    def ruc_typed(self) -> None:
        """With the padrón index, a typed RUC fills the name and warns on BAJA / NO HABIDO."""
        found = padron.lookup(self.ctx.db, self.new_party_id.text())
        if found is None:
            return
        if not self.new_party_name.text().strip():
            self.new_party_name.setText(found["name"])
        if found["warning"]:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(found["warning"])

    def add_party(self) -> None:
        sale = self.kind.currentData() == "sale"
        number = self.new_party_id.text().strip()
        party, actor = {"name": self.new_party_name.text(), "id_number": number, "is_customer": sale,
                        "is_supplier": not sale}, self.ctx.actor
        self.write(lambda db: parties.save(db, party, actor=actor), changes=Changes("parties"),
                   done=self._party_added, failed=self._party_refused)

    def _party_refused(self, exc: SmedeskError) -> None:
        exc.field = "new_party"
        self.form.show_error(exc)

    def _party_added(self, party_id: int) -> None:
        self.new_party_name.clear()
        self.new_party_id.clear()
        self.form.clear_errors()
        self._fill_parties()
        self.party.setCurrentIndex(self.party.findData(party_id))

    def invoice_order(self) -> None:
        from smedesk.accounts.from_orders import invoice_from_order

        f = self.form
        args = (self.order_number.text(), self.doc_type.currentData(), f.text("series"))
        options = dict(actor=self.ctx.actor, date=f.text("date"), fx=f.text("fx") or None,
                       prices_include_igv=self.includes.isChecked())
        self.write(lambda db: invoice_from_order(db, *args, **options), changes=Changes("accounts", "orders"),
                   done=self._order_invoiced, failed=f.show_error)

    def _order_invoiced(self, doc_id: int) -> None:
        doc = documents.get_document(self.ctx.db, doc_id)
        self.order_number.clear()
        self.form.show_ok(tr("{doc} recorded: total {total}.", doc=doc["label"],
                             total=format_money(from_cents(doc["total_cents"]), doc["currency"])))

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet("" if ok else ERROR_STYLE)
        self.message.setText(text)


def _has_orders() -> bool:
    try:
        import smedesk.tracking.orders  # noqa: F401
    except ModuleNotFoundError:
        return False
    return True


def _withholding_note(db, doc: dict) -> str:
    """What the owner must know after saving: the detracción to deposit or receive, the retención."""
    from smedesk.accounts import withholdings

    t = withholdings.taxes_of(db, doc["id"])
    amount = num(from_cents(t["detraccion_cents"]))
    if t["detraccion_cents"] and doc["kind"] == "purchase":
        return tr("Subject to detracción {code}: deposit S/ {amount} to the supplier's Banco de la Nación account; "
                  "the IGV credit counts from the month you record the deposit.", code=t["spot_code"], amount=amount)
    if t["detraccion_cents"]:
        return tr("Subject to detracción {code}: the customer deposits S/ {amount} in your Banco de la Nación account "
                  "and pays you the rest.", code=t["spot_code"], amount=amount)
    if t["retention_cents"]:
        return tr("The customer is an agente de retención: they keep S/ {amount} (3%) and send the comprobante de "
                  "retención.", amount=num(from_cents(t["retention_cents"])))
    return ""


PAGE = PageInfo("accounts_docs", N_("Sales and purchases"), 70, AccountsDocsPage, permission="accounts.view")
