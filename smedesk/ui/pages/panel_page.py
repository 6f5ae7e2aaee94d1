"""Panel: the first page. It stacks the sections areas provide
(`smedesk.ui.panel`), each refreshing itself when its area changes."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout

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

    def _on_changed(self, area: str) -> None:
        for section, widget in self.sections:
            if area == "*" or not section.areas or area in section.areas:
                widget.refresh()


PAGE = PageInfo("panel", N_("Panel"), 10, PanelPage)
