"""Draw smedesk's icon with Qt and write it where the build and the window find it.

Writes smedesk/assets/smedesk.png (256 px, the window and Linux icon) and
packaging/smedesk.ico (16 to 256 px, the Windows executable and installer icon).
The files are committed; run this again only to change the drawing:
    .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
TEAL = "#00695c"
AMBER = "#ffb300"


def draw(size: int):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath

    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(box, size * 0.18, size * 0.18)
    p.fillPath(path, QColor(TEAL))
    # a measuring-tape stripe: the workshop
    stripe = QRectF(box.left(), box.bottom() - size * 0.22, box.width(), size * 0.12)
    p.setClipPath(path)
    p.fillRect(stripe, QColor(AMBER))
    for i in range(1, 8):
        x = box.left() + box.width() * i / 8
        p.fillRect(QRectF(x, stripe.top(), max(1.0, size / 128), stripe.height() * 0.5), QColor(TEAL))
    p.setClipping(False)
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(box.left(), box.top() - size * 0.08, box.width(), box.height()), Qt.AlignCenter, "s")
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, blobs = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    pngs = {size: draw(size) for size in SIZES}
    (ROOT / "smedesk" / "assets").mkdir(exist_ok=True)
    (ROOT / "smedesk" / "assets" / "smedesk.png").write_bytes(pngs[256])
    (HERE / "smedesk.ico").write_bytes(ico(pngs))
    print("wrote smedesk/assets/smedesk.png and packaging/smedesk.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
