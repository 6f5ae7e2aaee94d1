"""Render every page of the window to PNG, offscreen, with the data in the file.

Pages with tabs also get one picture per tab after the first, named
``NN-page-tab.png`` so the whole window can be looked at without clicking."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

from smedesk.core import i18n, users
from smedesk.core.db import open_db


def _slug(text: str) -> str:
    """'Órdenes & más' -> 'ordenes-mas': file-name safe, accents dropped."""
    text = unicodedata.normalize("NFKD", text.replace("&", "").lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "tab"


def _tab_widgets(page):
    from PySide6.QtWidgets import QTabWidget

    return [t for t in page.findChildren(QTabWidget) if t.isVisible() and t.count() > 1]


def _rest_of(page, window, stem: Path, settle) -> list[Path]:
    """A long page once more per screenful below the first (`-parte-2`, `-parte-3`…),
    each overlapping the one before by a few lines, so nothing under the fold
    goes unseen; then back to the top."""
    bar = page.verticalScrollBar() if hasattr(page, "verticalScrollBar") else None
    if bar is None or bar.maximum() <= 0:
        return []
    step = max(page.viewport().height() - 60, 100)
    written = []
    for part, value in enumerate(range(step, bar.maximum() + step, step), start=2):
        bar.setValue(min(value, bar.maximum()))
        settle()
        path = stem.with_name(f"{stem.name}-parte-{part}.png")
        window.grab().save(str(path))
        written.append(path)
    bar.setValue(0)
    settle()
    return written


def render_all(db_path: Path, out_dir: Path, *, lang: str = "es", size: tuple[int, int] | None = None) -> list[Path]:
    """Each page at `size`; by default the client area a 1024x768 screen leaves a
    maximised window once the taskbar and the title bar took theirs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from smedesk.ui.app import application
    from smedesk.ui.context import AppContext, Bus
    from smedesk.ui.main_window import MainWindow
    from smedesk.ui.screen import CLIENT_AREA

    app = application()
    size = size or (CLIENT_AREA.width(), CLIENT_AREA.height())
    i18n.set_language(lang)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    written = []

    def settle():
        """Paint what the worker answers: pages read their lists there."""
        for _ in range(2):
            end = time.monotonic() + 10
            while ctx.ops.busy() and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.002)
            for _ in range(3):
                app.processEvents()

    try:
        ctx = AppContext(db=db, db_path=Path(db_path), actor=users.owner_actor(db), bus=Bus())
        window = MainWindow(ctx)
        window.resize(*size)
        window.show()
        for n, key in enumerate(window.page_keys(), start=1):
            page = window.show_page(key)
            settle()
            path = out_dir / f"{n:02d}-{key}.png"
            window.grab().save(str(path))
            written.append(path)
            written += _rest_of(page, window, out_dir / f"{n:02d}-{key}", settle)
            for tabs in _tab_widgets(page):
                first = tabs.currentIndex()
                for i in range(tabs.count()):
                    if i == first or not tabs.isTabEnabled(i):
                        continue
                    tabs.setCurrentIndex(i)
                    settle()
                    stem = f"{n:02d}-{key}-{_slug(tabs.tabText(i))}"
                    path = out_dir / f"{stem}.png"
                    extra = 2
                    while path in written:  # nested tabs may share a name (Materiales)
                        path = out_dir / f"{stem}-{extra}.png"
                        extra += 1
                    window.grab().save(str(path))
                    written.append(path)
                tabs.setCurrentIndex(first)
        window.close()
    finally:
        db.close()
    return written
