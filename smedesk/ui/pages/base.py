"""Base for pages: a scrollable column with a header, refreshed from what
operations say they changed.

A page sets `areas` to the kinds of change it follows (names in
smedesk.core.changes.KINDS; checked when the class is defined) and
implements `refresh()`. When the window broadcasts a Changes value touching
one of them, a shown page refreshes once the current event is done (a burst
of changes gives one refresh); a hidden page only marks itself dirty and
refreshes when it is next shown (Anki's deck browser `refresh_if_needed`),
right after it has been painted as it was, so the switch itself answers at once.
A page writes with `self.write(fn, ..., changes=Changes(...))`: the work runs
on the database worker and the window broadcasts the changes once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget
from shiboken6 import isValid

from smedesk.core.changes import Changes, check
from smedesk.ui.widgets import header


class Page(QScrollArea):
    """Subclasses fill `self.body` and implement `refresh()`."""

    areas: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        check(cls.areas)

    def __init__(self, ctx, title: str, subtitle: str = ""):
        super().__init__()
        self.ctx = ctx
        self.dirty = False
        self._refresh_queued = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.addWidget(header(title, subtitle))
        self.setWidget(inner)
        ctx.bus.changed.connect(self._on_changed)

    def follows(self, changes: Changes) -> bool:
        return changes.touches(self.areas)

    def shown(self) -> bool:
        """On screen or about to be: the current page of the window (a page
        on its own, as in tests, counts as shown)."""
        return self.parent() is None or not self.isHidden()

    def _on_changed(self, changes: Changes, initiator=None) -> None:
        if isinstance(changes, str):  # an old caller naming one kind
            changes = Changes(changes)
        if not self.follows(changes):
            return
        if initiator is self and self.shown():
            self.dirty = False
            self.refresh()  # the page acted on shows its own answer at once
        else:
            self.refresh_soon()

    def refresh_soon(self) -> None:
        """Refresh after the current event (once for a burst), or when next shown."""
        if not self.shown():
            self.dirty = True
        elif not self._refresh_queued:
            self._refresh_queued = True
            QTimer.singleShot(0, self._queued_refresh)

    def _queued_refresh(self) -> None:
        self._refresh_queued = False
        if self.shown():
            self.dirty = False
            self.refresh()
        else:
            self.dirty = True

    def showEvent(self, event):  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh_after_paint()

    def refresh_after_paint(self) -> None:
        """Catch up on what changed while the page was hidden once it has been
        painted as it was: a page switch answers at once, the new figures follow a
        moment later. A page not on screen (tests, a window not shown yet) catches
        up at once, as refresh_if_needed does."""
        if not self.dirty:
            return
        if not self.isVisible():
            self.refresh_if_needed()
        elif not self._refresh_queued:
            self._refresh_queued = True
            _AfterPaint(self, (self.viewport(), self.widget()), self._queued_refresh)

    def refresh_if_needed(self) -> None:
        """Catch up on what changed while the page was hidden (the window calls
        this when it switches to the page)."""
        if self.dirty:
            self.dirty = False
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass

    # -- operations ---------------------------------------------------------------
    def write(self, fn, *args, changes, done=None, failed=None, progress=None) -> bool:
        """Run fn(db, *args) on the database worker; then done(result) and one
        broadcast of `changes` (or of changes(result)). False when the same write
        is still pending (a double click), which is then not queued again."""
        return self.ctx.ops.write(fn, *args, changes=changes, done=self._while_alive(done),
                                  failed=self._while_alive(failed), initiator=self, progress=self._while_alive(progress))

    def read(self, fn, *args, done, failed=None, key=None, progress=None) -> None:
        """Run fn(db, *args) on the database worker; done(answer) when it arrives
        (an answer made stale by a newer read under the same key is dropped)."""
        self.ctx.ops.read(fn, *args, done=self._while_alive(done), failed=self._while_alive(failed),
                          key=(id(self), key), progress=self._while_alive(progress))

    def _while_alive(self, callback):
        """`callback`, skipped once this page is gone (a page closed, or made and
        dropped, before the worker answered): its widgets can't be painted."""
        if callback is None:
            return None

        def call(*args):
            if isValid(self):
                callback(*args)
        return call

    def announce(self, *kinds: str) -> None:
        """Kept for pages written before Changes: `self.announce("stock")` is
        `self.changed(Changes("stock"))` (the names are checked all the same)."""
        self.changed(Changes(*kinds))

    def changed(self, changes: Changes) -> None:
        """Broadcast what a write done here, on the GUI thread, changed."""
        if changes:
            self.ctx.bus.changed.emit(changes, self)


class _AfterPaint(QObject):
    """Runs `then` once, just after the first paint of one of `widgets` (or after
    a short while if none is painted, so a catch-up is never lost)."""

    FALLBACK_MS = 250

    def __init__(self, parent, widgets, then):
        super().__init__(parent)
        self.widgets, self.then = [w for w in widgets if w is not None], then
        for widget in self.widgets:
            widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self.fire)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            QTimer.singleShot(0, self, self.fire)  # after the paint has reached the screen
        return False

    def fire(self) -> None:
        if self.then is None:
            return
        then, self.then = self.then, None
        for widget in self.widgets:
            widget.removeEventFilter(self)
        then()
        self.deleteLater()
