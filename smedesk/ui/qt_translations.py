"""Qt's own words (Yes/No buttons, the folder chooser) in the language smedesk shows.

Qt ships its translations as .qm files beside its libraries (the build keeps the
Spanish ones). One translator is installed on the application; it answers in
whatever language smedesk.core.i18n has at the moment, so a language switch
needs nothing more. English is Qt's source language: nothing to load.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator

from smedesk.core import i18n
from smedesk.core.i18n import N_

CATALOGS = ("qtbase",)
# Qt's own words its Spanish catalogue lacks (Qt 6 changed these sources, the
# translations did not follow): seen in the file dialog by scripts/walkthrough.
GAPS = {
    "QFileDialog": (N_("&Look in:"), N_("Files of &type:"), N_("Look in:"), N_("Files of type:"),
                    N_("File &name:"), N_("Detail View"), N_("List View")),
    "QAbstractFileIconProvider": (N_("Folder"), N_("File"), N_("Drive"), N_("%1 File")),
}


def folders() -> list[Path]:
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
             package / "Qt" / "translations", package / "translations"]
    return [f for f in found if f.is_dir()]


class FollowLanguage(QTranslator):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._loaded: dict[str, list[QTranslator]] = {}

    def translators(self, lang: str) -> list[QTranslator]:
        if lang not in self._loaded:
            self._loaded[lang] = []
            for name in CATALOGS if lang != "en" else ():
                for folder in folders():
                    translator = QTranslator(self)
                    if translator.load(f"{name}_{lang}", str(folder)):
                        self._loaded[lang].append(translator)
                        break
        return self._loaded[lang]

    def translate(self, context, source, disambiguation=None, n=-1):
        lang = i18n.current()
        if lang != "en" and source in GAPS.get(context, ()):
            return i18n.tr(source)
        for translator in self.translators(lang):
            text = translator.translate(context, source, disambiguation, n)
            if text:
                return text
        return None  # a null string: Qt keeps looking, then shows its English source

    def isEmpty(self) -> bool:
        return False


def follow_locale(lang: str) -> None:
    """Qt's locale-dependent words (file kinds in the file dialog, month names in
    the calendar) follow the window's language, whatever the machine's locale."""
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Spanish, QLocale.Peru) if lang == "es" else QLocale(QLocale.English))


def install(app) -> FollowLanguage:
    """Install once per application; later calls return the same translator."""
    follow_locale(i18n.current())
    existing = getattr(app, "_smedesk_qt_translator", None)
    if existing is None:
        existing = FollowLanguage(app)
        app.installTranslator(existing)
        app._smedesk_qt_translator = existing
    return existing
