"""Prices tab: past award unit prices for a code, as a chart and a table,
next to the firm's own price and unit cost for a linked product."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.db import rows
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.money import format_money
from smedesk.tenders import interests, prices
from smedesk.ui.seace.chart import PriceChart
from smedesk.ui.seace.detail import when
from smedesk.ui.widgets import ERROR_STYLE


def _money(value) -> str:
    return "—" if value is None else format_money(Decimal(str(value)))


class PricesTab(QWidget):
    process_wanted = Signal(str)

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.code = QLineEdit()
        self.code.setObjectName("seace_price_code")
        self.code.setPlaceholderText(tr("CUBSO or UNSPSC code, e.g. 56121502"))
        self.code.returnPressed.connect(self.show_prices)
        self.product = QComboBox()
        self.product.setObjectName("seace_price_product")
        self.product.setMinimumWidth(220)
        show = QPushButton(tr("See prices"))
        show.clicked.connect(self.show_prices)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Code")))
        row.addWidget(self.code, 1)
        row.addWidget(QLabel(tr("My product")))
        row.addWidget(self.product, 1)
        row.addWidget(show)
        layout.addLayout(row)
        self.summary = QLabel("")
        self.summary.setObjectName("seace_price_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = PriceChart()
        self.chart.setObjectName("seace_chart")
        self.chart.point_clicked.connect(self.process_wanted)
        layout.addWidget(self.chart, 1)
        hint = QLabel(tr("Click a point or a row to see its call."))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("seace_price_table")
        self.table.setHorizontalHeaderLabels([tr("Date"), tr("Unit price"), tr("Quantity"), tr("Supplier"),
                                              tr("Department"), tr("Process")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(180)
        self.table.setWordWrap(False)
        self.table.cellDoubleClicked.connect(self._row_clicked)
        self.table.cellClicked.connect(self._row_clicked)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(tr("(none)"), None)
        for product in rows(self.ctx.db, "SELECT id, sku, name FROM products WHERE active = 1 ORDER BY name"):
            self.product.addItem(f"{product['name']} ({product['sku']})", product["id"])
        self.product.setCurrentIndex(max(self.product.findData(chosen), 0))
        self.product.blockSignals(False)
        if not self.code.text().strip():
            followed = [i for i in interests.list_interests(self.ctx.db) if i["codes"]]
            if followed:
                return self.suggest(followed[0]["codes"][0], followed[0]["product_id"])
        if self.code.text().strip():
            self.show_prices()

    def suggest(self, code: str, product_id: int | None) -> None:
        self.code.setText(code)
        if product_id:
            self.product.setCurrentIndex(max(self.product.findData(product_id), 0))
        self.show_prices()

    def show_prices(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        try:
            result = prices.compare(self.ctx.db, code, self.product.currentData())
        except SmedeskError as exc:
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText(str(exc))
            return
        self.summary.setStyleSheet("")
        stats = result["summary"]
        text = tr("{n} awarded prices. Lowest {low}, middle {median}, highest {high}.", n=stats["count"],
                  low=_money(stats["low"]), median=_money(stats["median"]), high=_money(stats["high"]))
        if result["product"]:
            text += " " + tr("Your price: {price}. Your unit cost: {cost}.", price=_money(result["price"]),
                             cost=_money(result["unit_cost"]) if result["unit_cost"] is not None
                             else tr("not calculated"))
        self.summary.setText(text)
        refs = [(tr("Median"), stats["median"], "#757575"), (tr("Your price"), result["price"], "#2e7d32"),
                (tr("Your cost"), result["unit_cost"], "#ef6c00")]
        self.chart.set_data(result["lines"], refs)
        lines = list(reversed(result["lines"]))
        self.table.setRowCount(len(lines))
        for n, line in enumerate(lines):
            cells = [when(line["date"]), _money(line["unit_price"]), f"{line['quantity']} {line['unit']}",
                     line["supplier"], line["department"], line["title"]]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setData(256, line["ocid"])
                if col in (1, 2):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()

    def _row_clicked(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.process_wanted.emit(item.data(256))
