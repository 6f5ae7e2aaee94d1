"""Code128 barcodes drawn with reportlab, scaled to fit a width."""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

MIN_BAR = 0.5  # points: the thinnest bar a 203 dpi thermal printer still prints


def code128(value: str, max_width: float, height: float) -> Code128:
    """A Code128 symbol no wider than max_width (points), quiet zones included."""
    probe = Code128(value, barWidth=1.0, barHeight=height, humanReadable=False)
    bar = max(MIN_BAR, min(1.2, max_width / probe.width))
    return Code128(value, barWidth=bar, barHeight=height, humanReadable=False)


def draw(canvas, value: str, x: float, y: float, max_width: float, height: float, *, centre: bool = True) -> float:
    """Draw at (x, y) bottom-left (or centred in max_width); returns the width used."""
    symbol = code128(value, max_width, height)
    left = x + (max_width - symbol.width) / 2 if centre else x
    symbol.drawOn(canvas, left, y)
    return symbol.width


THERMAL_DOT = 72 / 203  # points: one dot of a 203 dpi thermal printer


def code128_dots(value: str, max_width: float, height: float) -> Code128:
    """A Code128 symbol whose every bar is a whole number of 203-dpi dots (at
    least 2): a thermal printer then prints each bar the same width, and a
    scanner reads it; narrower than max_width when it can be."""
    probe = Code128(value, barWidth=1.0, barHeight=height, humanReadable=False)
    dots = max(2, min(4, int(max_width / (probe.width * THERMAL_DOT))))
    return Code128(value, barWidth=dots * THERMAL_DOT, barHeight=height, humanReadable=False)


class ReadableBarcode(Flowable):
    """A 203-dpi-safe Code128 with its code printed under it (for tables: it is
    never wider than the cell it is given)."""

    def __init__(self, value: str, max_width: float, height: float, text: str | None = None):
        super().__init__()
        self.text = value if text is None else text
        self.symbol = code128_dots(value, max_width, height - 3 * mm)
        self.width, self.height = self.symbol.width, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.symbol.drawOn(self.canv, 0, 3 * mm)
        size = fit_text(self.canv, self.text, "Helvetica", 7, self.width)
        self.canv.setFont("Helvetica", size)
        self.canv.drawCentredString(self.width / 2, 0.6 * mm, self.text)


class BarcodeFlowable(Flowable):
    """A Code128 barcode as a platypus flowable (for tables)."""

    def __init__(self, value: str, max_width: float = 60 * mm, height: float = 10 * mm):
        super().__init__()
        self.symbol = code128(value, max_width, height)
        self.width, self.height = self.symbol.width, height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.symbol.drawOn(self.canv, 0, 0)


def fit_text(canvas, text: str, font: str, size: float, max_width: float, min_size: float = 5) -> float:
    """The largest font size ≤ size at which text fits max_width."""
    while size > min_size and canvas.stringWidth(text, font, size) > max_width:
        size -= 0.5
    return size


def clip_text(canvas, text: str, font: str, size: float, max_width: float) -> str:
    if canvas.stringWidth(text, font, size) <= max_width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > max_width:
        text = text[:-1]
    return text + "…"
