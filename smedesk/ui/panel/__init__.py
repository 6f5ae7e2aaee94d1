"""Sections of the Panel (the first page). Each module here defines
`SECTION = PanelSection(...)`; the Panel shows those the user may see.

A section is read in two halves, so the Panel never queries on the GUI
thread: `load(db)` gathers plain values on the database worker, and the
widget's `fill(answer)` paints them when they arrive (a widget shown on its
own: `widget.fill(SECTION.load(db))`)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PanelSection:
    """Attributes: key, title (English source), order, factory(ctx) -> QWidget
    with a `fill(answer)` method, load(db) -> answer (plain values, run on the
    database worker), permission (None: everyone), areas it follows."""

    key: str
    title: str
    order: int
    factory: Callable
    load: Callable
    permission: str | None = None
    areas: tuple[str, ...] = ()


def all_sections() -> list[PanelSection]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        section = getattr(module, "SECTION", None)
        if section is not None:
            found.append(section)
    return sorted(found, key=lambda s: (s.order, s.key))
