"""What every page receives: the open database, who is acting, the bus on
which the window broadcasts what an operation changed, and `ops`, the
session's operations on its one database worker (smedesk.ui.operations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smedesk.core.roles import Actor, bind


class Bus(QObject):
    """`changed(changes, initiator)` is emitted once per operation with a
    smedesk.core.changes.Changes value (initiator: the page that asked, or
    None); pages following one of its kinds refresh themselves."""

    changed = Signal(object, object)
    language_changed = Signal(str)


@dataclass
class AppContext:
    """Attributes: db (sqlite_utils.Database, UI thread), db_path, actor, bus,
    ops (Operations, made on first use; `close()` stops its worker)."""

    db: object
    db_path: Path
    actor: Actor
    bus: Bus
    _ops: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # money reads check the session's user in the domain (roles.require_view)
        bind(self.db, self.actor)

    @property
    def ops(self):
        if self._ops is None:
            from smedesk.ui.operations import Operations

            self._ops = Operations(self)
        return self._ops

    def close(self) -> None:
        """Stop the worker (its connection closes with it)."""
        if self._ops is not None:
            self._ops.stop()
            self._ops = None
