"""One process with several connections to the business file (the window and
its worker threads) while another process opens and closes it: everything the
first process acknowledged must survive a SIGKILL (issue 13).

On POSIX, closing *any* descriptor of a file drops every advisory lock the
process holds on it; if smedesk opened the live file with Python's open(), the
other process would believe it is the last user, checkpoint and delete the
-wal, and later commits would go to a deleted file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The window's pattern in ten lines: the main connection, then a worker thread's
# own connection opened and closed, then a commit through the main one.
HOLDER = """
import sys, time
from smedesk.core.db import open_db, tx
main = open_db(sys.argv[1])
worker = open_db(sys.argv[1])
worker.close()
print("READY", flush=True)
sys.stdin.readline()
with tx(main):
    main.execute("INSERT INTO settings (key, value, updated_at) VALUES ('issue13', 'acknowledged', 'now')")
print("ACK", flush=True)
time.sleep(600)
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks")


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _smedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smedesk", *args], capture_output=True, text=True,
                          env=_env(), cwd=ROOT, timeout=120)


def test_commit_after_a_second_connection_and_another_process_survives_sigkill(db, db_path):
    db.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "READY", holder.stderr.read()
        listed = _smedesk("order", "list", "--db", str(db_path))
        assert listed.returncode == 0, listed.stderr
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "ACK", holder.stderr.read()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
    checked = _smedesk("check", "--db", str(db_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    from smedesk.core.db import open_db

    after = open_db(db_path)
    try:
        found = after.execute("SELECT value FROM settings WHERE key = 'issue13'").fetchone()
    finally:
        after.close()
    assert found == ("acknowledged",)


def test_the_process_knows_when_it_holds_the_file(db, db_path):
    from smedesk.core import dbfile

    assert dbfile.held_by_this_process(db_path)
    db.close()
    assert not dbfile.held_by_this_process(db_path)


def test_another_programs_file_is_refused_even_while_this_process_holds_it(tmp_path):
    import sqlite3

    from smedesk.core.db import open_db
    from smedesk.core.errors import DatabaseProblem

    path = tmp_path / "fotos.db"
    other = sqlite3.connect(path)
    other.execute("PRAGMA application_id=42")
    other.execute("CREATE TABLE fotos (id INTEGER PRIMARY KEY)")
    other.commit()
    other.close()
    before = path.read_bytes()  # read while no connection of this process holds it
    other = sqlite3.connect(path)
    other.execute("SELECT count(*) FROM fotos").fetchone()
    try:
        with pytest.raises(DatabaseProblem, match="otro programa"):
            open_db(path)
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    finally:
        other.close()
    assert path.read_bytes() == before
