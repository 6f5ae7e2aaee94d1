"""Catalogue: materials (with dated prices), products, variants, parts lists,
bills of materials and routing steps. Every write validates first, then
writes in one transaction with its audit record: nothing is half-saved."""

from __future__ import annotations

import re
from decimal import Decimal

from smedesk.core import audit, clock, units
from smedesk.core.codes import validate_ean13
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, to_cents
from smedesk.core.roles import Actor, redact, require, require_view
from smedesk.production.fields import (  # noqa: F401
    FIELD_LABELS,
    HS_PATTERN,
    _date,
    _positive,
    _text,
    label,
    normalize_hs_code,
)
from smedesk.production.materials import (  # noqa: F401  (the catalogue's interface, as before)
    MATERIAL_COLS,
    PRICE_ON_DAY,
    clean_material,
    current_price,
    get_material,
    list_materials,
    price_history,
    price_on,
    save_material,
    set_material_price,
    split_price,
)

# ---- products ---------------------------------------------------------------

def clean_product(data: dict) -> dict:
    out = {
        "sku": _text(data.get("sku"), "sku", max_len=40).upper(),
        "name": _text(data.get("name"), "name"),
        "name_en": _text(data.get("name_en"), "name_en", required=False),
        "unit": units.normalize(data.get("unit") or "unit", field="unit"),
        "hs_code": normalize_hs_code(data.get("hs_code") or ""),
    }
    if "gtin" in data:
        gtin = (data.get("gtin") or "").strip()
        out["gtin"] = validate_ean13(gtin) if gtin else ""
    for key in ("description", "description_en"):
        if key in data:
            out[key] = _text(data.get(key), key, required=False, max_len=4000)
    if data.get("min_order") not in (None, ""):
        minimum = _positive(data["min_order"], "min_order")
        if minimum != minimum.to_integral():
            raise ValidationError(tr("The minimum order is a whole number."), field="min_order")
        out["min_order"] = int(minimum)
    if data.get("price") not in (None, ""):
        out["price_cents"] = to_cents(_positive(data["price"], "price", allow_zero=True))
    if "photo" in data:
        out["photo"] = data["photo"]
    return out


def get_product(db, sku_or_id) -> dict | None:
    """The product; its list price (price_cents) only to a user who may see money."""
    if isinstance(sku_or_id, int):
        return redact(db, row(db, "SELECT * FROM products WHERE id = ?", [sku_or_id]))
    return redact(db, row(db, "SELECT * FROM products WHERE sku = ?", [str(sku_or_id).strip()]))


def save_product(db, data: dict, *, actor: Actor) -> int:
    """Create or update (by SKU) a product."""
    require(actor, "catalogue.edit")
    p = clean_product(data)
    now = clock.now_iso()
    with tx(db):
        found = get_product(db, p["sku"])
        if found is None:
            cols = list(p) + ["created_at", "uid", "updated_at"]
            product_id = db.execute(
                f"INSERT INTO products ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [*p.values(), now, new_uid(), now],
            ).lastrowid
            audit.record(db, actor, "product.create", "products", product_id, sku=p["sku"])
            return product_id
        changes = {k: v for k, v in p.items() if found.get(k) != v}
        if changes:
            sets = ", ".join(f"{k} = ?" for k in changes)
            db.execute(f"UPDATE products SET {sets}, updated_at = ? WHERE id = ?",
                       [*changes.values(), now, found["id"]])
            audit.record(db, actor, "product.update", "products", found["id"], sku=p["sku"],
                         fields=sorted(k for k in changes if k != "photo"))
        return found["id"]


def list_products(db, search: str = "") -> list[dict]:
    like = f"%{search.strip()}%"
    return redact(db, rows(
        db,
        "SELECT id, sku, name, name_en, unit, hs_code, gtin, min_order, price_cents, active"
        " FROM products WHERE deleted_at IS NULL AND (sku LIKE ? OR name LIKE ? OR name_en LIKE ?)"
        " ORDER BY sku",
        [like, like, like],
    ))


def save_variant(db, product_id: int, *, size: str = "", colour: str = "", gtin: str = "", sku: str = "",
                 price=None, stock=None, actor: Actor) -> int:
    """Add or update a size/colour of a product. `sku` (default: the product's SKU
    with the size and colour), `price` (default: the product's) and `stock`
    (default: made to order) are what the shop shows for it."""
    require(actor, "catalogue.edit")
    size, colour = (size or "").strip().upper(), (colour or "").strip()
    if not size and not colour:
        raise ValidationError(tr("A variant needs a size or a colour."), field="size")
    gtin = validate_ean13(gtin) if (gtin or "").strip() else ""
    sku = _text(sku, "sku", max_len=60).upper() if (sku or "").strip() else ""
    cents = to_cents(price) if price not in (None, "") else None
    if cents is not None and cents < 0:
        raise ValidationError(tr("The price cannot be negative."), field="price")
    if stock in (None, ""):
        stock = None
    else:
        text = str(stock).strip()
        if not text.isdigit():
            raise ValidationError(tr("The stock is a whole number of pieces (0 or more)."), field="stock")
        stock = int(text)
    now = clock.now_iso()
    with tx(db):
        if sku and (scalar(db, "SELECT 1 FROM products WHERE sku = ?", [sku]) or scalar(
                db, "SELECT 1 FROM variants WHERE sku = ? AND NOT (product_id = ? AND size = ? AND colour = ?)",
                [sku, product_id, size, colour])):
            raise ValidationError(tr("The SKU {sku} is already used.", sku=sku), field="sku")
        found = row(db, "SELECT id FROM variants WHERE product_id = ? AND size = ? AND colour = ?",
                    [product_id, size, colour])
        if found:
            db.execute("UPDATE variants SET gtin = ?, sku = ?, price_cents = ?, stock = ?, deleted_at = NULL,"
                       " updated_at = ? WHERE id = ?", [gtin, sku, cents, stock, now, found["id"]])
            return found["id"]
        variant_id = db.execute(
            "INSERT INTO variants (product_id, size, colour, gtin, sku, price_cents, stock, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [product_id, size, colour, gtin, sku, cents, stock, new_uid(), now],
        ).lastrowid
        audit.record(db, actor, "variant.create", "variants", variant_id, size=size, colour=colour)
        return variant_id


def variant_by_sku(db, sku: str) -> dict | None:
    """A variant by its own SKU, or by the SKU the shop gives it (product SKU-SIZE-COLOUR)."""
    sku = (sku or "").strip().upper()
    for v in rows(db, "SELECT v.*, p.sku AS product_sku FROM variants v JOIN products p ON p.id = v.product_id"
                      " WHERE v.deleted_at IS NULL AND (v.sku = ? OR ? LIKE p.sku || '-%')", [sku, sku]):
        if variant_sku(v["product_sku"], v) == sku:
            return redact(db, v)  # its own price only to a user who may see money
    return None


def variant_sku(product_sku: str, variant: dict) -> str:
    """The variant's SKU: its own, or the product's with the size and colour."""
    if variant.get("sku"):
        return variant["sku"]
    parts = [product_sku, variant.get("size") or "", re.sub(r"\s+", "-", (variant.get("colour") or "").strip())]
    return "-".join(p for p in parts if p).upper()


def variants(db, product_id: int) -> list[dict]:
    """A product's sizes and colours; their own prices only to a user who may see money."""
    return redact(db, rows(db, "SELECT * FROM variants WHERE product_id = ? AND deleted_at IS NULL ORDER BY id",
                           [product_id]))


def set_parts(db, product_id: int, parts: list[tuple[str, int]], *, actor: Actor) -> None:
    """The parts list (a chair: 4 legs, 1 seat, 1 back), replacing the old one."""
    require(actor, "catalogue.edit")
    clean = []
    for n, (name, qty) in enumerate(parts, start=1):
        name = _text(name, "part")
        count = _positive(qty, "qty")
        if count != count.to_integral():
            raise ValidationError(tr("A part's quantity is a whole number."), field="qty")
        clean.append((n, name, int(count)))
    with tx(db):
        db.execute("DELETE FROM product_parts WHERE product_id = ?", [product_id])
        for seq, name, qty in clean:
            db.execute("INSERT INTO product_parts (product_id, seq, name, qty) VALUES (?, ?, ?, ?)",
                       [product_id, seq, name, qty])
        audit.record(db, actor, "product.parts", "products", product_id, parts=len(clean))


def parts(db, product_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM product_parts WHERE product_id = ? ORDER BY seq", [product_id])


# ---- bill of materials --------------------------------------------------------

def clean_bom_line(db, line: dict) -> dict:
    ref = line.get("material_code") or line.get("material_id")
    material = get_material(db, ref) if ref not in (None, "") else None
    if material is None:
        raise ValidationError(tr("There is no material «{code}».", code=ref or ""), field="material_code")
    qty = _positive(line.get("qty"), "qty")
    unit = units.normalize(line.get("unit") or material["unit"], field="unit")
    if not units.compatible(unit, material["unit"]):
        raise ValidationError(
            tr("{unit} cannot be used for {code}, which is bought by {material_unit}.",
               unit=unit, code=material["code"], material_unit=material["unit"]),
            field="unit",
        )
    return {"material_id": material["id"], "qty": canonical(qty), "unit": unit,
            "note": (line.get("note") or "").strip()}


def set_bom(db, product_id: int, lines: list[dict], *, variant_id: int | None = None, actor: Actor) -> None:
    """Replace the product's (or one variant's) materials. A variant's line for
    a material replaces the product's line for that material."""
    require(actor, "catalogue.edit")
    clean = [clean_bom_line(db, line) for line in lines]
    with tx(db):
        db.execute("DELETE FROM bom_lines WHERE product_id = ? AND variant_id IS ?", [product_id, variant_id])
        for line in clean:
            db.execute(
                "INSERT INTO bom_lines (product_id, variant_id, material_id, qty, unit, note) VALUES (?, ?, ?, ?, ?, ?)",
                [product_id, variant_id, line["material_id"], line["qty"], line["unit"], line["note"]],
            )
        audit.record(db, actor, "product.bom", "products", product_id, variant_id=variant_id, lines=len(clean))


def bom(db, product_id: int, variant_id: int | None = None) -> list[dict]:
    """Effective bill of materials for the product or one of its variants."""
    base = rows(
        db,
        "SELECT b.*, m.code AS material_code, m.name AS material_name, m.unit AS material_unit"
        " FROM bom_lines b JOIN materials m ON m.id = b.material_id"
        " WHERE b.product_id = ? AND b.variant_id IS NULL ORDER BY b.id",
        [product_id],
    )
    if variant_id is None:
        return base
    own = rows(
        db,
        "SELECT b.*, m.code AS material_code, m.name AS material_name, m.unit AS material_unit"
        " FROM bom_lines b JOIN materials m ON m.id = b.material_id"
        " WHERE b.product_id = ? AND b.variant_id = ? ORDER BY b.id",
        [product_id, variant_id],
    )
    overridden = {line["material_id"] for line in own}
    return [line for line in base if line["material_id"] not in overridden] + own


# ---- routing ------------------------------------------------------------------

def clean_steps(steps: list[dict]) -> list[dict]:
    if not steps:
        raise ValidationError(tr("A product needs at least one process step."), field="steps")
    clean, seen = [], set()
    for n, step in enumerate(steps, start=1):
        seq = step.get("seq", n)
        try:
            seq = int(str(seq).strip())
        except ValueError:
            raise ValidationError(tr("The step order «{seq}» is not a whole number.", seq=seq), field="seq") from None
        if seq <= 0 or seq in seen:
            raise ValidationError(tr("The step order {seq} is repeated or not positive.", seq=seq), field="seq")
        seen.add(seq)
        piece = step.get("piece_rate")
        clean.append({
            "seq": seq,
            "name": _text(step.get("name"), "step", max_len=60),
            "std_minutes": canonical(_positive(step.get("std_minutes"), "std_minutes", allow_zero=True)),
            "rate_per_hour": canonical(_positive(step.get("rate_per_hour") or "0", "rate_per_hour", allow_zero=True)),
            "piece_rate": None if piece in (None, "") else canonical(_positive(piece, "piece_rate", allow_zero=True)),
        })
    return sorted(clean, key=lambda s: s["seq"])


def set_routing(db, product_id: int, steps: list[dict], *, actor: Actor) -> None:
    """Replace the product's process steps (its worksheet)."""
    require(actor, "catalogue.edit")
    clean = clean_steps(steps)
    with tx(db):
        db.execute("DELETE FROM routing_steps WHERE product_id = ?", [product_id])
        for s in clean:
            db.execute(
                "INSERT INTO routing_steps (product_id, seq, name, std_minutes, rate_per_hour, piece_rate)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [product_id, s["seq"], s["name"], s["std_minutes"], s["rate_per_hour"], s["piece_rate"]],
            )
        audit.record(db, actor, "product.routing", "products", product_id, steps=len(clean))


STEP_COLS = "id, product_id, seq, name, std_minutes"


def steps(db, product_id: int, *, rates: bool = True) -> list[dict]:
    """The product's process steps; with `rates` (a money read) also `rate_per_hour`
    and `piece_rate` (exact Decimal, None where the step has no piece rate)."""
    if not rates:
        return rows(db, f"SELECT {STEP_COLS} FROM routing_steps WHERE product_id = ? ORDER BY seq", [product_id])
    require_view(db)
    found = rows(db, f"SELECT {STEP_COLS}, rate_per_hour, piece_rate FROM routing_steps WHERE product_id = ?"
                     " ORDER BY seq", [product_id])
    for r in found:
        r["rate_per_hour"] = Decimal(r["rate_per_hour"])
        r["piece_rate"] = None if r["piece_rate"] is None else Decimal(r["piece_rate"])
    return found


# ---- overhead -----------------------------------------------------------------

def save_overhead(db, name: str, monthly_amount, *, actor: Actor) -> int:
    require(actor, "catalogue.edit")
    name = _text(name, "name")
    cents = to_cents(_positive(monthly_amount, "monthly_amount", allow_zero=True))
    now = clock.now_iso()
    with tx(db):
        found = row(db, "SELECT id FROM overhead_items WHERE name = ?", [name])
        if found:
            db.execute("UPDATE overhead_items SET monthly_cents = ?, deleted_at = NULL, updated_at = ? WHERE id = ?",
                       [cents, now, found["id"]])
            item_id = found["id"]
        else:
            item_id = db.execute(
                "INSERT INTO overhead_items (name, monthly_cents, created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?)",
                [name, cents, now, new_uid(), now],
            ).lastrowid
        audit.record(db, actor, "overhead.save", "overhead_items", item_id, name=name, monthly_cents=cents)
    return item_id


def overhead_items(db) -> list[dict]:
    require_view(db)
    return _overhead_items(db)


def _overhead_items(db) -> list[dict]:
    """The read behind `overhead_items`, for a write that has already checked its actor."""
    return rows(db, "SELECT * FROM overhead_items WHERE deleted_at IS NULL ORDER BY name")
