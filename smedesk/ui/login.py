"""Who are you? Pick your name, type your PIN. Five wrong PINs lock for a while."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from smedesk.core import business, users
from smedesk.core.i18n import tr
from smedesk.ui.widgets import ERROR_STYLE


class LoginDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.actor = None
        info = business.get(db)
        self.setWindowTitle(f"smedesk — {info['name']}")
        self.resize(420, 460)
        layout = QVBoxLayout(self)
        title = QLabel(info["name"])
        title.setStyleSheet("font-size: 20px; font-weight: 700;")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(QLabel(tr("Who are you?")))
        self.people = QListWidget()
        self.people.setObjectName("people")
        self.people.setStyleSheet("font-size: 16px;")
        for user in users.list_users(db):
            item = QListWidgetItem(user["name"])
            item.setData(Qt.UserRole, user["id"])
            self.people.addItem(item)
        self.people.setCurrentRow(0)
        layout.addWidget(self.people, 1)
        layout.addWidget(QLabel(tr("Your PIN")))
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setMaxLength(6)
        self.pin.setStyleSheet("font-size: 20px;")
        layout.addWidget(self.pin)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Enter"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.pin.returnPressed.connect(self.try_login)
        self.pin.setFocus()

    def try_login(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.message.setText(tr("Choose your name in the list."))
            return
        result = users.login(self.db, item.data(Qt.UserRole), self.pin.text())
        if result.ok:
            self.actor = result.actor
            self.accept()
            return
        self.message.setText(result.reason)
        self.pin.selectAll()
        self.pin.setFocus()
