"""`check`: is the file sound? Schema version, integrity, foreign keys."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from smedesk.core import schema
from smedesk.core.i18n import tr


@dataclass
class Health:
    """Attributes: ok, schema_version, known_version, problems (plain sentences)."""

    ok: bool
    schema_version: int
    known_version: int
    problems: list[str] = field(default_factory=list)


def check(db, *, quick: bool = False) -> Health:
    problems: list[str] = []
    found, known = schema.file_version(db), schema.known_version()
    if found != known:
        problems.append(
            tr("Schema version {found}, expected {known}.", found=found, known=known)
        )
    pragma = "quick_check" if quick else "integrity_check"
    try:
        results = [r[0] for r in db.execute(f"PRAGMA {pragma}").fetchall()]
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        problems.append(tr("The file is damaged: {detail}", detail=exc))
        return Health(False, found, known, problems)
    if results != ["ok"]:
        problems.append(tr("The file is damaged: {detail}", detail="; ".join(results[:5])))
    if fk:
        tables = sorted({r[0] for r in fk})
        problems.append(
            tr("{count} rows point to missing rows (tables: {tables}).", count=len(fk), tables=", ".join(tables))
        )
    if db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'business'").fetchone()[0]:
        if db.execute("SELECT count(*) FROM business").fetchone()[0] != 1:
            problems.append(tr("The file has no business set up."))
    return Health(not problems, found, known, problems)
