"""¿Qué pasa si…? Change a material's price or a rate and see every affected
product's cost now and after, before saving anything."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from smedesk.core.changes import Changes
from smedesk.core.db import rows
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import rate_str
from smedesk.production import catalogue as cat
from smedesk.production import costing, whatif
from smedesk.production.whatif import apply_changes, what_if
from smedesk.ui.costing.materials_view import unit_label
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE

KINDS = [("materials", N_("Price of a material")), ("step_rates", N_("Rate per hour of a step")),
         ("piece_rates", N_("Piece rate of a step")), ("fx", N_("Exchange rate (S/ per US$)")),
         ("hours_per_month", N_("Productive hours per month"))]


class WhatIfDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.applied = False
        self.setWindowTitle(tr("What if…?"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Try a new price or rate: every product it touches is shown with its cost "
                          "now and after. Nothing is saved until you press «Save the change»."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("whatif_kind")
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.item = QComboBox()
        self.item.setObjectName("whatif_item")
        self.item.setMinimumWidth(240)
        self.value = QLineEdit()
        self.value.setObjectName("whatif_value")
        self.value.setPlaceholderText(tr("New value"))
        self.current = QLabel("")
        row.addWidget(self.kind)
        row.addWidget(self.item, 1)
        row.addWidget(self.value)
        layout.addLayout(row)
        layout.addWidget(self.current)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("whatif_table")
        self.table.setHorizontalHeaderLabels([tr("SKU"), tr("Product"), tr("Now"), tr("After"),
                                              tr("Difference"), "%"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setObjectName("whatif_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("Save the change"))
        self.save_button.setObjectName("whatif_save")
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(ctx.actor.can("catalogue.edit"))
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.item.currentIndexChanged.connect(self._item_changed)
        self.value.textChanged.connect(self.update_table)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.item.blockSignals(True)
        self.item.clear()
        if kind == "materials":
            for m in cat.list_materials(self.ctx.db, prices=False):
                self.item.addItem(f"{m['code']} — {m['name']}", m["code"])
        elif kind in ("step_rates", "piece_rates"):
            for r in rows(self.ctx.db, "SELECT DISTINCT name FROM routing_steps ORDER BY name"):
                self.item.addItem(r["name"], r["name"])
        self.item.setVisible(kind not in ("fx", "hours_per_month"))
        self.item.blockSignals(False)
        self._item_changed()

    def _item_changed(self) -> None:
        self.current.setText(self._current_text())
        self.update_table()

    def _current_text(self) -> str:
        kind, ref, db = self.kind.currentData(), self.item.currentData(), self.ctx.db
        if kind == "materials" and ref:
            m = cat.get_material(db, ref)
            price, currency = cat.current_price(db, m["id"])  # from the dated history, as costing reads it
            return tr("Now: {currency} {price} per {unit}", currency="US$" if currency == "USD" else "S/",
                      price=rate_str(price), unit=unit_label(m["unit"]))
        if kind in ("step_rates", "piece_rates") and ref:
            found = sorted({r[kind] for r in whatif.step_rates_now(db, ref) if r[kind] is not None})
            return tr("Now: {values}", values=", ".join(f"S/ {rate_str(c)}" for c in found) or "—")
        if kind == "fx":
            return tr("Now: {values}", values=str(costing.fx_usd_pen(db)))
        if kind == "hours_per_month":
            return tr("Now: {values}", values=str(costing.hours_per_month(db)))
        return ""

    def set_change(self, kind: str, reference: str | None, value: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        if reference is not None:
            self.item.setCurrentIndex(self.item.findData(reference))
        self.value.setText(value)

    def overrides(self) -> dict:
        kind, text = self.kind.currentData(), self.value.text().strip()
        if not text:
            return {}
        if kind in ("fx", "hours_per_month"):
            return {kind: text}
        ref = self.item.currentData()
        return {kind: {ref: text}} if ref else {}

    def update_table(self) -> None:
        self.message.setText("")
        try:
            changes = what_if(self.ctx.db, self.overrides()) if self.overrides() else []
        except SmedeskError as exc:
            self.table.setRowCount(0)
            self._say(str(exc), ok=False)
            return
        self.table.setRowCount(len(changes))
        for n, c in enumerate(changes):
            sign = "+" if c.difference > 0 else ""
            for col, value in enumerate((c.sku, c.name, f"S/ {c.old}", f"S/ {c.new}", f"{sign}{c.difference}",
                                         f"{sign}{c.percent}%")):
                self.table.setItem(n, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if self.overrides():
            self._say(tr("{count} products change.", count=len(changes)) if changes else
                      tr("No product changes."), ok=True)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def save(self) -> None:
        overrides = self.overrides()
        if not overrides:
            self._say(tr("Type the new value first."), ok=False)
            return
        actor = self.ctx.actor
        self.ctx.ops.write(lambda db: apply_changes(db, overrides, actor=actor), changes=Changes("catalogue"),
                           done=self._applied, failed=lambda exc: self._say(str(exc), ok=False))

    def _applied(self, _result=None) -> None:
        self.applied = True
        self.value.blockSignals(True)
        self.value.clear()
        self.value.blockSignals(False)
        self._item_changed()
        self._say(tr("Saved. The new costs are in force from today."), ok=True)
