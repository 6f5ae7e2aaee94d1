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
# what answers in the program's language when asked without one
PROGRAM_LANGUAGE = ("current", "translator")
LANGUAGE_PARAMETERS = ("tr", "lang", "translate")


def _i18n_names(tree: ast.AST) -> tuple[set[str], dict[str, str]]:
    """The names this module gives smedesk.core.i18n, and those it gives to the
    i18n functions that read the program's language (alias -> function)."""
    modules, functions = set(), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == "smedesk.core.i18n" and a.asname}
        elif isinstance(node, ast.ImportFrom) and node.module == "smedesk.core":
            modules |= {a.asname or a.name for a in node.names if a.name == "i18n"}
        elif isinstance(node, ast.ImportFrom) and node.module == "smedesk.core.i18n":
            functions |= {a.asname or a.name: a.name for a in node.names if a.name in PROGRAM_LANGUAGE}
    return modules, functions


def _reads_program_language(call: ast.Call, modules: set[str], functions: dict[str, str]) -> str | None:
    """"current" or "translator" when `call` asks i18n for the program's language."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
        name = func.attr
    elif isinstance(func, ast.Name) and func.id in functions:
        name = functions[func.id]
    else:
        return None
    if name == "current" or (name == "translator" and not call.args and not call.keywords):
        return name
    return None


def _none_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Its tr/lang/translate parameters that default to None (to the program's language)."""
    args = node.args
    positional = args.posonlyargs + args.args
    pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    return [a.arg for a, d in pairs
            if a.arg in LANGUAGE_PARAMETERS and isinstance(d, ast.Constant) and d.value is None]


def problems(path: Path) -> list[str]:
    """What in one printout module reads a database, switches the language or
    falls back to the program's language."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules, functions = _i18n_names(tree)
    for node in ast.walk(tree):
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
        if isinstance(node, ast.Call) and (name := _reads_program_language(node, modules, functions)):
            found.append(f"{where} reads the program's language ({name}())")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += [f"{where} {node.name}({arg}=None) falls back to the program's language"
                      for arg in _none_defaults(node)]
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


def test_the_check_sees_a_renderer_that_reads_the_programs_language(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from smedesk.core import i18n\n"
                   "from smedesk.core.i18n import current as now, translator\n"
                   "def unit_label(unit, lang=None):\n"
                   "    return LABELS[lang or i18n.current()][unit]\n"
                   "def render(data, path, *, tr=None, layout='a4'):\n"
                   "    tr = tr or translator()\n"
                   "    return now(), translator('en')\n", encoding="utf-8")
    assert sorted(problems(bad)) == ["bad.py:3 unit_label(lang=None) falls back to the program's language",
                                     "bad.py:4 reads the program's language (current())",
                                     "bad.py:5 render(tr=None) falls back to the program's language",
                                     "bad.py:6 reads the program's language (translator())",
                                     "bad.py:7 reads the program's language (current())"]


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
