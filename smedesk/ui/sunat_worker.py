"""Sending to SUNAT off the UI thread (sending.run's progress/cancelled
protocol), as a job with its own connection to the business file."""

from __future__ import annotations

from pathlib import Path

from smedesk.core.i18n import tr
from smedesk.einvoice import part1, sending, sol
from smedesk.ui.connection_job import ConnectionJob, start

__all__ = ["SunatJob", "start"]


class SunatJob(ConnectionJob):
    """Attributes: progress(done, total), finished(SendResult), failed(message)."""

    def __init__(self, db_path: Path, user_id: int | None, *, client_factory=None, part1_source=None):
        super().__init__(db_path, user_id, self._send, self._unexpected)
        self.client_factory = client_factory or (lambda db: sol.load(db).client())
        self.part1_source = part1_source or part1.current

    def _send(self, db, actor, progress, cancelled):
        return sending.run(db, self.client_factory(db), self.part1_source(), actor=actor,
                           progress=progress, cancelled=cancelled)

    def _unexpected(self, exc: Exception) -> str:
        return tr("Sending stopped: {reason}", reason=type(exc).__name__)
