"""PySide6 6.12.0 drops a reference to None on every call of a method that
returns nothing: on Python 3.11 None's count reaches zero after a few
thousand calls and the window aborts (`none_dealloc`). pyproject.toml keeps
PySide6 below 6.12; this soak fails on any version that leaks again."""

import sys

from PySide6.QtWidgets import QLabel, QLineEdit

CALLS = 2000  # far below the ~5,000 that abort a fresh 3.11 process, far above any noise


def test_none_keeps_its_references_across_many_set_text_calls(qtbot):
    label, edit = QLabel(), QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText("contado")
        edit.setText("PASO CORTE")
        label.setVisible(n % 2 == 0)
    lost = before - sys.getrefcount(None)
    assert lost < 10, f"None lost {lost} references over {3 * CALLS} calls (a PySide6 with the 6.12.0 leak?)"
