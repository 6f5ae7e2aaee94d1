"""A damaged business file at start: say what is wrong, and offer the way back
to the latest good backup. The damaged file is moved aside, never overwritten."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from smedesk.core import backup, dbfile, health, paths
from smedesk.core.db import open_db
from smedesk.core.errors import DatabaseProblem, FileNotLockable
from smedesk.core.i18n import tr
from smedesk.core.roles import SYSTEM


@dataclass(frozen=True)
class Diagnosis:
    """Attributes: ok, problem (a plain sentence when not ok), good_backup (the
    latest backup that passes check, if any), restorable (False when the file
    is sound but where it cannot be locked: restoring over it would not help)."""

    ok: bool
    problem: str = ""
    good_backup: Path | None = None
    restorable: bool = True


def diagnose(db_path: Path) -> Diagnosis:
    """Open the file as the window would, without changing a damaged one."""
    db_path = Path(db_path)
    try:
        db = open_db(db_path)
    except FileNotLockable as exc:
        return Diagnosis(False, str(exc), None, restorable=False)
    except DatabaseProblem as exc:
        problem = str(exc)
    else:
        try:
            result = health.check(db, quick=True)
        except sqlite3.DatabaseError as exc:
            result = health.Health(False, 0, 0, [tr("The file is damaged: {detail}", detail=exc)])
        finally:
            db.close()
        if result.ok:
            return Diagnosis(True)
        problem = "; ".join(result.problems)
    return Diagnosis(False, problem, latest_good_backup(db_path))


def latest_good_backup(db_path: Path) -> Path | None:
    folder = paths.default_backup_dir(Path(db_path))
    for candidate in reversed(backup.all_backups(folder, Path(db_path).stem)):
        if backup.verify_file(candidate).ok:
            return candidate
    return None


def restore_latest(db_path: Path, good: Path) -> Path:
    """Move the damaged file (and its -wal/-shm) aside, then restore `good`.
    Returns where the damaged file now is.

    Moving a file is only safe while no connection holds it: not this
    process's (closing a descriptor elsewhere would not matter, but its
    connection would keep writing to the moved file) and not another's
    (the scan station would keep counting into the file set aside)."""
    db_path = Path(db_path)
    if dbfile.held_by_this_process(db_path) or dbfile.in_use_elsewhere(db_path):
        raise DatabaseProblem(tr(
            "The file {path} is open in another smedesk window or a scan station. Close it there, then try again.",
            path=db_path))
    damaged = db_path.with_name(f"{db_path.stem}-danado-{backup._stamp()}{db_path.suffix or '.smedesk'}")
    os.replace(db_path, damaged)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            os.replace(side, Path(str(damaged) + suffix))
    backup.restore(db_path, good, actor=SYSTEM)
    return damaged
