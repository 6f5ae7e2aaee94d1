"""The real window in its own process, for tests/ui/test_window_kill.py:
`python -m tests.ui.kill_window DB OCDS_FILE`.

Opens the file the way `smedesk` does (open_or_recover), shows the main
window offscreen as the owner, starts its background workers (the automatic
backup on the database worker, a SEACE import job, a sync job), each on its
own connection as in real use, then sets the station's step and operator and
prints READY. Each further line on stdin is typed into the station widget as
a scanner would (keys, then Enter); `ACK <code>` is printed once the station
shows it green (committed). It runs until killed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from smedesk.core import users  # noqa: E402
from smedesk.ui.app import application, open_or_recover  # noqa: E402
from smedesk.ui.context import AppContext, Bus  # noqa: E402
from smedesk.ui.main_window import MainWindow  # noqa: E402
from smedesk.ui.sounds import Sounds  # noqa: E402


def wait_until(done, limit_ms: int = 60000) -> None:
    waited = 0
    while not done():
        if waited > limit_ms:
            raise SystemExit("timed out waiting for a background job")
        QCoreApplication.processEvents(QEventLoop.AllEvents, 50)
        QTest.qWait(20)
        waited += 70


def type_line(station, text: str) -> str:
    outcomes: list[str] = []
    station.processed.connect(outcomes.append)
    QTest.keyClicks(station.input, text)
    QTest.keyClick(station.input, Qt.Key_Return)
    wait_until(lambda: outcomes)
    station.processed.disconnect(outcomes.append)
    return outcomes[0]


def main(db_path: Path, ocds_file: Path) -> None:
    app = application()
    db = open_or_recover(db_path)
    ctx = AppContext(db=db, db_path=db_path, actor=users.owner_actor(db), bus=Bus())
    window = MainWindow(ctx)
    window.show()

    backups: list = []
    window.ops.worker.finished.connect(lambda job, result: backups.append(job))
    window.ops.worker.failed.connect(lambda job, exc: backups.append(job))
    window.auto_backup()  # the window does this 5 s after start; now, so it surely ran
    seace = window.show_page("seace")
    seace.import_paths([str(ocds_file)])
    sync = window.show_page("sync")
    sync.sync_now()  # no shop keys: the job opens its connection, says so and closes
    wait_until(lambda: backups and not window.ops.busy() and seace.job is None and sync.thread is None)

    station = window.show_page("scan").station
    station.sounds = Sounds(enabled=False)
    assert type_line(station, "PASOCORTE") == "info"
    assert type_line(station, "OP01") == "info"
    print("READY", flush=True)
    for line in sys.stdin:
        code = line.strip()
        if type_line(station, code) == "counted":
            print(f"ACK {code}", flush=True)
        else:
            print(f"NOT {code} {station.reason.text()}", flush=True)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
