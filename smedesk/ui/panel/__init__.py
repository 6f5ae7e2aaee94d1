"""Sections of the Panel (the first page). Each module here defines
`SECTION = PanelSection(...)`; the Panel shows those the user may see."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PanelSection:
    """Attributes: key, title (English source), order, factory(ctx) -> QWidget
    with a `refresh()` method, permission (None: everyone), areas it follows."""

    key: str
    title: str
    order: int
    factory: Callable
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
