"""A job that runs on a thread of its own with its own connection to the
business file (a sqlite3 connection belongs to its thread), acting for the
session's user, reporting progress through signals and stopping between
steps when cancelled. Each job gives its work, `work(db, actor, progress,
cancelled)`, and what to tell the person when something unexpected stops it,
`unexpected(exc)`."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from smedesk.core import roles, users
from smedesk.core.db import open_db
from smedesk.core.errors import SmedeskError


class ConnectionJob(QObject):
    """Attributes: progress(done, total), finished(result), failed(message)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, user_id: int | None, work, unexpected):
        super().__init__()
        self.db_path = Path(db_path)
        self.user_id = user_id
        self.stop = threading.Event()
        self.work, self.unexpected = work, unexpected

    def run(self) -> None:
        try:
            db = open_db(self.db_path)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
            return
        try:
            user = users.get_user(db, self.user_id) if self.user_id else None
            actor = users.actor_for(user) if user else users.owner_actor(db)
            roles.bind(db, actor)  # this thread's own connection acts for the session's user
            result = self.work(db, actor, lambda d, t: self.progress.emit(d, t), self.stop.is_set)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a worker must always report back
            self.failed.emit(self.unexpected(exc))
            return
        finally:
            db.close()
        self.finished.emit(result)


def start(job: ConnectionJob) -> QThread:
    thread = QThread()
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.finished.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.start()
    return thread
