"""Customers box of Pedidos: the list and a form for a new customer (name,
RUC/DNI or a foreign id, country, contact). Customers are the shared parties."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import parties
from smedesk.core.changes import Changes
from smedesk.core.i18n import N_, tr
from smedesk.ui.widgets import Form

ID_TYPES = (("", N_("Guess from the number")), ("ruc", "RUC"), ("dni", "DNI"),
            ("foreign", N_("Foreign id")), ("none", N_("No id")))
ID_NAMES = dict(ID_TYPES[1:])


class CustomersBox(QWidget):
    saved = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("customers_table")
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("Id"), tr("Country"), tr("Contact")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setMinimumHeight(130)
        layout.addWidget(self.table)
        self.form = Form()
        self.form.add("name", tr("Name"))
        self.id_type = QComboBox()
        for key, text in ID_TYPES:
            self.id_type.addItem(tr(text), key)
        self.form.add("id_type", tr("Kind of id"), self.id_type)
        self.form.add("id_number", tr("RUC, DNI or foreign id"))
        self.form.add("country", tr("Country (two letters)")).setText("PE")
        self.form.add("contact", tr("Contact"))
        self.form.add("phone", tr("Phone"))
        self.form.finish()
        layout.addWidget(self.form)
        save = QPushButton(tr("Save customer"))
        save.setObjectName("save_customer")
        save.clicked.connect(self.save)
        layout.addWidget(save)
        self.refresh()

    def refresh(self) -> None:
        found = parties.list_parties(self.ctx.db, customers=True)
        self.table.setRowCount(len(found))
        for n, p in enumerate(found):
            ident = f"{tr(ID_NAMES.get(p['id_type'], p['id_type']))} {p['id_number']}" if p["id_number"] else "—"
            for col, value in enumerate((p["name"], ident, p["country"], p["contact"] or "—")):
                self.table.setItem(n, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def save(self) -> None:
        data = {key: self.form.text(key) for key in ("name", "id_number", "country", "contact", "phone")}
        data["id_type"] = self.id_type.currentData()
        actor = self.ctx.actor
        self.ctx.ops.write(lambda db: parties.save(db, data, actor=actor), changes=Changes("parties"),
                           done=lambda party_id: self._saved(data["name"], party_id), failed=self.form.show_error)

    def _saved(self, name: str, party_id: int) -> None:
        for key in ("name", "id_number", "contact", "phone"):
            self.form.fields[key].clear()
        self.form.show_ok(tr("Customer «{name}» saved.", name=name.strip()))
        self.saved.emit(party_id)
