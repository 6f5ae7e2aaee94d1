"""Costos: what one unit really costs, line by line; the price to charge; the
what-if dialog; the month's overhead and the hours it is spread over."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock, settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import dec_str, grouped
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.sheet import remove_overhead, save_cost_settings
from smedesk.ui.costing.materials_view import unit_label
from smedesk.ui.costing.whatif_dialog import WhatIfDialog
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.savefiles import ask_save, file_part
from smedesk.ui.widgets import Form, say_when_empty


def number(value) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


def amount(value) -> str:
    """Soles as es-PE shows them: thousands with a comma, two decimals ('1,850.00')."""
    return grouped(Decimal(value))


class CostsPage(Page):
    areas = ("catalogue", "settings")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Costs"), tr("What one unit really costs you, and what to charge for it."))
        self.can_edit = ctx.actor.can("catalogue.edit")
        self.body.addWidget(self._chooser())
        self.breakdown = QTableWidget(0, 5)
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setHorizontalHeaderLabels([tr("Kind"), tr("Item"), tr("Quantity"), tr("Price or rate"),
                                                  tr("Amount")])
        self.breakdown.verticalHeader().hide()
        self.breakdown.verticalHeader().setDefaultSectionSize(24)
        self.breakdown.setWordWrap(False)
        self.breakdown.horizontalHeader().setStretchLastSection(True)
        self.breakdown.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.breakdown.setMinimumHeight(250)
        self.body.addWidget(self.breakdown)
        self.body.addWidget(self._actions())
        self.printing = PrintBar(self)
        self.body.addWidget(self.printing)
        row = QHBoxLayout()
        row.addWidget(self._totals_box(), 1)
        row.addWidget(self._price_box(), 1)
        holder = QWidget()
        holder.setLayout(row)
        self.body.addWidget(holder)
        self.body.addWidget(self._overhead_box())
        self.body.addStretch(1)
        self.refresh()

    # ---- building ------------------------------------------------------------
    def _chooser(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.product = QComboBox()
        self.product.setObjectName("cost_product")
        self.product.setEditable(True)  # type part of a SKU or name to find it
        self.product.setInsertPolicy(QComboBox.NoInsert)
        self.product.completer().setFilterMode(Qt.MatchContains)
        self.product.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.product.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.product.setMinimumContentsLength(24)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.variant = QComboBox()
        self.variant.setObjectName("cost_variant")
        self.variant.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.variant.setMinimumContentsLength(12)
        self.variant.currentIndexChanged.connect(self.update_cost)
        row.addWidget(QLabel(tr("Product")))
        row.addWidget(self.product, 1)
        row.addWidget(self.variant)
        row.addWidget(QLabel(tr("as of")))
        self.as_of = QDateEdit()
        self.as_of.setObjectName("cost_as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        today = clock.today_lima()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.as_of.dateChanged.connect(self.update_cost)
        row.addWidget(self.as_of)
        return holder

    def _actions(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        whatif = QPushButton(tr("What if…?"))
        whatif.setObjectName("open_whatif")
        whatif.clicked.connect(self.open_whatif)
        sheet = QPushButton(tr("Cost sheet PDF…"))
        sheet.clicked.connect(self.choose_cost_sheet)
        row.addStretch(1)
        row.addWidget(whatif)
        row.addWidget(sheet)
        return holder

    def _totals_box(self) -> QGroupBox:
        box = QGroupBox(tr("Per unit"))
        grid = QGridLayout(box)
        self.totals: dict[str, QLabel] = {}
        for n, (key, label) in enumerate((("materials", tr("Materials")), ("labour", tr("Labour")),
                                          ("overhead", tr("Overhead")), ("unit_cost", tr("Unit cost")))):
            grid.addWidget(QLabel(label), n, 0)
            value = QLabel("")
            value.setObjectName(f"total_{key}")
            if key == "unit_cost":
                value.setStyleSheet("font-size: 18px; font-weight: 700;")
            grid.addWidget(value, n, 1)
            self.totals[key] = value
        self.at_average = QLabel("")
        self.at_average.setObjectName("cost_at_average")
        self.at_average.setWordWrap(True)
        grid.addWidget(self.at_average, 4, 0, 1, 2)
        return box

    def _price_box(self) -> QGroupBox:
        box = QGroupBox(tr("Price to charge"))
        layout = QVBoxLayout(box)
        self.price_form = Form()
        self.margin = self.price_form.add("margin_pct", tr("Margin on price %"))
        self.markup = self.price_form.add("markup_pct", tr("or markup on cost %"))
        self.price_form.finish()
        layout.addWidget(self.price_form)
        self.price_label = QLabel("")
        self.price_label.setObjectName("price_label")
        self.price_label.setWordWrap(True)
        layout.addWidget(self.price_label)
        self.margin.textEdited.connect(lambda _t: (self.markup.clear(), self.update_price()))
        self.markup.textEdited.connect(lambda _t: (self.margin.clear(), self.update_price()))
        return box

    def _overhead_box(self) -> QGroupBox:
        box = QGroupBox(tr("Overhead of the month"))
        row = QHBoxLayout(box)
        self.overhead = QTableWidget(0, 2)
        self.overhead.setObjectName("overhead_table")
        self.overhead.setHorizontalHeaderLabels([tr("Item"), tr("Monthly amount")])
        self.overhead.verticalHeader().hide()
        self.overhead.verticalHeader().setDefaultSectionSize(24)
        self.overhead.horizontalHeader().setStretchLastSection(True)
        self.overhead.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.overhead.setMinimumHeight(170)
        self.overhead.itemSelectionChanged.connect(self._overhead_selected)
        if self.can_edit:
            self.overhead_empty = say_when_empty(self.overhead, tr(
                "No overhead yet: write what the workshop pays each month (rent, light…) and its amount on the "
                "right, then press «Save»."))
        row.addWidget(self.overhead, 1)
        right = QVBoxLayout()
        self.overhead_form = Form()
        self.overhead_form.add("name", tr("Item"))
        self.overhead_form.add("monthly_amount", tr("Monthly amount (S/)"))
        self.overhead_form.add("production.hours_per_month", tr("Productive hours per month"))
        self.overhead_form.add("fx.usd_pen", tr("Exchange rate (S/ per US$)"))
        self.overhead_form.finish()
        right.addWidget(self.overhead_form)
        self.rate_label = QLabel("")
        self.rate_label.setObjectName("overhead_rate")
        self.rate_label.setWordWrap(True)
        right.addWidget(self.rate_label)
        buttons = QHBoxLayout()
        save = QPushButton(tr("Save"))
        save.setObjectName("save_overhead")
        save.clicked.connect(self.save_overhead)
        remove = QPushButton(tr("Remove selected item"))
        remove.setObjectName("remove_overhead")
        remove.clicked.connect(self.remove_overhead)
        for button in (save, remove):
            button.setVisible(self.can_edit)
            buttons.addWidget(button)
        right.addLayout(buttons)
        right.addStretch(1)
        row.addLayout(right, 1)
        return box

    # ---- refreshing ----------------------------------------------------------
    def refresh(self) -> None:
        current = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        for p in cat.list_products(self.ctx.db):
            self.product.addItem(f"{p['sku']} — {p['name']}", p["id"])
        index = self.product.findData(current)
        self.product.setCurrentIndex(index if index >= 0 else 0)
        self.product.blockSignals(False)
        db = self.ctx.db
        if not self.margin.text() and not self.markup.text():
            self.margin.setText(number(settings.get_decimal(db, "production.margin_pct", "30")))
        items = cat.overhead_items(db)
        self.overhead.setRowCount(len(items))
        for n, o in enumerate(items):
            name = QTableWidgetItem(o["name"])
            name.setData(256, o["id"])
            self.overhead.setItem(n, 0, name)
            self.overhead.setItem(n, 1, QTableWidgetItem(f"S/ {amount(Decimal(o['monthly_cents']) / 100)}"))
        self.overhead.resizeColumnToContents(0)
        self.overhead_form.fields["production.hours_per_month"].setText(number(costing.hours_per_month(db)))
        self.overhead_form.fields["fx.usd_pen"].setText(number(costing.fx_usd_pen(db)))
        self._show_rate()
        self._product_changed()

    def _show_rate(self) -> None:
        db = self.ctx.db
        try:
            rate = costing.overhead_rate(db)
        except SmedeskError as exc:
            self.rate_label.setText(str(exc))
            return
        self.rate_label.setText(tr("S/ {total} a month ÷ {hours} hours = S/ {rate} of overhead per labour hour",
                                   total=amount(costing.monthly_overhead(db)),
                                   hours=number(costing.hours_per_month(db)), rate=dec_str(rate)))

    def _product_changed(self) -> None:
        pid = self.product.currentData()
        self.variant.blockSignals(True)
        self.variant.clear()
        self.variant.addItem(tr("All sizes (base)"), None)
        if pid is not None:
            for v in cat.variants(self.ctx.db, pid):
                self.variant.addItem(" ".join(x for x in (v["size"], v["colour"]) if x), v["id"])
        self.variant.setVisible(self.variant.count() > 1)
        self.variant.blockSignals(False)
        self.update_cost()

    def update_cost(self) -> None:
        pid = self.product.currentData()
        self.cost = None
        if pid is None:
            self.breakdown.setRowCount(0)
            return
        self.cost = costing.unit_cost(self.ctx.db, pid, variant_id=self.variant.currentData(),
                                      as_of=self.as_of.date().toString("yyyy-MM-dd"))
        lines = self.cost.lines
        self.breakdown.setRowCount(len(lines))
        for n, ln in enumerate(lines):
            if ln.kind == "material":
                rate = f"S/ {amount(ln.rate)} / {unit_label(ln.rate_unit)}" + (f" ({ln.detail})" if ln.detail else "")
                qty = f"{number(ln.quantity)} {unit_label(ln.unit)}" + \
                    (f" + {number(ln.waste_pct)}%" if ln.waste_pct else "")
            elif ln.kind == "labour":
                rate = tr("S/ {rate} per piece", rate=amount(ln.rate)) if ln.rate_unit == "unit" else \
                    tr("S/ {rate} per hour", rate=amount(ln.rate))
                qty = tr("{minutes} min", minutes=number(ln.quantity))
            else:
                rate = tr("S/ {rate} per hour", rate=amount(ln.rate))
                qty = tr("{minutes} min", minutes=number(ln.quantity))
            for col, value in enumerate((tr(costing.KIND_NAMES[ln.kind]), ln.name or ln.reference, qty, rate,
                                         f"S/ {amount(ln.amount)}")):
                self.breakdown.setItem(n, col, QTableWidgetItem(value))
        self.breakdown.resizeColumnsToContents()
        for key, label in self.totals.items():
            label.setText(f"S/ {amount(getattr(self.cost, key))}")
        self.show_at_average(pid)
        self.update_price()

    def show_at_average(self, pid) -> None:
        """Beside the list-price cost: the same unit cost with the materials at
        their average stock cost (from the purchases)."""
        from smedesk.stock.costs import unit_cost_at_average

        found = unit_cost_at_average(self.ctx.db, pid, variant_id=self.variant.currentData(),
                                     as_of=self.as_of.date().toString("yyyy-MM-dd"))
        text = tr("At the average stock cost: S/ {cost} (materials S/ {materials})",
                  cost=amount(found["unit_cost"]), materials=amount(found["materials"]))
        if found["at_list"]:
            text += ". " + tr("{codes}: no purchase recorded in Stock yet, so at its list price.",
                              codes=", ".join(found["at_list"]))
        self.at_average.setText(text)

    def update_price(self) -> None:
        if self.cost is None:
            self.price_label.setText("")
            return
        self.price_form.clear_errors()
        try:
            if self.markup.text().strip():
                price = costing.suggested_price(self.cost, markup_pct=self.markup.text())
            else:
                price = costing.suggested_price(self.cost, margin_pct=self.margin.text() or "0")
        except SmedeskError as exc:
            self.price_label.setText("")
            self.price_form.show_error(exc)
            return
        self.price_label.setText(tr("Without IGV: S/ {net}\nIGV {pct}%: S/ {igv}\nWith IGV: S/ {gross}",
                                    net=amount(price.net), pct=number(costing.IGV_PCT), igv=amount(price.igv),
                                    gross=amount(price.gross)))

    # ---- actions -------------------------------------------------------------
    def _overhead_selected(self) -> None:
        items = self.overhead.selectedItems()
        if not items:
            return
        n = items[0].row()
        self.overhead_form.fields["name"].setText(self.overhead.item(n, 0).text())
        self.overhead_form.fields["monthly_amount"].setText(self.overhead.item(n, 1).text().replace("S/ ", ""))

    def save_overhead(self) -> None:
        """On the database worker; a refusal shows beside its field, the form kept."""
        form, actor = self.overhead_form, self.ctx.actor
        form.clear_errors()
        item = (form.text("name"), form.text("monthly_amount"))
        hours, fx = form.text("production.hours_per_month"), form.text("fx.usd_pen")
        # one domain operation, one transaction: all three are saved or none
        self.write(lambda db: save_cost_settings(db, item=item, hours_per_month=hours, fx=fx, actor=actor),
                   changes=Changes("catalogue", "settings"), done=self._overhead_saved, failed=form.show_error)

    def _overhead_saved(self, _result=None) -> None:
        self.overhead_form.fields["name"].clear()
        self.overhead_form.fields["monthly_amount"].clear()
        self.overhead_form.show_ok(tr("Saved."))

    def remove_overhead(self) -> None:
        items = self.overhead.selectedItems()
        if not items:
            return
        item_id, actor = self.overhead.item(items[0].row(), 0).data(256), self.ctx.actor
        self.write(lambda db: remove_overhead(db, item_id, actor=actor), changes=Changes("catalogue"),
                   done=self._overhead_removed, failed=self.overhead_form.show_error)

    def _overhead_removed(self, _result=None) -> None:
        self.overhead_form.fields["name"].clear()
        self.overhead_form.fields["monthly_amount"].clear()

    def open_whatif(self) -> WhatIfDialog:
        dialog = WhatIfDialog(self.ctx, self)
        dialog.open()
        return dialog

    def choose_cost_sheet(self) -> None:
        if self.cost is None:
            return
        path = ask_save(self, self.ctx, tr("Cost sheet PDF…"), f"hoja-de-costos-{file_part(self.cost.sku)}.pdf",
                        "PDF (*.pdf)")
        if path:
            from smedesk.core.i18n import translator
            from smedesk.production.printing import cost_sheet_data

            product, variant, as_of, tr_doc = self.cost.product_id, self.cost.variant_id, self.cost.as_of, translator()
            self.printing.start(lambda db: cost_sheet_data(db, product, variant_id=variant, as_of=as_of),
                                lambda data, **job: printout("cost_sheet").render(data, Path(path), tr=tr_doc, **job),
                                done=lambda written: self.printing.say(tr("Written {path}", path=written)))


PAGE = PageInfo("costs", N_("Costs"), 60, CostsPage, permission="money.view")
