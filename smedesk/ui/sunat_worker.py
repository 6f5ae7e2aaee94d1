"""Sending to SUNAT off the UI thread: the job opens its own connection to the
business file, reports progress through signals and stops between documents
when cancelled (sending.run's progress/cancelled protocol)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from smedesk.core import users
from smedesk.core.db import open_db
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.einvoice import part1, sending, sol


class SunatJob(QObject):
    """Attributes: progress(done, total), finished(SendResult), failed(message)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, user_id: int | None, *, client_factory=None, part1_source=None):
        super().__init__()
        self.db_path = Path(db_path)
        self.user_id = user_id
        self.stop = threading.Event()
        self.client_factory = client_factory or (lambda db: sol.load(db).client())
        self.part1_source = part1_source or part1.current

    def run(self) -> None:
        try:
            db = open_db(self.db_path)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
            return
        try:
            user = users.get_user(db, self.user_id) if self.user_id else None
            actor = users.actor_for(user) if user else users.owner_actor(db)
            result = sending.run(db, self.client_factory(db), self.part1_source(), actor=actor,
                                 progress=lambda d, t: self.progress.emit(d, t), cancelled=self.stop.is_set)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a worker must always report back
            self.failed.emit(tr("Sending stopped: {reason}", reason=type(exc).__name__))
            return
        finally:
            db.close()
        self.finished.emit(result)


def start(job: SunatJob) -> QThread:
    thread = QThread()
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.finished.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.start()
    return thread
