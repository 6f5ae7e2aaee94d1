"""The Panel's greeting: the business, today's date, who is working."""

from __future__ import annotations

from babel.dates import format_date
from PySide6.QtWidgets import QLabel

from smedesk.core import business, clock, i18n
from smedesk.core.i18n import N_, tr
from smedesk.ui.panel import PanelSection


def load(db) -> dict:
    """On the database worker: the business's name and RUC."""
    return business.get(db)


class Today(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 15px;")

    def fill(self, info: dict) -> None:
        locale = "es_PE" if i18n.current() == "es" else "en_US"
        today = format_date(clock.today_lima(), format="full", locale=locale)
        self.setText(
            tr("Good day, {name}. Today is {date}.", name=self.ctx.actor.name, date=today)
            + "<br>" + tr("Business: {name} (RUC {ruc})", name=info["name"], ruc=info["ruc"])
        )


SECTION = PanelSection("today", N_("Today"), 0, Today, load, areas=("business",))
