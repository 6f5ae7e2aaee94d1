"""Where the window saves what it writes, and what it calls it.

One place for every saved file: the «documentos» folder beside the business file
(so on Windows not the program's install folder), with a subfolder per kind of
paper; Spanish file names; a file already there is never overwritten — the new
one takes the next free number (balance-de-comprobacion-….pdf, then …-2.pdf).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from smedesk.core.i18n import tr
from smedesk.core.paths import free_path

__all__ = ["FOLDER", "ask_open", "ask_save", "documents_folder", "file_part", "free_path", "saved_message"]

FOLDER = "documentos"


def documents_folder(ctx, sub: str = "") -> Path:
    folder = Path(ctx.db_path).parent / FOLDER
    if sub:
        folder = folder / sub
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_part(text: str) -> str:
    """Text fit for a file name: no accents, no spaces or slashes
    ("Balance de comprobación" -> "balance-de-comprobacion")."""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-").lower() or "documento"


def ask_save(parent, ctx, title: str, name: str, filters: str, *, sub: str = "") -> Path | None:
    """The save dialog, opened in the documents folder with `name` proposed."""
    start = free_path(documents_folder(ctx, sub) / name)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    return Path(chosen) if chosen else None


def ask_open(parent, ctx, title: str, filters: str) -> Path | None:
    """The open dialog, starting beside the business file."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path(ctx.db_path).parent), filters)
    return Path(chosen) if chosen else None


def saved_message(path: Path) -> str:
    return tr("Saved as {name} in the folder {folder}", name=path.name, folder=path.parent)
