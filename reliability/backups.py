"""Backups: automatic rotating backups taken while another process keeps
writing, without blocking it; restore end to end with `check`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reliability.report import Result
from smedesk.core import backup, health, settings, users
from smedesk.core.db import open_db

ROOT = Path(__file__).resolve().parent.parent


def run(workload: str = "settings", seconds: float = 4.0) -> list[Result]:
    from reliability import workloads

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "negocio.smedesk"
        workloads.prepare(workload, db_path)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        writer = subprocess.Popen([sys.executable, "-m", "reliability.workloads", workload, str(db_path), "0"],
                                  stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        writer.stdout.readline()
        db = open_db(db_path)
        made, durations, days = [], [], 0
        deadline = time.time() + seconds
        while time.time() < deadline:
            days += 1
            os.environ["SMEDESK_NOW"] = f"2026-{1 + days // 28:02d}-{1 + days % 28:02d}T15:00:00Z"
            start = time.perf_counter()
            made += backup.auto_backup(db, db_path, Path(tmp) / "auto")
            durations.append(time.perf_counter() - start)
        os.environ.pop("SMEDESK_NOW", None)
        writer.kill()
        out, _ = writer.communicate()
        acks = out.count("ACK ") + 1
        kept = backup.all_backups(Path(tmp) / "auto", "negocio")
        sound = all(backup.verify_file(p).ok for p in kept)
        rotating = len(backup.list_backups(Path(tmp) / "auto", "negocio", "diaria")) <= 7
        auto = Result("backup", "automatic daily/weekly while a writer runs", len(made),
                      sound and rotating and acks > 10,
                      f"{len(made)} backups in {days} simulated days, {len(kept)} kept (rotated), "
                      f"all sound; writer acknowledged {acks} writes meanwhile; "
                      f"slowest backup {max(durations) * 1000:.0f} ms")
        db.close()

        # restore end to end
        db = open_db(db_path)
        owner = users.owner_actor(db)
        settings.set(db, "marca", "antes", actor=owner)
        usb = backup.backup(db, db_path, Path(tmp) / "usb", actor=owner)
        settings.set(db, "marca", "despues", actor=owner)
        db.close()
        aside = backup.restore(db_path, usb, actor=owner)
        db = open_db(db_path)
        ok = settings.get(db, "marca") == "antes" and health.check(db).ok and aside.exists()
        db.close()
        restore = Result("backup", "backup to USB folder, restore, check", 1, ok,
                         "restored value back, check passed, previous file kept aside" if ok else "restore failed")
    return [auto, restore]


