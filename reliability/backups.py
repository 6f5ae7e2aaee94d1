"""Backups: automatic rotating backups taken while another process keeps
writing, without blocking it; restore end to end with `check`.

The automatic backups are run over a fixed number of simulated days, stepped
with real date arithmetic, so the outcome is the same on a fast machine as on
a slow one (it once simulated as many days as fitted in 4 seconds and built
the clock by hand, reaching month 13 on a quiet machine)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from reliability.report import Result
from smedesk.core import backup, clock, health, settings, users
from smedesk.core.db import open_db

ROOT = Path(__file__).resolve().parent.parent


FIRST_DAY = dt.datetime(2026, 1, 1, 15, 0, tzinfo=dt.timezone.utc)  # 10:00 in Lima


def expected_counts(days: int) -> tuple[int, int]:
    """(backups made, backups kept) for `days` consecutive days from FIRST_DAY:
    one daily backup a day, one weekly per ISO week met; 7 daily and 8
    weekly kept (the defaults of backup.keep_daily / backup.keep_weekly)."""
    dates = [(FIRST_DAY + dt.timedelta(days=n)).astimezone(clock.LIMA) for n in range(days)]
    weeks = len({d.isocalendar()[:2] for d in dates})
    return days + weeks, min(days, 7) + min(weeks, 8)


def run(workload: str = "settings", days: int = 120) -> list[Result]:
    from reliability import workloads

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "negocio.smedesk"
        workloads.prepare(workload, db_path)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        writer = subprocess.Popen([sys.executable, "-m", "reliability.workloads", workload, str(db_path), "0"],
                                  stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        acks: list[str] = []
        reader = threading.Thread(target=lambda: acks.extend(line for line in writer.stdout
                                                             if line.startswith("ACK ")), daemon=True)
        reader.start()
        _wait_for(lambda: acks, writer)
        db = open_db(db_path)
        made, durations = [], []
        before = len(acks)
        for n in range(days):
            os.environ["SMEDESK_NOW"] = (FIRST_DAY + dt.timedelta(days=n)).isoformat().replace("+00:00", "Z")
            start = time.perf_counter()
            made += backup.auto_backup(db, db_path, Path(tmp) / "auto")
            durations.append(time.perf_counter() - start)
        os.environ.pop("SMEDESK_NOW", None)
        # However fast the backups went, the writer must still be writing after them.
        _wait_for(lambda: len(acks) > before, writer)
        still_writing = writer.poll() is None
        writer.kill()
        writer.communicate()
        reader.join(10)
        kept = backup.all_backups(Path(tmp) / "auto", "negocio")
        sound = all(backup.verify_file(p).ok for p in kept)
        want_made, want_kept = expected_counts(days)
        counts_ok = len(made) == want_made and len(kept) == want_kept
        auto = Result("backup", "automatic daily/weekly while a writer runs", len(made),
                      sound and counts_ok and still_writing,
                      f"{len(made)} backups in {days} simulated days (expected {want_made}), {len(kept)} kept "
                      f"(expected {want_kept}), all sound; writer acknowledged {len(acks)} writes, still "
                      f"writing after; slowest backup {max(durations) * 1000:.0f} ms")
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


def _wait_for(condition, proc, limit: float = 120.0) -> None:
    """Wait for the writer, never judging by how long it took (only a hang fails)."""
    end = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None or time.monotonic() > end:
            raise RuntimeError("the writer stopped writing")
        time.sleep(0.01)
