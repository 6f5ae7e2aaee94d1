"""Panel: the first page. It stacks the sections areas provide
(`smedesk.ui.panel`), each brought up to date when what it follows changed:
its `load` runs on the database worker and its widget is filled with the
answer, so a switch to the Panel or a scan never waits on the Panel's reads."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout

from smedesk.core.changes import Changes
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.panel import all_sections


class PanelPage(Page):
    def __init__(self, ctx):
        super().__init__(ctx, tr("Panel"))
        self.sections = []
        for section in all_sections():
            if section.permission and not ctx.actor.can(section.permission):
                continue
            box = QGroupBox(tr(section.title))
            box.setObjectName(f"panel_{section.key}")
            layout = QVBoxLayout(box)
            widget = section.factory(ctx)
            layout.addWidget(widget)
            self.body.addWidget(box)
            self.sections.append((section, widget))
        self.body.addStretch(1)
        self.stale: set[str] = {s.key for s, _ in self.sections}
        self.refresh()

    def follows(self, changes: Changes) -> bool:
        touched = {s.key for s, _ in self.sections if not s.areas or changes.touches(s.areas)}
        self.stale |= touched
        return bool(touched)

    def refresh(self) -> None:
        """Ask the worker for each stale section; each is filled when its answer arrives."""
        stale, self.stale = self.stale, set()
        for section, widget in self.sections:
            if section.key in stale:
                self.read(section.load, done=widget.fill, key=section.key)


PAGE = PageInfo("panel", N_("Panel"), 10, PanelPage)
