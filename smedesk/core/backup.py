"""Backups with SQLite's online backup API (safe while others write), and restore.

Backups are named `<stem>-YYYYMMDD-HHMMSS.smedesk`; the last N (setting
backup.keep) are kept. A restore first puts the current file aside, never
overwriting it, and checks the backup before using it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smedesk.core import audit, clock, health, settings
from smedesk.core.db import connect, open_db
from smedesk.core.errors import DatabaseProblem, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require


def _stamp() -> str:
    return clock.now().astimezone(clock.LIMA).strftime("%Y%m%d-%H%M%S")


def backup_to(db, dest: Path) -> Path:
    """Copy the live database into `dest` (a new file), consistently."""
    dest = Path(dest)
    tmp = dest.with_suffix(dest.suffix + ".part")
    target = sqlite3.connect(str(tmp))
    try:
        db.conn.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        target.commit()
    finally:
        target.close()
    tmp.replace(dest)
    return dest


def backup(db, db_path: Path, to_dir: Path, *, actor: Actor, keep: int | None = None, label: str = "") -> Path:
    require(actor, "backup")
    to_dir = Path(to_dir)
    try:
        to_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(tr("Cannot write to the folder {folder}: {reason}", folder=to_dir, reason=exc.strerror)) from None
    name = f"{Path(db_path).stem}-{label + '-' if label else ''}{_stamp()}.smedesk"
    dest = to_dir / name
    n = 1
    while dest.exists():
        n += 1
        dest = to_dir / name.replace(".smedesk", f"-{n}.smedesk")
    backup_to(db, dest)
    keep = keep if keep is not None else settings.get_int(db, "backup.keep", 10)
    prune(to_dir, Path(db_path).stem, keep, label=label)
    audit.record(db, actor, "backup.create", "backup", None, file=str(dest))
    db.conn.commit()
    return dest


def list_backups(to_dir: Path, stem: str, label: str = "") -> list[Path]:
    prefix = f"{stem}-{label + '-' if label else ''}"
    if not Path(to_dir).is_dir():
        return []
    found = [
        p for p in Path(to_dir).glob(f"{prefix}*.smedesk")
        if label or p.name[len(prefix):len(prefix) + 1].isdigit()
    ]
    return sorted(found, key=lambda p: p.name)


def all_backups(to_dir: Path, stem: str) -> list[Path]:
    """Every backup of this file (manual and automatic), oldest first."""
    if not Path(to_dir).is_dir():
        return []
    return sorted(Path(to_dir).glob(f"{stem}-*.smedesk"), key=lambda p: (p.stat().st_mtime, p.name))


def prune(to_dir: Path, stem: str, keep: int, label: str = "") -> list[Path]:
    found = list_backups(to_dir, stem, label)
    removed = found[: max(0, len(found) - max(1, keep))]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def verify_file(path: Path) -> health.Health:
    """Check a backup read-only: it is never changed by being looked at."""
    import sqlite_utils

    from smedesk.core import dbfile

    try:
        dbfile.inspect(Path(path))
    except DatabaseProblem as exc:
        return health.Health(False, 0, 0, [str(exc)])
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        return health.check(sqlite_utils.Database(conn, execute_plugins=False))
    except sqlite3.DatabaseError as exc:
        return health.Health(False, 0, 0, [tr("The file is damaged: {detail}", detail=exc)])
    finally:
        conn.close()


def restore(db_path: Path, backup_file: Path, *, actor: Actor) -> Path:
    """Replace the business file with a backup; the current file is kept aside.

    Returns the path where the previous file was kept. The caller must have
    closed its own connections; other processes are blocked while copying.
    """
    require(actor, "backup")
    backup_file, db_path = Path(backup_file), Path(db_path)
    if not backup_file.is_file():
        raise ValidationError(tr("There is no backup file at {path}.", path=backup_file))
    result = verify_file(backup_file)
    if not result.ok:
        raise DatabaseProblem(
            tr("The backup {path} is not sound: {problems}", path=backup_file, problems="; ".join(result.problems))
        )
    aside = db_path.with_name(f"{db_path.stem}-antes-de-restaurar-{_stamp()}.smedesk")
    n = 1
    while aside.exists() or aside == backup_file:  # two restores in one second: never overwrite a safety copy
        n += 1
        aside = db_path.with_name(f"{db_path.stem}-antes-de-restaurar-{_stamp()}-{n}.smedesk")
    if db_path.exists():
        live = connect(db_path)
        try:
            backup_to(live, aside)
            source = sqlite3.connect(str(backup_file))
            try:
                source.backup(live.conn)
            finally:
                source.close()
            audit.record(live, actor, "backup.restore", "backup", None, file=str(backup_file), aside=str(aside))
            live.conn.commit()
        finally:
            live.close()
    else:
        # Through SQLite as well, never a file copy (see smedesk.core.dbfile).
        fresh = connect(db_path)
        try:
            source = sqlite3.connect(f"file:{backup_file.resolve()}?mode=ro", uri=True)
            try:
                source.backup(fresh.conn)
            finally:
                source.close()
        finally:
            fresh.close()
        aside = None
    db = open_db(db_path)
    db.close()
    return aside


AUTO_KINDS = {
    # label: (setting with how many to keep, default, period key of a moment)
    "diaria": ("backup.keep_daily", 7, lambda d: d.strftime("%Y%m%d")),
    "semanal": ("backup.keep_weekly", 8, lambda d: "%04d-W%02d" % d.isocalendar()[:2]),
}


def auto_backup(db, db_path: Path, folder: Path | None = None) -> list[Path]:
    """Rotating automatic backups: one a day and one a week, each kind keeping
    its last N. Safe while others write (online backup API). Returns the new files."""
    from smedesk.core import paths
    from smedesk.core.roles import SYSTEM

    folder = Path(folder) if folder else paths.default_backup_dir(Path(db_path))
    stem = Path(db_path).stem
    today = clock.now().astimezone(clock.LIMA)
    made = []
    for label, (setting, default, period) in AUTO_KINDS.items():
        current = period(today)
        existing = list_backups(folder, stem, label)
        if any(_period_of(p, stem, label, period) == current for p in existing):
            continue
        keep = settings.get_int(db, setting, default)
        made.append(backup(db, db_path, folder, actor=SYSTEM, keep=keep, label=label))
    return made


def _period_of(path: Path, stem: str, label: str, period) -> str | None:
    import datetime as dt

    stamp = path.name[len(f"{stem}-{label}-"):][:15]
    try:
        moment = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return period(moment)
