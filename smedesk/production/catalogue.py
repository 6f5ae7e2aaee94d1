"""Catalogue: materials (with dated prices), products, variants, parts lists,
bills of materials and routing steps. Every write validates first, then
writes in one transaction with its audit record: nothing is half-saved."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from smedesk.core import audit, clock, dates, units
from smedesk.core.codes import validate_ean13
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, check_currency, to_cents, to_decimal
from smedesk.core.roles import Actor, require

HS_PATTERN = re.compile(r"^\d{4}\.\d{2}\.\d{2}\.\d{2}$")

FIELD_LABELS = {
    "code": N_("Code"), "name": N_("Name"), "name_en": N_("Name in English"), "sku": N_("SKU"),
    "price": N_("Price"), "waste_pct": N_("Waste %"), "supplier": N_("Supplier"), "qty": N_("Quantity"),
    "part": N_("Part"), "step": N_("Step"), "std_minutes": N_("Standard minutes"),
    "rate_per_hour": N_("Rate per hour"), "piece_rate": N_("Piece rate"),
    "monthly_amount": N_("Monthly amount"), "min_order": N_("Minimum order"),
    "description": N_("Description"), "description_en": N_("Description in English"),
}


def label(field: str) -> str:
    return tr(FIELD_LABELS.get(field, field))


# ---- validation helpers ---------------------------------------------------

def _text(value, field: str, *, required: bool = True, max_len: int = 200) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        raise ValidationError(tr("«{field}» cannot be empty.", field=label(field)), field=field)
    if len(text) > max_len:
        raise ValidationError(tr("«{field}» is too long.", field=label(field)), field=field)
    return text


def _positive(value, field: str, *, allow_zero: bool = False) -> Decimal:
    number = to_decimal(value, field=field)
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError(
            tr("«{field}» must be more than zero.", field=label(field)) if not allow_zero
            else tr("«{field}» cannot be negative.", field=label(field)),
            field=field,
        )
    return number


def normalize_hs_code(value: str) -> str:
    """'9401690000' or '9401.69.00.00' → '9401.69.00.00'; '' stays ''."""
    text = (value or "").strip()
    if not text:
        return ""
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(
            tr("The tariff code (subpartida nacional) has 10 digits, like 9401.69.00.00; «{value}» does not.", value=value),
            field="hs_code",
        )
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:8]}.{digits[8:]}"


def _date(value) -> str:
    if value is None or value == "":
        return clock.today_lima().isoformat()
    return dates.read_date(value, field="date").isoformat()


# ---- materials --------------------------------------------------------------

def clean_material(data: dict) -> dict:
    waste = _positive(data.get("waste_pct") or "0", "waste_pct", allow_zero=True)
    if waste >= 100:
        raise ValidationError(tr("The waste allowance must be below 100%."), field="waste_pct")
    return {
        "code": _text(data.get("code"), "code", max_len=40).upper(),
        "name": _text(data.get("name"), "name"),
        "unit": units.normalize(data.get("unit") or "", field="unit"),
        "price": _positive(data.get("price"), "price", allow_zero=True),
        "currency": check_currency(data.get("currency") or "PEN"),
        "waste_pct": waste,
        "supplier": _text(data.get("supplier"), "supplier", required=False),
    }


def get_material(db, code_or_id) -> dict | None:
    if isinstance(code_or_id, int):
        return row(db, "SELECT * FROM materials WHERE id = ?", [code_or_id])
    return row(db, "SELECT * FROM materials WHERE code = ?", [str(code_or_id).strip()])


def save_material(db, data: dict, *, actor: Actor, valid_from=None, source: str = "manual") -> int:
    """Create or update (by code) a material; a new price is dated in its history."""
    require(actor, "catalogue.edit")
    m = clean_material(data)
    now = clock.now_iso()
    with tx(db):
        found = get_material(db, m["code"])
        cents = to_cents(m["price"])
        if found is None:
            material_id = db.execute(
                "INSERT INTO materials (code, name, unit, price_cents, currency, waste_pct, supplier,"
                " created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [m["code"], m["name"], m["unit"], cents, m["currency"], canonical(m["waste_pct"]),
                 m["supplier"], now, new_uid(), now],
            ).lastrowid
            _record_price(db, material_id, cents, m["currency"], _date(valid_from), source)
            audit.record(db, actor, "material.create", "materials", material_id, code=m["code"])
            return material_id
        material_id = found["id"]
        if found["unit"] != m["unit"] and scalar(db, "SELECT 1 FROM bom_lines WHERE material_id = ?", [material_id]):
            if not units.compatible(found["unit"], m["unit"]):
                raise ValidationError(
                    tr("The unit of {code} cannot change from {old} to {new}: products use it.",
                       code=m["code"], old=found["unit"], new=m["unit"]),
                    field="unit",
                )
        db.execute(
            "UPDATE materials SET name = ?, unit = ?, waste_pct = ?, supplier = ?, updated_at = ? WHERE id = ?",
            [m["name"], m["unit"], canonical(m["waste_pct"]), m["supplier"], now, material_id],
        )
        if found["price_cents"] != cents or found["currency"] != m["currency"]:
            set_material_price(db, material_id, m["price"], m["currency"], actor=actor,
                               valid_from=valid_from, source=source)
        audit.record(db, actor, "material.update", "materials", material_id, code=m["code"])
        return material_id


def _record_price(db, material_id: int, cents: int, currency: str, valid_from: str, source: str) -> None:
    db.execute(
        "INSERT INTO material_prices (material_id, valid_from, price_cents, currency, source, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [material_id, valid_from, cents, currency, source, clock.now_iso()],
    )


def set_material_price(db, material_id: int, price, currency: str = "PEN", *, actor: Actor,
                       valid_from=None, source: str = "manual") -> None:
    """Date a new price for a material (purchases call this too). The current
    price is the latest dated on or before today."""
    require(actor, "catalogue.edit")
    price = _positive(price, "price", allow_zero=True)
    currency = check_currency(currency)
    day = _date(valid_from)
    with tx(db):
        _record_price(db, material_id, to_cents(price), currency, day, source)
        current = price_on(db, material_id, clock.today_lima())
        db.execute(
            "UPDATE materials SET price_cents = ?, currency = ?, updated_at = ? WHERE id = ?",
            [to_cents(current[0]), current[1], clock.now_iso(), material_id],
        )
        audit.record(db, actor, "material.price", "materials", material_id, price=str(price),
                     currency=currency, valid_from=day, source=source)


def price_on(db, material_id: int, day: dt.date | str) -> tuple[Decimal, str]:
    """The material's price and currency in force on `day` (its first price if none yet)."""
    day = day.isoformat() if isinstance(day, dt.date) else day
    found = row(
        db,
        "SELECT price_cents, currency FROM material_prices WHERE material_id = ? AND valid_from <= ?"
        " ORDER BY valid_from DESC, id DESC LIMIT 1",
        [material_id, day],
    ) or row(
        db,
        "SELECT price_cents, currency FROM material_prices WHERE material_id = ?"
        " ORDER BY valid_from, id LIMIT 1",
        [material_id],
    )
    if found is None:
        m = row(db, "SELECT price_cents, currency FROM materials WHERE id = ?", [material_id])
        return Decimal(m["price_cents"]) / 100, m["currency"]
    return Decimal(found["price_cents"]) / 100, found["currency"]


def price_history(db, material_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM material_prices WHERE material_id = ? ORDER BY valid_from, id", [material_id])


def list_materials(db, search: str = "") -> list[dict]:
    like = f"%{search.strip()}%"
    return rows(
        db,
        "SELECT * FROM materials WHERE deleted_at IS NULL AND (code LIKE ? OR name LIKE ?) ORDER BY code",
        [like, like],
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
    if isinstance(sku_or_id, int):
        return row(db, "SELECT * FROM products WHERE id = ?", [sku_or_id])
    return row(db, "SELECT * FROM products WHERE sku = ?", [str(sku_or_id).strip()])


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
    return rows(
        db,
        "SELECT id, sku, name, name_en, unit, hs_code, gtin, min_order, price_cents, active"
        " FROM products WHERE deleted_at IS NULL AND (sku LIKE ? OR name LIKE ? OR name_en LIKE ?)"
        " ORDER BY sku",
        [like, like, like],
    )


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
            return v
    return None


def variant_sku(product_sku: str, variant: dict) -> str:
    """The variant's SKU: its own, or the product's with the size and colour."""
    if variant.get("sku"):
        return variant["sku"]
    parts = [product_sku, variant.get("size") or "", re.sub(r"\s+", "-", (variant.get("colour") or "").strip())]
    return "-".join(p for p in parts if p).upper()


def variants(db, product_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM variants WHERE product_id = ? AND deleted_at IS NULL ORDER BY id", [product_id])


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
            "rate_per_hour_cents": to_cents(_positive(step.get("rate_per_hour") or "0", "rate_per_hour", allow_zero=True)),
            "piece_rate_cents": None if piece in (None, "") else to_cents(_positive(piece, "piece_rate", allow_zero=True)),
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
                "INSERT INTO routing_steps (product_id, seq, name, std_minutes, rate_per_hour_cents, piece_rate_cents)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [product_id, s["seq"], s["name"], s["std_minutes"], s["rate_per_hour_cents"], s["piece_rate_cents"]],
            )
        audit.record(db, actor, "product.routing", "products", product_id, steps=len(clean))


def steps(db, product_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM routing_steps WHERE product_id = ? ORDER BY seq", [product_id])


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
    return rows(db, "SELECT * FROM overhead_items WHERE deleted_at IS NULL ORDER BY name")
