"""Unit prices of past awards over time, drawn with QPainter; a click on a
point says which process it came from. Own price and cost are lines across."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from smedesk.core import clock
from smedesk.core.i18n import tr
from smedesk.core.money import format_money

MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 70, 16, 14, 34


class PriceChart(QWidget):
    """`set_data(lines, refs)`: lines with date, unit_price, ocid; refs are
    (label, Decimal, colour) horizontal lines. Emits point_clicked(ocid)."""

    point_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(230)
        self.setMouseTracking(True)
        self.lines: list[dict] = []
        self.refs: list[tuple[str, Decimal, str]] = []
        self.empty_text = tr("Write a CUBSO or UNSPSC code to see the unit prices the State paid.")

    def set_data(self, lines: list[dict], refs: list[tuple[str, Decimal, str]]) -> None:
        self.lines = [x for x in lines if x.get("date")]
        self.empty_text = tr("No awarded prices for this code yet.")
        self.refs = [r for r in refs if r[1] is not None]
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(MARGIN_L, MARGIN_T, max(10, self.width() - MARGIN_L - MARGIN_R),
                      max(10, self.height() - MARGIN_T - MARGIN_B))

    def _scales(self):
        """(x_of, y_of, low, high, first, last) for the current size; screen
        coordinates only, so float is fine here."""
        area = self._plot()
        days = [clock.parse(x["date"]) for x in self.lines]
        values = [float(x["unit_price"]) for x in self.lines] + [float(r[1]) for r in self.refs]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or max(high * 0.1, 1.0)
        low, high = max(0.0, low - pad), high + pad
        first, last = min(days), max(days)
        span = (last - first).total_seconds() or 86400.0

        def x_of(moment: dt.datetime) -> float:
            offset = (moment - first).total_seconds() if last != first else span / 2
            return area.left() + 8 + (area.width() - 16) * offset / span

        def y_of(value: float) -> float:
            return area.bottom() - (area.height() * (value - low) / (high - low))

        return x_of, y_of, low, high, first, last

    def positions(self) -> list[tuple[QPointF, dict]]:
        """Where each price point is drawn, with its award line."""
        if not self.lines:
            return []
        x_of, y_of, *_rest = self._scales()
        return [(QPointF(x_of(clock.parse(line["date"])), y_of(float(line["unit_price"]))), line)
                for line in self.lines]

    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        area = self._plot()
        painter.setPen(QPen(QColor("#888888")))
        painter.drawRect(area)
        if not self.lines:
            painter.drawText(area, Qt.AlignCenter | Qt.TextWordWrap, self.empty_text)
            return
        x_of, y_of, low, high, first, last = self._scales()
        painter.setPen(QPen(QColor("#444444")))
        for step in range(5):
            value = low + (high - low) * step / 4
            painter.drawText(QRectF(0, y_of(value) - 8, MARGIN_L - 6, 16), Qt.AlignRight | Qt.AlignVCenter,
                             format_money(Decimal(str(value))))
        for moment in (first, last):
            left = min(max(x_of(moment) - 45, 0.0), self.width() - 92.0)
            painter.drawText(QRectF(left, area.bottom() + 4, 90, 18), Qt.AlignCenter,
                             clock.to_lima(moment).strftime("%d/%m/%Y"))
        for label, value, colour in self.refs:
            pen = QPen(QColor(colour))
            pen.setWidth(2)
            pen.setStyle(Qt.DashLine)
            painter.setPen(pen)
            y = y_of(float(value))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QRectF(area.left() + 4, y - 18, area.width() - 8, 16), Qt.AlignRight,
                             f"{label}: {format_money(Decimal(str(value)))}")
        painter.setPen(QPen(QColor("#0d47a1")))
        painter.setBrush(QColor("#1976d2"))
        for point, _line in self.positions():
            painter.drawEllipse(point, 5, 5)

    def _nearest(self, pos) -> dict | None:
        best, found = 10.0 ** 2, None
        for point, line in self.positions():
            dist = (point.x() - pos.x()) ** 2 + (point.y() - pos.y()) ** 2
            if dist <= best:
                best, found = dist, line
        return found

    def mouseMoveEvent(self, event):
        line = self._nearest(event.position())
        if line:
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{line['title']}\n{format_money(Decimal(str(line['unit_price'])))} × {line['quantity']}\n{line['supplier']}",
                              self)

    def mousePressEvent(self, event):
        line = self._nearest(event.position())
        if line:
            self.point_clicked.emit(line["ocid"])
