"""Demo SEACE data: a few dozen public calls for what each demo workshop makes
(school desks and tables for furniture, uniforms and polos for garments),
plus saved searches so the page shows new calls and deadlines."""

from __future__ import annotations

import json

from smedesk.core import clock
from smedesk.core.db import scalar
from smedesk.tenders import importer, interests, ocds, samples

SEARCHES = {
    "furniture": [
        {"name": "Carpetas y mesas escolares", "codes": ["56121502", "56101519"], "words": ""},
        {"name": "Muebles en Lima", "words": "madera", "departments": ["LIMA"]},
    ],
    "garments": [
        {"name": "Uniformes y polos", "codes": ["53101604", "53101805", "53102710"], "words": ""},
        {"name": "Buzos escolares", "words": "buzo escolar"},
    ],
}
PRODUCT_WORDS = {"furniture": "carpeta", "garments": "polo"}


def populate(db, kind: str, owner) -> None:
    words = PRODUCT_WORDS.get(kind, "")
    product_id = scalar(db, "SELECT id FROM products WHERE lower(name) LIKE ? ORDER BY id LIMIT 1",
                        [f"%{words}%"]) if words else None
    for n, search in enumerate(SEARCHES.get(kind, [])):
        interests.save(db, {**search, "product_id": product_id if n == 0 else None}, actor=owner)
    releases = samples.generate(kind, 48, clock.now(), seed=11 if kind == "furniture" else 23)
    package = ocds.loads(json.dumps(samples.release_package(releases)))
    importer.import_package(db, package, "demo", actor=owner)
