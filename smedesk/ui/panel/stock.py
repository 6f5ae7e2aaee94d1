"""Panel section: open orders whose materials are short, and materials below
zero or below their minimum, before a shortage stops the floor."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from smedesk.core.i18n import N_, tr
from smedesk.stock import needs, position
from smedesk.ui.panel import PanelSection
from smedesk.ui.widgets import ERROR_STYLE

WARNING_STYLE = "color: #b35c00; font-weight: 600;"
MAX_LINES = 8


def load(db) -> dict:
    """On the database worker: the orders short of materials, and the materials
    below zero or below their minimum."""
    return {"short": needs.shortages(db),
            "low": [r for r in position.stock_list(db, with_values=False) if r["below_zero"] or r["below_minimum"]]}


class StockWarnings(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("stock_warnings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.short = QLabel("")
        self.short.setObjectName("stock_shortages")
        self.short.setWordWrap(True)
        self.short.setStyleSheet(ERROR_STYLE)
        self.low = QLabel("")
        self.low.setObjectName("stock_low")
        self.low.setWordWrap(True)
        self.low.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.short)
        layout.addWidget(self.low)

    def fill(self, answer: dict) -> None:
        found = answer["short"]
        lines = [s.message for s in found[:MAX_LINES]]
        if len(found) > MAX_LINES:
            lines.append(tr("… and {count} more in Stock.", count=len(found) - MAX_LINES))
        self.short.setText("\n".join(lines) or tr("No order is short of materials."))
        self.short.setStyleSheet(ERROR_STYLE if found else "")
        low = []
        for r in answer["low"]:
            if r["below_zero"]:
                low.append(tr("{name}: {qty} {unit}, below zero: count it or record the purchase.", name=r["name"],
                              qty=needs.readable_qty(r["on_hand"]), unit=needs.unit_symbol(r["unit"])))
            elif r["below_minimum"]:
                low.append(tr("{name}: {qty} {unit} available, under the minimum of {minimum}.", name=r["name"],
                              qty=needs.readable_qty(r["available"]), unit=needs.unit_symbol(r["unit"]),
                              minimum=needs.readable_qty(r["minimum"])))
        self.low.setText("\n".join(low[:MAX_LINES]))


SECTION = PanelSection("stock", N_("Materials"), 25, StockWarnings, load, permission="catalogue.view",
                       areas=("stock", "orders", "scans", "accounts"))
