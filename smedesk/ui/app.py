"""Starting the window: find the file, welcome or open it, ask who you are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from smedesk.core import i18n, paths, recovery, settings
from smedesk.core.db import open_db
from smedesk.core.errors import DatabaseProblem
from smedesk.core.i18n import tr
from smedesk.ui import qt_translations
from smedesk.ui.context import AppContext, Bus


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("smedesk")
    icon = Path(__file__).resolve().parent.parent / "assets" / "smedesk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    qt_translations.install(app)
    return app


def open_or_recover(db_path: Path, parent=None):
    """Open the file; when it is damaged, say so and offer the latest good backup.

    The damaged file is never overwritten: it is moved aside first.
    """
    found = recovery.diagnose(db_path)
    if found.ok:
        return open_db(db_path)
    if not found.restorable:
        QMessageBox.critical(parent, "smedesk", found.problem)
        return None
    if found.good_backup is None:
        QMessageBox.critical(parent, "smedesk", found.problem + "\n\n" + tr("No good backup was found."))
        return None
    answer = QMessageBox.question(
        parent,
        "smedesk",
        found.problem + "\n\n"
        + tr("Restore the latest good backup ({name})? The damaged file is kept aside.", name=found.good_backup.name),
    )
    if answer != QMessageBox.Yes:
        return None
    try:
        recovery.restore_latest(db_path, found.good_backup)
    except DatabaseProblem as exc:
        QMessageBox.critical(parent, "smedesk", str(exc))
        return None
    return open_db(db_path)


def run_window(db_arg: str | None = None) -> int:
    from smedesk.ui.login import LoginDialog
    from smedesk.ui.main_window import MainWindow
    from smedesk.ui.welcome import WelcomeDialog

    app = application()
    db_path = paths.resolve_db_path(db_arg)
    if not db_path.exists():
        welcome = WelcomeDialog(db_path)
        if welcome.exec() != WelcomeDialog.Accepted:
            return 0
        db = welcome.db
    else:
        db = open_or_recover(db_path)
        if db is None:
            return 1
    lang = os.environ.get("SMEDESK_LANG") or settings.get(db, "ui.language") or "es"
    i18n.set_language(lang if lang in i18n.LANGUAGES else "es")
    while True:
        login = LoginDialog(db)
        if login.exec() != LoginDialog.Accepted:
            db.close()
            return 0
        ctx = AppContext(db=db, db_path=db_path, actor=login.actor, bus=Bus())
        window = MainWindow(ctx)
        logged_out = []
        window.logout_requested.connect(lambda w=window, flag=logged_out: (flag.append(True), w.close()))
        window.show()
        app.exec()
        db = ctx.db
        if not logged_out:
            db.close()
            return 0
