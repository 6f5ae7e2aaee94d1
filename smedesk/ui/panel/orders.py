"""Panel section: open orders, the most at risk first."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from smedesk.core.i18n import N_, tr
from smedesk.tracking import board, forecast
from smedesk.ui.panel import PanelSection
from smedesk.ui.tracking import status_colour


def work_left(minutes) -> str:
    """Standard minutes still to do, read as hours: 4950 -> '82 h 30 min'."""
    total = int(minutes)
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class OrdersByRisk(QTableWidget):
    def __init__(self, ctx):
        super().__init__(0, 6)
        self.ctx = ctx
        self.setObjectName("orders_by_risk")
        self.setHorizontalHeaderLabels([tr("Order"), tr("Customer"), tr("Due date"), tr("Forecast"), tr("Situation"),
                                        tr("Work left")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setMinimumHeight(180)
        self.refresh()

    def refresh(self) -> None:
        plans = [p for p in board.by_risk(board.board(self.ctx.db)) if p["status"] != "done"]
        self.setRowCount(len(plans))
        for n, p in enumerate(plans):
            values = [p["number"], p["customer"], p["due"], p["forecast"] or "—", forecast.status_name(p["status"]),
                      work_left(p["remaining"])]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 4:
                    item.setForeground(status_colour(p["status"]))
                self.setItem(n, col, item)
        self.resizeColumnsToContents()


SECTION = PanelSection("orders", N_("Open orders by risk"), 20, OrdersByRisk, permission="orders.edit",
                       areas=("orders", "scans"))
