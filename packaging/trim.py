"""What the build leaves out, and the Windows version resource. Used by smedesk.spec.

Plain functions over file names so tests can check them without building.
A Qt module that any file under smedesk/ imports is never trimmed: a page that
starts using QtSvg or QtMultimedia is picked up at the next build.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

IMPORT_RE = re.compile(r"PySide6\.(Qt\w+)|from\s+PySide6\s+import\s+\(?([\w\s,]+)\)?")

# Which Qt modules another one needs at run time (the Python side).
NEEDS = {
    "QtGui": {"QtCore"},
    "QtWidgets": {"QtGui"},
    "QtPrintSupport": {"QtWidgets"},
    "QtSvg": {"QtGui"},
    "QtSvgWidgets": {"QtSvg", "QtWidgets"},
    "QtMultimedia": {"QtNetwork", "QtGui"},
    "QtMultimediaWidgets": {"QtMultimedia", "QtWidgets"},
    "QtSerialPort": {"QtCore"},
    "QtNetwork": {"QtCore"},
    "QtCharts": {"QtWidgets"},
    "QtPdf": {"QtGui"},
    "QtPdfWidgets": {"QtPdf", "QtWidgets"},
}

# Qt shared libraries (libQt6X.so / Qt6X.dll) that belong to a Python module.
# Only the ones worth trimming are listed; the rest stay whatever happens.
LIBS = {
    "QtNetwork": ("Network",),
    "QtQml": ("Qml", "QmlModels", "QmlMeta", "QmlWorkerScript", "QmlCore"),
    "QtQuick": ("Quick", "QuickControls2", "QuickTemplates2", "QuickWidgets", "QuickShapes",
                "QuickLayouts", "QuickParticles", "QuickTest", "QuickDialogs2"),
    "QtPdf": ("Pdf",),
    "QtPdfWidgets": ("PdfWidgets",),
    "QtOpenGLWidgets": ("OpenGLWidgets",),
    "QtSql": ("Sql",),
    "QtTest": ("Test",),
    "QtDesigner": ("Designer", "DesignerComponents"),
    "QtUiTools": ("UiTools",),
    "QtHelp": ("Help",),
    "QtConcurrent": ("Concurrent",),
    "QtXml": ("Xml",),
    "QtDBus": (),  # the Linux platform plugins need libQt6DBus: keep the library
    "QtMultimedia": ("Multimedia",),
    "QtMultimediaWidgets": ("MultimediaWidgets",),
    "QtWebEngineCore": ("WebEngineCore",),
    "QtWebEngineWidgets": ("WebEngineWidgets",),
    "QtVirtualKeyboard": ("VirtualKeyboard", "VirtualKeyboardQml"),
}

# Plugin folders (under PySide6/Qt/plugins) and what they need.
PLUGINS = {
    "qmltooling": "QtQml",
    "designer": "QtDesigner",
    "sqldrivers": "QtSql",
    "tls": "QtNetwork",
    "networkinformation": "QtNetwork",
    "multimedia": "QtMultimedia",
    "vectorimageformats": "QtQuick",
    "egldeviceintegrations": None,  # embedded boards without a desktop: never
    "wayland-graphics-integration-server": None,  # for compositors, not programs
}
# Platform plugins for embedded boards and remote framebuffers (desktops use
# xcb, wayland or windows; tests use offscreen), with their libraries.
PLATFORMS_DROPPED = ("qeglfs", "qminimalegl", "qvnc", "qlinuxfb")
LIBS_ALWAYS_DROPPED = ("EglFSDeviceIntegration", "EglFsKmsSupport", "EglFsKmsGbmSupport")
# Windows: the software OpenGL renderer and Direct3D's shader compiler. Qt loads
# them only for OpenGL or Qt Quick drawing; widgets draw with the raster engine.
GL_USERS = {"QtOpenGL", "QtOpenGLWidgets", "QtQuick", "QtQuickWidgets", "Qt3DCore", "QtDataVisualization"}
WINDOWS_GL_DLLS = ("opengl32sw.dll", "d3dcompiler_47.dll")
# Image format plugins nobody opens in smedesk (pdf pulls in the whole QtPdf).
IMAGE_FORMATS_DROPPED = ("qpdf", "qtiff", "qwebp", "qicns", "qtga", "qwbmp")

# Python packages that are in the build environment only.
DEV_PACKAGES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "ruff",
    "pip", "setuptools", "pkg_resources", "PyInstaller", "IPython", "pydoc_data",
)


def source_modules(src: Path) -> list[str]:
    """Every module under the package folder `src`, by file: pages, panel sections and
    areas that the program finds with importlib/pkgutil at run time."""
    src = Path(src)
    names = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if all(p.isidentifier() for p in parts):
            names.append(".".join(parts))
    return names


def qt_modules_used(src: Path) -> set[str]:
    """Qt modules imported anywhere under `src`, with the ones they need."""
    found: set[str] = set()
    for path in Path(src).rglob("*.py"):
        for dotted, listed in IMPORT_RE.findall(path.read_text(encoding="utf-8")):
            if dotted:
                found.add(dotted)
            for name in re.split(r"[\s,]+", listed or ""):
                if name.startswith("Qt"):
                    found.add(name)
    return closure(found)


def closure(modules: set[str]) -> set[str]:
    result = set(modules)
    pending = list(modules)
    while pending:
        for need in NEEDS.get(pending.pop(), ()):
            if need not in result:
                result.add(need)
                pending.append(need)
    return result


def excluded_modules(used: set[str]) -> list[str]:
    """Python modules PyInstaller must not follow: unused Qt bindings and dev tools."""
    qt = sorted(f"PySide6.{name}" for name in set(LIBS) | set(PLUGINS.values()) - {None}
                if name not in used)
    return qt + list(DEV_PACKAGES)


def _dropped_lib(name: str, used: set[str]) -> bool:
    stem = name.split("/")[-1]
    m = re.match(r"(?:lib)?Qt6(\w+?)(?:\.so.*|\.dll)$", stem)
    if not m:
        return False
    if m.group(1) in LIBS_ALWAYS_DROPPED:
        return True
    return any(m.group(1) in libs for module, libs in LIBS.items() if module not in used)


def _dropped_plugin(parts: tuple[str, ...], used: set[str]) -> bool:
    if "plugins" not in parts:
        return False
    rest = parts[parts.index("plugins") + 1:]
    if not rest:
        return False
    if rest[0] in PLUGINS:
        needed = PLUGINS[rest[0]]
        return needed is None or needed not in used
    if rest[0] == "platforms" and len(rest) > 1:
        return any(tag in rest[1] for tag in PLATFORMS_DROPPED)
    if rest[0] == "imageformats" and len(rest) > 1:
        return any(tag in rest[1] for tag in IMAGE_FORMATS_DROPPED)
    return False


def _dropped_translation(parts: tuple[str, ...]) -> bool:
    """Qt's own translations: keep Spanish (the dialogs' buttons); English is built in."""
    if "translations" not in parts or not parts[-1].endswith(".qm"):
        return False
    return not re.fullmatch(r"qt(base)?_es\.qm", parts[-1])


def _dropped_babel(parts: tuple[str, ...]) -> bool:
    """Babel's locale data: keep root, Spanish and English (formats for es-PE, en)."""
    if "locale-data" not in parts or parts[0] != "babel":
        return False
    name = parts[-1]
    return not (name.startswith(("es", "en", "root")) or name == "LICENSE.unicode")


def dropped(dest: str, used: set[str]) -> bool:
    """Whether the build leaves out the file it would place at `dest`.

    Only Qt's files (under PySide6/) and babel's locale data are ever trimmed."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts and parts[0] == "babel":
        return _dropped_babel(parts)
    if not parts or parts[0] != "PySide6":
        return False
    if parts[-1].lower() in WINDOWS_GL_DLLS and not used & GL_USERS:
        return True
    return (
        _dropped_lib(dest.replace("\\", "/"), used)
        or _dropped_plugin(parts, used)
        or _dropped_translation(parts)
    )


def keep(toc, used: set[str]):
    """The entries of a PyInstaller TOC (dest, source, kind) that the build keeps."""
    return [entry for entry in toc if not dropped(entry[0], used)]


def version_resource(version: str) -> str:
    """A Windows version resource (PyInstaller's text form) for smedesk.exe."""
    release = re.match(r"\d+(?:\.\d+)*", version)  # 1.2.3rc1 → 1.2.3
    nums = [int(n) for n in (release.group().split(".") if release else [])][:4]
    nums += [0] * (4 - len(nums))
    four = tuple(nums)
    dotted = ".".join(str(n) for n in four)
    strings = {
        "CompanyName": "smedesk",
        "FileDescription": "smedesk - gestión de talleres",
        "FileVersion": dotted,
        "InternalName": "smedesk",
        "LegalCopyright": "MIT License",
        "OriginalFilename": "smedesk.exe",
        "ProductName": "smedesk",
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('280a04b0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x280a, 1200])])
  ]
)
"""
