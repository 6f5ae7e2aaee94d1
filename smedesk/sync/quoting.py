"""From request to order: a buyer's request (an order in the shop's request
status) becomes a draft quotation; the buyer accepting it (the shop order
moving to an accepted status) makes it an order on the shop floor; a
cancelled request rejects it. Links between the shop's order and the local
quotation and order live in sync_links, so an answer echoed back by the
shop is recognised and changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import clock, parties, settings
from smedesk.core.db import row
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents, round_cents
from smedesk.production import catalogue
from smedesk.sync import config as sync_config

SOURCE = "woocommerce"
CANCELLED = ("cancelled", "failed", "refunded")
# A shop order already completed, cancelled or refunded is history, not work:
# it never becomes an order on the shop floor.
CLOSED = ("completed", "cancelled", "refunded", "failed", "trash")


def linked(db, kind: str, ref: str) -> str | None:
    return (row(db, "SELECT local_uid FROM sync_links WHERE kind = ? AND source = ? AND remote_ref = ?",
                [kind, SOURCE, ref]) or {}).get("local_uid")


def link(db, kind: str, ref: str, local_uid: str) -> None:
    db.execute("INSERT INTO sync_links (kind, remote_ref, local_uid, source, created_at) VALUES (?, ?, ?, ?, ?)",
               [kind, ref, local_uid, SOURCE, clock.now_iso()])


def buyer_party(db, buyer: dict, ref: str, actor) -> int:
    name = (buyer.get("company") or buyer.get("name") or "").strip() or tr("Buyer of shop order {ref}", ref=ref)
    country = (buyer.get("country") or "").strip().upper()
    return parties.ensure(db, {"name": name, "id_type": "none", "country": country if len(country) == 2 else "PE",
                               "contact": buyer.get("name", ""), "email": buyer.get("email", ""),
                               "phone": buyer.get("phone", "")}, actor=actor)


def price_pen(db, product: dict) -> Decimal:
    """The product's net price in soles: its list price, else (costing area) the
    price its real unit cost gives at the target margin; 0 when neither exists."""
    if product.get("price_cents") is not None:
        return from_cents(product["price_cents"])
    try:
        from smedesk.production import costing
    except ImportError:  # the costing area is not in this build
        return Decimal("0.00")
    try:
        return costing.default_price(db, costing.unit_cost(db, product["id"])).net
    except SmedeskError:
        return Decimal("0.00")


def unit_price(db, product: dict, currency: str, config) -> Decimal:
    """The product's price in the quotation's currency (USD at the shop's exchange rate, half-up)."""
    amount = price_pen(db, product)
    return round_cents(amount / config.exchange_rate) if currency == "USD" else amount


def export_price(db, product: dict) -> tuple[Decimal, str] | None:
    """(unit price in USD, Incoterm) from the product's latest export plan, built
    up along the Incoterms from its real unit cost; None without a usable plan."""
    try:
        from smedesk.exportplan import plans
    except ImportError:  # the export-plan area is not in this build
        return None
    found = row(db, "SELECT id FROM export_plans WHERE product_id = ? AND deleted_at IS NULL"
                    " ORDER BY updated_at DESC, id DESC LIMIT 1", [product["id"]])
    if found is None:
        return None
    try:
        plan = plans.get_plan(db, found["id"])
        priced = plans.price_of(db, plan)
    except SmedeskError:
        return None
    term = priced.build.incoterm
    return round_cents(priced.build.unit_usd[term]), term


def quotation_from_request(db, quotations, payload: dict, actor):
    ref = str(payload["ref"])
    found = linked(db, "quotation", ref)
    if found:
        return found
    config = sync_config.load(db)
    currency = payload.get("currency") if payload.get("currency") in ("PEN", "USD") else config.shop_currency
    lines, incoterm = [], None
    for item in payload.get("lines", []):
        product = catalogue.get_product(db, item.get("sku") or "") if item.get("sku") else None
        size = ""
        variant = catalogue.variant_by_sku(db, item["sku"]) if item.get("sku") and not product else None
        if variant:
            # a size or colour the buyer chose: the product, at the size's own price if it has one
            product = catalogue.get_product(db, variant["product_id"])
            size = " ".join(x for x in (variant["size"], variant["colour"]) if x)
            if variant["price_cents"] is not None:
                product = {**product, "price_cents": variant["price_cents"]}
        if product and not product["deleted_at"]:
            planned = export_price(db, product) if currency == "USD" else None
            if planned and incoterm in (None, planned[1]):
                # a buyer abroad is quoted the export plan's price at its Incoterm
                price, incoterm = planned
            else:
                price = unit_price(db, product, currency, config)
            name = product["name_en"] or product["name"]
            lines.append({"product_id": product["id"], "description": f"{name} ({size})" if size else name,
                          "qty": item["qty"], "unit_price": price})
        else:
            lines.append({"description": item.get("name") or item.get("sku") or "?", "qty": item["qty"],
                          "unit_price": Decimal(0)})
    note = tr("Request {ref} from the online shop.", ref=ref)
    if payload.get("note"):
        note += "\n" + payload["note"]
    qid = quotations.create_quotation(
        db, buyer_party(db, payload.get("buyer", {}), ref, actor), lines, currency=currency,
        incoterm=(incoterm or "FOB") if currency == "USD" else None, notes=note, actor=actor, source=f"{SOURCE}:{ref}")
    uid = row(db, "SELECT uid FROM quotations WHERE id = ?", [qid])["uid"]
    link(db, "quotation", ref, uid)
    return uid


def order_from_shop(db, orders, payload: dict, actor):
    """React to a shop order that is not a request: accept or reject its
    quotation, or take a plain shop order; echoes change nothing."""
    ref, status = str(payload["ref"]), payload.get("status", "")
    existing = linked(db, "order", ref)
    if existing:
        return existing
    accepted = [s.strip() for s in (settings.get(db, "sync.accepted_statuses") or "").split(",") if s.strip()]
    quote_uid = linked(db, "quotation", ref)
    if quote_uid:
        from smedesk.accounts import quotations

        q = row(db, "SELECT id, state FROM quotations WHERE uid = ?", [quote_uid])
        if status in CANCELLED and q["state"] in ("draft", "sent"):
            quotations.set_quotation_state(db, q["id"], "rejected", actor=actor)
            return quote_uid
        if status not in accepted or q["state"] != "sent" or status in CLOSED:
            return quote_uid  # our own answer echoed back, nothing decided yet, or already closed
        quotations.set_quotation_state(db, q["id"], "accepted", actor=actor)
        quote = quotations.get_quotation(db, q["id"])
        lines = [{"product_id": li["product_id"], "qty": li["qty"], "unit_price": li["unit_price"]}
                 for li in quote["lines"] if li["product_id"]]
        order_uid = _make_order(db, orders, ref, quote["party_id"], lines, quote["currency"], actor)
        quotations.link_order(db, q["id"], row(db, "SELECT id FROM orders WHERE uid = ?", [order_uid])["id"],
                              actor=actor)
        return order_uid
    if status not in accepted or status in CLOSED:
        return f"{status or '?'}"  # not paid yet, or already closed on the shop: nothing to make
    config = sync_config.load(db)
    currency = payload.get("currency") if payload.get("currency") in ("PEN", "USD") else config.shop_currency
    lines = []
    for item in payload.get("lines", []):
        product = catalogue.get_product(db, item.get("sku") or "") if item.get("sku") else None
        if product:
            lines.append({"product_id": product["id"], "qty": item["qty"],
                          "unit_price": unit_price(db, product, currency, config)})
            continue
        # a size or colour the buyer chose: the variation's SKU
        variant = catalogue.variant_by_sku(db, item["sku"]) if item.get("sku") else None
        if variant:
            product = catalogue.get_product(db, variant["product_id"])
            if variant["price_cents"] is not None:
                product = {**product, "price_cents": variant["price_cents"]}
            lines.append({"product_id": product["id"], "variant_id": variant["id"], "qty": item["qty"],
                          "unit_price": unit_price(db, product, currency, config)})
    party = buyer_party(db, payload.get("buyer", {}), ref, actor)
    return _make_order(db, orders, ref, party, lines, currency, actor)


def _make_order(db, orders, ref: str, party_id: int, lines: list, currency: str, actor) -> str:
    if not lines:
        raise ValidationError(tr("Shop order {ref} has no product of the catalogue; make the order by hand.",
                                 ref=ref), field="lines")
    due = clock.today_lima() + dt.timedelta(days=settings.get_int(db, "sync.lead_days", 30))
    order_id = orders.create_order(db, f"WEB-{ref}", party_id, lines, due, currency=currency,
                                   notes=tr("Order {ref} from the online shop.", ref=ref), actor=actor)
    uid = row(db, "SELECT uid FROM orders WHERE id = ?", [order_id])["uid"]
    link(db, "order", ref, uid)
    return uid
