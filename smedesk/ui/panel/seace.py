"""Panel section: closing dates of the calls the saved searches follow."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel

from smedesk.core.i18n import N_, tr
from smedesk.tenders import interests
from smedesk.ui.panel import PanelSection
from smedesk.ui.seace.detail import when

KINDS = {"enquiry": N_("questions close"), "tender": N_("bids close")}


def load(db) -> list[dict]:
    """On the database worker: what closes in the next two weeks."""
    return interests.deadlines(db, days=14, limit=8)


class Deadlines(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("seace_deadlines")
        self.setWordWrap(True)

    def fill(self, found: list[dict]) -> None:
        if not found:
            self.setText(tr("No SEACE call you follow closes in the next two weeks."))
            return
        lines = [f"<b>{when(e['when'])}</b> — {escape(tr(KINDS[e['kind']]))}: {escape(e['title'])}"
                 f" · {escape(e['description'])} ({escape(e['department'])})" for e in found]
        self.setText("<br>".join(lines))


SECTION = PanelSection("seace", N_("Public tenders closing soon"), 60, Deadlines, load, permission="seace",
                       areas=("seace",))
