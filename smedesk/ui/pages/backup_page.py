"""Copias de seguridad: back up now, to a USB stick, and restore — from this
PC's list, from any folder or stick, or back to the safety copy a restore took."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from smedesk.core import backup, backup_files, paths, settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import Form, wrap_label


class BackupPage(Page):
    backup_written = Signal(object)  # the Path of a backup just written
    areas = ("backup",)

    def __init__(self, ctx):
        super().__init__(
            ctx,
            tr("Backups"),
            tr("A backup is a copy of all your data. Make one often, and keep one on a USB stick."),
        )
        self.folder = paths.default_backup_dir(ctx.db_path)
        self.body.addWidget(wrap_label(tr("Backups are kept in: {folder}", folder=self.folder)))
        row = QHBoxLayout()
        now = QPushButton(tr("Back up now"))
        now.setObjectName("backup_now")
        now.clicked.connect(self.backup_now)
        usb = QPushButton(tr("Back up to a USB stick…"))
        usb.setObjectName("backup_usb")
        usb.clicked.connect(self.backup_usb)
        row.addWidget(now)
        row.addWidget(usb)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        self.body.addWidget(holder)
        self.status = Form()
        self.status.finish()
        self.body.addWidget(self.status)
        self.list = QListWidget()
        self.list.setMinimumHeight(220)
        self.empty_hint = QLabel(tr("No backups yet: press «Back up now» to make the first one."))
        self.empty_hint.setObjectName("backup_empty_hint")
        self.empty_hint.setWordWrap(True)
        self.body.addWidget(self.empty_hint)
        self.body.addWidget(self.list)
        buttons = QHBoxLayout()
        restore = QPushButton(tr("Restore the selected backup…"))
        restore.setObjectName("restore")
        restore.clicked.connect(self.restore_selected)
        other = QPushButton(tr("Restore from another folder or USB stick…"))
        other.setObjectName("restore_other")
        other.clicked.connect(self.restore_other)
        buttons.addWidget(restore)
        buttons.addWidget(other)
        buttons.addStretch(1)
        holder = QWidget()
        holder.setLayout(buttons)
        self.body.addWidget(holder)
        self.body.addWidget(QLabel(f"<b>{tr('Copies taken before a restore (to undo it)')}</b>"))
        self.safety = QListWidget()
        self.safety.setObjectName("safety_copies")
        self.safety.setMinimumHeight(90)
        self.body.addWidget(self.safety)
        undo = QPushButton(tr("Go back to the selected copy…"))
        undo.setObjectName("undo_restore")
        undo.clicked.connect(self.undo_selected)
        self.body.addWidget(undo)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for path in reversed(backup.all_backups(self.folder, self.ctx.db_path.stem)):
            item = QListWidgetItem(self._describe(path))
            item.setData(256, str(path))
            self.list.addItem(item)
        self.empty_hint.setVisible(self.list.count() == 0)
        self.safety.clear()
        for path in backup_files.safety_copies(self.ctx.db_path):
            item = QListWidgetItem(self._describe(path))
            item.setData(256, str(path))
            self.safety.addItem(item)
        if self.safety.count() == 0:
            self.safety.addItem(tr("None: no backup has been restored on this PC."))

    @staticmethod
    def _describe(path: Path) -> str:
        path = Path(path)
        found = backup_files.info(path)
        products, orders = found.counts.get("products", 0), found.counts.get("orders", 0)
        return tr("{day} · {products}, {orders} — {name}", day=found.made.strftime("%d/%m/%Y %H:%M"),
                  products=tr("1 product") if products == 1 else tr("{count} products", count=products),
                  orders=tr("1 order") if orders == 1 else tr("{count} orders", count=orders), name=path.name)

    def backup_now(self, folder: Path | None = None) -> None:
        """Written on the database worker (SQLite's backup API from its own
        connection); `backup_written(path)` says where when it is done."""
        db_path, folder, actor = self.ctx.db_path, folder or self.folder, self.ctx.actor
        self.write(lambda db: take_backup(db, db_path, folder, actor), changes=Changes("backup"),
                   done=self._written, failed=self.status.show_error)

    def _written(self, dest: Path) -> None:
        self.status.show_ok(tr("Backup written to {path}", path=dest))
        self.backup_written.emit(dest)

    def backup_usb(self) -> None:
        start = settings.get(self.ctx.db, "backup.usb_dir") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), start)
        if folder:
            self.backup_now(Path(folder))

    def restore_selected(self) -> None:
        self._ask_and_restore(self.list.currentItem())

    def undo_selected(self) -> None:
        self._ask_and_restore(self.safety.currentItem())

    def restore_other(self) -> None:
        start = settings.get(self.ctx.db, "backup.usb_dir") or str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Choose the backup to restore"), start,
                                                tr("smedesk backups (*.smedesk)"))
        if chosen and self._confirm(Path(chosen)):
            self.restore_file(Path(chosen))

    def _ask_and_restore(self, item) -> None:
        if item is None or not item.data(256):
            self.status.show_error(SmedeskError(tr("Choose a backup in the list first.")))
            return
        path = Path(item.data(256))
        if self._confirm(path):
            self.restore_file(path)

    def _confirm(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, tr("Restore"),
            tr("Replace all current data with the backup {name}? The current file is kept aside, and it can "
               "be brought back from this page.", name=self._describe(path)))
        return answer == QMessageBox.Yes

    def restore_file(self, path: Path) -> bool:
        """Restore `path`; the page that replaces this one says what was restored
        and where the data it replaced went."""
        window = self.window()
        path = Path(path)
        described = self._describe(path)
        try:
            aside = window.restore_backup(path)
        except SmedeskError as exc:
            self.status.show_error(exc)
            return False
        text = tr("Restored: {backup}.", backup=described)
        if aside:
            text += " " + tr("What there was before is kept as {name}: to undo, pick it under «Copies taken "
                             "before a restore» and press «Go back to the selected copy».", name=Path(aside).name)
        page = window.show_page("backup") if hasattr(window, "show_page") else self
        page.status.show_ok(text)
        return True


def take_backup(db, db_path: Path, folder: Path, actor) -> Path:
    """One backup now; a folder that cannot be written is a refusal in words."""
    try:
        return backup.backup(db, db_path, folder, actor=actor)
    except OSError as exc:
        raise SmedeskError(tr("Could not write the backup: {reason}", reason=exc)) from None


PAGE = PageInfo("backup", N_("Backups"), 920, BackupPage, permission="backup")

