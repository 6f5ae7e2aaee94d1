"""Panel section: what must reach SUNAT, and by when (red when due today or past)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

from smedesk.core.i18n import N_, tr
from smedesk.einvoice import waiting
from smedesk.ui.panel import PanelSection

RED = "#b00020"


def load(db) -> list:
    """On the database worker: the reminders, each with its text and urgency."""
    return waiting.reminders(db)


class SunatDeadlines(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("sunat_deadlines")
        self.setWordWrap(True)

    def fill(self, found: list) -> None:
        if not found:
            self.setText(tr("Nothing waits to be sent to SUNAT."))
            return
        lines = [f'<span style="color:{RED}"><b>{escape(r.text)}</b></span>' if r.urgent else escape(r.text)
                 for r in found]
        self.setText("<br>".join(lines))


SECTION = PanelSection("sunat", N_("Comprobantes for SUNAT"), 15, SunatDeadlines, load, permission="accounts.view",
                       areas=("accounts", "sunat"))
