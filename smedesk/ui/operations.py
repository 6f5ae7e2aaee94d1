"""Window operations: domain work on the one database worker, then one
broadcast of what changed.

    ctx.ops.write(lambda db: orders.set_state(db, number, "delivered", actor=actor),
                  changes=Changes("orders"), done=self.say_delivered, failed=self.say_error,
                  initiator=self)

runs the function on the worker (its own connection, bound to the session's
user), then on the GUI thread calls `done(result)` and broadcasts the changes
once through `ctx.bus.changed(changes, initiator)`; every page that follows
one of those kinds refreshes itself (pages.base.Page). `changes` may be a
function of the result (a sync apply says what it applied) and is not
broadcast when the work failed. `read()` is the same without a broadcast, for
heavy reads whose answer is painted when it arrives; a newer read under the
same `key` makes an older answer stale, so it is dropped. A long job passes
`progress=`: the function is then called with `progress=callable(done, total)`
and `progress(done, total)` is called on the GUI thread.

A write that is the same as one still pending (the same function with the
same values, from the same page: a double click on "Emitir" or "Guardar") is
the same operation and is not queued again, so a quick second click never
records a document twice; `write()` then returns False.

This is Anki's collection-operation shape (`qt/aqt/operations/__init__.py`):
an operation returns what it changed and the main window broadcasts it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject

from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.ui.worker import DbWorker


class _Job:
    __slots__ = ("changes", "done", "failed", "initiator", "key", "progress", "same")

    def __init__(self, changes, done, failed, initiator, key, progress, same=None):
        self.changes, self.done, self.failed = changes, done, failed
        self.initiator, self.key, self.progress = initiator, key, progress
        self.same = same


def _sameness(fn, args, initiator):
    """What makes two writes the same operation: the code, the values it closes
    over and its arguments, and the page that asked. None when they can't be
    compared (then the write is always queued)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    cells = tuple(c.cell_contents for c in (fn.__closure__ or ()))
    return (code, cells, fn.__defaults__, args, id(initiator))


def _equal(a, b) -> bool:
    try:
        return bool(a == b)
    except Exception:  # values without a plain equality: never the same
        return False


class Operations(QObject):
    """Attributes: worker (the DbWorker), bus (where changes are broadcast)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.bus = ctx.bus
        self.worker = DbWorker(ctx.db_path, self, actor=ctx.actor)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.progressed.connect(self._progressed)
        self._jobs: dict[int, _Job] = {}
        self._latest: dict[object, int] = {}
        self._ids = itertools.count(1)

    # -- what pages call -------------------------------------------------------
    def write(self, fn: Callable, *args, changes: Changes | Callable[[object], Changes],
              done: Callable | None = None, failed: Callable | None = None, initiator=None,
              progress: Callable | None = None) -> bool:
        same = _sameness(fn, args, initiator)
        if same is not None and any(j.same is not None and _equal(j.same, same) for j in self._jobs.values()):
            return False
        self._submit(fn, args, changes, done, failed, initiator, None, progress, same)
        return True

    def read(self, fn: Callable, *args, done: Callable, failed: Callable | None = None, key=None,
             progress: Callable | None = None) -> None:
        self._submit(fn, args, None, done, failed, None, key, progress)

    def broadcast(self, changes: Changes, initiator=None) -> None:
        """Tell every page what changed (once per operation)."""
        if changes:
            self.bus.changed.emit(changes, initiator)

    def pending(self, initiator) -> bool:
        """True while a write asked by `initiator` has not been answered yet."""
        return any(j.initiator is initiator and j.same is not None for j in self._jobs.values())

    def busy(self) -> bool:
        """True while a job is queued, running or its answer not yet delivered."""
        return bool(self._jobs)

    def close_db(self) -> bool:
        return self.worker.close_db()

    def stop(self) -> None:
        self.worker.stop()

    # -- worker side -----------------------------------------------------------
    def _submit(self, fn, args, changes, done, failed, initiator, key, progress, same=None) -> None:
        job_id = next(self._ids)
        self._jobs[job_id] = _Job(changes, done, failed, initiator, key, progress, same)
        if key is not None:
            self._latest[key] = job_id
        if progress is not None:
            reporter = self.worker.progress_for(job_id)
            self.worker.submit(job_id, lambda db, *a: fn(db, *a, progress=reporter), *args)
        else:
            self.worker.submit(job_id, fn, *args)

    def _stale(self, job_id: int, job: _Job) -> bool:
        return job.key is not None and self._latest.get(job.key) != job_id

    def _finished(self, job_id, result) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None or self._stale(job_id, job):
            return
        if job.done is not None:
            job.done(result)
        if job.changes is not None:
            changes = job.changes(result) if callable(job.changes) else job.changes
            self.broadcast(changes, job.initiator)

    def _failed(self, job_id, exc) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None or self._stale(job_id, job):
            return
        if job.failed is not None and isinstance(exc, SmedeskError):
            job.failed(exc)
        else:
            raise exc  # a bug, not a refusal: Qt reports it (and pytest-qt fails the test)

    def _progressed(self, job_id, done: int, total: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None and job.progress is not None:
            job.progress(done, total)
