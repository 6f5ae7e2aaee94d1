"""Registro de cambios: who changed what, and when — the audit log, for the owner."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from smedesk.core import audit, clock
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.audit_words import action_text, detail_text, entity_text
from smedesk.ui.pages.base import Page

LIMIT = 500


class AuditPage(Page):
    def __init__(self, ctx):
        super().__init__(ctx, tr("Change log"), tr("Every change, with who made it and when. Nothing here can be edited."))
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search…"))
        self.search.textChanged.connect(self.refresh)
        self.entity = QComboBox()
        self.entity.currentIndexChanged.connect(self.refresh)
        row.addWidget(self.search, 2)
        row.addWidget(self.entity, 1)
        holder = QWidget()
        holder.setLayout(row)
        self.body.addWidget(holder)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels([tr("When"), tr("User"), tr("Action"), tr("What"), tr("Detail")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setMinimumHeight(480)
        self.body.addWidget(self.table)
        self._fill_entities()
        self.refresh()

    def _fill_entities(self) -> None:
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem(tr("Everything"), None)
        for name in audit.entities(self.ctx.db):
            self.entity.addItem(entity_text(name), name)
        self.entity.blockSignals(False)

    def follows(self, changes) -> bool:
        return bool(changes)  # every write leaves a line in the log

    def refresh(self) -> None:
        found = audit.recent(self.ctx.db, LIMIT, entity=self.entity.currentData(), search=self.search.text().strip())
        self.table.setRowCount(len(found))
        for n, entry in enumerate(found):
            when = clock.to_lima(entry["at"]).strftime("%d/%m/%Y %H:%M:%S")
            detail = json.loads(entry["detail"] or "{}")
            values = [when, entry["user_name"], action_text(entry["action"]),
                      f"{entity_text(entry['entity'])} {entry['entity_id'] or ''}".strip(), detail_text(detail)]
            for col, value in enumerate(values):
                self.table.setItem(n, col, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()


PAGE = PageInfo("audit", N_("Change log"), 930, AuditPage, permission="users.manage")
