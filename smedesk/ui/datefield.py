"""A date field as Peru writes dates: dd/mm/aaaa typed or picked from a calendar.

It behaves like a QLineEdit for the forms (text(), setText(), textChanged), so a
page passes what it holds straight to the domain, whose one reader
(smedesk.core.dates) takes dd/mm/aaaa and aaaa-mm-dd alike. Whatever the field is
given (an ISO date from the database, a date) it shows as dd/mm/aaaa.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from smedesk.core import dates
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr


class DateField(QWidget):
    textChanged = Signal(str)
    editingFinished = Signal()

    def __init__(self, value=None, parent=None, *, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("dd/mm/yyyy"))
        self.edit.setMaxLength(10)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.editingFinished.connect(self.editingFinished)
        row.addWidget(self.edit, 1)
        self.pick = QToolButton()
        self.pick.setObjectName("date_pick")
        self.pick.setText("▾")
        self.pick.setToolTip(tr("Pick the day on a calendar"))
        self.pick.setPopupMode(QToolButton.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.pick)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._sync_calendar)
        self.pick.setMenu(menu)
        row.addWidget(self.pick)
        self.setFocusProxy(self.edit)
        if value is not None:
            self.setText(value)

    # the QLineEdit part of the interface the forms use
    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, value) -> None:  # noqa: N802 (Qt)
        self.edit.setText(dates.show_date(value) if value not in (None, "") else "")

    def clear(self) -> None:
        self.edit.clear()

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt)
        self.edit.setPlaceholderText(text)

    def setMaximumWidth(self, width: int) -> None:  # noqa: N802 (Qt)
        super().setMaximumWidth(width + 28)

    def date(self) -> dt.date | None:
        """The day shown, or None when the field is empty or not a date."""
        try:
            return dates.read_date(self.text())
        except ValidationError:
            return None

    def setDate(self, day: dt.date) -> None:  # noqa: N802 (Qt)
        self.setText(day)

    def _tidy(self) -> None:
        # 1/3/2026 or 2026-03-01 typed: shown back as 01/03/2026
        day = self.date()
        if day is not None and self.edit.text() != dates.show_date(day):
            self.edit.setText(dates.show_date(day))

    def _sync_calendar(self) -> None:
        day = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, qdate: QDate) -> None:
        self.setText(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.pick.menu().hide()
        self.editingFinished.emit()
