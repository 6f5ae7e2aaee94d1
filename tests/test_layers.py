"""Only smedesk.ui may import Qt; the rest runs without a screen."""

import pkgutil
import subprocess
import sys

import smedesk


def test_no_package_but_ui_loads_pyside6():
    modules = [
        m.name for m in pkgutil.walk_packages(smedesk.__path__, "smedesk.")
        if not m.name.startswith("smedesk.ui") and m.name != "smedesk.__main__"
    ]
    assert "smedesk.core.db" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from smedesk.cli import build_parser; build_parser()\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(loaded); sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
