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


def known_version() -> int:
    return sum(len(s._migrations) for s in migration_sets())


def file_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def check_version(db: sqlite_utils.Database) -> None:
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
