"""The lines of a document as you build it: any number of rows, each from the
catalogue (product or variant: description, unit and price filled in) or typed
freely, with unit (catálogo 03), quantity, unit price, tax treatment (catálogo 07)
and discount; subtotal, IGV, total and the total in words update as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.i18n import tr
from smedesk.core.money import format_money
from smedesk.einvoice.catalogs import FROM_SMEDESK_UNIT, TREATMENT_NAMES, UNITS

COLUMNS = ("product", "description", "unit", "qty", "unit_price", "tax", "discount", "amount")


class NoWheelCombo(QComboBox):
    """A dropdown the mouse wheel changes only when it has the focus, so scrolling
    the page never changes a line's unit or tax by accident."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        # narrow in a line's cell («NIU unidad (b»): the whole text in its tooltip (its list is wide enough)
        self.currentIndexChanged.connect(lambda _i: self.setToolTip(self.currentText()))

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def catalogue_choices(db) -> list[tuple[str, dict]]:
    """(label, line defaults) for every product and variant of the catalogue."""
    try:
        from smedesk.production import catalogue
    except ModuleNotFoundError:
        return []
    from smedesk.core.money import from_cents

    out = []
    for p in catalogue.list_products(db):
        price = str(from_cents(p["price_cents"])) if p.get("price_cents") is not None else ""
        base = {"product_id": p["id"], "sku": p["sku"], "description": p["name"],
                "unit": FROM_SMEDESK_UNIT.get(p.get("unit") or "unit", "NIU"), "unit_price": price}
        out.append((f"{p['sku']} {p['name']}", base))
        for v in catalogue.variants(db, p["id"]):
            variant = " ".join(x for x in (v.get("size") or "", v.get("colour") or "") if x)
            if variant:
                out.append((f"{p['sku']} {p['name']} {variant}", {**base, "description": f"{p['name']} {variant}"}))
    return out


class DocumentLines(QWidget):
    """Edit lines; `lines()` gives them as create_document takes them."""

    changed = Signal()

    def __init__(self, parent=None, *, with_tax: bool = True):
        super().__init__(parent)
        self.with_tax = with_tax
        self.choices: list[tuple[str, dict]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heads = [tr("Catalogue"), tr("Description"), tr("Unit"), tr("Quantity"), tr("Unit price"), tr("Tax"),
                 tr("Discount"), tr("Amount")]
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("document_lines")
        self.table.setHorizontalHeaderLabels(heads)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(150)
        # take the width the page has, never more: the description column gives way
        self.table.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col, width in ((0, 140), (2, 110), (3, 70), (4, 90), (5, 100), (6, 70), (7, 90)):
            self.table.setColumnWidth(col, width)
        if not with_tax:
            self.table.setColumnHidden(COLUMNS.index("tax"), True)
            self.table.setColumnHidden(COLUMNS.index("discount"), True)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        add = QPushButton(tr("Add line"))
        add.setObjectName("add_line")
        add.clicked.connect(lambda: self.add_line())
        remove = QPushButton(tr("Remove the selected line"))
        remove.setObjectName("remove_line")
        remove.clicked.connect(self.remove_selected)
        bar.addWidget(add)
        bar.addWidget(remove)
        bar.addStretch(1)
        layout.addLayout(bar)
        # the totals on a line of their own: beside the buttons they wrapped mid-figure
        self.totals = QLabel("")
        self.totals.setObjectName("document_totals")
        self.totals.setAlignment(Qt.AlignRight)
        layout.addWidget(self.totals)
        self.words = QLabel("")
        self.words.setObjectName("document_words")
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignRight)
        layout.addWidget(self.words)
        self._filling = False

    def set_catalogue(self, choices: list[tuple[str, dict]]) -> None:
        self.choices = choices
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 0)
            current = combo.currentIndex()
            self._fill_products(combo)
            combo.setCurrentIndex(current if current < combo.count() else 0)

    def _fill_products(self, combo: QComboBox) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("— free line —"), None)
        for label, defaults in self.choices:
            combo.addItem(label, defaults)
        combo.blockSignals(False)

    def add_line(self, values: dict | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self._filling = True
        self.table.insertRow(row)
        product = NoWheelCombo()
        self._fill_products(product)
        product.currentIndexChanged.connect(lambda _i, c=product: self._product_chosen(c))
        self.table.setCellWidget(row, 0, product)
        unit = NoWheelCombo()
        for code, name in UNITS.items():
            unit.addItem(f"{code} {tr(name)}", code)
        unit.setCurrentIndex(max(0, unit.findData(values.get("unit", "NIU"))))
        unit.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 2, unit)
        tax = NoWheelCombo()
        for code, name in TREATMENT_NAMES.items():
            tax.addItem(tr(name), code)
        tax.setCurrentIndex(max(0, tax.findData(values.get("tax", "igv"))))
        tax.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 5, tax)
        for col, key, default in ((1, "description", ""), (3, "qty", "1"), (4, "unit_price", ""),
                                  (6, "discount", "")):
            self.table.setItem(row, col, QTableWidgetItem(str(values.get(key, default))))
        amount = QTableWidgetItem("")
        amount.setFlags(Qt.ItemIsEnabled)
        amount.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table.setItem(row, 7, amount)
        self._filling = False
        self.changed.emit()
        return row

    def _row_of(self, widget) -> int:
        for row in range(self.table.rowCount()):
            if widget in (self.table.cellWidget(row, 0), self.table.cellWidget(row, 2), self.table.cellWidget(row, 5)):
                return row
        return -1

    def _product_chosen(self, combo: QComboBox) -> None:
        row = self._row_of(combo)
        defaults = combo.currentData()
        if row < 0 or not defaults:
            return
        self._filling = True
        self.table.item(row, 1).setText(defaults["description"])
        if defaults.get("unit_price"):
            self.table.item(row, 4).setText(defaults["unit_price"])
        unit = self.table.cellWidget(row, 2)
        unit.setCurrentIndex(max(0, unit.findData(defaults.get("unit", "NIU"))))
        self._filling = False
        self.changed.emit()

    def _edited(self, item) -> None:
        if not self._filling and item.column() != 7:
            self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.add_line()

    def set_cell(self, row: int, key: str, text: str) -> None:
        """Type into a line (tests and keyboard shortcuts use it)."""
        if key in ("unit", "tax", "product"):
            combo = self.table.cellWidget(row, COLUMNS.index(key))
            combo.setCurrentIndex(max(0, combo.findData(text)) if key != "product" else int(text))
        else:
            self.table.item(row, COLUMNS.index(key)).setText(text)

    def lines(self) -> list[dict]:
        """The lines with something typed in them, as create_document takes them."""
        out = []
        for row in range(self.table.rowCount()):
            def cell(col, row=row):
                item = self.table.item(row, col)
                return item.text().strip() if item else ""
            description, qty, price, discount = cell(1), cell(3), cell(4), cell(6)
            if not (description or price):
                continue
            defaults = self.table.cellWidget(row, 0).currentData() or {}
            line = {"description": description, "qty": qty or "1", "unit_price": price or "0",
                    "unit": self.table.cellWidget(row, 2).currentData(), "discount": discount or "0"}
            if self.with_tax:
                line["tax"] = self.table.cellWidget(row, 5).currentData()
            if defaults.get("product_id"):
                line["product_id"] = defaults["product_id"]
                line["sku"] = defaults["sku"]
            out.append(line)
        return out

    def show_amounts(self, figures: dict, currency: str) -> None:
        """Put a preview's amounts in the lines and the totals under them."""
        from smedesk.ui.accounts import num

        shown = iter(figures["lines"])
        self._filling = True
        for row in range(self.table.rowCount()):
            description, price = self.table.item(row, 1), self.table.item(row, 4)
            if not ((description and description.text().strip()) or (price and price.text().strip())):
                self.table.item(row, 7).setText("")
                continue
            line = next(shown, None)
            self.table.item(row, 7).setText(line["problem"] if line and line["problem"] else
                                            num(line["total"]) if line else "")
        self._filling = False
        self.totals.setText(tr("Subtotal {subtotal}   ·   IGV {percent}% {igv}   ·   Total {total}",
                               subtotal=format_money(figures["subtotal"], currency),
                               percent=f"{figures['percent']:.0f}", igv=format_money(figures["igv"], currency),
                               total=format_money(figures["total"], currency)))
        self.words.setText(tr("In words: {words}", words=figures["words"]) if figures["words"] else "")
