"""Backups as an owner sees them: which file is which, when it was made, what it
holds, and the safety copies a restore leaves so that it can be undone.

Everything here reads a backup read-only (SQLite, mode=ro): looking at a copy
never changes it. The live business file is never opened from here.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from smedesk.core import clock

SAFETY = "antes-de-restaurar"
_STAMP = re.compile(r"(\d{8})-(\d{6})")

# what a summary counts: table -> condition of a live row
COUNTED = (("products", "deleted_at IS NULL"), ("materials", "deleted_at IS NULL"),
           ("orders", "1"), ("documents", "1"))


@dataclass(frozen=True)
class BackupInfo:
    """Attributes: path; made (Lima time the copy was taken, from its name or,
    failing that, the file's time); counts {table: live rows} for COUNTED
    (a table the copy does not have is left out); safety (a copy a restore
    took of the file it replaced)."""
    path: Path
    made: dt.datetime
    counts: dict
    safety: bool


def made_at(path: Path) -> dt.datetime:
    found = _STAMP.search(Path(path).stem)
    if found:
        try:
            return dt.datetime.strptime("".join(found.groups()), "%Y%m%d%H%M%S").replace(tzinfo=clock.LIMA)
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(Path(path).stat().st_mtime, tz=dt.timezone.utc).astimezone(clock.LIMA)


def counts(path: Path) -> dict:
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        out = {}
        for table, live in COUNTED:
            if table in tables:
                try:
                    out[table] = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {live}").fetchone()[0]
                except sqlite3.OperationalError:  # an older copy without the column
                    out[table] = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def info(path: Path) -> BackupInfo:
    path = Path(path)
    return BackupInfo(path, made_at(path), counts(path), SAFETY in path.stem)


def safety_copies(db_path: Path) -> list[Path]:
    """The copies restores took of the business file, newest first."""
    db_path = Path(db_path)
    found = db_path.parent.glob(f"{db_path.stem}-{SAFETY}-*.smedesk")
    return sorted(found, key=lambda p: p.name, reverse=True)
