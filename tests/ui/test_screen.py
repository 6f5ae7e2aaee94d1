"""The window fits the screen it runs on, and the mouse wheel never changes a
field the user is not editing."""

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from smedesk.ui import cli as ui_cli
from smedesk.ui.app import application
from smedesk.ui.screen import CLIENT_AREA, client_size


def test_client_area_is_what_a_1024x768_screen_leaves_under_taskbar_and_title():
    assert (CLIENT_AREA.width(), CLIENT_AREA.height()) == (1024, 697)
    assert ui_cli.DEFAULT_SIZE == "1024x697"


def test_window_size_fits_the_free_area_with_its_frame():
    # 1024x768 with a 40 px taskbar: 728 px free; a 31 px title bar and 8 px borders
    size = client_size(QRect(0, 0, 1024, 728), QSize(16, 39))
    assert (size.width(), size.height()) == (1008, 689)
    # a large screen gets the preferred size, not all of it
    size = client_size(QRect(0, 0, 1920, 1040), QSize(16, 39))
    assert (size.width(), size.height()) == (1280, 800)


def test_offscreen_window_takes_the_smallest_screens_client_area(qtbot, ctx):
    from smedesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert (window.width(), window.height()) == (1024, 697)


def _wheel(widget, up=False):
    delta = 120 if up else -120
    event = QWheelEvent(QPointF(5, 5), QPointF(widget.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, delta), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _scrolling_page(qtbot):
    application()
    area = QScrollArea()
    inner = QWidget()
    box = QVBoxLayout(inner)
    combo = QComboBox()
    combo.addItems(["01 Factura", "03 Boleta", "07 Nota de crédito", "08 Nota de débito"])
    spin = QSpinBox()
    spin.setValue(5)
    box.addWidget(combo)
    box.addWidget(spin)
    for _ in range(40):
        box.addWidget(QComboBox())
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, spin


def test_wheel_over_an_unfocused_dropdown_scrolls_the_page_instead(qtbot):
    area, combo, spin = _scrolling_page(qtbot)
    area.setFocus()
    _wheel(combo)
    _wheel(spin)
    assert combo.currentText() == "01 Factura"
    assert spin.value() == 5
    assert area.verticalScrollBar().value() > 0
    assert combo.focusPolicy() == Qt.StrongFocus


def test_wheel_changes_a_dropdown_the_user_is_in(qtbot):
    area, combo, spin = _scrolling_page(qtbot)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentText() == "03 Boleta"


def test_missing_x11_library_is_said_in_spanish_before_qt_starts(monkeypatch):
    import ctypes.util

    from smedesk.ui import app as app_module

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else real(name))
    problem = app_module.screen_problem()
    assert problem.startswith("La ventana no puede abrirse")
    assert "libxcb-cursor0" in problem


def test_no_display_is_said_in_spanish(monkeypatch):
    from smedesk.ui import app as app_module

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert "DISPLAY" in app_module.screen_problem()
