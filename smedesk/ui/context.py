"""What every page receives: the open database, who is acting, and the bus
on which a write announces what it changed (pages refresh themselves from it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from smedesk.core.roles import Actor, bind


class Bus(QObject):
    """`changed(area)` is emitted once after a write; pages listening refresh."""

    changed = Signal(str)
    language_changed = Signal(str)


@dataclass
class AppContext:
    """Attributes: db (sqlite_utils.Database, UI thread), db_path, actor, bus."""

    db: object
    db_path: Path
    actor: Actor
    bus: Bus

    def __post_init__(self) -> None:
        # money reads check the session's user in the domain (roles.require_view)
        bind(self.db, self.actor)
