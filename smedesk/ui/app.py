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
from smedesk.ui.screen import install_wheel_guard


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("smedesk")
    icon = Path(__file__).resolve().parent.parent / "assets" / "smedesk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    qt_translations.install(app)
    install_wheel_guard(app)
    # The database worker renders PDFs in Python while the window paints: hand the
    # interpreter over every millisecond (default 5 ms) so the window never waits long.
    sys.setswitchinterval(0.001)
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


# libraries Qt's X11 plugin loads when a real window opens (Debian package names)
X11_LIBRARIES = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4",
                 "xcb-keysyms": "libxcb-keysyms1", "xkbcommon-x11": "libxkbcommon-x11-0"}


def screen_problem() -> str | None:
    """Why no window can open on this screen, in the user's words, or None.

    Qt stops the program with an English message when its X11 plugin lacks a
    library; this asks first, so the owner reads what to do in Spanish."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return tr("There is no graphical screen here (DISPLAY is empty): open smedesk from the desktop.")
    import ctypes.util

    missing = [pkg for lib, pkg in X11_LIBRARIES.items() if ctypes.util.find_library(lib) is None]
    if missing and not os.environ.get("WAYLAND_DISPLAY"):
        return tr("The window cannot open: the system lacks {packages}. Run scripts/setup-env (it installs them) or ask whoever looks after this PC to install them.",
                  packages=", ".join(missing))
    return None


def run_window(db_arg: str | None = None) -> int:
    from smedesk.ui.login import LoginDialog
    from smedesk.ui.main_window import MainWindow
    from smedesk.ui.welcome import WelcomeDialog

    problem = screen_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
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
    qt_translations.follow_locale(i18n.current())
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
