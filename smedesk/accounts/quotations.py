"""Quotations: a priced offer to a customer, with a small state machine
draft → sent → accepted | rejected (or expired when its validity passes).

Other areas use this API (buyer requests from a marketplace become quotations;
an export plan may quote); the PDF is smedesk.printouts.quotation_pdf.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock, dates, parties
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import (
    canonical,
    check_currency,
    from_cents,
    round_cents,
    to_cents,
    to_decimal,
)
from smedesk.core.roles import Actor, require, require_view

STATES = ("draft", "sent", "accepted", "rejected", "expired")
STATE_NAMES = {"draft": N_("Draft"), "sent": N_("Sent to the customer"), "accepted": N_("Accepted"),
               "rejected": N_("Rejected"), "expired": N_("Expired")}
TRANSITIONS = {
    "draft": ("sent", "rejected"),
    "sent": ("accepted", "rejected", "expired"),
    "accepted": (),
    "rejected": (),
    "expired": (),
}
INCOTERMS = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")
DEFAULT_VALID_DAYS = 15


def _clean_lines(db, lines) -> list[dict]:
    if not lines:
        raise ValidationError(tr("A quotation needs at least one line."), field="lines")
    out = []
    for n, line in enumerate(lines, start=1):
        product_id = line.get("product_id")
        description = (line.get("description") or "").strip()
        if product_id is not None:
            product = row(db, "SELECT id, name FROM products WHERE id = ?", [product_id])
            if product is None:
                raise ValidationError(tr("Line {n}: there is no product {id}.", n=n, id=product_id), field="lines")
            description = description or product["name"]
        if not description:
            raise ValidationError(tr("Line {n}: name a product or write a description.", n=n), field="lines")
        qty = to_decimal(line.get("qty", 1), field="lines")
        price = to_decimal(line.get("unit_price", 0), field="lines")
        if qty <= 0:
            raise ValidationError(tr("Line {n}: the quantity must be more than zero.", n=n), field="lines")
        if price < 0:
            raise ValidationError(tr("Line {n}: the price cannot be negative.", n=n), field="lines")
        out.append({"line_no": n, "product_id": product_id, "description": description,
                    "qty": qty, "unit_price": price, "total": round_cents(qty * price)})
    return out


def _date(value, field: str) -> str | None:
    return dates.iso_date(value, field=field)


def create_quotation(db, party_id: int, lines, *, currency: str = "PEN", incoterm: str | None = None,
                     valid_until=None, notes: str = "", actor: Actor, source: str = "") -> int:
    """Create a draft quotation; lines are dicts with product_id or description, qty, unit_price."""
    require(actor, "orders.edit")
    if parties.get(db, party_id) is None:
        raise ValidationError(tr("There is no customer {id}.", id=party_id), field="party_id")
    currency = check_currency(currency)
    if incoterm:
        incoterm = incoterm.strip().upper()
        if incoterm not in INCOTERMS:
            raise ValidationError(tr("Unknown Incoterm «{term}».", term=incoterm), field="incoterm")
    today = clock.today_lima()
    until = _date(valid_until, "valid_until") or (today + dt.timedelta(days=DEFAULT_VALID_DAYS)).isoformat()
    if until < today.isoformat():
        raise ValidationError(tr("The quotation cannot be valid until a day already past."), field="valid_until")
    clean = _clean_lines(db, lines)
    total = sum((line["total"] for line in clean), Decimal(0))
    now = clock.now_iso()
    with tx(db):
        seq = (scalar(db, "SELECT COUNT(*) FROM quotations") or 0) + 1
        number = f"COT-{today.year}-{seq:05d}"
        cur = db.execute(
            "INSERT INTO quotations (number, party_id, date, currency, incoterm, valid_until, notes, state,"
            " total_cents, source, created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
            [number, party_id, today.isoformat(), currency, incoterm or None, until, notes or "",
             to_cents(total), source, now, new_uid(), now],
        )
        qid = cur.lastrowid
        for line in clean:
            db.execute(
                "INSERT INTO quotation_lines (quotation_id, line_no, product_id, description, qty, unit_price,"
                " total_cents, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [qid, line["line_no"], line["product_id"], line["description"], canonical(line["qty"]),
                 canonical(line["unit_price"]), to_cents(line["total"]), new_uid(), now],
            )
        audit.record(db, actor, "quotation.create", "quotations", qid, number=number, total=str(total))
    return qid


def set_quotation_state(db, quotation_id: int, state: str, *, actor: Actor) -> None:
    """Move a quotation along draft → sent → accepted | rejected | expired."""
    require(actor, "orders.edit")
    found = row(db, "SELECT id, state FROM quotations WHERE id = ? AND deleted_at IS NULL", [quotation_id])
    if found is None:
        raise ValidationError(tr("There is no quotation {id}.", id=quotation_id), field="quotation_id")
    if state not in STATES:
        raise ValidationError(tr("Unknown quotation state «{state}».", state=state), field="state")
    if state not in TRANSITIONS[found["state"]]:
        raise ValidationError(
            tr("A quotation that is «{old}» cannot become «{new}».", old=tr(STATE_NAMES[found["state"]]),
               new=tr(STATE_NAMES[state])),
            field="state",
        )
    with tx(db):
        db.execute("UPDATE quotations SET state = ?, updated_at = ? WHERE id = ?", [state, clock.now_iso(), quotation_id])
        audit.record(db, actor, "quotation.state", "quotations", quotation_id, old=found["state"], new=state)


def expire_overdue(db, *, actor: Actor) -> int:
    """Mark sent quotations whose validity has passed as expired; returns how many."""
    today = clock.today_lima().isoformat()
    overdue = rows(db, "SELECT id FROM quotations WHERE state = 'sent' AND valid_until < ? AND deleted_at IS NULL", [today])
    for q in overdue:
        set_quotation_state(db, q["id"], "expired", actor=actor)
    return len(overdue)


def link_order(db, quotation_id: int, order_id: int, *, actor: Actor) -> None:
    require(actor, "orders.edit")
    with tx(db):
        db.execute("UPDATE quotations SET order_id = ?, updated_at = ? WHERE id = ?", [order_id, clock.now_iso(), quotation_id])
        audit.record(db, actor, "quotation.order", "quotations", quotation_id, order_id=order_id)


def _shape(q: dict, lines: list[dict]) -> dict:
    q = dict(q)
    q["total"] = from_cents(q.pop("total_cents"))
    q["lines"] = [
        {"line_no": li["line_no"], "product_id": li["product_id"], "description": li["description"],
         "qty": Decimal(li["qty"]), "unit_price": Decimal(li["unit_price"]), "total": from_cents(li["total_cents"])}
        for li in lines
    ]
    return q


def get_quotation(db, quotation_id: int) -> dict | None:
    """The quotation with its party's name and its lines (Decimal amounts)."""
    q = row(db, "SELECT q.*, p.name AS party_name, p.id_type AS party_id_type, p.id_number AS party_id_number,"
                " p.address AS party_address, p.country AS party_country"
                " FROM quotations q JOIN parties p ON p.id = q.party_id WHERE q.id = ?", [quotation_id])
    if q is None:
        return None
    lines = rows(db, "SELECT * FROM quotation_lines WHERE quotation_id = ? AND deleted_at IS NULL ORDER BY line_no",
                 [quotation_id])
    return _shape(q, lines)


def list_quotations(db, *, state: str | None = None, party_id: int | None = None) -> list[dict]:
    require_view(db, "accounts.view")
    where, params = ["q.deleted_at IS NULL"], []
    if state:
        where.append("q.state = ?")
        params.append(state)
    if party_id:
        where.append("q.party_id = ?")
        params.append(party_id)
    found = rows(db, "SELECT q.*, p.name AS party_name FROM quotations q JOIN parties p ON p.id = q.party_id"
                     f" WHERE {' AND '.join(where)} ORDER BY q.id DESC", params)
    for q in found:
        q["total"] = from_cents(q.pop("total_cents"))
    return found
