"""Printouts draw plain data in the language they are given: no SQL in
smedesk/printouts, and rendering never changes the program's language."""

import ast
import re
import threading
from pathlib import Path

from smedesk.core import i18n

PRINTOUTS = Path(__file__).resolve().parent.parent / "smedesk" / "printouts"


def test_printouts_hold_no_sql():
    for path in PRINTOUTS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bSELECT\b|\bINSERT\b|\bUPDATE\b|smedesk\.core\.db", text), path.name
        assert "set_language" not in text, path.name


DATABASE_MODULES = ("sqlite3", "sqlite_utils", "smedesk.core.db", "smedesk.core.business", "smedesk.core.settings")
LANGUAGE_SWITCHES = ("set_language", "rendering_in")


def problems(path: Path) -> list[str]:
    """What in one printout module reads a database or switches the language."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} imports {a.name}" for a in node.names if a.name.startswith(DATABASE_MODULES)]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {a.name for a in node.names}
            if module.startswith(DATABASE_MODULES) or (module == "smedesk.core" and names & {"db", "business"}):
                found.append(f"{where} imports from {module}")
            if module == "smedesk.core.i18n" and names & {"tr", *LANGUAGE_SWITCHES}:
                found.append(f"{where} takes the program's tr/language instead of a translator")
        elif isinstance(node, ast.arg) and node.arg == "db":
            found.append(f"{where} takes a database")
        elif isinstance(node, ast.Name) and node.id == "db":
            found.append(f"{where} uses a database")
        elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executescript", "query", *LANGUAGE_SWITCHES):
            found.append(f"{where} calls .{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr == "tr" and getattr(node.value, "id", "") == "i18n":
            found.append(f"{where} calls the program's i18n.tr")
    return found


def test_printouts_read_no_database_and_switch_no_language():
    assert [p for path in sorted(PRINTOUTS.glob("*.py")) for p in problems(path)] == []


def test_the_check_sees_a_renderer_that_reads_the_database(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from smedesk.core import business, i18n\n"
                   "def render(db, path):\n"
                   "    with i18n.rendering_in('en'):\n"
                   "        return business.get(db), db.execute('x')\n", encoding="utf-8")
    said = problems(bad)
    assert any("imports from smedesk.core" in p for p in said) and any("takes a database" in p for p in said)
    assert any(".rendering_in" in p for p in said) and any(".execute" in p for p in said)


def test_a_translator_speaks_its_language_whatever_the_program_speaks():
    assert i18n.current() == "es"
    assert i18n.translator("en")("Total") == "Total" and i18n.translator("es")("Customer") == "Cliente"
    assert i18n.current() == "es"


def test_rendering_in_english_on_another_thread_leaves_the_window_in_spanish():
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def render():
        with i18n.rendering_in("en"):
            seen["worker"] = i18n.tr("Customer")
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=render)
    worker.start()
    inside.wait(5)
    seen["window"] = i18n.tr("Customer")  # while the worker is still rendering
    release.set()
    worker.join(5)
    assert seen == {"worker": "Customer", "window": "Cliente"}
