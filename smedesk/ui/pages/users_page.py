"""Usuarios: who may open the program, with which role, PIN and badge."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from smedesk.core import users
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import Form

ROLE_NAMES = {"owner": N_("Owner"), "staff": N_("Floor staff")}


class UsersPage(Page):
    areas = ("users",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Users"), tr("The owner sees everything; floor staff only scan and see their own work."))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("Role"), tr("Badge")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setMinimumHeight(200)
        self.body.addWidget(self.table)
        remove = QPushButton(tr("Remove selected user"))
        remove.clicked.connect(self.remove_selected)
        self.body.addWidget(remove)

        self.form = Form()
        self.form.add("name", tr("Name"))
        self.role = QComboBox()
        for key, label in ROLE_NAMES.items():
            self.role.addItem(tr(label), key)
        self.role.setCurrentIndex(1)
        self.form.add("role", tr("Role"), self.role)
        pin = self.form.add("pin", tr("PIN (4 to 6 digits)"))
        pin.setEchoMode(QLineEdit.Password)
        self.form.add("badge", tr("Badge code (optional)"))
        self.form.finish()
        self.body.addWidget(self.form)
        row = QHBoxLayout()
        add = QPushButton(tr("Add user"))
        add.setObjectName("add_user")
        add.clicked.connect(self.add)
        row.addWidget(add)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        self.body.addWidget(holder)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        found = users.list_users(self.ctx.db)
        self.table.setRowCount(len(found))
        for n, user in enumerate(found):
            item = QTableWidgetItem(user["name"])
            item.setData(256, user["id"])
            self.table.setItem(n, 0, item)
            self.table.setItem(n, 1, QTableWidgetItem(tr(ROLE_NAMES[user["role"]])))
            self.table.setItem(n, 2, QTableWidgetItem(user["badge"] or ""))
        self.table.resizeColumnsToContents()

    def add(self) -> None:
        try:
            users.add_user(
                self.ctx.db,
                self.form.text("name"),
                self.role.currentData(),
                self.form.text("pin"),
                badge=self.form.text("badge"),
                actor=self.ctx.actor,
            )
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        name = self.form.text("name").strip()
        for key in ("name", "pin", "badge"):
            self.form.fields[key].clear()
        self.form.show_ok(tr("User «{name}» added.", name=name))
        self.changed(Changes("users"))

    def remove_selected(self) -> None:
        selected = self.table.selectedItems()
        if not selected:
            return
        user_id = self.table.item(selected[0].row(), 0).data(256)
        try:
            users.deactivate(self.ctx.db, user_id, actor=self.ctx.actor)
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        self.changed(Changes("users"))


PAGE = PageInfo("users", N_("Users"), 910, UsersPage, permission="users.manage")
