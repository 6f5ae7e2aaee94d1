"""QR codes as a matrix of dark modules (segno), drawn as squares in any PDF."""

from __future__ import annotations

import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors


def qr_modules(text: str) -> list[list[bool]]:
    """The QR's modules (True = dark), error correction M, quiet zone not included."""
    return [[bool(v) for v in r] for r in segno.make(text, error="m", micro=False).matrix]


def qr_drawing(text: str, size: float) -> Drawing:
    modules = qr_modules(text)
    n = len(modules)
    cell = size / (n + 8)  # four modules of quiet zone each side
    drawing = Drawing(size, size)
    for r, line in enumerate(modules):
        for c, dark in enumerate(line):
            if dark:
                drawing.add(Rect((c + 4) * cell, size - (r + 5) * cell, cell, cell, fillColor=colors.black,
                                 strokeColor=None, strokeWidth=0))
    return drawing
