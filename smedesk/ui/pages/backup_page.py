"""Copias de seguridad: back up now, to a USB stick, and restore."""

from __future__ import annotations

from pathlib import Path

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

from smedesk.core import backup, paths, settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import Form, wrap_label


class BackupPage(Page):
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
        restore = QPushButton(tr("Restore the selected backup…"))
        restore.setObjectName("restore")
        restore.clicked.connect(self.restore_selected)
        self.body.addWidget(restore)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for path in reversed(backup.all_backups(self.folder, self.ctx.db_path.stem)):
            item = QListWidgetItem(path.name)
            item.setData(256, str(path))
            self.list.addItem(item)
        self.empty_hint.setVisible(self.list.count() == 0)

    def backup_now(self, folder: Path | None = None) -> Path | None:
        try:
            dest = backup.backup(self.ctx.db, self.ctx.db_path, folder or self.folder, actor=self.ctx.actor)
        except SmedeskError as exc:
            self.status.show_error(exc)
            return None
        except OSError as exc:
            self.status.show_error(SmedeskError(tr("Could not write the backup: {reason}", reason=exc)))
            return None
        self.status.show_ok(tr("Backup written to {path}", path=dest))
        self.changed(Changes("backup"))
        return dest

    def backup_usb(self) -> None:
        start = settings.get(self.ctx.db, "backup.usb_dir") or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), start)
        if folder:
            self.backup_now(Path(folder))

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.status.show_error(SmedeskError(tr("Choose a backup in the list first.")))
            return
        answer = QMessageBox.question(
            self,
            tr("Restore"),
            tr("Replace all current data with the backup {name}? The current file is kept aside.", name=item.text()),
        )
        if answer != QMessageBox.Yes:
            return
        self.restore_file(Path(item.data(256)))

    def restore_file(self, path: Path) -> bool:
        window = self.window()
        try:
            aside = window.restore_backup(path)
        except SmedeskError as exc:
            self.status.show_error(exc)
            return False
        self.status.show_ok(tr("Restored. The previous file was kept at {aside}", aside=aside))
        return True


PAGE = PageInfo("backup", N_("Backups"), 920, BackupPage, permission="backup")
