"""Workloads for the kill tests, each run as its own process:
`python -m reliability.workloads NAME DB ROUND`. Each prints `ACK <key>`
only after its write was committed durably, then goes on until killed."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core import business, users
from smedesk.core.db import open_db


def _ensure_business(db_path: Path) -> None:
    if not db_path.exists():
        business.create(db_path, business.NewBusiness("Kill S.A.C.", "20100123453", "Dueña", "1234")).close()


# ---- settings: the smallest durable write, a sanity check of the harness ----

def settings_prepare(db_path: Path) -> None:
    _ensure_business(db_path)


def settings_work(db, round_no: int) -> None:
    from smedesk.core import settings

    owner = users.owner_actor(db)
    n = 0
    while True:
        key = f"kill.{round_no}.{n}"
        settings.set(db, key, str(n), actor=owner)
        print(f"ACK {key}", flush=True)
        n += 1


def settings_verify(db, keys: list[str]) -> tuple[list[str], list[str]]:
    present = {r[0] for r in db.execute("SELECT key FROM settings WHERE key LIKE 'kill.%'")}
    return [k for k in keys if k not in present], sorted({k for k in keys if keys.count(k) > 1})


WORKLOADS = {
    "settings": (settings_prepare, settings_work, settings_verify),
}


def prepare(name: str, db_path: Path) -> None:
    WORKLOADS[name][0](Path(db_path))


def verify(name: str, db_path: Path, keys: list[str]) -> tuple[list[str], list[str]]:
    db = open_db(db_path)
    try:
        return WORKLOADS[name][2](db, keys)
    finally:
        db.close()


def main(argv: list[str]) -> int:
    name, db_path, round_no = argv[0], Path(argv[1]), int(argv[2])
    db = open_db(db_path)
    WORKLOADS[name][1](db, round_no)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


# Which workloads the runner uses; areas replace these as they land.
KILL_WORKLOADS = ["settings"]
PAIRS: list[tuple[str, str]] = []
BACKUP_WORKLOAD = "settings"
