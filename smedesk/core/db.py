"""Opening the business file: validation before touching it, pragmas, migrations.

A file is inspected read-only first (SQLite header, size against the page
count, application id, schema version) so that a damaged, foreign or newer
file is refused with a plain message and left exactly as it was; how that is
done without dropping the locks of the process's other connections is
explained in smedesk.core.dbfile.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import sqlite_utils

from smedesk.core import dbfile
from smedesk.core.errors import DatabaseProblem
from smedesk.core.i18n import tr

BUSY_TIMEOUT_MS = 8000

# Held from a file's inspection until its connection holds its locks, so one
# thread never reads the header with open() while another thread's connection
# is taking its locks (closing that descriptor would drop them).
OPENING = threading.RLock()


def connect(path: Path | str) -> sqlite_utils.Database:
    """A connection with the pragmas every smedesk connection uses.

    A file system that cannot lock (some network shares and USB sticks) is
    refused here, on the first read, from what SQLite reports."""
    with OPENING:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            with db.ensure_autocommit_on():
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            conn.close()
            code = getattr(exc, "sqlite_errorcode", None)
            if code in dbfile.NO_LOCKING_CODES:
                raise dbfile.no_locking(Path(path)) from None
            if code == sqlite3.SQLITE_BUSY:
                raise dbfile.cannot_lock(Path(path)) from None
            raise
        except sqlite3.DatabaseError:
            conn.close()  # a damaged schema: never leave a descriptor of the file open
            raise
    if str(mode).lower() != "wal" and str(path) != ":memory:":
        conn.close()
        raise DatabaseProblem(tr("The business file could not be opened for writing."))
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return db


def open_db(path: Path | str, *, create: bool = False, migrate: bool = True) -> sqlite_utils.Database:
    """Open (or, with create=True, create) a business file and bring its schema up to date."""
    from smedesk.core import schema

    path = Path(path)
    if not path.parent.exists():
        raise DatabaseProblem(tr("The folder {folder} does not exist.", folder=path.parent))
    if path.is_dir():
        raise DatabaseProblem(tr("{path} is a folder, not a business file.", path=path))
    with OPENING:
        if path.exists():
            dbfile.inspect(path)
        elif not create:
            raise DatabaseProblem(
                tr("There is no business file at {path}. Create one with «smedesk init» or «smedesk demo».", path=path)
            )
        try:
            db = connect(path)
        except sqlite3.DatabaseError as exc:
            raise DatabaseProblem(tr("The file {path} is damaged: {reason}", path=path, reason=exc)) from None
    try:
        # Asked through SQLite, so it also holds when the header could not be
        # read directly (the process already held the file) or is stale (WAL).
        dbfile.check_application_id(path, db.execute("PRAGMA application_id").fetchone()[0])
        schema.check_version(db)
        if migrate:
            schema.migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseProblem(tr("The file {path} is damaged: {reason}", path=path, reason=exc)) from None
    except DatabaseProblem:
        db.close()
        raise
    return db


def memory_db() -> sqlite_utils.Database:
    """A migrated in-memory database, for tests and what-if work."""
    from smedesk.core import schema

    conn = sqlite3.connect(":memory:")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    conn.execute("PRAGMA foreign_keys=ON")
    schema.migrate(db)
    return db


@contextlib.contextmanager
def tx(db: sqlite_utils.Database):
    """One write transaction. The outermost takes the write lock at once
    (BEGIN IMMEDIATE), so two processes wait for each other instead of failing
    half-way; nested blocks become savepoints."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    cur = db.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def row(db: sqlite_utils.Database, sql: str, params=()) -> dict | None:
    cur = db.execute(sql, params)
    found = cur.fetchone()
    if found is None:
        return None
    return dict(zip([d[0] for d in cur.description], found, strict=True))


def scalar(db: sqlite_utils.Database, sql: str, params=()):
    found = db.execute(sql, params).fetchone()
    return None if found is None else found[0]


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run several statements inside the current transaction.

    sqlite3's executescript() commits first, which would break a migration's
    all-or-nothing promise, so statements are split with complete_statement().
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip().strip(";").strip():
                db.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:80]}")
