"""Events other areas follow, inside the writer's transaction.

A lower area (tracking, accounts) announces what it just wrote with
`emit(db, "order_released", ...)`; each module in LISTENERS that defines a
function of that name runs with the same arguments, in the same transaction,
so a refusal there rolls the whole write back. Listeners are named here, not
registered at import, so they run whichever entry point loaded the writer.
"""

from __future__ import annotations

import importlib

LISTENERS = ("smedesk.stock.hooks",)

_loaded: list | None = None


def _modules() -> list:
    global _loaded
    if _loaded is None:
        found = []
        for name in LISTENERS:
            try:
                found.append(importlib.import_module(name))
            except ModuleNotFoundError as exc:
                if exc.name and name.startswith(exc.name):
                    continue
                raise
        _loaded = found
    return _loaded


def emit(db, event: str, **data) -> None:
    """Call every listener's `event(db, **data)`; exceptions propagate."""
    for module in _modules():
        handler = getattr(module, event, None)
        if handler is not None:
            handler(db, **data)
