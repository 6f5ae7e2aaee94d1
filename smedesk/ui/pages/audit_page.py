"""Registro de cambios: who changed what, and when — the audit log, for the owner."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from smedesk.core import audit, clock
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.audit_words import (
    action_text,
    detail_text,
    entity_text,
    subject_text,
    who_text,
)
from smedesk.ui.pages.base import Page
from smedesk.ui.rows_table import RowsTable, longest_texts

LIMIT = 500


def log_rows(db, *, entity: str | None, search: str) -> dict:
    """On the database worker: the latest LIMIT entries as the table shows them."""
    rows = []
    for entry in audit.recent(db, LIMIT, entity=entity, search=search):
        detail = json.loads(entry["detail"] or "{}")
        rows.append([clock.to_lima(entry["at"]).strftime("%d/%m/%Y %H:%M:%S"), who_text(entry["user_name"], entry.get("user_id")),
                     action_text(entry["action"]), subject_text(entry["entity"], entry["entity_id"]),
                     str(detail_text(detail, entry["entity"]))])
    return {"rows": rows, "longest": longest_texts(rows)}


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
        self.table = RowsTable((N_("When"), N_("User"), N_("Action"), N_("What"), N_("Detail")), height=480)
        self.table.setObjectName("audit_table")
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
        """The latest entries, read and put in words on the worker (every write
        adds one, so the log grows with everything the business does)."""
        entity, search = self.entity.currentData(), self.search.text().strip()
        self.read(lambda db: log_rows(db, entity=entity, search=search), done=self._fill, key="log")

    def _fill(self, listed: dict) -> None:
        self.table.set_rows(listed["rows"], longest=listed["longest"])


PAGE = PageInfo("audit", N_("Change log"), 930, AuditPage, permission="users.manage")
