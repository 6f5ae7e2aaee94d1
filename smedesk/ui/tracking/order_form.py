"""The new-order form of Pedidos: customer, number, due date and lines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock, parties
from smedesk.core.changes import Changes
from smedesk.core.db import scalar, tx
from smedesk.core.i18n import tr
from smedesk.production import catalogue
from smedesk.tracking import orders
from smedesk.ui.widgets import Form


def next_number(db) -> str:
    count = scalar(db, "SELECT count(*) FROM orders") or 0
    n = count + 1
    while scalar(db, "SELECT 1 FROM orders WHERE number = ?", [f"P-{n:04d}"]):
        n += 1
    return f"P-{n:04d}"


class NewOrderForm(QWidget):
    """`saved(number)` after an order is created."""

    saved = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = Form()
        self.number = self.form.add("number", tr("Order number"))
        self.customer = QComboBox()
        self.customer.setEditable(True)
        self.customer.setToolTip(tr("Choose a customer or type a new name"))
        self.form.add("customer", tr("Customer"), self.customer)
        self.customer_id = self.form.add("id_number", tr("RUC or DNI of a new customer (optional)"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.form.add("due_date", tr("Due date"), self.due)
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels([tr("Product"), tr("Size / colour"), tr("Quantity"), tr("Unit price S/")])
        header = self.lines.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col, width in ((1, 90), (2, 80), (3, 100)):
            self.lines.setColumnWidth(col, width)
        self.lines.setMinimumHeight(140)
        self.form.add("lines", tr("Lines"), self.lines)
        self.form.finish()
        layout.addWidget(self.form)
        row = QHBoxLayout()
        add = QPushButton(tr("Add line"))
        add.clicked.connect(self.add_line)
        remove = QPushButton(tr("Remove line"))
        remove.clicked.connect(self.remove_line)
        self.stop_editing = QPushButton(tr("New order instead"))
        self.stop_editing.clicked.connect(self.reset)
        row.addWidget(self.stop_editing)
        save = QPushButton(tr("Save order"))
        save.setObjectName("save_order")
        save.clicked.connect(self.save)
        for button in (add, remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(save)
        layout.addLayout(row)
        self.reset()

    def reset(self) -> None:
        self.editing = None
        self.number.setEnabled(True)
        self.stop_editing.hide()
        self.number.setText(next_number(self.ctx.db))
        self.reset_customers()
        self.customer.setCurrentIndex(-1)
        self.customer_id.clear()
        soon = clock.today_lima() + dt.timedelta(days=14)
        self.due.setDate(QDate(soon.year, soon.month, soon.day))
        self.lines.setRowCount(0)
        self.add_line()

    def load(self, order: dict) -> None:
        """Fill the form with a draft order to change it."""
        self.editing = order["number"]
        self.number.setText(order["number"])
        self.number.setEnabled(False)
        self.stop_editing.show()
        self.customer.setCurrentIndex(self.customer.findData(order["customer_id"]))
        due = dt.date.fromisoformat(order["due_date"])
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.lines.setRowCount(0)
        for line in order["lines"]:
            self.add_line()
            row = self.lines.rowCount() - 1
            product = self.lines.cellWidget(row, 0)
            product.setCurrentIndex(product.findData(line["product_id"]))
            variant = self.lines.cellWidget(row, 1)
            variant.setCurrentIndex(max(0, variant.findData(line["variant_id"])))
            self.lines.cellWidget(row, 2).setValue(line["qty"])
            self.lines.cellWidget(row, 3).setText(f"{line['unit_price_cents'] / 100:.2f}")
        self.form.show_ok(tr("Changing draft {number}.", number=order["number"]))

    def reset_customers(self) -> None:
        """Reload the customer list, keeping what is typed or chosen."""
        typed = self.customer.currentText()
        self.customer.clear()
        for p in parties.list_parties(self.ctx.db, customers=True):
            self.customer.addItem(p["name"], p["id"])
        self.customer.setCurrentIndex(self.customer.findText(typed) if typed else -1)
        if typed and self.customer.currentIndex() < 0:
            self.customer.setEditText(typed)

    def add_line(self) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        product = QComboBox()
        for p in catalogue.list_products(self.ctx.db):
            product.addItem(f"{p['sku']} · {p['name']}", p["id"])
        variant = QComboBox()
        product.currentIndexChanged.connect(lambda _n, p=product, v=variant: self._fill_variants(p, v))
        qty = QSpinBox()
        # negatives can be typed so that -5 is refused with a message, never read as 5
        qty.setRange(-100000, 100000)
        qty.setValue(1)
        price = QLineEdit("0")
        self.lines.setCellWidget(row, 0, product)
        self.lines.setCellWidget(row, 1, variant)
        self.lines.setCellWidget(row, 2, qty)
        self.lines.setCellWidget(row, 3, price)
        self._fill_variants(product, variant)

    def _fill_variants(self, product: QComboBox, variant: QComboBox) -> None:
        variant.clear()
        variant.addItem("—", None)
        if product.currentData() is not None:
            for v in catalogue.variants(self.ctx.db, product.currentData()):
                variant.addItem(" ".join(x for x in (v["size"], v["colour"]) if x), v["id"])
            found = catalogue.get_product(self.ctx.db, product.currentData())
            price = self.lines.cellWidget(self._row_of(product), 3) if self._row_of(product) >= 0 else None
            if price is not None and found and found.get("price_cents"):
                price.setText(f"{found['price_cents'] / 100:.2f}")

    def _row_of(self, widget) -> int:
        for row in range(self.lines.rowCount()):
            if self.lines.cellWidget(row, 0) is widget:
                return row
        return -1

    def remove_line(self) -> None:
        if self.lines.rowCount() > 1:
            self.lines.removeRow(self.lines.rowCount() - 1)

    def collect_lines(self) -> list[dict]:
        out = []
        for row in range(self.lines.rowCount()):
            out.append({
                "product_id": self.lines.cellWidget(row, 0).currentData(),
                "variant_id": self.lines.cellWidget(row, 1).currentData(),
                "qty": self.lines.cellWidget(row, 2).value(),
                "unit_price": self.lines.cellWidget(row, 3).text(),
            })
        return out

    def _customer(self) -> int | dict | None:
        """The chosen customer's id, or the new customer to save with the order."""
        name = self.customer.currentText().strip()
        index = self.customer.findText(name)
        if index >= 0:
            return self.customer.itemData(index)
        if not name:
            return None
        return {"name": name, "id_number": self.customer_id.text()}

    def save(self) -> None:
        """Saved on the database worker (a new customer with it, in one
        transaction); a refusal shows beside its field and the form stays."""
        day = self.due.date()
        due = dt.date(day.year(), day.month(), day.day())
        customer, number, editing, actor = self._customer(), self.number.text(), self.editing, self.ctx.actor
        lines = self.collect_lines()
        self.ctx.ops.write(lambda db: save_order(db, editing, number, customer, lines, due, actor),
                           changes=Changes("orders", "parties") if isinstance(customer, dict) else Changes("orders"),
                           done=lambda _: self._saved(number), failed=self.form.show_error)

    def _saved(self, number: str) -> None:
        self.form.show_ok(tr("Order {number} saved as a draft.", number=number.strip().upper()))
        self.saved.emit(number.strip().upper())
        self.reset()


def save_order(db, editing, number: str, customer, lines: list[dict], due, actor) -> None:
    """A draft order, created or changed; `customer` an id, or a new one's fields."""
    with tx(db):
        if isinstance(customer, dict):
            customer = parties.save(db, customer, actor=actor)
        if editing:
            orders.update_draft(db, editing, customer, lines, due, actor=actor)
        else:
            orders.create_order(db, number, customer, lines, due, actor=actor)
