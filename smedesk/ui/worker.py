"""Database work off the UI thread.

One DbWorker per window: a single thread with its own SQLite connection (a
connection belongs to the thread that opened it). `submit(fn, *args)` runs
fn(db, *args) there and reports the result or the error through signals, so
no widget is touched from the worker.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smedesk.core.db import open_db


class DbWorker(QObject):
    finished = Signal(object, object)  # (tag, result)
    failed = Signal(object, object)  # (tag, exception)

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="smedesk-db", daemon=True)
        self._thread.start()

    def submit(self, tag, fn, *args) -> None:
        self._jobs.put((tag, fn, args))

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
                tag, fn, args = job
                try:
                    if db is None:
                        db = open_db(self.db_path)
                    result = fn(db, *args)
                except Exception as exc:  # reported to the window, never raised in the thread
                    self.failed.emit(tag, exc)
                else:
                    self.finished.emit(tag, result)
        finally:
            if db is not None:
                db.close()
