"""Compras sugeridas: what to buy for all open orders (and minimum stock),
grouped by supplier with the latest price, and turned into a purchase
record when the goods arrive.

The supplier and price of a material come from its latest purchase (the
supplier on the document, its exact unit price net of IGV in soles at the
document's rate); a material never bought shows its catalogue supplier and
price. Quantities are rounded up to two decimals: never buy too little."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core import clock, parties
from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import round_cents, to_decimal
from smedesk.core.roles import Actor, require, require_view
from smedesk.production import catalogue
from smedesk.stock.needs import needs, show_qty

ZERO = Decimal(0)


def latest_purchase(db, material_id: int) -> dict | None:
    """Supplier and exact unit price (soles, net of IGV) of the material's latest purchase."""
    found = row(
        db,
        "SELECT d.party_id, d.party_name, d.party_doc, d.date, d.fx, l.qty, l.base_cents FROM document_lines l"
        " JOIN documents d ON d.id = l.document_id WHERE l.material_id = ? AND d.kind = 'purchase'"
        " AND d.doc_type IN ('01', '03') ORDER BY d.date DESC, d.id DESC LIMIT 1",
        [material_id],
    )
    if found is None:
        return None
    price = Decimal(found["base_cents"]) / 100 * Decimal(found["fx"]) / Decimal(found["qty"])
    return {"party_id": found["party_id"], "supplier": found["party_name"], "ruc": found["party_doc"],
            "date": found["date"], "price": price.quantize(Decimal("0.000001"))}


def suggested(db) -> list[dict]:
    """Groups: supplier, party_id, ruc, lines (code, name, unit, qty, price,
    amount, last_bought), total. Money figures need money.view."""
    require_view(db, "money.view")
    groups: dict[str, dict] = {}
    for n in needs(db):
        if n["to_buy"] <= 0:
            continue
        last = latest_purchase(db, n["material_id"])
        if last:
            key, price, when = last["supplier"], last["price"], last["date"]
            party = {"party_id": last["party_id"], "ruc": last["ruc"]}
        else:
            price, currency = catalogue.price_on(db, n["material_id"], clock.today_lima())
            key, when = n["supplier"] or tr("No supplier named"), ""
            found = parties.find_by_name(db, n["supplier"]) if n["supplier"] else None
            party = {"party_id": found["id"] if found else None, "ruc": found["id_number"] if found else ""}
            if currency != "PEN":
                key = f"{key} ({currency})"
        qty = Decimal(show_qty(n["to_buy"]))
        group = groups.setdefault(key, {"supplier": key, **party, "lines": [], "total": ZERO})
        amount = round_cents(qty * price)
        group["lines"].append({"code": n["code"], "name": n["name"], "unit": n["unit"], "qty": qty,
                               "price": price, "amount": amount, "last_bought": when,
                               "material_id": n["material_id"]})
        group["total"] += amount
    return sorted(groups.values(), key=lambda g: g["supplier"])


def record_purchase(db, party_id: int, series: str, number: int, lines: list[dict], *, actor: Actor,
                    doc_type: str = "01", date=None) -> int:
    """The goods arrived: record the supplier's document with lines naming the
    materials (code, qty, unit_price net of IGV); the purchase brings them into
    stock. Returns the document id."""
    from smedesk.accounts import documents

    require(actor, "accounts.post")
    if not lines:
        raise ValidationError(tr("Choose at least one material to record."), field="lines")
    doc_lines = []
    for n, line in enumerate(lines, start=1):
        material = catalogue.get_material(db, line.get("code") or line.get("material_id"))
        if material is None:
            raise ValidationError(tr("Line {n}: there is no material «{code}».", n=n, code=line.get("code", "")),
                                  field="lines")
        qty = to_decimal(line.get("qty"), field="qty")
        if qty <= 0:
            raise ValidationError(tr("Line {n}: the quantity must be above zero.", n=n), field="lines")
        doc_lines.append({"description": material["name"], "qty": qty, "unit_price": line.get("price"),
                          "tax": line.get("tax") or "igv", "material_id": material["id"]})
    return documents.create_document(db, "purchase", doc_type, series, doc_lines, actor=actor, date=date,
                                     party_id=party_id, number=number, prices_include_igv=False)
