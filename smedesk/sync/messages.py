"""Messages for buyers, written at send time from what is true then: the
quotation's lines and total, the order's progress and forecast. In English,
the language of buyers abroad."""

from __future__ import annotations

import json

from smedesk.core.db import row
from smedesk.core.money import format_money
from smedesk.sync.config import SyncConfig
from smedesk.sync.marketplace import OrderUpdate

SHOP_STATUS = {"released": "processing", "in_production": "processing", "finished": "processing",
               "delivered": "completed", "cancelled": "cancelled"}
STATE_TEXT = {"draft": "received", "released": "scheduled", "in_production": "being made",
              "finished": "finished, ready to ship", "delivered": "delivered", "cancelled": "cancelled"}


def _money(currency: str, amount) -> str:
    return format_money(amount, currency).replace("\xa0", " ")


def quotation_note(db, uid: str) -> str | None:
    from smedesk.accounts import quotations

    found = row(db, "SELECT id FROM quotations WHERE uid = ?", [uid])
    if found is None:
        return None
    q = quotations.get_quotation(db, found["id"])
    cur = q["currency"]
    lines = [f"- {li['qty'].normalize():f} × {li['description']} at {_money(cur, li['unit_price'])}"
             f" = {_money(cur, li['total'])}" for li in q["lines"]]
    terms = f" {q['incoterm']}" if q["incoterm"] else ""
    return "\n".join([f"Quotation {q['number']}{terms}, valid until {q['valid_until']}:", *lines,
                      f"Total: {_money(cur, q['total'])}",
                      "To accept, confirm this order in the shop; to decline, cancel it."])


def quotation_pdf(db, uid: str) -> tuple[bytes, str] | None:
    """The quotation as a PDF, in Spanish for a buyer in Peru, English otherwise."""
    import tempfile
    from pathlib import Path

    from smedesk.accounts.printing import write_quotation_pdf

    found = row(db, "SELECT q.id, q.number, p.country FROM quotations q JOIN parties p ON p.id = q.party_id"
                    " WHERE q.uid = ?", [uid])
    if found is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = write_quotation_pdf(db, found["id"], Path(folder) / "q.pdf",
                                   lang="es" if found["country"] == "PE" else "en")
        return path.read_bytes(), f"{found['number']}.pdf"


def progress_note(db, uid: str) -> tuple[str, str] | None:
    from smedesk.tracking import progress

    order = row(db, "SELECT number, state FROM orders WHERE uid = ?", [uid])
    if order is None:
        return None
    status = progress.order_status(db, order["number"])
    parts = [f"Order {order['number']}: {STATE_TEXT.get(order['state'], order['state'])}"]
    if order["state"] in ("released", "in_production"):
        parts.append(f"{status['percent']:.1f}% made")
        if status.get("forecast"):
            parts.append(f"expected ready {status['forecast']} (due {status['due']})")
    return "; ".join(parts) + ".", SHOP_STATUS.get(order["state"], "")


def build(db, item: dict, config: SyncConfig) -> OrderUpdate | None:
    """The message for an outbox row of kind order_update (None: nothing left to say)."""
    data = json.loads(item["payload"] or "{}")
    ref = str(data.get("order_ref") or "")
    if not ref:
        return None
    subject = data.get("subject")
    if subject == "quotation":
        note = quotation_note(db, data.get("quotation_uid", ""))
        if not note:
            return None
        pdf, name = quotation_pdf(db, data.get("quotation_uid", "")) or (None, "")
        return OrderUpdate(item["key"], ref, note, config.quoted_status, pdf, name)
    if subject == "progress":
        found = progress_note(db, data.get("order_uid", ""))
        return OrderUpdate(item["key"], ref, found[0], found[1]) if found else None
    return OrderUpdate(item["key"], ref, str(data.get("note", "")), str(data.get("status", "")))
