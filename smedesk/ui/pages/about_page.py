"""Acerca de: version, where the file lives, and its health."""

from __future__ import annotations

from smedesk import __version__
from smedesk.core import business, health
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import wrap_label


class AboutPage(Page):
    areas = ("business",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("About smedesk"))
        self.text = wrap_label("")
        self.body.addWidget(self.text)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """The file's check reads the whole file: on the database worker."""
        self.read(lambda db: (business.get(db) or {}, health.check(db, quick=True)), done=self._show, key="about")

    def _show(self, answer) -> None:
        info, result = answer
        state = tr("sound") if result.ok else "; ".join(result.problems)
        self.text.setText(
            "<p>" + tr("smedesk {version}: the business manager for small workshops.", version=__version__) + "</p>"
            + "<p>" + tr("Business: {name} (RUC {ruc})", name=info.get("name", ""), ruc=info.get("ruc", "")) + "</p>"
            + "<p>" + tr("Data file: {path}", path=self.ctx.db_path) + "</p>"
            + "<p>" + tr("File state: {state} (schema version {version})", state=state, version=result.schema_version) + "</p>"
            + "<p>" + tr("Works without internet. Your data stays on this computer.") + "</p>"
        )


PAGE = PageInfo("about", N_("About"), 990, AboutPage)
