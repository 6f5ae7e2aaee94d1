"""What the build leaves out: never smedesk's own files, never a Qt module in use."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

BASE = {"QtCore", "QtGui", "QtWidgets"}


def test_finds_dotted_and_from_imports(trim, tmp_path):
    (tmp_path / "a.py").write_text("from PySide6.QtSvg import QSvgRenderer\n")
    (tmp_path / "b.py").write_text("from PySide6 import (\n    QtCore,\n    QtMultimedia,\n)\n")
    found = trim.qt_modules_used(tmp_path)
    assert {"QtSvg", "QtCore", "QtMultimedia"} <= found


def test_used_modules_include_what_they_need(trim, tmp_path):
    (tmp_path / "a.py").write_text("import PySide6.QtSvgWidgets\n")
    # QtSvgWidgets → QtSvg + QtWidgets → QtGui → QtCore
    assert trim.qt_modules_used(tmp_path) == {"QtSvgWidgets", "QtSvg", "QtWidgets", "QtGui", "QtCore"}


def test_a_tree_without_qt_uses_none(trim, tmp_path):
    (tmp_path / "a.py").write_text("import sqlite3\n")
    assert trim.qt_modules_used(tmp_path) == set()


def test_webengine_and_quick_are_excluded_when_unused(trim):
    excluded = trim.excluded_modules(BASE)
    assert "PySide6.QtWebEngineCore" in excluded
    assert "PySide6.QtQuick" in excluded
    assert "PySide6.QtQml" in excluded
    assert "pytest" in excluded


def test_a_used_module_is_never_excluded(trim):
    used = trim.closure(BASE | {"QtMultimedia", "QtNetwork"})
    excluded = trim.excluded_modules(used)
    assert not {f"PySide6.{m}" for m in used} & set(excluded)


def test_every_qt_module_smedesk_imports_stays_in_the_build(trim):
    smedesk = Path(__file__).resolve().parents[2] / "smedesk"
    used = trim.qt_modules_used(smedesk)
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not {f"PySide6.{m}" for m in used} & set(trim.excluded_modules(used))


def test_core_qt_libraries_are_kept(trim):
    for dest in ("PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6",
                 "PySide6/Qt6Gui.dll", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
                 "PySide6/Qt/lib/libQt6DBus.so.6", "PySide6/Qt/lib/libicudata.so.73"):
        assert not trim.dropped(dest, BASE), dest


def test_unused_qt_libraries_are_dropped(trim):
    for dest in ("PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
                 "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6\\Qt6Pdf.dll",
                 "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6"):
        assert trim.dropped(dest, BASE), dest


def test_a_library_is_kept_once_smedesk_uses_its_module(trim):
    assert trim.dropped("PySide6/Qt/lib/libQt6Multimedia.so.6", BASE)
    assert not trim.dropped("PySide6/Qt/lib/libQt6Multimedia.so.6", BASE | {"QtMultimedia"})
    assert not trim.dropped("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
                            BASE | {"QtMultimedia"})


def test_desktop_and_headless_platform_plugins_are_kept(trim):
    for name in ("libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so", "qwindows.dll"):
        assert not trim.dropped(f"PySide6/Qt/plugins/platforms/{name}", BASE), name


def test_embedded_platform_plugins_are_dropped(trim):
    for name in ("libqeglfs.so", "libqvnc.so", "libqlinuxfb.so", "libqminimalegl.so"):
        assert trim.dropped(f"PySide6/Qt/plugins/platforms/{name}", BASE), name


def test_pdf_image_plugin_is_dropped_but_common_images_kept(trim):
    assert trim.dropped("PySide6/Qt/plugins/imageformats/libqpdf.so", BASE)
    for name in ("libqjpeg.so", "libqgif.so", "libqico.so", "libqsvg.so"):
        assert not trim.dropped(f"PySide6/Qt/plugins/imageformats/{name}", BASE), name


def test_only_spanish_qt_translations_are_kept(trim):
    assert not trim.dropped("PySide6/Qt/translations/qtbase_es.qm", BASE)
    assert not trim.dropped("PySide6/Qt/translations/qt_es.qm", BASE)
    assert trim.dropped("PySide6/Qt/translations/qtbase_de.qm", BASE)
    assert trim.dropped("PySide6/Qt/translations/qtdeclarative_es.qm", BASE)


def test_babel_keeps_root_spanish_and_english(trim):
    for name in ("root.dat", "es.dat", "es_PE.dat", "es_419.dat", "en.dat", "en_US.dat"):
        assert not trim.dropped(f"babel/locale-data/{name}", BASE), name
    for name in ("fr.dat", "de_DE.dat", "qu_PE.dat"):
        assert trim.dropped(f"babel/locale-data/{name}", BASE), name
    assert not trim.dropped("babel/global.dat", BASE)


def test_smedesk_translations_and_assets_are_kept(trim):
    for dest in ("smedesk/locale/es/core.json", "smedesk/locale/es/translations.json",
                 "smedesk/assets/smedesk.png", "smedesk/assets/fonts/x.ttf"):
        assert not trim.dropped(dest, BASE), dest


segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789.-", min_size=1, max_size=12)


@given(st.lists(st.sampled_from(["plugins", "translations", "locale-data", "lib", "Qt6Pdf.dll",
                                 "libQt6Quick.so.6", "x.qm"]) | segment, min_size=1, max_size=5))
def test_nothing_under_smedesk_is_ever_dropped(trim, parts):
    assert not trim.dropped("/".join(["smedesk", *parts]), BASE)


def test_keep_filters_a_toc(trim):
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/a", "BINARY"),
           ("PySide6/Qt/lib/libQt6Pdf.so.6", "/src/b", "BINARY"),
           ("smedesk/locale/es/core.json", "/src/c", "DATA")]
    assert [e[0] for e in trim.keep(toc, BASE)] == ["PySide6/Qt/lib/libQt6Core.so.6",
                                                      "smedesk/locale/es/core.json"]


def test_source_modules_lists_every_file_of_the_package(trim, tmp_path):
    pkg = tmp_path / "app"
    (pkg / "ui" / "pages").mkdir(parents=True)
    for rel in ("__init__.py", "ui/__init__.py", "ui/pages/__init__.py", "ui/pages/orders_page.py",
                "cli.py", "ui/pages/not-a-module.py"):
        (pkg / rel).write_text("")
    assert trim.source_modules(pkg) == ["app", "app.cli", "app.ui", "app.ui.pages",
                                        "app.ui.pages.orders_page"]


def test_source_modules_include_every_page_of_the_window(trim):
    smedesk = Path(__file__).resolve().parents[2] / "smedesk"
    modules = trim.source_modules(smedesk)
    for page in (smedesk / "ui" / "pages").glob("*.py"):
        if page.stem != "__init__":
            assert f"smedesk.ui.pages.{page.stem}" in modules


def test_windows_software_opengl_is_dropped_for_widgets_only(trim):
    assert trim.dropped("PySide6\\opengl32sw.dll", BASE)
    assert trim.dropped("PySide6/d3dcompiler_47.dll", BASE)


def test_windows_software_opengl_is_kept_when_opengl_is_used(trim):
    assert not trim.dropped("PySide6/opengl32sw.dll", BASE | {"QtOpenGLWidgets"})
