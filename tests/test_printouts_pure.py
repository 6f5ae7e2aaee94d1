"""Printouts draw plain data in the language they are given: no SQL in
smedesk/printouts, and rendering never changes the program's language."""

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
