"""Negocio: the business's name, RUC and address, the language, and settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from smedesk.core import business, i18n, settings
from smedesk.core.changes import Changes
from smedesk.core.db import tx
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import Form


class SettingsPage(Page):
    areas = ("business", "settings")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Business"), tr("Your business's details, as they appear on documents."))
        self.form = Form()
        self.form.add("name", tr("Business name"))
        self.form.add("ruc", tr("RUC"))
        self.form.add("address", tr("Address"))
        self.language = QComboBox()
        self.language.addItem("Español (Perú)", "es")
        self.language.addItem("English", "en")
        self.form.add("language", tr("Language"), self.language)
        self.form.finish()
        self.body.addWidget(self.form)
        row = QHBoxLayout()
        save = QPushButton(tr("Save"))
        save.setObjectName("save_business")
        save.clicked.connect(self.save)
        row.addWidget(save)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        self.body.addWidget(holder)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Setting"), tr("Value")])
        # the meaning takes what the value leaves and wraps; sized to its longest
        # text it pushed the values out of sight behind a sideways scroll bar
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        self.table.setColumnWidth(1, 240)
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(26)
        rows.setSectionResizeMode(QHeaderView.ResizeToContents)  # a wrapped meaning gets its two lines
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(220)
        self.table.itemChanged.connect(self._setting_edited)
        self.body.addWidget(self.table)
        self.settings_error = Form()
        self.settings_error.finish()
        self.body.addWidget(self.settings_error)
        from smedesk.ui.accounts.certificate_box import CertificateBox

        self.certificate_box = CertificateBox(ctx)
        self.body.addWidget(self.certificate_box)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        if hasattr(self, "certificate_box"):
            self.certificate_box.refresh()
        info = business.get(self.ctx.db) or {}
        for key in ("name", "ruc", "address"):
            self.form.fields[key].setText(info.get(key, ""))
        self.language.setCurrentIndex(0 if i18n.current() == "es" else 1)
        values = settings.all_settings(self.ctx.db)
        self.table.blockSignals(True)
        self.table.setRowCount(len(values))
        # shown by what each setting means, in the window's language; the key
        # travels with the row for saving
        for n, key in enumerate(sorted(values, key=lambda k: settings.label(k).casefold())):
            name = QTableWidgetItem(settings.label(key))
            name.setData(Qt.UserRole, key)
            name.setToolTip(f"{settings.label(key)} ({key})")
            name.setFlags(name.flags() & ~name.flags().ItemIsEditable)
            self.table.setItem(n, 0, name)
            self.table.setItem(n, 1, QTableWidgetItem(values[key]))
        self.table.blockSignals(False)

    def save(self) -> None:
        """Saved on the database worker; a refusal shows beside its field and the
        form keeps what was typed."""
        values = {key: self.form.text(key) for key in ("name", "ruc", "address")}
        self.form.clear_errors()
        self.write(save_business, values, self.language.currentData(), self.ctx.actor,
                   changes=Changes("business", "settings"), done=self._business_saved,
                   failed=self.form.show_error)

    def _business_saved(self, lang: str) -> None:
        self.form.show_ok(tr("Saved."))
        if lang != i18n.current():
            self.ctx.bus.language_changed.emit(lang)

    def _setting_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        key = self.table.item(item.row(), 0).data(Qt.UserRole)
        # labour and overhead rates live here: Costos, the Panel's margins and export prices follow them
        value, actor = item.text(), self.ctx.actor
        self.write(lambda db: settings.set(db, key, value, actor=actor), changes=Changes("settings"),
                   done=lambda _: self.settings_error.show_ok(tr("Saved.")), failed=self._setting_refused)

    def _setting_refused(self, exc: SmedeskError) -> None:
        self.settings_error.show_error(exc)
        self.refresh()


def save_business(db, values: dict, lang: str, actor) -> str:
    """The business's details and the language in one transaction (on the worker)."""
    with tx(db):
        business.update(db, actor=actor, **values)
        if lang != settings.get(db, "ui.language"):
            settings.set(db, "ui.language", lang, actor=actor)
    return lang


PAGE = PageInfo("business", N_("Business"), 900, SettingsPage, permission="settings.edit")
