"""The main window: a sidebar of areas and one page per area."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import backup, business, i18n, paths
from smedesk.core.changes import Changes
from smedesk.core.db import open_db
from smedesk.core.i18n import tr
from smedesk.core.roles import bind
from smedesk.ui.context import AppContext
from smedesk.ui.pages import all_pages
from smedesk.ui.screen import MINIMUM, fit_to_screen, keep_inside_screen

SIDEBAR_STYLE = """
QListWidget { background: #263238; color: #eceff1; border: none; font-size: 15px; }
QListWidget::item { padding: 7px 8px 7px 12px; }
QListWidget::item:selected { background: #00897b; color: white; }
"""


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.pages: dict[str, QWidget | None] = {}
        self.setMinimumSize(MINIMUM)
        fit_to_screen(self)
        ctx.bus.language_changed.connect(self.switch_language)
        ctx.bus.changed.connect(self._business_changed)
        self.build()
        self.ops = ctx.ops
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60 * 1000)
        self.backup_timer.timeout.connect(self.auto_backup)
        if ctx.actor.can("backup"):
            QTimer.singleShot(5000, self.auto_backup)
            self.backup_timer.start()
        for n in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda n=n: self.sidebar.setCurrentRow(n - 1))

    def build(self) -> None:
        self.setWindowTitle(f"smedesk — {business.get(self.ctx.db)['name']}")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        top = QWidget()
        top.setStyleSheet("background: #00695c; color: white;")
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(12, 6, 12, 6)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: 700; color: white;")
        top_row.addWidget(self.title)
        top_row.addStretch(1)
        who = QLabel(tr("User: {name}", name=self.ctx.actor.name))
        who.setStyleSheet("color: white;")
        top_row.addWidget(who)
        logout = QPushButton(tr("Log out"))
        logout.setObjectName("logout")
        logout.clicked.connect(self.logout_requested.emit)
        top_row.addWidget(logout)
        outer.addWidget(top)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(212)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        # Never a sideways scroll bar: it would also steal the height of the last item.
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        holder = QWidget()
        holder.setLayout(row)
        outer.addWidget(holder, 1)
        self.setCentralWidget(central)

        self.pages.clear()
        self.infos = {}
        for info in all_pages():
            if info.permission and not self.ctx.actor.can(info.permission):
                continue
            # A page is built the first time it is shown: start-up pays only for the first one.
            self.infos[info.key] = info
            self.pages[info.key] = None
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(tr(info.title))
            item.setData(Qt.UserRole, info.key)
            self.sidebar.addItem(item)
        self._fit_sidebar()
        self.sidebar.currentRowChanged.connect(self._show_row)
        self._business_changed(Changes("business"))
        last = self._prefs().get("last_page")
        keys = list(self.pages)
        self.sidebar.setCurrentRow(keys.index(last) if last in keys else 0)
        self.sidebar.currentRowChanged.connect(self._remember_page)

    def _fit_sidebar(self) -> None:
        """Wide enough for its longest name in the window's language ("Receipts
        and payments" is not cut to "Receipts and payme…"), never over 260 px."""
        font = self.sidebar.font()
        font.setPixelSize(15)
        from PySide6.QtGui import QFontMetrics

        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(self.sidebar.item(n).text()) for n in range(self.sidebar.count())),
                     default=0)
        self.sidebar.setFixedWidth(min(260, max(212, widest + 12 + 8 + 16)))

    def _show_row(self, row: int) -> None:
        keys = list(self.pages)
        if 0 <= row < len(keys):
            page = self.page(keys[row])
            self.stack.setCurrentIndex(row)
            if hasattr(page, "refresh_after_paint"):
                page.refresh_after_paint()  # painted as it was first, then brought up to date

    def page(self, key: str) -> QWidget:
        """The page for `key`, built now if it was not yet."""
        page = self.pages[key]
        if page is None:
            index = list(self.pages).index(key)
            page = self.infos[key].factory(self.ctx)
            page.setObjectName(f"page_{key}")
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = page
        return page

    def auto_backup(self) -> None:
        """Daily and weekly rotating backups, taken on the worker thread so the
        window and the scan station never wait for them."""
        path = self.ctx.db_path

        def take(db):
            try:
                return backup.auto_backup(db, path)
            except OSError:  # a full disk must not stop the window; the Copias page shows the last one taken
                return None

        self.ops.write(take,
                       changes=lambda taken: Changes("backup") if taken else Changes())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if not getattr(self, "_framed", False):
            self._framed = True
            # the title bar's height is known only once the window manager framed it
            QTimer.singleShot(300, self, lambda: keep_inside_screen(self))

    def closeEvent(self, event) -> None:
        self.backup_timer.stop()
        self.ctx.close()
        super().closeEvent(event)

    def page_keys(self) -> list[str]:
        return list(self.pages)

    def show_page(self, key: str) -> QWidget:
        index = list(self.pages).index(key)
        self.sidebar.setCurrentRow(index)
        return self.page(key)

    def _business_changed(self, changes: Changes, initiator=None) -> None:
        if changes.touches(("business",)):
            info = business.get(self.ctx.db)
            self.title.setText(info["name"])

    def switch_language(self, lang: str) -> None:
        from smedesk.ui.qt_translations import follow_locale

        current = self.sidebar.currentRow()
        i18n.set_language(lang)
        follow_locale(lang)
        old = self.centralWidget()
        self.build()
        old.deleteLater()
        self.sidebar.setCurrentRow(current)

    def restore_backup(self, path: Path):
        """Close the file, restore the backup into it, reopen, rebuild every page."""
        self.ops.close_db()  # the worker's connection too: nothing may hold the file
        self.ctx.db.close()
        try:
            aside = backup.restore(self.ctx.db_path, path, actor=self.ctx.actor)
        finally:
            self.ctx.db = open_db(self.ctx.db_path)
            bind(self.ctx.db, self.ctx.actor)
        old = self.centralWidget()
        self.build()
        old.deleteLater()
        return aside

    def _prefs_path(self) -> Path:
        return paths.preferences_path(self.ctx.db_path)

    def _prefs(self) -> dict:
        try:
            return json.loads(self._prefs_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _remember_page(self, row: int) -> None:
        keys = list(self.pages)
        if 0 <= row < len(keys):
            prefs = self._prefs()
            prefs["last_page"] = keys[row]
            try:
                self._prefs_path().write_text(json.dumps(prefs), encoding="utf-8")
            except OSError:
                pass
