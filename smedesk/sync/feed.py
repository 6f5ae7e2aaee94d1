"""The product feed file for marketplaces that take feeds: Google Merchant
(RSS 2.0 with the g: namespace) or schema.org JSON-LD (an ItemList of
Products with Offers), chosen by the file's extension (.xml or .json)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.sync import listing
from smedesk.sync.config import SyncConfig

G = "http://base.google.com/ns/1.0"
FORMATS = ("xml", "json")


@dataclass
class FeedInfo:
    """Attributes: path, format, count (products in the feed), skipped (without a price)."""

    path: Path
    format: str
    count: int
    skipped: int


def entries(db, config: SyncConfig) -> tuple[list[dict], int]:
    """Listings of the active products that have a price; and how many had none."""
    found, skipped = [], 0
    for p in rows(db, "SELECT uid FROM products WHERE deleted_at IS NULL AND active = 1 ORDER BY sku"):
        item = listing.build(db, p["uid"], config)
        if not item["price"]:
            skipped += 1
            continue
        item["link"] = f"{config.shop_url}/?sku={quote(item['sku'])}" if config.shop_url else ""
        known = listing.remote(db, p["uid"])
        same_photo = known and known["last"].get("photo_sha256") == item["photo_sha256"]
        item["image"] = known["last"].get("image_url", "") if same_photo and item["photo_sha256"] else ""
        found.append(item)
    return found, skipped


def google_xml(items: list[dict], config: SyncConfig, title: str) -> bytes:
    ET.register_namespace("g", G)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = config.shop_url
    ET.SubElement(channel, "description").text = title
    for item in items:
        node = ET.SubElement(channel, "item")
        values = [
            (f"{{{G}}}id", item["sku"]), ("title", item["name"][:150]),
            ("description", item["description"][:5000] or item["name"]), ("link", item["link"]),
            (f"{{{G}}}image_link", item["image"]),
            (f"{{{G}}}price", f"{item['price']} {item['currency']}"),
            (f"{{{G}}}availability", "in_stock"), (f"{{{G}}}condition", "new"),
            (f"{{{G}}}brand", config.brand), (f"{{{G}}}mpn", item["sku"]),
        ]
        if item["gtin"]:
            values.append((f"{{{G}}}gtin", item["gtin"]))
        else:
            values.append((f"{{{G}}}identifier_exists", "no"))
        if item["sizes"]:
            values.append((f"{{{G}}}size", "/".join(item["sizes"])))
        if item["colours"]:
            values.append((f"{{{G}}}color", "/".join(item["colours"])))
        for tag, text in values:
            if text:
                ET.SubElement(node, tag).text = text
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def schema_org(items: list[dict], config: SyncConfig, title: str) -> bytes:
    elements = []
    for n, item in enumerate(items, start=1):
        product = {"@type": "Product", "sku": item["sku"], "mpn": item["sku"], "name": item["name"],
                   "description": item["description"] or item["name"],
                   "brand": {"@type": "Brand", "name": config.brand},
                   "offers": {"@type": "Offer", "price": item["price"], "priceCurrency": item["currency"],
                              "availability": "https://schema.org/InStock",
                              "itemCondition": "https://schema.org/NewCondition"}}
        if item["link"]:
            product["url"] = product["offers"]["url"] = item["link"]
        if item["image"]:
            product["image"] = item["image"]
        if item["gtin"]:
            product["gtin13"] = item["gtin"]
        if item["sizes"]:
            product["size"] = item["sizes"]
        if item["colours"]:
            product["color"] = ", ".join(item["colours"])
        elements.append({"@type": "ListItem", "position": n, "item": product})
    data = {"@context": "https://schema.org", "@type": "ItemList", "name": title, "numberOfItems": len(items),
            "itemListElement": elements}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def write_feed(db, path: Path, *, actor: Actor, config: SyncConfig, fmt: str | None = None) -> FeedInfo:
    require(actor, "sync")
    path = Path(path)
    fmt = fmt or ("json" if path.suffix.lower() in (".json", ".jsonld") else "xml")
    if fmt not in FORMATS:
        raise ValidationError(tr("The feed format is xml or json."), field="format")
    if not path.parent.is_dir():
        raise ValidationError(tr("The folder {folder} does not exist.", folder=path.parent), field="output")
    items, skipped = entries(db, config)
    title = config.brand or "smedesk"
    data = schema_org(items, config, title) if fmt == "json" else google_xml(items, config, title)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return FeedInfo(path, fmt, len(items), skipped)
