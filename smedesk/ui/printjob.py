"""Writing a PDF without freezing the window: a progress bar and a Cancel button.

    self.printing = PrintBar(self)           # a page puts it under its print buttons
    self.printing.start(lambda db: printing.cost_sheet_data(db, pid),       # on the database worker
                        lambda data, **job: cost_sheet.render(data, path, tr=tr, **job),  # on a render thread
                        done=lambda path: self.say(saved_message(path)))

The area's gathering runs on the session's database worker (its own
connection, bound to the user: the money checks hold); drawing the plain data
runs on a thread of Qt's pool, so a long render never holds up the database
worker (a scan at the station is not queued behind 1,000 labels). The drawing
receives `progress(done, total)` and `cancelled()`; Cancel makes `cancelled()`
true, the renderer stops and leaves no file (printouts.pdf_common.written) and
returns None. Orange3's TaskState is the model (progress and cancel passed in,
so the drawing code knows nothing of Qt).
"""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE


def printout(name: str):
    """smedesk.printouts.<name>, imported where it is called: inside a draw function that
    is the render thread (reportlab's first import would cost the GUI thread tens of ms)."""
    return importlib.import_module(f"smedesk.printouts.{name}")


class _Relay(QObject):
    """Carries the render thread's news to the GUI thread (queued signals)."""

    progressed = Signal(int, int, int)  # job, done, total
    finished = Signal(int, object)  # job, result
    failed = Signal(int, object)  # job, exception


class PrintBar(QWidget):
    """Progress of the PDF being written, with Cancel; only `message` shows while
    idle. `say(text, ok)` tells the person what happened (the page's own message
    line when given, else `message`). Attributes: bar, cancel_button, message."""

    def __init__(self, page, *, say=None, parent=None):
        super().__init__(parent)
        self.page = page
        self.setObjectName("print_bar")
        self._job = 0
        self._flag: threading.Event | None = None
        self._done = self._failed = None
        self._pending: list[tuple] = []
        self._say = say
        # no parent: a render still running when the page goes keeps its relay alive
        self._relay = _Relay()
        self._relay.progressed.connect(self._progressed)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed_in_render)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.running = QWidget()
        row = QHBoxLayout(self.running)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(tr("Preparing the PDF…"))
        self.bar = QProgressBar()
        self.bar.setObjectName("print_progress")
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("print_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.message = QLabel("")
        self.message.setObjectName("print_message")
        self.message.setWordWrap(True)
        self.message.hide()
        # its place is kept while idle: showing the bar never lays the page out again
        # (on a page of tables that would cost the GUI thread the time of a frame or more)
        policy = self.running.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.running.setSizePolicy(policy)
        column.addWidget(self.running)
        column.addWidget(self.message)
        self._set_running(False)

    # -- what pages call -----------------------------------------------------------
    def start(self, gather, draw, *, done, failed=None, label: str | None = None) -> None:
        """gather(db) -> data on the database worker, then draw(data, progress=, cancelled=)
        -> path (None when cancelled) on a render thread; done(path) on the GUI thread.
        A refusal (SmedeskError) goes to failed(exc), or is shown in `message`."""
        if self.busy():  # one PDF at a time: the next waits its turn (Cancel drops it too)
            self._pending.append((gather, draw, done, failed, label))
            return
        self._job += 1
        job, flag = self._job, threading.Event()
        self._flag, self._done, self._failed = flag, done, failed
        self.label.setText(label or tr("Preparing the PDF…"))
        self.bar.setRange(0, 0)  # busy until the first progress
        self._set_running(True)
        self.page.read(gather, done=lambda data: self._draw(job, flag, draw, data),
                       failed=lambda exc: self._finish_failed(job, exc), key=("print", id(self)))

    def busy(self) -> bool:
        """True while a PDF is being written or waits its turn."""
        return self._flag is not None or bool(self._pending)

    def cancel(self) -> None:
        self._pending.clear()
        if self._flag is not None:
            self._flag.set()
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("Stopping…"))

    def say(self, text: str, ok: bool = True) -> None:
        if self._say is not None:
            self._say(text, ok)
            return
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
        self.message.show()

    # -- the render thread -----------------------------------------------------------
    def _draw(self, job: int, flag: threading.Event, draw, data) -> None:
        if job != self._job:
            return
        if flag.is_set():
            self._finished(job, None)
            return
        relay = self._relay

        def run():
            try:
                result = draw(data, progress=lambda done, total: relay.progressed.emit(job, int(done), int(total)),
                              cancelled=flag.is_set)
            except Exception as exc:  # reported on the GUI thread, never raised in the pool
                relay.failed.emit(job, exc)
            else:
                relay.finished.emit(job, result)

        QThreadPool.globalInstance().start(run)

    def _progressed(self, job: int, done: int, total: int) -> None:
        if job == self._job and self._flag is not None and total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _finished(self, job: int, result) -> None:
        if job != self._job or self._flag is None:
            return
        done = self._done
        self._stop()
        if result is None:
            self.say(tr("Cancelled: no PDF was written."), ok=False)
        elif done is not None:
            done(result)

    def _finish_failed(self, job: int, exc) -> None:
        if job != self._job:
            return
        failed = self._failed
        self._stop()
        if failed is not None:
            failed(exc)
        else:
            self.say(str(exc), ok=False)

    def _failed_in_render(self, job: int, exc) -> None:
        if not isinstance(exc, SmedeskError):
            self._stop()
            raise exc  # a bug, not a refusal: Qt reports it (and pytest-qt fails the test)
        self._finish_failed(job, exc)

    def _stop(self) -> None:
        self._flag = self._done = self._failed = None
        self._set_running(False)
        if self._pending:
            gather, draw, done, failed, label = self._pending.pop(0)
            self.start(gather, draw, done=done, failed=failed, label=label)

    def _set_running(self, running: bool) -> None:
        self.running.setVisible(running)
        self.cancel_button.setEnabled(running)
        if running:
            self.message.hide()
