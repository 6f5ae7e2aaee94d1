"""Pulls and imports on a worker thread with its own sqlite connection; the
page learns of progress and the end through signals, and may cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from smedesk.core.db import open_db
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr


class Job(QThread):
    """Runs `work(db, progress, cancelled)` on its own thread and connection;
    emits progress(done, total), then finished_with(result) or failed(message).
    The object itself lives in the window's thread, so its signals reach the
    page queued, and no widget is touched from the worker."""

    progress = Signal(int, int)
    finished_with = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path, work):
        super().__init__()
        self.db_path = db_path
        self.work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        db = None
        try:
            db = open_db(self.db_path)
            result = self.work(db, lambda d, t: self.progress.emit(d, t), self._cancel.is_set)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # the window must survive whatever the network does
            self.failed.emit(tr("Something went wrong: {reason}", reason=exc))
        else:
            self.finished_with.emit(result)
        finally:
            if db is not None:
                db.close()
