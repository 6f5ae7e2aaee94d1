"""Usuarios: who may open the program, with which role, PIN and badge."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
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

        # a forgotten PIN: the owner gives the selected user a new one
        self.reset_form = Form()
        new_pin = self.reset_form.add("pin", tr("New PIN for the selected user"))
        new_pin.setEchoMode(QLineEdit.Password)
        self.reset_form.finish()
        self.body.addWidget(self.reset_form)
        reset = QPushButton(tr("Give the selected user this PIN"))
        reset.setObjectName("reset_pin")
        reset.clicked.connect(self.reset_selected_pin)
        self.body.addWidget(reset)

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

        self.body.addWidget(QLabel(f"<b>{tr('Change my PIN')}</b>"))
        self.own_form = Form()
        for key, label in (("old_pin", tr("My PIN now")), ("pin", tr("My new PIN"))):
            self.own_form.add(key, label).setEchoMode(QLineEdit.Password)
        self.own_form.finish()
        self.body.addWidget(self.own_form)
        change = QPushButton(tr("Change my PIN"))
        change.setObjectName("change_own_pin")
        change.clicked.connect(self.change_own_pin)
        self.body.addWidget(change)
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

    # Every write runs on the database worker (a PIN is an scrypt hash, ~40 ms);
    # a refusal shows on the form that asked, which keeps what was typed.
    def add(self) -> None:
        name, role, pin, badge = (self.form.text("name"), self.role.currentData(), self.form.text("pin"),
                                  self.form.text("badge"))
        actor = self.ctx.actor
        self.write(lambda db: users.add_user(db, name, role, pin, badge=badge, actor=actor),
                   changes=Changes("users"), done=lambda _id: self._added(name.strip()),
                   failed=self.form.show_error)

    def _added(self, name: str) -> None:
        for key in ("name", "pin", "badge"):
            self.form.fields[key].clear()
        self.form.show_ok(tr("User «{name}» added.", name=name))

    def _selected_user(self) -> int | None:
        selected = self.table.selectedItems()
        return self.table.item(selected[0].row(), 0).data(256) if selected else None

    def reset_selected_pin(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            self.reset_form.show_error(SmedeskError(tr("Choose a user in the list first.")))
            return
        pin, actor = self.reset_form.text("pin"), self.ctx.actor

        def reset(db):
            users.reset_pin(db, user_id, pin, actor=actor)
            return users.get_user(db, user_id)["name"]

        self.write(reset, changes=Changes("users"), done=self._pin_reset, failed=self._refused(self.reset_form))

    def _pin_reset(self, name: str) -> None:
        self.reset_form.fields["pin"].clear()
        self.reset_form.show_ok(tr("New PIN set for «{name}».", name=name))

    def change_own_pin(self) -> None:
        old_pin, pin, actor = self.own_form.text("old_pin"), self.own_form.text("pin"), self.ctx.actor
        self.write(lambda db: users.change_own_pin(db, old_pin, pin, actor=actor), changes=Changes("users"),
                   done=self._own_pin_changed, failed=self._refused(self.own_form))

    def _own_pin_changed(self, _result) -> None:
        for key in ("old_pin", "pin"):
            self.own_form.fields[key].clear()
        self.own_form.show_ok(tr("Your PIN was changed. Use the new one from now on."))

    @staticmethod
    def _refused(form):
        """Show a refusal on `form` (one about the user in general as its banner)."""
        def show(exc: SmedeskError) -> None:
            if exc.field == "user":
                exc.field = None
            form.show_error(exc)
        return show

    def remove_selected(self) -> None:
        user_id = self._selected_user()
        if user_id is None:
            return
        actor = self.ctx.actor
        self.write(lambda db: users.deactivate(db, user_id, actor=actor), changes=Changes("users"),
                   failed=self.form.show_error)


PAGE = PageInfo("users", N_("Users"), 910, UsersPage, permission="users.manage")
