"""Languages: Spanish (Peru) first, English second.

Source strings are English and wrapped in `tr("...")`. Spanish lives in
`smedesk/locale/es/*.json` (one file per area, so areas never edit the same
file), mapping each English string to its Spanish text. A test walks the
source and fails when a `tr()` string has no Spanish entry.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("es", "en")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current = os.environ.get("SMEDESK_LANG", "es") if os.environ.get("SMEDESK_LANG") in LANGUAGES else "es"


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    folder = LOCALE_DIR / lang
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


# The language of what is being rendered in this thread (a PDF for a buyer in
# English), never the program's: `rendering_in` sets it for one block of code.
_rendering: contextvars.ContextVar[str | None] = contextvars.ContextVar("smedesk_rendering_language", default=None)


@contextlib.contextmanager
def rendering_in(lang: str):
    """tr() answers in `lang` inside this block, in this thread only; the
    window's language (set_language) is untouched, so a printout can be
    written on the database worker while the window keeps speaking its own."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    token = _rendering.set(lang)
    try:
        yield translator(lang)
    finally:
        _rendering.reset(token)


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def current() -> str:
    """The language of the program, or of the printout being rendered in this thread."""
    return _rendering.get() or _current


def tr(text: str, /, **values) -> str:
    """Translate an English source string into the current language, then format it."""
    lang = _rendering.get() or _current
    if lang != "en":
        text = catalog(lang).get(text, text)
    return text.format(**values) if values else text


class Translator:
    """tr() for one language, whatever the window's: what printouts receive
    (a PDF in English for a buyer while the window speaks Spanish), so no
    code ever switches the process's language to render. Call it as tr()."""

    __slots__ = ("lang",)

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang

    def __call__(self, text: str, /, **values) -> str:
        if self.lang != "en":
            text = catalog(self.lang).get(text, text)
        return text.format(**values) if values else text

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


def translator(lang: str | None = None) -> Translator:
    """The translator for `lang` (the current language when None)."""
    return Translator(lang or current())


def N_(text: str, /) -> str:
    """Mark a string for translation where it is defined; translate it with tr() where shown."""
    return text


def source_strings(root: Path | None = None) -> dict[str, list[str]]:
    """Every string passed to tr() or N_() in the source, and every setting's
    description given to `settings.define` (the window shows it through
    `settings.label`), with where it appears."""
    import ast

    root = root or Path(__file__).resolve().parent.parent
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in ("tr", "N_"):
                text = node.args[0]
            elif name == "define":
                text = node.args[3] if len(node.args) > 3 else next(
                    (k.value for k in node.keywords if k.arg == "help"), None)
            else:
                continue
            if isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value:
                found.setdefault(text.value, []).append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def missing(lang: str = "es") -> dict[str, list[str]]:
    known = catalog(lang)
    return {text: where for text, where in source_strings().items() if text not in known}
