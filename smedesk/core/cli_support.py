"""Helpers every area's CLI uses: open the file from --db, print JSON."""

from __future__ import annotations

import contextlib
import json
import sys
from decimal import Decimal
from pathlib import Path

from smedesk.core import paths
from smedesk.core.db import open_db
from smedesk.core.roles import bind
from smedesk.core.users import owner_actor


def db_path(args) -> Path:
    return paths.resolve_db_path(getattr(args, "db", None))


def open_business(args):
    """(db, owner actor) for a command, the connection bound to the owner (commands
    act as the owner; money reads are refused on a connection nobody is bound to);
    the caller closes db."""
    db = open_db(db_path(args))
    owner = owner_actor(db)
    bind(db, owner)
    return db, owner


@contextlib.contextmanager
def business_session(args):
    """`with business_session(args) as (db, owner):` — the file opened for one
    command, closed whatever happens."""
    db, owner = open_business(args)
    try:
        yield db, owner
    finally:
        db.close()


def print_json(value) -> None:
    def default(obj):
        if isinstance(obj, Decimal):
            return str(obj)
        if isinstance(obj, Path):
            return str(obj)
        raise TypeError(type(obj).__name__)

    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=default)
    sys.stdout.write("\n")


def table(rows: list[dict], columns: list[str]) -> str:
    if not rows:
        return ""
    widths = [max(len(c), *(len(str(r.get(c, "") if r.get(c) is not None else "")) for r in rows)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    for r in rows:
        lines.append("  ".join(str(r.get(c) if r.get(c) is not None else "").ljust(w)
                               for c, w in zip(columns, widths, strict=True)))
    return "\n".join(lines)
