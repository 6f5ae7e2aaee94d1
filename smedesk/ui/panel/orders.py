"""Panel section: open orders, the most at risk first."""

from __future__ import annotations

from smedesk.core import dates
from smedesk.core.i18n import N_, tr
from smedesk.tracking import board, forecast
from smedesk.ui.panel import PanelSection
from smedesk.ui.rows_table import RowsTable, longest_texts
from smedesk.ui.tracking import status_hex
from smedesk.ui.widgets import say_when_empty

COLUMNS = (N_("Order"), N_("Customer"), N_("Due date"), N_("Forecast"), N_("Situation"), N_("Work left"))


def work_left(minutes) -> str:
    """Standard minutes still to do, read as hours: 4950 -> '82 h 30 min'."""
    total = int(minutes)
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def load(db) -> dict:
    """On the database worker: the open orders' board, the most at risk first,
    as the table shows it."""
    plans = [p for p in board.by_risk(board.board(db)) if p["status"] != "done"]
    rows = [[p["number"], p["customer"], dates.show_date(p["due"]), dates.show_date(p["forecast"]) or "—",
             forecast.status_name(p["status"]), work_left(p["remaining"])] for p in plans]
    return {"rows": rows, "longest": longest_texts(rows),
            "colours": {n: [None] * 4 + [status_hex(p["status"]), None] for n, p in enumerate(plans)}}


class OrdersByRisk(RowsTable):
    def __init__(self, ctx):
        super().__init__(COLUMNS, height=180)
        self.ctx = ctx
        self.setObjectName("orders_by_risk")
        self.empty = say_when_empty(self, tr("No open orders: a new order is made in Orders, with «New order»."))

    def fill(self, listed: dict) -> None:
        self.set_rows(listed["rows"], listed["colours"], longest=listed["longest"])


SECTION = PanelSection("orders", N_("Open orders by risk"), 20, OrdersByRisk, load, permission="orders.edit",
                       areas=("orders", "scans"))
