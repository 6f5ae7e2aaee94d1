"""Render every page of the window to PNG, offscreen, with the data in the file."""

from __future__ import annotations

import os
from pathlib import Path

from smedesk.core import i18n, users
from smedesk.core.db import open_db


def render_all(db_path: Path, out_dir: Path, *, lang: str = "es", size: tuple[int, int] = (1024, 768)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from smedesk.ui.app import application
    from smedesk.ui.context import AppContext, Bus
    from smedesk.ui.main_window import MainWindow

    app = application()
    i18n.set_language(lang)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    written = []
    try:
        ctx = AppContext(db=db, db_path=Path(db_path), actor=users.owner_actor(db), bus=Bus())
        window = MainWindow(ctx)
        window.resize(*size)
        window.show()
        for n, key in enumerate(window.page_keys(), start=1):
            window.show_page(key)
            for _ in range(3):
                app.processEvents()
            path = out_dir / f"{n:02d}-{key}.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
    finally:
        db.close()
    return written
