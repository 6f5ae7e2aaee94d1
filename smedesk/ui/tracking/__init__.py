"""Widgets the tracking pages share (no page here)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

STATUS_COLOURS = {"late": "#c62828", "at_risk": "#ef6c00", "on_time": "#2e7d32", "done": "#546e7a",
                  "cancelled": "#9e9e9e"}


def status_hex(status: str) -> str:
    """The situation's colour as a name ("#c62828"): plain, so lists made on the
    database worker can carry it."""
    return STATUS_COLOURS.get(status, "#263238")



def documents_folder(ctx) -> Path:
    """Where the window writes PDFs: a «documentos» folder beside the business file."""
    from smedesk.ui.savefiles import documents_folder as folder

    return folder(ctx)


def open_file(path: Path) -> None:
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
