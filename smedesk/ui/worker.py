"""Database work off the UI thread.

One DbWorker per session: a single thread with its own SQLite connection (a
connection belongs to the thread that opened it), bound to the session's user
so money reads are checked there too. `submit(tag, fn, *args)` runs
fn(db, *args) there and reports the result or the error through signals, so
no widget is touched from the worker. Jobs run one at a time, in order.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smedesk.core.db import open_db
from smedesk.core.roles import bind

_CLOSE = object()


class DbWorker(QObject):
    finished = Signal(object, object)  # (tag, result)
    failed = Signal(object, object)  # (tag, exception)
    progressed = Signal(object, int, int)  # (tag, done, total)

    def __init__(self, db_path: Path, parent=None, *, actor=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.actor = actor
        self._jobs: queue.Queue = queue.Queue()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="smedesk-db", daemon=True)
        self._thread.start()

    def submit(self, tag, fn, *args) -> None:
        self._jobs.put((tag, fn, args))

    def progress_for(self, tag):
        """A `progress(done, total)` callable for a job, reported as `progressed`."""
        return lambda done, total: self.progressed.emit(tag, int(done), int(total))

    def close_db(self, timeout: float = 30.0) -> bool:
        """Close the worker's connection once the jobs before this call are done
        (before a restore replaces the file); the next job opens it again."""
        self._closed.clear()
        self._jobs.put(_CLOSE)
        return self._closed.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        db = None
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                if job is _CLOSE:
                    if db is not None:
                        db.close()
                        db = None
                    self._closed.set()
                    continue
                tag, fn, args = job
                try:
                    if db is None:
                        db = open_db(self.db_path)
                        if self.actor is not None:
                            bind(db, self.actor)
                    result = fn(db, *args)
                except Exception as exc:  # reported to the window, never raised in the thread
                    self.failed.emit(tag, exc)
                else:
                    self.finished.emit(tag, result)
        finally:
            if db is not None:
                db.close()
