"""Materials and their dated prices. A price is exact decimal text (S/ 0.0025
per metre of thread stays 0.0025); the current price is the latest dated on or
before today in the history, derived on every read, so it never goes stale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock, units
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, check_currency
from smedesk.core.roles import Actor, require, require_view
from smedesk.production.fields import _date, _positive, _text


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


MATERIAL_COLS = "id, code, name, unit, currency, waste_pct, supplier, created_at, uid, updated_at, deleted_at"

# The price in force on :day from the dated history (the first one if none is yet in force):
# the current price is derived, never stored beside the material, so it cannot go stale.
PRICE_ON_DAY = """
  (SELECT p.price || ' ' || p.currency FROM material_prices p
    WHERE p.material_id = m.id AND p.valid_from <= :day ORDER BY p.valid_from DESC, p.id DESC LIMIT 1) AS on_day,
  (SELECT p.price || ' ' || p.currency FROM material_prices p
    WHERE p.material_id = m.id ORDER BY p.valid_from, p.id LIMIT 1) AS first_price"""


def split_price(r: dict) -> tuple[Decimal, str]:
    """(price, currency) from a row selected with PRICE_ON_DAY."""
    dated = r.get("on_day") or r.get("first_price")
    if not dated:
        return Decimal(0), r.get("currency") or "PEN"
    price, currency = dated.split(" ")
    return Decimal(price), currency


def get_material(db, code_or_id) -> dict | None:
    """The material without its price (anyone may look a material up); `current_price` for that."""
    if isinstance(code_or_id, int):
        return row(db, f"SELECT {MATERIAL_COLS} FROM materials WHERE id = ?", [code_or_id])
    return row(db, f"SELECT {MATERIAL_COLS} FROM materials WHERE code = ?", [str(code_or_id).strip()])


def save_material(db, data: dict, *, actor: Actor, valid_from=None, source: str = "manual") -> int:
    """Create or update (by code) a material; a new price is dated in its history."""
    require(actor, "catalogue.edit")
    m = clean_material(data)
    now = clock.now_iso()
    with tx(db):
        found = get_material(db, m["code"])
        if found is None:
            material_id = db.execute(
                "INSERT INTO materials (code, name, unit, currency, waste_pct, supplier,"
                " created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [m["code"], m["name"], m["unit"], m["currency"], canonical(m["waste_pct"]),
                 m["supplier"], now, new_uid(), now],
            ).lastrowid
            _record_price(db, material_id, m["price"], m["currency"], _date(valid_from), source)
            audit.record(db, actor, "material.create", "materials", material_id, code=m["code"],
                         price=canonical(m["price"]), currency=m["currency"])
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
        day = _date(valid_from)
        if _price_on(db, material_id, day) != (m["price"], m["currency"]):
            set_material_price(db, material_id, m["price"], m["currency"], actor=actor,
                               valid_from=day, source=source)
        audit.record(db, actor, "material.update", "materials", material_id, code=m["code"])
        return material_id


def _record_price(db, material_id: int, price: Decimal, currency: str, valid_from: str, source: str) -> None:
    db.execute(
        "INSERT INTO material_prices (material_id, valid_from, price, currency, source, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [material_id, valid_from, canonical(price), currency, source, clock.now_iso()],
    )


def set_material_price(db, material_id: int, price, currency: str = "PEN", *, actor: Actor,
                       valid_from=None, source: str = "manual") -> None:
    """Date a new price for a material (purchases call this too), exact to the
    last decimal. The current price is the latest dated on or before today."""
    require(actor, "catalogue.edit")
    price = _positive(price, "price", allow_zero=True)
    currency = check_currency(currency)
    day = _date(valid_from)
    with tx(db):
        _record_price(db, material_id, price, currency, day, source)
        db.execute("UPDATE materials SET currency = ?, updated_at = ? WHERE id = ?",
                   [currency, clock.now_iso(), material_id])
        audit.record(db, actor, "material.price", "materials", material_id, price=canonical(price),
                     currency=currency, valid_from=day, source=source)


def price_on(db, material_id: int, day: dt.date | str) -> tuple[Decimal, str]:
    """The material's price and currency in force on `day` (its first price if none yet)."""
    require_view(db)
    return _price_on(db, material_id, day)


def _price_on(db, material_id: int, day: dt.date | str) -> tuple[Decimal, str]:
    """The read behind `price_on`, for a write that has already checked its actor."""
    day = day.isoformat() if isinstance(day, dt.date) else day
    found = row(db, f"SELECT m.currency, {PRICE_ON_DAY} FROM materials m WHERE m.id = :id",
                {"id": material_id, "day": day})
    return split_price(found or {})


def current_price(db, material_id: int) -> tuple[Decimal, str]:
    """The price in force today (a money read)."""
    require_view(db)
    return price_on(db, material_id, clock.today_lima())


def price_history(db, material_id: int) -> list[dict]:
    """Every dated price, oldest first; `price` is exact Decimal (a money read)."""
    require_view(db)
    found = rows(db, "SELECT * FROM material_prices WHERE material_id = ? ORDER BY valid_from, id", [material_id])
    for r in found:
        r["price"] = Decimal(r["price"])
    return found


def list_materials(db, search: str = "", *, prices: bool = True, day=None) -> list[dict]:
    """Materials by code. With `prices` (a money read) each carries `price` (exact
    Decimal) and `currency` in force today (or on `day`), from the dated history."""
    like = f"%{search.strip()}%"
    if not prices:
        return rows(db, f"SELECT {MATERIAL_COLS} FROM materials WHERE deleted_at IS NULL"
                        " AND (code LIKE ? OR name LIKE ?) ORDER BY code", [like, like])
    require_view(db)
    found = rows(
        db,
        f"SELECT m.*, {PRICE_ON_DAY} FROM materials m WHERE m.deleted_at IS NULL"
        " AND (m.code LIKE :like OR m.name LIKE :like) ORDER BY m.code",
        {"like": like, "day": _date(day)},
    )
    for r in found:
        r["price"], r["currency"] = split_price(r)
        del r["on_day"], r["first_price"]
    return found
