"""Running a sync off the UI thread: the worker opens its own connection to
the business file (a sqlite3 connection belongs to its thread), reports
progress through signals and stops between batches when cancelled."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from smedesk.core import roles, users
from smedesk.core.db import open_db
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.sync import now


class SyncJob(QObject):
    """Attributes: progress(done, total), finished(RunResult), failed(message)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, user_id: int | None):
        super().__init__()
        self.db_path = Path(db_path)
        self.user_id = user_id
        self.stop = threading.Event()

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
            # the same «sync now» as the command line, keys from the environment included
            result = now.sync_now(db, actor=actor, progress=lambda d, t: self.progress.emit(d, t),
                                  cancelled=self.stop.is_set)
        except SmedeskError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a worker must always report back
            self.failed.emit(tr("The sync stopped on an unexpected problem; nothing was lost and the items "
                                "wait. Try again, and if it happens again make a backup and ask for help. ({reason})",
                                reason=type(exc).__name__))
            return
        finally:
            db.close()
        self.finished.emit(result)


def start(job: SyncJob) -> QThread:
    thread = QThread()
    job.moveToThread(thread)
    thread.started.connect(job.run)
    job.finished.connect(thread.quit)
    job.failed.connect(thread.quit)
    thread.start()
    return thread
