"""Widgets shared by the Cuentas pages: es-PE numbers, tables, output folder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from smedesk.core import i18n
from smedesk.ui.widgets import list_table


def num(value) -> str:
    """es-PE (and en) amounts: 1,234.50."""
    locale = "es_PE" if i18n.current() == "es" else "en_US"
    return format_decimal(Decimal(value), format="#,##0.00", locale=locale)


class _FitWidth(QObject):
    """Keeps a table's columns within its width: when the contents are wider, the
    widest column narrows (its text elides) instead of a sideways scroll bar hiding
    the last amounts."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Resize, QEvent.Show):
            fit_columns(self.parent())
        return False


def fit_columns(table: QTableWidget) -> None:
    header = table.horizontalHeader()
    width = table.viewport().width()
    if not table.isVisible() or width <= 0 or table.columnCount() < 2:
        return
    last = table.columnCount() - 1
    widths = [header.sectionSize(c) for c in range(last)]
    need_last = max(header.sectionSizeHint(last), table.sizeHintForColumn(last), header.defaultSectionSize())
    over = sum(widths) + need_last - width
    # a column of codes (F001-00000022) never gives way: cut, it no longer names anything
    free = [c for c in range(last) if c not in getattr(table, "_keep", ())]
    if over <= 0 or not free:
        return
    widest = max(free, key=lambda c: widths[c])
    table.setColumnWidth(widest, max(80, widths[widest] - over))


def make_table(headers: list[str], min_height: int = 220, *, keep: tuple[int, ...] = ()) -> QTableWidget:
    """`keep`: columns that are never narrowed to fit (document numbers, dates)."""
    table = list_table(headers, min_height)
    table._keep = set(keep)
    table._fit = _FitWidth(table)
    table.installEventFilter(table._fit)
    table.viewport().installEventFilter(table._fit)
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
    fit_columns(table)


def selected_key(table: QTableWidget):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    return table.item(rows[0].row(), 0).data(Qt.UserRole)


def output_dir(ctx, name: str) -> Path:
    """A folder for printed and exported files, inside «documentos» beside the business file."""
    from smedesk.ui.savefiles import documents_folder

    return documents_folder(ctx, name)
