"""Panel: products sold at a loss or below the target margin."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from smedesk.core import settings
from smedesk.core.i18n import N_, tr
from smedesk.production.margins import margin_report
from smedesk.ui.panel import PanelSection

SHOWN = 6


def load(db) -> dict:
    """On the database worker: every product's margin and the target."""
    return {"report": margin_report(db), "target": settings.get(db, "production.margin_pct")}


class Margins(QLabel):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.setWordWrap(True)
        self.setObjectName("margins_section")

    def fill(self, answer: dict) -> None:
        report, target = answer["report"], answer["target"]
        problems = [m for m in report if m.status != "ok"]
        if not report:
            self.setText(tr("No products yet: add them in the Catalogue page."))
            return
        if not problems:
            self.setText(tr("Every list price covers its cost with the target margin ({target}%).", target=target))
            return
        lines = []
        for m in problems[:SHOWN]:
            if m.status == "loss":
                text = tr("{sku} {name}: sells at S/ {price}, costs S/ {cost} — at a loss",
                          sku=m.sku, name=m.name, price=m.price, cost=m.cost)
                lines.append(f"<span style='color:#b00020'>{text}</span>")
            elif m.status == "low":
                lines.append(tr("{sku} {name}: margin {pct}% (target {target}%)", sku=m.sku, name=m.name,
                                pct=m.margin_pct, target=target))
            else:
                lines.append(tr("{sku} {name}: no list price (costs S/ {cost})", sku=m.sku, name=m.name,
                                cost=m.cost))
        if len(problems) > SHOWN:
            lines.append(tr("…and {count} more.", count=len(problems) - SHOWN))
        self.setText("<br>".join(lines))


SECTION = PanelSection("margins", N_("Prices and margins"), 40, Margins, load, permission="money.view",
                       areas=("catalogue", "settings"))
