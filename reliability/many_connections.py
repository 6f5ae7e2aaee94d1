"""Kill test, window pattern: one process with many connections to the file.

The window holds its main connection (here: the scan station counting pieces,
an ACK after each commit), the database worker keeps a second one open and
takes backups on it, and SEACE and sync jobs each open a connection on their
own thread, read, and close it, again and again. Meanwhile another process
visits the file the way any `smedesk` command does (open, write, close). The
window process is killed with SIGKILL at a random moment; after every kill
`smedesk check` must pass and every acknowledged scan and visit be present once.

This is the pattern that lost work in issue 13: a file opened with Python's
open() while a connection held it dropped the process's locks, so the
visitor, closing last, deleted the WAL the window was still writing to.

Run as processes: `python -m reliability.many_connections window DB ROUND`
and `python -m reliability.many_connections visitor DB ROUND`."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from reliability import killtest, workloads
from reliability.report import Result
from smedesk.core import backup, settings, users
from smedesk.core.db import open_db
from smedesk.core.roles import SYSTEM

_print_lock = threading.Lock()


def say(line: str) -> None:
    with _print_lock:
        print(line, flush=True)


def backup_worker(db_path: Path) -> None:
    """The window's DbWorker: its own connection, kept open, backups on it."""
    db = open_db(db_path)
    say("CONN backup")
    while True:
        backup.backup(db, db_path, db_path.parent / "copias-kill", actor=SYSTEM, keep=2)
        say("BACKUP")
        time.sleep(0.2)


def job_worker(db_path: Path, name: str, work) -> None:
    """A SEACE or sync job: a connection of its own per run, closed after."""
    while True:
        db = open_db(db_path)
        try:
            work(db)
        finally:
            db.close()
        say(f"CONN {name}")
        time.sleep(0.05)


def seace_read(db) -> None:
    from smedesk.tenders import search

    search.search(db, search.Criteria(words="mobiliario"), limit=20)


def sync_read(db) -> None:
    from smedesk.sync import config, outbox

    config.load(db)
    outbox.counts(db)


def window(db_path: Path, round_no: int) -> None:
    main = open_db(db_path)
    for target, args in ((backup_worker, (db_path,)), (job_worker, (db_path, "seace", seace_read)),
                         (job_worker, (db_path, "sync", sync_read))):
        threading.Thread(target=target, args=args, daemon=True).start()
    staff = users.actor_for(users.find_user(main, "OP01"))
    from smedesk.tracking import scanning

    for code, seq in workloads._endless_scans(main):
        if scanning.record_scan(main, code, seq, "OP01", actor=staff).ok:
            say(f"ACK {code}@{seq}")
        time.sleep(0.01)  # a fast scanner: leaves the workers and the visitor room to interleave


def visitor(db_path: Path, round_no: int) -> None:
    """Another process, like any `smedesk` command: open, write, close."""
    n = 0
    while True:
        db = open_db(db_path)
        try:
            key = f"visit.{round_no}.{n}"
            settings.set(db, key, str(n), actor=users.owner_actor(db))
        finally:
            db.close()
        say(f"VISIT {key}")
        n += 1
        time.sleep(0.02)


def _start(kind: str, db_path: Path, round_no: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reliability.many_connections", kind, str(db_path),
                             str(round_no)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=killtest._env(), cwd=killtest.ROOT)


def one_round(db_path: Path, rng: random.Random, round_no: int) -> dict[str, list[str]]:
    """Start the visitor and the window; kill the window once it is counting."""
    guest = _start("visitor", db_path, round_no)
    proc = _start("window", db_path, round_no)
    lines = []
    while not any(line.startswith("ACK ") for line in lines):
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"window died before its first ack: {proc.stderr.read().strip()[-400:]}")
        lines.append(line)
    time.sleep(rng.uniform(0.2, 1.0))
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    guest.terminate()
    guest_out, _err = guest.communicate(timeout=30)
    lines += out.splitlines()
    words = [line.split() for line in lines + guest_out.splitlines() if line.strip()]
    found: dict[str, list[str]] = {"ACK": [], "VISIT": [], "BACKUP": [], "CONN": []}
    for word in words:
        if word[0] in found:
            found[word[0]].append(word[1] if len(word) > 1 else "")
    return found


def run(db_path: Path, rounds: int = 20, seed: int = 2026) -> Result:
    rng = random.Random(seed)
    workloads.prepare("scans", db_path)
    totals: dict[str, list[str]] = {"ACK": [], "VISIT": [], "BACKUP": [], "CONN": []}
    failures: list[str] = []
    for n in range(rounds):
        for kind, items in one_round(db_path, rng, n).items():
            totals[kind] += items
        ok, message = killtest.check_file(db_path)
        if not ok:
            failures.append(f"round {n}: check failed: {message}")
            break
        missing, doubled = workloads.verify("scans", db_path, totals["ACK"])
        db = open_db(db_path)
        try:
            present = {k for (k,) in db.execute("SELECT key FROM settings WHERE key LIKE 'visit.%'")}
        finally:
            db.close()
        missing += [k for k in totals["VISIT"] if k not in present]
        if missing or doubled:
            failures.append(f"round {n}: missing {missing[:3]} doubled {doubled[:3]}")
            break
    conns = {name: totals["CONN"].count(name) for name in ("backup", "seace", "sync")}
    detail = (f"{len(totals['ACK'])} scans acknowledged, {len(totals['VISIT'])} visits by another process, "
              f"{len(totals['BACKUP'])} backups on the worker connection, worker connections opened "
              f"{conns['backup']} backup + {conns['seace']} SEACE + {conns['sync']} sync; "
              f"all present once, check passed after each kill")
    if failures:
        detail = failures[0]
    return Result("kill", "SIGKILL of one process, many connections (window pattern) with a visitor", rounds,
                  not failures, detail, failures)


if __name__ == "__main__":
    kind, path, number = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    {"window": window, "visitor": visitor}[kind](path, number)
