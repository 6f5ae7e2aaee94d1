"""The screen the window lives on: its size from the area the screen leaves free,
and the mouse wheel kept away from fields the user is not editing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

# The smallest screen smedesk is made for, and what it leaves a window: a Windows
# taskbar takes about 40 px and the title bar about 31 px (Windows 10 at 100 %).
SMALLEST_SCREEN = QSize(1024, 768)
TASKBAR = 40
TITLE_BAR = 31
# The client area of a maximised window on that screen: what `smedesk screenshots`
# renders and what the fit tests check.
CLIENT_AREA = QSize(SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height() - TASKBAR - TITLE_BAR)
MINIMUM = QSize(800, 560)
PREFERRED = QSize(1280, 800)


def client_size(available: QRect, frame: QSize | None = None) -> QSize:
    """The window size (without its frame) that fits in `available`, the part of
    the screen that panels and taskbars leave; `frame` is the width and height the
    window manager adds (title bar and borders), estimated before the first show."""
    frame = frame if frame is not None else QSize(0, TITLE_BAR)
    width = min(PREFERRED.width(), available.width() - frame.width())
    height = min(PREFERRED.height(), available.height() - frame.height())
    return QSize(max(MINIMUM.width(), width), max(MINIMUM.height(), height))


def _virtual() -> bool:
    """Offscreen (tests, screenshots) has an 800x600 stand-in screen: there the
    window takes the smallest real screen's client area instead."""
    return QGuiApplication.platformName() in ("offscreen", "minimal")


def fit_to_screen(window: QWidget) -> None:
    """Size `window` to its screen's free area, frame included, and centre it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or _virtual():
        window.resize(CLIENT_AREA)
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    if window.isVisible() and frame.height() > 0:
        size = client_size(available, frame)
    else:
        size = client_size(available)
        frame = QSize(0, TITLE_BAR)
    window.resize(size)
    left = available.x() + max(0, (available.width() - size.width() - frame.width()) // 2)
    top = available.y() + max(0, (available.height() - size.height() - frame.height()) // 2)
    window.move(left, top)


def keep_inside_screen(window: QWidget) -> None:
    """After the window manager has framed the window: shrink it if the frame
    pushed anything past the free area (the title bar is only known then)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or _virtual():
        return
    available = screen.availableGeometry()
    outer = window.frameGeometry()
    if available.contains(outer):
        return
    frame = outer.size() - window.geometry().size()
    window.resize(client_size(available, frame))
    outer = window.frameGeometry()
    window.move(max(available.x(), min(outer.x(), available.right() - outer.width() + 1)),
                max(available.y(), min(outer.y(), available.bottom() - outer.height() + 1)))


class WheelGuard(QObject):
    """Dropdowns, spin boxes and date fields take the mouse wheel only while they
    have the keyboard focus; otherwise the wheel scrolls the page under them, so
    scrolling past a field never changes what it holds ("01 Factura" does not
    become "08 Nota de débito" on its way down the page)."""

    GUARDED = (QComboBox, QAbstractSpinBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        kind = event.type()
        if kind == QEvent.Polish and isinstance(watched, self.GUARDED):
            # the default WheelFocus would let the wheel take the focus first
            if watched.focusPolicy() == Qt.WheelFocus:
                watched.setFocusPolicy(Qt.StrongFocus)
        elif kind == QEvent.Wheel and isinstance(watched, self.GUARDED) and not watched.hasFocus():
            # handed to the scroll area around it: a forwarded event is no longer
            # "spontaneous", and Qt does not pass those on to parents by itself
            area = watched.parentWidget()
            while area is not None and not isinstance(area, QAbstractScrollArea):
                area = area.parentWidget()
            if area is not None:
                QApplication.sendEvent(area.viewport(), event)
            return True
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    guard = getattr(app, "_smedesk_wheel_guard", None)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._smedesk_wheel_guard = guard
    return guard
