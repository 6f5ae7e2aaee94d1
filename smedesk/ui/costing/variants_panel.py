"""Variants of a product (size, colour, GTIN) and, per variant, the material
lines that differ from the product's (an XL polo takes more jersey)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import units
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.sheet import remove_variant
from smedesk.ui.costing.grids import Grid
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form


class VariantsPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.actor.can("catalogue.edit")
        self.can_money = ctx.actor.can("money.view")
        self.product_id: int | None = None
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        self.table = QTableWidget(0, 4 if self.can_money else 3)
        self.table.setObjectName("variants_table")
        self.table.setHorizontalHeaderLabels([tr("Size"), tr("Colour"), tr("GTIN")] +
                                             ([tr("Unit cost")] if self.can_money else []))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        left.addWidget(self.table, 1)
        self.form = Form()
        self.form.add("size", tr("Size"))
        self.form.add("colour", tr("Colour"))
        self.form.add("gtin", tr("GTIN (optional)"))
        self.form.add("sku", tr("Shop SKU")).setPlaceholderText(tr("optional"))
        self.form.add("price", tr("Own price")).setPlaceholderText(tr("optional"))
        self.form.add("stock", tr("In stock")).setPlaceholderText(tr("empty: made to order"))
        self.form.finish()
        add = QPushButton(tr("Add variant"))
        add.setObjectName("add_variant")
        add.clicked.connect(self.add_variant)
        remove = QPushButton(tr("Remove selected variant"))
        remove.setObjectName("remove_variant")
        remove.clicked.connect(self.remove_selected)
        left.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        left.addLayout(buttons)
        self.form.setVisible(self.can_edit)
        add.setVisible(self.can_edit)
        remove.setVisible(self.can_edit)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        self.title = QLabel(tr("Choose a variant to see the materials that differ for it."))
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        self.lines = Grid([("material_code", tr("Material"), 0), ("qty", tr("Quantity"), 70),
                           ("unit", tr("Unit"), 60)],
                          combos={"material_code": [], "unit": [(u, u) for u in units.UNITS]})
        self.lines.set_editable(self.can_edit)
        right.addWidget(self.lines, 1)
        self.save_button = QPushButton(tr("Save the variant's materials"))
        self.save_button.setObjectName("save_variant_bom")
        self.save_button.clicked.connect(self.save_lines)
        self.save_button.setVisible(self.can_edit)
        self.save_button.setEnabled(False)
        right.addWidget(self.save_button)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        row.addLayout(right, 1)

    def reload_choices(self, choices: list[tuple[str, str]]) -> None:
        self.lines.set_choices("material_code", choices)

    def load(self, product_id: int | None) -> None:
        self.product_id = product_id
        found = cat.variants(self.ctx.db, product_id) if product_id else []
        costs = {}
        if self.can_money and product_id:
            costs = {v["id"]: costing.unit_cost(self.ctx.db, product_id, variant_id=v["id"]).unit_cost for v in found}
        blocked = self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(found))
        for n, v in enumerate(found):
            values = [v["size"], v["colour"], v["gtin"]] + ([f"S/ {dec_str(costs[v['id']])}"] if costs else [])
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(256, v["id"])
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(blocked)
        self.variant_id = None
        self.lines.set_rows([])
        self.save_button.setEnabled(False)
        self.title.setText(tr("Choose a variant to see the materials that differ for it."))

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        self.variant_id = items[0].data(256)
        own = [ln for ln in cat.bom(self.ctx.db, self.product_id, self.variant_id) if ln["variant_id"] is not None]
        self.lines.set_rows([{"material_code": ln["material_code"], "qty": ln["qty"], "unit": ln["unit"]}
                             for ln in own])
        self.save_button.setEnabled(True)
        row = items[0].row()
        name = " ".join(self.table.item(row, c).text() for c in (0, 1) if self.table.item(row, c).text())
        self.title.setText(tr("Materials of {variant} that replace the product's line for the same material:",
                              variant=name))

    def save_lines(self) -> None:
        if self.variant_id is None:
            return
        product_id, lines, selected, actor = self.product_id, self.lines.rows(), self.variant_id, self.ctx.actor
        self.ctx.ops.write(lambda db: cat.set_bom(db, product_id, lines, variant_id=selected, actor=actor),
                           changes=Changes("catalogue"), done=lambda _: self._lines_saved(selected),
                           failed=self._say_refused)

    def _say_refused(self, exc: SmedeskError) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(str(exc))

    def _lines_saved(self, selected: int) -> None:
        self.load(self.product_id)
        for n in range(self.table.rowCount()):
            if self.table.item(n, 0).data(256) == selected:
                self.table.selectRow(n)
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(tr("Saved."))
        self.changed.emit()

    def remove_selected(self) -> None:
        if getattr(self, "variant_id", None) is None:
            return
        variant_id, actor = self.variant_id, self.ctx.actor
        self.ctx.ops.write(lambda db: remove_variant(db, variant_id, actor=actor), changes=Changes("catalogue"),
                           done=self._reload, failed=self.form.show_error)

    def _reload(self, _result=None) -> None:
        self.load(self.product_id)
        self.changed.emit()

    def add_variant(self) -> None:
        if self.product_id is None:
            self.form.show_error(SmedeskError(tr("Save the product first.")))
            return
        product_id, actor = self.product_id, self.ctx.actor
        values = {key: self.form.text(key) for key in ("size", "colour", "gtin", "sku")}
        price, stock = self.form.text("price") or None, self.form.text("stock") or None
        self.ctx.ops.write(lambda db: cat.save_variant(db, product_id, price=price, stock=stock, actor=actor,
                                                       **values),
                           changes=Changes("catalogue"), done=self._variant_added, failed=self.form.show_error)

    def _variant_added(self, _result=None) -> None:
        for key in ("size", "colour", "gtin", "sku", "price", "stock"):
            self.form.fields[key].clear()
        self.form.clear_errors()
        self._reload()
