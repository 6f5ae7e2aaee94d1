"""All migration sets, in the order they apply, and the file's schema version.

Each area owns one `Migrations` set in its own `migrations.py`; an applied
migration is never edited, a change is a new one. The schema version written
in the file (PRAGMA user_version) is the count of migrations this program
knows; an older program refuses a file whose version is higher.
"""

from __future__ import annotations

import importlib

import sqlite_utils
from sqlite_utils.migrations import Migrations

from smedesk.core.errors import DatabaseProblem
from smedesk.core.i18n import tr

# Areas in dependency order. A missing module (an area not built yet) is skipped.
AREAS = (
    "smedesk.core.migrations",
    "smedesk.production.migrations",
    "smedesk.tracking.migrations",
    "smedesk.accounts.migrations",
    "smedesk.einvoice.migrations",
    "smedesk.exportplan.migrations",
    "smedesk.sync.migrations",
    "smedesk.tenders.migrations",
    "smedesk.stock.migrations",
    "smedesk.einvoice.migrations_sending",
)


def migration_sets() -> list[Migrations]:
    sets = []
    for name in AREAS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        sets.append(module.migrations)
    return sets


def known_names() -> dict[str, list[str]]:
    """Set name -> the names of its migrations this program knows, in order
    (read through sqlite-utils' public `pending()` on an empty database)."""
    empty = sqlite_utils.Database(memory=True)
    try:
        return {s.name: [m.name for m in s.pending(empty)] for s in migration_sets()}
    finally:
        empty.close()


def known_version() -> int:
    return sum(len(names) for names in known_names().values())


def file_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def applied_names(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Set name -> names of the migrations applied to this file."""
    if not db[Migrations.migrations_table].exists():
        return {}
    found: dict[str, set[str]] = {}
    for set_name, name in db.execute(f"SELECT migration_set, name FROM [{Migrations.migrations_table}]").fetchall():
        found.setdefault(set_name, set()).add(name)
    return found


def unknown_migrations(db: sqlite_utils.Database) -> list[str]:
    """'set: name' of every migration applied to the file that this program
    does not know (the file was written by a newer smedesk, or one with an
    area this one lacks)."""
    known = {set_name: set(names) for set_name, names in known_names().items()}
    return sorted(f"{set_name}: {name}" for set_name, names in applied_names(db).items()
                  for name in names - known.get(set_name, set()))


def check_version(db: sqlite_utils.Database) -> None:
    """Refuse a file that has migrations this program does not know, compared
    by name in each set (a count could match while the sets differ)."""
    unknown = unknown_migrations(db)
    if unknown:
        raise DatabaseProblem(
            tr("This file was written by a newer smedesk (it has changes this program does not know: {names}). Update smedesk; the file was not changed.",
               names=", ".join(unknown[:5]))
        )
    found, known = file_version(db), known_version()
    if found > known:
        raise DatabaseProblem(
            tr(
                "This file was written by a newer smedesk (schema version {found}); this program knows up to version {known}. Update smedesk; the file was not changed.",
                found=found,
                known=known,
            )
        )


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations; return how many were applied."""
    from smedesk.core.dbfile import APPLICATION_ID

    sets = migration_sets()
    pending = sum(len(s.pending(db)) for s in sets)
    if pending:
        for s in sets:
            s.apply(db)
    version = known_version()
    if file_version(db) != version:
        db.execute(f"PRAGMA user_version={version}")
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    return pending
