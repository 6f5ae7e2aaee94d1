"""Qt's own buttons speak the owner's language (the build keeps qtbase_es.qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from smedesk.core import i18n
from smedesk.ui import qt_translations
from smedesk.ui.app import application


def yes_text() -> str:
    return QCoreApplication.translate("QPlatformTheme", "&Yes")


def test_spanish_catalog_is_found(qapp):
    assert qt_translations.install(application()).translators("es")


def test_yes_button_is_si_in_spanish(qapp):
    application()
    i18n.set_language("es")
    assert yes_text().replace("&", "") == "Sí"


def test_yes_button_is_yes_in_english(qapp):
    application()
    i18n.set_language("en")
    assert yes_text() == "&Yes"


def test_message_box_buttons_follow_a_language_switch(qapp):
    application()
    i18n.set_language("en")
    box = QMessageBox(QMessageBox.Question, "smedesk", "?", QMessageBox.Yes | QMessageBox.No)
    assert box.button(QMessageBox.No).text().replace("&", "") == "No"
    i18n.set_language("es")
    box = QMessageBox(QMessageBox.Question, "smedesk", "?", QMessageBox.Yes | QMessageBox.No)
    assert box.button(QMessageBox.Yes).text().replace("&", "") == "Sí"


def test_installing_twice_keeps_one_translator(qapp):
    assert qt_translations.install(application()) is qt_translations.install(application())
