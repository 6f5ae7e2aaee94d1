"""Running a sync off the UI thread, as a job with its own connection to the
business file; it stops between batches when cancelled."""

from __future__ import annotations

from smedesk.core.i18n import tr
from smedesk.sync import now
from smedesk.ui.connection_job import ConnectionJob, start

__all__ = ["SyncJob", "start"]


class SyncJob(ConnectionJob):
    """Attributes: progress(done, total), finished(RunResult), failed(message)."""

    def __init__(self, db_path, user_id: int | None):
        super().__init__(db_path, user_id, self._sync, self._unexpected)

    def _sync(self, db, actor, progress, cancelled):
        # the same «sync now» as the command line, keys from the environment included
        return now.sync_now(db, actor=actor, progress=progress, cancelled=cancelled)

    def _unexpected(self, exc: Exception) -> str:
        return tr("The sync stopped on an unexpected problem; nothing was lost and the items "
                  "wait. Try again, and if it happens again make a backup and ask for help. ({reason})",
                  reason=type(exc).__name__)
