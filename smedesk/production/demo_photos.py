"""Simple drawn pictures for the demo products, so the catalogue and the cost
sheets show a photo: flat silhouettes in the colour of the wood or fabric."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

SIZE = 360
BACKGROUND = (246, 243, 238)


def _canvas():
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    return image, ImageDraw.Draw(image)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def chair(colour) -> bytes:
    image, d = _canvas()
    d.rectangle((110, 60, 130, 300), fill=colour)          # back legs and uprights
    d.rectangle((230, 60, 250, 300), fill=colour)
    d.rectangle((110, 70, 250, 100), fill=colour)          # back rails
    d.rectangle((110, 130, 250, 150), fill=colour)
    d.polygon([(90, 190), (270, 190), (250, 215), (110, 215)], fill=colour)  # seat
    d.rectangle((95, 215, 113, 320), fill=colour)          # front legs
    d.rectangle((247, 215, 265, 320), fill=colour)
    return _png(image)


def table(colour) -> bytes:
    image, d = _canvas()
    d.polygon([(40, 140), (320, 140), (300, 170), (60, 170)], fill=colour)
    d.rectangle((60, 170, 300, 190), fill=colour)
    for x in (70, 275):
        d.rectangle((x, 190, x + 16, 310), fill=colour)
    return _png(image)


def wardrobe(colour) -> bytes:
    image, d = _canvas()
    d.rectangle((80, 40, 280, 320), fill=colour)
    for x in (146, 213):
        d.line((x, 50, x, 310), fill=BACKGROUND, width=3)
    for x in (135, 158, 202, 225):
        d.rectangle((x, 170, x + 4, 200), fill=(60, 60, 60))
    return _png(image)


def desk(colour) -> bytes:
    image, d = _canvas()
    d.polygon([(60, 120), (230, 120), (220, 140), (70, 140)], fill=colour)   # writing top
    d.rectangle((80, 140, 94, 300), fill=(90, 90, 90))
    d.rectangle((200, 140, 214, 300), fill=(90, 90, 90))
    d.rectangle((240, 190, 310, 205), fill=colour)                           # seat
    d.rectangle((290, 110, 305, 190), fill=colour)                           # back
    d.rectangle((245, 205, 257, 300), fill=(90, 90, 90))
    d.rectangle((295, 205, 307, 300), fill=(90, 90, 90))
    return _png(image)


def shirt(colour, *, sleeves_long: bool = False, hood: bool = False) -> bytes:
    image, d = _canvas()
    sleeve = 140 if sleeves_long else 70
    d.polygon([(120, 70), (150, 60), (210, 60), (240, 70), (300, 110), (300 + (40 if sleeves_long else 0), 110 + sleeve),
               (265, 110 + sleeve), (250, 130), (250, 310), (110, 310), (110, 130), (95, 110 + sleeve),
               (60 - (40 if sleeves_long else 0), 110 + sleeve), (60, 110)], fill=colour)
    if hood:
        d.ellipse((135, 25, 225, 100), fill=colour, outline=(255, 255, 255), width=2)
        d.rectangle((150, 230, 210, 270), outline=(255, 255, 255), width=2)
    else:
        d.arc((150, 40, 210, 85), 0, 180, fill=BACKGROUND, width=8)
    return _png(image)


def kids_set(top, bottom) -> bytes:
    image, d = _canvas()
    d.polygon([(130, 40), (230, 40), (280, 75), (265, 110), (240, 100), (240, 190), (120, 190), (120, 100),
               (95, 110), (80, 75)], fill=top)
    d.polygon([(120, 205), (240, 205), (250, 320), (190, 320), (180, 260), (170, 320), (110, 320)], fill=bottom)
    return _png(image)


TORNILLO, CEDRO, CAPIRONA = (150, 78, 52), (176, 104, 62), (205, 160, 110)

PHOTOS = {
    "SIL-TOR-01": lambda: chair(TORNILLO),
    "MES-CED-01": lambda: table(CEDRO),
    "ROP-CAP-01": lambda: wardrobe(CAPIRONA),
    "CAR-ESC-01": lambda: desk(TORNILLO),
    "POL-JER-01": lambda: shirt((45, 45, 52)),
    "HOO-FRA-01": lambda: shirt((150, 152, 158), sleeves_long=True, hood=True),
    "CON-NIN-02": lambda: kids_set((70, 110, 180), (40, 60, 110)),
}


def photo_for(sku: str) -> bytes | None:
    make = PHOTOS.get(sku)
    return make() if make else None
