"""Damaged files: each kind of damage is detected at start with a plain
message, the latest good backup is offered, and the damaged file is kept
aside byte for byte."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from pathlib import Path

from reliability.report import Result
from smedesk.core import backup, business, health, paths, recovery, schema, settings, users
from smedesk.core.db import open_db


def _overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema.known_version() + 1}")
    conn.commit()
    conn.close()


def _not_ours(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=42")
    conn.execute("CREATE TABLE fotos (id INTEGER PRIMARY KEY, nombre TEXT)")
    conn.commit()
    conn.close()


def _text_file(path: Path) -> None:
    path.write_text("Lista de compras: clavos, cola, barniz\n" * 100, encoding="utf-8")


DAMAGES = {
    "bytes overwritten in the middle": _overwrite_middle,
    "truncated file": _truncate,
    "file from a newer version": _newer,
    "SQLite file of another program": _not_ours,
    "not a database at all": _text_file,
}


def _make(folder: Path) -> tuple[Path, Path]:
    db_path = folder / "negocio.smedesk"
    db = business.create(db_path, business.NewBusiness("Daño S.A.C.", "20100123453", "Dueña", "1234"))
    owner = users.owner_actor(db)
    for n in range(400):
        settings.set(db, f"dato.{n}", "x" * 150, actor=owner)
    good = backup.backup(db, db_path, paths.default_backup_dir(db_path), actor=owner)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return db_path, good


def run() -> list[Result]:
    results = []
    for name, damage in DAMAGES.items():
        with tempfile.TemporaryDirectory() as tmp:
            db_path, good = _make(Path(tmp))
            damage(db_path)
            before = hashlib.sha256(db_path.read_bytes()).hexdigest()
            found = recovery.diagnose(db_path)
            problems = []
            if found.ok:
                problems.append("not detected")
            if hashlib.sha256(db_path.read_bytes()).hexdigest() != before:
                problems.append("diagnosis changed the file")
            if found.good_backup != good:
                problems.append("latest good backup not offered")
            if not problems:
                aside = recovery.restore_latest(db_path, found.good_backup)
                if hashlib.sha256(aside.read_bytes()).hexdigest() != before:
                    problems.append("damaged file not kept aside intact")
                db = open_db(db_path)
                try:
                    if not health.check(db).ok or settings.get(db, "dato.399") != "x" * 150:
                        problems.append("restored file not sound")
                finally:
                    db.close()
            message = found.problem.splitlines()[0][:70] if found.problem else ""
            results.append(Result("damage", name, 1, not problems,
                                  "; ".join(problems) or f"message: «{message}…»; restored, damaged kept aside"))
    return results
