"""A page that went stale while hidden is painted as it was when the window
switches to it, and brought up to date right after: the switch answers at once."""

from PySide6.QtCore import QEvent, QObject

from smedesk.core.changes import Changes
from smedesk.ui.main_window import MainWindow


class Seen(QObject):
    def __init__(self, events):
        super().__init__()
        self.events = events

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            self.events.append("paint")
        return False


def test_a_stale_page_paints_first_and_refreshes_right_after(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("catalogue")
    window.show_page("panel")
    events = []
    page.refresh = lambda: events.append("refresh")
    seen = Seen(events)
    for widget in (page.viewport(), page.widget()):
        widget.installEventFilter(seen)
    ctx.bus.changed.emit(Changes("catalogue"), None)  # another page changed the catalogue
    assert page.dirty and events == []
    window.show_page("catalogue")
    assert events == []  # nothing refreshed before the page is on screen
    qtbot.waitUntil(lambda: "refresh" in events, timeout=5000)
    assert events.index("paint") < events.index("refresh") and events.count("refresh") == 1
    assert not page.dirty


def test_a_page_not_on_screen_catches_up_at_once(qtbot, ctx):
    window = MainWindow(ctx)  # never shown: nothing to paint first
    qtbot.addWidget(window)
    page = window.show_page("catalogue")
    window.show_page("panel")
    calls = []
    page.refresh = lambda: calls.append(1)
    ctx.bus.changed.emit(Changes("catalogue"), None)
    window.show_page("catalogue")
    assert calls == [1] and not page.dirty
