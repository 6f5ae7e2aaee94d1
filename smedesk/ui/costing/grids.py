"""Editable grids: materials of a product, its steps, its parts. Each row reads
back as a dict for the domain functions; `changed` fires as the owner types."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.i18n import tr


class Grid(QWidget):
    """A table of text cells (and optional combo columns) with add/remove buttons.

    `columns` is a list of (key, title, width or 0 to stretch); `combos` maps a
    key to a list of (data, label) choices."""

    changed = Signal()

    def __init__(self, columns: list[tuple[str, str, int]], *, combos: dict | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.combos = combos or {}
        # key -> (other key, function): choosing a value in the `key` combo puts
        # function(value) into the row's `other key` combo when that is blank,
        # so a default is taken visibly (a material's own unit), never silently
        self.follow: dict = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([title for _k, title, _w in columns])
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.table.horizontalHeader()
        for n, (_key, _title, width) in enumerate(columns):
            if width:
                header.setSectionResizeMode(n, QHeaderView.Interactive)
                self.table.setColumnWidth(n, width)
            else:
                header.setSectionResizeMode(n, QHeaderView.Stretch)
        self.table.cellChanged.connect(lambda *_: self.changed.emit())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("Add row"))
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button = QPushButton(tr("Remove row"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_choices(self, key: str, choices: list[tuple[str, str]]) -> None:
        self.combos[key] = choices

    def add_row(self, values: dict) -> None:
        blocked = self.table.blockSignals(True)
        n = self.table.rowCount()
        self.table.insertRow(n)
        for col, (key, _title, _w) in enumerate(self.columns):
            value = values.get(key)
            if key in self.combos:
                combo = QComboBox()
                combo.addItem("", "")
                for data, label in self.combos[key]:
                    combo.addItem(label, data)
                index = combo.findData(value if value is not None else "")
                combo.setCurrentIndex(max(index, 0))
                combo.currentIndexChanged.connect(lambda *_: self.changed.emit())
                if key in self.follow:
                    combo.currentIndexChanged.connect(lambda _i, c=combo, k=key: self._follow(c, k))
                self.table.setCellWidget(n, col, combo)
            else:
                self.table.setItem(n, col, QTableWidgetItem("" if value is None else str(value)))
        self.table.blockSignals(blocked)
        self.changed.emit()

    def _follow(self, combo: QComboBox, key: str) -> None:
        other, pick = self.follow[key]
        for n in range(self.table.rowCount()):
            if self.table.cellWidget(n, [k for k, _t, _w in self.columns].index(key)) is combo:
                target = self.table.cellWidget(n, [k for k, _t, _w in self.columns].index(other))
                value = pick(combo.currentData()) if combo.currentData() else None
                if isinstance(target, QComboBox) and not target.currentData() and value:
                    target.setCurrentIndex(max(target.findData(value), 0))
                return

    def set_rows(self, rows: list[dict]) -> None:
        blocked = self.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)
        self.blockSignals(blocked)
        self.changed.emit()

    def remove_selected(self) -> None:
        for n in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(n)
        self.changed.emit()

    def set_editable(self, editable: bool) -> None:
        self.table.setEditTriggers(QAbstractItemView.AllEditTriggers if editable
                                   else QAbstractItemView.NoEditTriggers)
        self.add_button.setVisible(editable)
        self.remove_button.setVisible(editable)
        for n in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                widget = self.table.cellWidget(n, col)
                if widget is not None:
                    widget.setEnabled(editable)

    def set_cell(self, row: int, key: str, value: str) -> None:
        col = [k for k, _t, _w in self.columns].index(key)
        widget = self.table.cellWidget(row, col)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            self.table.setItem(row, col, QTableWidgetItem(value))

    def rows(self) -> list[dict]:
        out = []
        for n in range(self.table.rowCount()):
            record = {}
            for col, (key, _title, _w) in enumerate(self.columns):
                widget = self.table.cellWidget(n, col)
                if isinstance(widget, QComboBox):
                    record[key] = widget.currentData() or ""
                else:
                    item = self.table.item(n, col)
                    record[key] = item.text().strip() if item else ""
            if any(record.values()):
                out.append(record)
        return out
