"""Parties: customers and suppliers. A Peruvian party carries a RUC or DNI
(validated); a foreign buyer an id of their own country."""

from __future__ import annotations

from smedesk.core import audit, clock
from smedesk.core.codes import validate_dni, validate_ruc
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.roles import Actor, require

FIELDS = ("name", "is_customer", "is_supplier", "id_type", "id_number", "country",
          "address", "contact", "phone", "email")


def clean(data: dict) -> dict:
    """Validate a party's fields; returns the cleaned values or raises with the field."""
    out = {k: data.get(k) for k in FIELDS if k in data}
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError(tr("The name cannot be empty."), field="name")
    out["name"] = name
    country = (data.get("country") or "PE").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ValidationError(tr("The country is a two-letter code (PE, US, CL…)."), field="country")
    out["country"] = country
    number = (data.get("id_number") or "").strip()
    id_type = (data.get("id_type") or "").strip().lower()
    if not id_type:
        if number.isdigit() and len(number) not in (8, 11):
            # a 7-digit DNI is a typing slip, not a foreign document (SUNAT catálogo 06)
            raise ValidationError(tr("A DNI has 8 digits and a RUC 11; «{value}» has {count}.", value=number,
                                     count=len(number)), field="id_number")
        id_type = "ruc" if len(number) == 11 else "dni" if len(number) == 8 else ("foreign" if number else "none")
    if id_type == "ruc":
        number = validate_ruc(number, field="id_number")
    elif id_type == "dni":
        number = validate_dni(number, field="id_number")
    elif id_type not in ("foreign", "none"):
        raise ValidationError(tr("Unknown id type «{kind}».", kind=id_type), field="id_type")
    out["id_type"], out["id_number"] = id_type, number
    for key in ("address", "contact", "phone", "email"):
        out[key] = (data.get(key) or "").strip()
    out["is_customer"] = int(bool(data.get("is_customer", True)))
    out["is_supplier"] = int(bool(data.get("is_supplier", False)))
    return out


def find_by_id_number(db, id_number: str) -> dict | None:
    return row(db, "SELECT * FROM parties WHERE id_number = ? AND id_number != '' AND deleted_at IS NULL",
               [(id_number or "").strip()])


def find_by_name(db, name: str) -> dict | None:
    return row(db, "SELECT * FROM parties WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL ORDER BY id",
               [(name or "").strip()])


def get(db, party_id: int) -> dict | None:
    return row(db, "SELECT * FROM parties WHERE id = ?", [party_id])


def save(db, data: dict, *, actor: Actor, party_id: int | None = None) -> int:
    """Create (party_id None) or update a party; returns its id."""
    require(actor, "orders.edit")
    values = clean(data)
    if values["id_type"] in ("ruc", "dni"):
        other = find_by_id_number(db, values["id_number"])
        if other and other["id"] != party_id:
            raise ValidationError(
                tr("«{number}» already belongs to {name}.", number=values["id_number"], name=other["name"]),
                field="id_number",
            )
    now = clock.now_iso()
    with tx(db):
        if party_id is None:
            cols = list(values) + ["created_at", "uid", "updated_at"]
            cur = db.execute(
                f"INSERT INTO parties ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [*values.values(), now, new_uid(), now],
            )
            party_id = cur.lastrowid
            audit.record(db, actor, "party.create", "parties", party_id, name=values["name"])
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            db.execute(f"UPDATE parties SET {sets}, updated_at = ? WHERE id = ?", [*values.values(), now, party_id])
            audit.record(db, actor, "party.update", "parties", party_id, name=values["name"])
    return party_id


def ensure(db, data: dict, *, actor: Actor) -> int:
    """The id of the party with this RUC/DNI (or, lacking one, this name); created if new."""
    number = (data.get("id_number") or "").strip()
    found = find_by_id_number(db, number) if number else find_by_name(db, data.get("name", ""))
    if found:
        return found["id"]
    return save(db, data, actor=actor)


def list_parties(db, *, customers: bool | None = None, suppliers: bool | None = None, search: str = "") -> list[dict]:
    where, params = ["deleted_at IS NULL"], []
    if customers:
        where.append("is_customer = 1")
    if suppliers:
        where.append("is_supplier = 1")
    if search:
        where.append("(name LIKE ? OR id_number LIKE ?)")
        params += [f"%{search}%", f"%{search}%"]
    return rows(db, f"SELECT * FROM parties WHERE {' AND '.join(where)} ORDER BY name", params)


def delete(db, party_id: int, *, actor: Actor) -> None:
    require(actor, "orders.edit")
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE parties SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, party_id])
        audit.record(db, actor, "party.delete", "parties", party_id)
