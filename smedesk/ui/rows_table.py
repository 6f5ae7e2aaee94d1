"""A read-only table for long lists (Pedidos, Producción, the Panel's orders).

Filling a QTableWidget with 1,000 orders makes 8,000 items on the GUI thread
(about 45 ms) and Qt's `resizeColumnsToContents` then measures every one of
them again (as long once more): the window stops for a tenth of a second. Here
the first `CHUNK` rows (what is on screen, and the row to keep chosen) are
filled at once and the rest a chunk per turn of the event loop, so a paint or a
key press never waits for more than one chunk; the column widths are measured
with the font on the longest texts of each column only.

The items stay plain QTableWidgetItems on purpose: painting them needs no
Python. A Python model would be asked for every role of every cell it paints,
each call waiting for the interpreter while the database worker is busy.

    table = RowsTable((N_("Order"), N_("Customer")), height=200)
    table.set_rows([["P-0001", "Ana"], ...], colours={0: [None, "#b00020"]}, select=0)

The texts are best made where the list is read, on the database worker, with
`longest_texts(rows)` beside them: the GUI thread then only makes items.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from smedesk.core.i18n import tr
from smedesk.ui.widgets import list_table

CHUNK = 100  # rows filled per turn of the event loop: about 4 ms of items
LONGEST = 12  # texts measured per column: the longest by length (a proportional font may differ a little)
PADDING = 18  # the cell's margins and the grid line, in pixels
WIDEST = 360  # no column but the last (which takes what is left) grows wider; longer texts end in «…»
LAST_ROOM = 160  # pixels kept for the last column before the others give way
TIP_FROM = 40  # characters: a text this long also shows whole as a tooltip


def longest_texts(rows: list[list[str]]) -> list[list[str]]:
    """Per column, the texts to measure for its width (plain Python: it may run
    on the database worker, beside the query)."""
    if not rows:
        return []
    return [sorted({r[col] for r in rows}, key=len)[-LONGEST:] for col in range(len(rows[0]))]


def _shared_out(wants: list[int], floors: list[int], room: int) -> list[int]:
    """The widths `wants`, the widest cut to one cap so that they add up to at most
    `room` (none below its floor): the narrow columns keep their whole text."""
    if room <= 0 or sum(wants) <= room:
        return wants
    low, high = 0, max(wants)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if sum(max(f, min(w, cap)) for w, f in zip(wants, floors, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(w, low)) for w, f in zip(wants, floors, strict=True)]


class RowsTable(QTableWidget):
    """Rows selected whole, one at a time; `selection_changed` when the chosen
    row changes (not while rows are being set)."""

    selection_changed = Signal()

    def __init__(self, columns, height: int = 200, parent=None):
        super().__init__(0, len(columns), parent)
        self.headers = [tr(c) for c in columns]
        list_table(self.headers, height, table=self)
        self.setWordWrap(False)  # one line per row; a long text ends in «…» (and shows whole as a tooltip)
        self._rows: list[list[str]] = []
        self._colours: dict[int, list] = {}
        self._next = 0  # the first row not filled yet
        self._brushes: dict[str, QBrush] = {}
        self._longest: list[list[str]] | None = None  # what the widths were measured on
        self._setting = False
        self.itemSelectionChanged.connect(self._selection_changed)

    def set_rows(self, rows: list[list[str]], colours: dict[int, list] | None = None,
                 select: int | None = None, longest: list[list[str]] | None = None) -> None:
        """Show these rows (each a list of strings); `colours` maps a row number to
        a colour per column (None: the usual one, else a colour name like
        "#b00020"); `select`: the row to choose; `longest`: longest_texts(rows)
        when already made."""
        self._setting = True
        try:
            self._rows, self._colours = rows, colours or {}
            self.clearSelection()
            self.setRowCount(0)
            self.setRowCount(len(rows))
            self._next = 0
            if select is not None and select >= CHUNK:
                self._fill_row(select)  # chosen: its texts are there at once
            self._fill_chunk()
            self._fit_columns(longest if longest is not None else longest_texts(rows))
            if select is not None and 0 <= select < len(rows):
                self.selectRow(select)
        finally:
            self._setting = False
        self._selection_changed()
        if self._next < len(rows):
            QTimer.singleShot(0, self, self._more)

    def filled(self) -> bool:
        """True when every row's items are there."""
        return self._next >= len(self._rows)

    def current_row(self) -> int | None:
        """The chosen row's number, or None."""
        chosen = self.selectionModel().selectedRows()
        return chosen[0].row() if chosen else None

    # -- filling ------------------------------------------------------------------
    def _more(self) -> None:
        if not self.filled():
            self._fill_chunk()
            QTimer.singleShot(0, self, self._more)

    def _fill_chunk(self) -> None:
        end = min(self._next + CHUNK, len(self._rows))
        for row in range(self._next, end):
            if self.item(row, 0) is None:
                self._fill_row(row)
        self._next = end

    def _fill_row(self, row: int) -> None:
        colours = self._colours.get(row)
        for col, text in enumerate(self._rows[row]):
            item = QTableWidgetItem(text)
            if len(text) >= TIP_FROM:
                item.setToolTip(text)
            if colours and colours[col]:
                item.setForeground(self._brush(colours[col]))
            self.setItem(row, col, item)

    def _brush(self, colour) -> QBrush:
        key = colour.name() if isinstance(colour, QColor) else str(colour)
        if key not in self._brushes:
            self._brushes[key] = QBrush(QColor(colour))
        return self._brushes[key]

    def _fit_columns(self, longest: list[list[str]]) -> None:
        """Each column as wide as its header or its longest text, up to WIDEST; when
        they would not all fit beside LAST_ROOM for the last column, the widest
        give way first (never below their header). The last column stretches over
        what is left, so the list never scrolls sideways while it can be avoided."""
        self._longest = longest
        cells, heads = self.fontMetrics(), self.horizontalHeader().fontMetrics()
        floors, wants = [], []
        for col, title in enumerate(self.headers[:-1]):
            widest = max((cells.horizontalAdvance(t) for t in (longest[col] if longest else ())), default=0)
            floor = heads.horizontalAdvance(title) + PADDING
            floors.append(floor)
            wants.append(max(floor, min(widest + PADDING, WIDEST)))
        room = self.viewport().width() - LAST_ROOM
        for col, width in enumerate(_shared_out(wants, floors, room)):
            self.horizontalHeader().resizeSection(col, width)

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._longest is not None:
            self._fit_columns(self._longest)

    def _selection_changed(self) -> None:
        if not self._setting:
            self.selection_changed.emit()
