"""Widgets of the export plan editor: paired Spanish/English texts, the
action plan and budget tables, and the price step whose build-up table
updates as the owner types (pure pricing functions, nothing saved)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock, dates
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, grouped
from smedesk.exportplan import plans, pricing
from smedesk.exportplan.pricing import money_text
from smedesk.ui.datefield import DateField
from smedesk.ui.widgets import ERROR_STYLE, Form

HELP_STYLE = ("background: #eef5fb; border: 1px solid #b9d3ea; border-radius: 4px; padding: 8px;"
              " color: #1f3b57;")


def help_box(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HELP_STYLE)
    label.setObjectName("step_help")
    return label


class TextPair(QWidget):
    """One section text: Spanish on the left, English (for the buyer) on the right."""

    def __init__(self, key: str, label: str):
        super().__init__()
        self.key = key
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        title = QLabel(label)
        title.setStyleSheet("font-weight: 600;")
        grid.addWidget(title, 0, 0, 1, 2)
        self.es, self.en = QPlainTextEdit(), QPlainTextEdit()
        for n, (edit, name) in enumerate(((self.es, tr("Spanish")), (self.en, tr("English (for the buyer)")))):
            edit.setObjectName(f"text_{key}" + ("_en" if n else ""))
            edit.setPlaceholderText(name)
            edit.setFixedHeight(64)
            edit.setTabChangesFocus(True)
            grid.addWidget(edit, 1, n)

    def load(self, texts: dict) -> None:
        self.es.setPlainText(texts.get(self.key, ""))
        self.en.setPlainText(texts.get(f"{self.key}_en", ""))

    def values(self) -> dict:
        return {self.key: self.es.toPlainText(), f"{self.key}_en": self.en.toPlainText()}


class RowsTable(QWidget):
    """An editable table with add and remove buttons; `rows()` returns dicts."""

    def __init__(self, columns: list[tuple[str, str]], add_label: str):
        super().__init__()
        self.keys = [k for k, _ in columns]
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([label for _, label in columns])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, len(columns)):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        self.table.setMinimumHeight(180)
        box.addWidget(self.table)
        row = QHBoxLayout()
        add, remove = QPushButton(add_label), QPushButton(tr("Remove selected line"))
        add.clicked.connect(lambda: self.add_row({}))
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box.addLayout(row)

    def add_row(self, values: dict) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        for c, key in enumerate(self.keys):
            self.table.setItem(n, c, QTableWidgetItem(str(values.get(key, "") or "")))

    def remove_selected(self) -> None:
        for n in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(n)

    def load(self, items: list[dict]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.add_row(item)

    def rows(self) -> list[dict]:
        out = []
        for n in range(self.table.rowCount()):
            values = {k: (self.table.item(n, c).text() if self.table.item(n, c) else "").strip()
                      for c, k in enumerate(self.keys)}
            if any(values.values()):
                out.append(values)
        return out


class ActionsTable(RowsTable):
    def __init__(self):
        super().__init__([("what", tr("Task")), ("due", tr("Date (dd/mm/yyyy)")), ("who", tr("Responsible")),
                          ("done", tr("Done (x)"))], tr("Add task"))
        self.setObjectName("actions_table")

    def load(self, items):
        super().load([{**a, "due": dates.show_date(a.get("due")), "done": "x" if a.get("done") else ""}
                      for a in items])

    def rows(self):
        return [{**r, "done": bool(r.get("done"))} for r in super().rows()]


class BudgetTable(RowsTable):
    def __init__(self):
        super().__init__([("item", tr("Item")), ("amount", tr("Amount")), ("currency", tr("Currency (PEN/USD)"))],
                         tr("Add budget line"))
        self.setObjectName("budget_table")

    def load(self, items):
        super().load([{**b, "amount": dec_str(b["amount"])} for b in items])

    def rows(self):
        return [{**r, "currency": r.get("currency") or "PEN"} for r in super().rows()]


class PriceStep(QWidget):
    """The cost lines, and the build-up table recomputed on every keystroke."""

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.unit_cost: Decimal | None = None
        self.cost_problem = ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.form = Form()
        self.incoterm = QComboBox()
        for term in pricing.INCOTERMS:
            self.incoterm.addItem(f"{term} – {tr(pricing.INCOTERM_NAMES[term])}", term)
        self.incoterm.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.incoterm.setMinimumContentsLength(24)
        self.form.add("incoterm", tr("Incoterm"), self.incoterm)
        self.form.add("qty", tr("Units per shipment"))
        for name in pricing.COST_FIELDS:
            self.form.add(name, pricing.label(name))
        self.form.finish()
        box.addWidget(self.form)
        self.cost_label = QLabel("")
        self.cost_label.setObjectName("unit_cost")
        self.cost_label.setStyleSheet("font-weight: 600;")
        box.addWidget(self.cost_label)
        self.table = QTableWidget(len(pricing.INCOTERMS), 3)
        self.table.setObjectName("price_table")
        self.table.setHorizontalHeaderLabels([tr("Per unit S/"), tr("Per unit US$"), tr("Shipment US$")])
        self.table.setVerticalHeaderLabels(list(pricing.INCOTERMS))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setFixedHeight(178)
        self.table.horizontalHeader().setStretchLastSection(True)
        for c in range(3):
            self.table.setColumnWidth(c, 150)
        box.addWidget(self.table)
        self.notes = QLabel("")
        self.notes.setObjectName("price_notes")
        self.notes.setWordWrap(True)
        box.addWidget(self.notes)
        self.warnings = QLabel("")
        self.warnings.setObjectName("price_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(ERROR_STYLE)
        box.addWidget(self.warnings)
        for key, widget in self.form.fields.items():
            if key == "incoterm":
                widget.currentIndexChanged.connect(self.recompute)
            else:
                widget.textChanged.connect(self.recompute)

    def set_product(self, product_id: int | None) -> None:
        self.unit_cost, self.cost_problem = None, ""
        if product_id is None:
            self.cost_problem = tr("Choose the product first (step 2).")
        else:
            try:
                self.unit_cost = plans.rates.unit_cost(self.ctx.db, product_id)
            except SmedeskError as exc:
                self.cost_problem = str(exc)
        self.cost_label.setText(tr("Unit cost: {cost}", cost=money_text(self.unit_cost, "PEN"))
                                if self.unit_cost is not None else self.cost_problem)
        self.recompute()

    def load(self, plan: dict) -> None:
        self.incoterm.setCurrentIndex(pricing.INCOTERMS.index(plan["incoterm"]))
        self.form.fields["qty"].setText(str(plan["qty"] or ""))
        for name in pricing.COST_FIELDS:
            self.form.fields[name].setText(plan["costs"].get(name, ""))
        if not plan["costs"].get("fx_usd_pen"):
            self.form.fields["fx_usd_pen"].setText(self.proposed_rate())
        self.set_product(plan["product_id"])

    def proposed_rate(self) -> str:
        """The exchange rate a new plan starts from, shown in its field: the SBS
        rate of today (or its last one) when the accounts have it, else the
        business's setting for USD prices. The owner may change it."""
        import sqlite3

        from smedesk.accounts import exchange
        from smedesk.core import settings

        try:
            found = exchange.rate_for(self.ctx.db, clock.today_lima().isoformat())
        except sqlite3.Error:  # a file without the rates table yet: the setting
            found = None
        return dec_str(found) if found is not None else settings.get(self.ctx.db, "fx.usd_pen") or ""

    def values(self) -> dict:
        """What the save sends: only the parts the owner has filled."""
        out = {"incoterm": self.incoterm.currentData()}
        qty = self.form.text("qty").strip()
        if qty:
            out["qty"] = qty
        costs = {name: self.form.text(name).strip() for name in pricing.COST_FIELDS}
        if any(costs.values()):
            out["costs"] = costs
        return out

    def recompute(self) -> None:
        self.form.clear_errors()
        self.table.clearContents()
        self.notes.setText("")
        self.warnings.setText("")
        if self.unit_cost is None:
            return
        try:
            costs = pricing.clean_costs({n: self.form.text(n) for n in pricing.COST_FIELDS})
            result = plans.price_with(self.ctx.db, self.unit_cost, self.form.text("qty"), costs,
                                      self.incoterm.currentData())
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        build = result.build
        for r, term in enumerate(pricing.INCOTERMS):
            cells = (money_text(build.unit_pen[term], "PEN"), money_text(build.unit_usd[term], "USD"),
                     money_text(build.total_usd_at(term), "USD"))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if term == build.incoterm:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        notes = [tr("Exporta Fácil limit: US$ {limit} FOB per shipment.", limit=grouped(result.exporta_facil_limit))]
        if result.drawback_pen is None:
            notes.insert(0, tr("No drawback rate entered: add one below."))
        else:
            notes.insert(0, tr("Drawback refund (not part of the price): {rate}% of the FOB value = {amount}.",
                               rate=result.drawback_rate, amount=money_text(result.drawback_pen, "PEN")))
        self.notes.setText("\n".join(notes))
        self.warnings.setText("\n".join(result.warnings))


class DrawbackRates(QWidget):
    """The dated drawback rates: the rate in force on a day is the latest before it."""

    def __init__(self, ctx, on_change):
        super().__init__()
        self.ctx, self.on_change = ctx, on_change
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        title = QLabel(tr("Drawback rates (restitución), by date"))
        title.setStyleSheet("font-weight: 600;")
        box.addWidget(title)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("drawback_table")
        self.table.setHorizontalHeaderLabels([tr("From"), tr("Rate %"), tr("Note")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setFixedHeight(110)
        box.addWidget(self.table)
        self.form = Form()
        self.form.add("valid_from", tr("From"), DateField(clock.today_lima()))
        self.form.add("rate_pct", tr("Rate %"))
        self.form.add("note", tr("Note"))
        self.form.finish()
        box.addWidget(self.form)
        add = QPushButton(tr("Save rate"))
        add.setObjectName("save_drawback")
        add.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        box.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        found = plans.rates.drawback_rates(self.ctx.db)
        self.table.setRowCount(len(found))
        for n, r in enumerate(found):
            for c, key in enumerate(("valid_from", "rate_pct", "note")):
                value = dates.show_date(r[key]) if key == "valid_from" else r[key]
                self.table.setItem(n, c, QTableWidgetItem(str(value)))

    def save(self) -> None:
        day, pct, note, actor = self.form.text("valid_from"), self.form.text("rate_pct"), self.form.text("note"), \
            self.ctx.actor
        self.ctx.ops.write(lambda db: plans.rates.set_drawback_rate(db, day, pct, note=note, actor=actor),
                           changes=Changes("exportplan"), done=self._saved, failed=self.form.show_error)

    def _saved(self, _result=None) -> None:
        for key in ("valid_from", "rate_pct", "note"):
            self.form.fields[key].clear()
        self.form.show_ok(tr("Rate saved."))
        self.refresh()
        self.on_change()
