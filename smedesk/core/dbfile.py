"""Looking at a business file without endangering the connections that hold it.

On POSIX, closing *any* descriptor of a file drops every advisory lock the
process holds on it, including the locks SQLite's own connections hold. SQLite
then believes no one has the file open: another process that closes it last
checkpoints and deletes the -wal and -shm, and what this process commits
afterwards goes to deleted files, lost at the next crash or power cut (SQLite's
"How To Corrupt An SQLite Database File", section 2.2). So:

- the raw header is read with open() only while this process holds no
  descriptor of the file (before its first connection), where it gives the
  precise message for an empty, foreign or cut-short file without SQLite
  touching it;
- once the process holds the file, the file was inspected when it was first
  opened (the result stands for that file, the same inode), and what is still
  worth checking is asked through SQLite itself (PRAGMA application_id on the
  new connection, in db.open_db): a second SQLite connection may be opened and
  closed freely, because SQLite shares its locks between the connections of a
  process and keeps descriptors open while any lock is held.
Nothing else in smedesk opens, copies, moves or truncates a live business
file or its -wal/-shm: backups go through SQLite's backup API.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from smedesk.core.errors import DatabaseProblem, FileNotLockable
from smedesk.core.i18n import tr

APPLICATION_ID = 0x534D4544  # "SMED"
HEADER = b"SQLite format 3\x00"


def held_by_this_process(path: Path) -> bool:
    """Does any descriptor of this process refer to the file (the same inode)?

    On Windows a lock belongs to the handle that took it, so closing another
    handle never drops it: nothing is held in the sense that matters here.
    When the descriptors cannot be listed, assume held (the safe answer)."""
    if os.name == "nt":
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    key = (st.st_dev, st.st_ino)
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            try:
                fd_stat = os.fstat(int(name))
            except (OSError, ValueError):
                continue
            if (fd_stat.st_dev, fd_stat.st_ino) == key:
                return True
        return False
    return True


def inspect_header(path: Path) -> None:
    """Refuse a file that is not a sound SQLite file, without writing to it.

    The caller must hold db.OPENING and have checked held_by_this_process()."""
    size = path.stat().st_size
    if size == 0:
        raise DatabaseProblem(tr("The file {path} is empty: it is not a smedesk business file.", path=path))
    with open(path, "rb") as fh:
        head = fh.read(100)
    if not head.startswith(HEADER[:15]):
        raise DatabaseProblem(tr("The file {path} is not a smedesk business file.", path=path))
    if len(head) < 100:
        raise DatabaseProblem(tr("The file {path} is cut short (truncated) and cannot be opened.", path=path))
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change, pages, valid_for = struct.unpack(">I", head[24:28])[0], struct.unpack(">I", head[28:32])[0], struct.unpack(">I", head[92:96])[0]
    if change == valid_for and pages and size < pages * page_size:
        raise DatabaseProblem(tr("The file {path} is cut short (truncated) and cannot be opened.", path=path))
    check_application_id(path, struct.unpack(">I", head[68:72])[0])


def check_application_id(path: Path, app_id: int) -> None:
    if app_id not in (0, APPLICATION_ID):
        raise DatabaseProblem(tr("The file {path} belongs to another program, not smedesk.", path=path))


def inspect(path: Path) -> None:
    """inspect_header() when that is safe; when this process already holds the
    file, the same questions asked through a read-only SQLite connection,
    before any connection that could change the file (WAL mode) is made."""
    from smedesk.core.db import OPENING

    with OPENING:
        if not held_by_this_process(path):
            inspect_header(path)
            return
        if path.stat().st_size == 0:
            raise DatabaseProblem(tr("The file {path} is empty: it is not a smedesk business file.", path=path))
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseProblem(tr("The file {path} is damaged: {reason}", path=path, reason=exc)) from None
        finally:
            conn.close()
        check_application_id(path, app_id)


# SQLite's answers when the file system cannot lock: the lock calls fail
# (SQLITE_IOERR_LOCK, _RDLOCK, _UNLOCK, _CHECKRESERVEDLOCK), the WAL's shared
# memory cannot be made or mapped (SQLITE_IOERR_SHMOPEN, _SHMSIZE, _SHMLOCK,
# _SHMMAP), or the locking protocol breaks (SQLITE_PROTOCOL). Codes from
# sqlite3.h ("Extended Result Codes"). ENOLCK (NFS without a lock daemon) is
# reported as SQLITE_BUSY, handled in db.connect on the first read.
NO_LOCKING_CODES = {
    getattr(sqlite3, name, code) for name, code in (
        ("SQLITE_IOERR_LOCK", 3850), ("SQLITE_IOERR_RDLOCK", 2314), ("SQLITE_IOERR_UNLOCK", 2058),
        ("SQLITE_IOERR_CHECKRESERVEDLOCK", 3594), ("SQLITE_IOERR_SHMOPEN", 4618),
        ("SQLITE_IOERR_SHMSIZE", 4874), ("SQLITE_IOERR_SHMLOCK", 5130), ("SQLITE_IOERR_SHMMAP", 5386),
        ("SQLITE_PROTOCOL", 15),
    )
}


def no_locking(path: Path) -> FileNotLockable:
    return FileNotLockable(tr(
        "The file {path} is on a drive that does not let smedesk lock it (a network share or a USB stick?). "
        "Working on it there could damage it, so it was not opened. Copy the file to this PC first "
        "(for example to Documents) and open the copy.", path=path))


def cannot_lock(path: Path) -> FileNotLockable:
    return FileNotLockable(tr(
        "smedesk could not lock the file {path}: another program is holding it, or the drive it is on "
        "(a network share or a USB stick) does not support locking. If it is on such a drive, copy the file "
        "to this PC first and open the copy.", path=path))


def in_use_elsewhere(path: Path) -> bool:
    """Is another connection (another process) using the file? Asked through
    SQLite: an exclusive lock is refused while anyone else holds the file.
    A file SQLite cannot read at all is in no one's use."""
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
