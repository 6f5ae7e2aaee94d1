"""Documents from orders, and orders from accepted quotations.

An order's unit prices are taken as before IGV unless `prices_include_igv`;
an order in dollars for a foreign customer is invoiced as an export.
"""

from __future__ import annotations

from decimal import Decimal

from smedesk.accounts import doclabel, documents, quotations
from smedesk.core import parties
from smedesk.core.db import row, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents
from smedesk.core.roles import Actor, require_view


def invoice_from_order(db, order_number: str, doc_type: str, series: str, *, actor: Actor, date=None, fx=None,
                       prices_include_igv: bool = False) -> int:
    """Issue a factura (01) or boleta (03) for an order's lines; returns the document id."""
    from smedesk.tracking.orders import require_order

    # the "already invoiced" check and the document in one transaction: a second
    # window (or a retry) invoicing the same order waits, then finds it invoiced
    with tx(db):
        order = require_order(db, order_number)
        if doc_type not in ("01", "03"):
            raise ValidationError(tr("An order is invoiced with a factura (01) or a boleta (03)."), field="doc_type")
        if order["state"] == "cancelled":
            raise ValidationError(tr("Order {number} is cancelled.", number=order["number"]), field="number")
        done = scalar(db, f"SELECT {doclabel.sql()} FROM documents WHERE kind = 'sale'"
                          " AND order_id = ? AND doc_type IN ('01', '03')", [order["id"]])
        if done:
            raise ValidationError(tr("Order {number} is already invoiced ({doc}).", number=order["number"], doc=done),
                                  field="number")
        customer = parties.get(db, order["customer_id"])
        tax = "export" if customer["id_type"] == "foreign" else "igv"
        lines = []
        for li in order["lines"]:
            variant = " ".join(x for x in (li["size"], li["colour"]) if x)
            lines.append({"description": f"{li['product']} {variant}".strip(), "qty": li["qty"],
                          "unit_price": from_cents(li["unit_price_cents"]), "tax": tax, "product_id": li["product_id"]})
        return documents.create_document(
            db, "sale", doc_type, series, lines, actor=actor, date=date, party_id=customer["id"],
            currency=order["currency"], fx=fx, prices_include_igv=prices_include_igv, order_id=order["id"],
            notes=tr("Order {number}", number=order["number"]),
        )


def order_from_quotation(db, quotation_id: int, number: str, due_date, *, actor: Actor) -> int:
    """Turn an accepted quotation into a draft order (its lines must name products)."""
    from smedesk.tracking.orders import create_order

    # create + link in one transaction with the checks: a failure between them
    # leaves nothing, and a retry or a second window cannot make a second order
    with tx(db):
        q = quotations._get_quotation(db, quotation_id)
        if q is None:
            raise ValidationError(tr("There is no quotation {id}.", id=quotation_id), field="quotation_id")
        if q["state"] != "accepted":
            raise ValidationError(tr("Only an accepted quotation becomes an order."), field="state")
        if q["order_id"]:
            raise ValidationError(tr("This quotation already has its order."), field="state")
        lines = []
        for li in q["lines"]:
            if li["product_id"] is None or li["qty"] != li["qty"].to_integral():
                raise ValidationError(tr("Line {n}: an order needs a catalogue product and a whole quantity.",
                                         n=li["line_no"]), field="lines")
            lines.append({"product_id": li["product_id"], "qty": int(li["qty"]), "unit_price": Decimal(li["unit_price"])})
        order_id = create_order(db, number, q["party_id"], lines, due_date, currency=q["currency"],
                                notes=tr("From quotation {number}", number=q["number"]), actor=actor)
        quotations.link_order(db, quotation_id, order_id, actor=actor)
        return order_id


def invoices_of_order(db, order_id: int) -> dict | None:
    require_view(db, "accounts.view")
    return row(db, "SELECT * FROM documents WHERE order_id = ? ORDER BY id LIMIT 1", [order_id])
