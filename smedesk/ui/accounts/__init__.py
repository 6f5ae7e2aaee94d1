"""Widgets shared by the Cuentas pages: es-PE numbers, tables, output folder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from smedesk.core import i18n


def num(value) -> str:
    """es-PE (and en) amounts: 1,234.50."""
    locale = "es_PE" if i18n.current() == "es" else "en_US"
    return format_decimal(Decimal(value), format="#,##0.00", locale=locale)


def make_table(headers: list[str], min_height: int = 220) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setMinimumHeight(min_height)
    return table


def fill(table: QTableWidget, data: list[list], *, numeric: tuple[int, ...] = (), keys: list | None = None) -> None:
    table.setRowCount(len(data))
    for r, values in enumerate(data):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if c in numeric:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            if c == 0 and keys is not None:
                item.setData(Qt.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def selected_key(table: QTableWidget):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    return table.item(rows[0].row(), 0).data(Qt.UserRole)


def output_dir(ctx, name: str) -> Path:
    """A folder next to the business file for printed and exported files."""
    folder = Path(ctx.db_path).parent / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
