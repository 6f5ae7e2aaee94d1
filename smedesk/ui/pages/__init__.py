"""Pages of the main window. Each module here defines `PAGE = PageInfo(...)`;
the window finds them all, so an area adds a page without editing others."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """Attributes: key, title (English source, translated when shown), order in
    the sidebar, permission needed to see it (None: everyone), factory(ctx)."""

    key: str
    title: str
    order: int
    factory: Callable
    permission: str | None = None


def all_pages() -> list[PageInfo]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        page = getattr(module, "PAGE", None)
        if page is not None:
            found.append(page)
    return sorted(found, key=lambda p: (p.order, p.key))
