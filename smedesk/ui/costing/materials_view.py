"""Materials: a searchable list and a form; a price change is dated."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock, dates, i18n, units
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.money import format_price, rate_str
from smedesk.production import catalogue as cat
from smedesk.ui.datefield import DateField
from smedesk.ui.widgets import Form, say_when_empty


def unit_label(unit: str) -> str:
    """How a unit is written short in the window's language ('unid.', 'pc')."""
    return units.label(unit, i18n.current())


def unit_choice(unit: str) -> str:
    """How a unit reads in a list: 'unid. (unidad)', 'kg (kilo)', 'm²' in Spanish;
    the short label ('pc', 'kg') in English."""
    label = unit_label(unit)
    name = units.NAMES_ES[unit]
    if i18n.current() != "es" or name == label:
        return label
    return f"{label} ({name})"


class MaterialsView(QWidget):
    saved = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_money = ctx.actor.can("money.view")
        self.can_edit = ctx.actor.can("catalogue.edit")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("material_search")
        self.search.setPlaceholderText(tr("Search by code or name"))
        self.search.textChanged.connect(self.refresh)
        left.addWidget(self.search)
        cols = [tr("Code"), tr("Name"), tr("Unit")]
        if self.can_money:
            cols += [tr("Price"), tr("Waste %")]
        self.table = QTableWidget(0, len(cols))
        self.table.setObjectName("materials_table")
        self.empty = say_when_empty(self.table, "")
        self.table.setHorizontalHeaderLabels(cols)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        left.addWidget(self.table, 1)
        layout.addLayout(left, 1)

        right = QVBoxLayout()
        self.form = Form()
        self.form.add("code", tr("Code"))
        self.form.add("name", tr("Name"))
        self.unit = QComboBox()
        for u in units.UNITS:
            self.unit.addItem(unit_choice(u), u)
        self.form.add("unit", tr("Bought by"), self.unit)
        self.form.add("price", tr("Price per unit bought"))
        self.currency = QComboBox()
        self.currency.addItem("S/ (PEN)", "PEN")
        self.currency.addItem("US$ (USD)", "USD")
        self.form.add("currency", tr("Currency"), self.currency)
        self.form.add("waste_pct", tr("Waste %"))
        self.form.add("supplier", tr("Supplier"))
        self.form.add("valid_from", tr("Price valid from"), DateField())
        self.form.finish()
        right.addWidget(self.form)
        self.history = QLabel("")
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #555;")
        right.addWidget(self.history)
        buttons = QHBoxLayout()
        save = QPushButton(tr("Save material"))
        save.setObjectName("save_material")
        save.clicked.connect(self.save)
        new = QPushButton(tr("New material"))
        new.clicked.connect(self.clear)
        buttons.addWidget(save)
        buttons.addWidget(new)
        buttons.addStretch(1)
        right.addLayout(buttons)
        right.addStretch(1)
        holder = QWidget()
        holder.setLayout(right)
        holder.setVisible(self.can_edit and self.can_money)
        holder.setMaximumWidth(340)
        layout.addWidget(holder, 0)
        self.clear()
        self.refresh()

    def refresh(self) -> None:
        found = cat.list_materials(self.ctx.db, self.search.text(), prices=self.can_money)
        self.empty.setText(tr("Nothing matches «{words}».", words=self.search.text().strip())
                           if self.search.text().strip() else
                           tr("No materials yet: fill in the form on the right and press «Save material».")
                           if self.can_edit and self.can_money else tr("No materials yet."))
        self.table.setRowCount(len(found))
        for n, m in enumerate(found):
            values = [m["code"], m["name"], unit_label(m["unit"])]
            if self.can_money:
                values += [format_price(m["price"], m["currency"]), m["waste_pct"]]
            for col, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(256, m["code"])
                self.table.setItem(n, col, item)

    def clear(self) -> None:
        for key in ("code", "name", "price", "waste_pct", "supplier"):
            self.form.fields[key].setText("")
        self.form.fields["code"].setEnabled(True)
        self.form.fields["valid_from"].setText(clock.today_lima().isoformat())
        self.unit.setCurrentIndex(self.unit.findData("kg"))
        self.currency.setCurrentIndex(0)
        self.history.setText("")
        self.form.clear_errors()

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.load(items[0].data(256))

    def load(self, code: str) -> None:
        m = cat.get_material(self.ctx.db, code)
        self.clear()
        for key in ("code", "name", "waste_pct", "supplier"):
            self.form.fields[key].setText(str(m[key]))
        self.form.fields["code"].setEnabled(False)
        price, currency = cat.current_price(self.ctx.db, m["id"])
        self.form.fields["price"].setText(rate_str(price))
        self.unit.setCurrentIndex(max(self.unit.findData(m["unit"]), 0))
        self.currency.setCurrentIndex(max(self.currency.findData(currency), 0))
        history = cat.price_history(self.ctx.db, m["id"])[-4:]
        self.history.setText(tr("Price history: {prices}", prices="; ".join(
            f"{dates.show_date(h['valid_from'])}: {format_price(h['price'], h['currency'])}" for h in history)))

    def save(self) -> None:
        data = {key: self.form.text(key) for key in ("code", "name", "price", "waste_pct", "supplier")}
        data["unit"] = self.unit.currentData()
        data["currency"] = self.currency.currentData()
        valid_from, actor = self.form.text("valid_from"), self.ctx.actor
        self.ctx.ops.write(lambda db: cat.save_material(db, data, actor=actor, valid_from=valid_from),
                           changes=Changes("catalogue"), done=lambda _: self._saved(data["code"].strip().upper()),
                           failed=self._refused)

    def _refused(self, exc: SmedeskError) -> None:
        if exc.field == "date":
            exc.field = "valid_from"
        self.form.show_error(exc)

    def _saved(self, code: str) -> None:
        self.refresh()
        self.load(code)
        self.form.show_ok(tr("Material saved."))
        self.saved.emit()
