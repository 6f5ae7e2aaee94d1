"""Process start to first paint: smedesk's main window on the demo database,
against a bare PySide6 QMainWindow, measured the same way in the same run.

Each sample is a fresh `python` process that imports, opens, shows a window
and reports when its first paint event arrives. Prints both medians and the
ratio. Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            print(time.time(), flush=True); app.exit(0)
        return False
w = QMainWindow(); w.resize(1024, 768)
watch = Watch(); w.installEventFilter(watch)
w.show(); QTimer.singleShot(10000, app.quit); app.exec()
"""

SMEDESK = r"""
import sys, time
from PySide6.QtCore import QObject, QEvent, QTimer
from smedesk.ui.app import application
from smedesk.core.db import open_db
from smedesk.core import users
from smedesk.ui.context import AppContext, Bus
from smedesk.ui.main_window import MainWindow
from pathlib import Path
app = application()
db = open_db(sys.argv[1])
ctx = AppContext(db=db, db_path=Path(sys.argv[1]), actor=users.owner_actor(db), bus=Bus())
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint:
            print(time.time(), flush=True); app.exit(0)
        return False
w = MainWindow(ctx); w.resize(1024, 768)
watch = Watch(); w.installEventFilter(watch)
w.show(); QTimer.singleShot(10000, app.quit); app.exec()
"""


def sample(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", help="database to open (default: a fresh furniture demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db
        if not db_path:
            from smedesk import demo

            db_path = str(Path(tmp) / "demo.smedesk")
            demo.create(Path(db_path), "furniture").close()
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(sample(BARE))
            ours.append(sample(SMEDESK, db_path))
    b, s = statistics.median(bare), statistics.median(ours)
    print(f"bare QMainWindow start→first paint: median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"smedesk main window start→first paint: median {s * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio smedesk/bare: {s / b:.2f}")


if __name__ == "__main__":
    main()
