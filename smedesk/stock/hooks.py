"""What stock does when other areas write (called by smedesk.core.hooks,
inside their transaction: a refusal here undoes their write too)."""

from __future__ import annotations

from decimal import Decimal

from smedesk.core.db import row, rows
from smedesk.core.errors import NeedsConfirmation
from smedesk.core.i18n import tr
from smedesk.stock import consumption, moves, needs


def order_released(db, *, order_id: int, actor, accept_short: bool = False) -> None:
    """Refuse once when the order's materials are short (unless the owner
    already said to go ahead); then take them out of stock or promise them."""
    if not accept_short:
        short = needs.release_shortages(db, order_id)
        if short:
            number = short[0].order
            raise NeedsConfirmation(
                tr("Materials are short for {order}. Release it anyway? (the shortage stays listed)", order=number),
                [s.message for s in short], field="accept_short")
    consumption.settle_order(db, order_id, actor=actor)


def order_state_changed(db, *, order_id: int, old: str, new: str, actor) -> None:
    if new != old:
        consumption.settle_order(db, order_id, actor=actor)


def scan_changed(db, *, job_id: int, step_seq: int, unit_id: int, counted: bool, actor) -> None:
    consumption.settle_after_scan(db, job_id, step_seq, unit_id, counted=counted, actor=actor)


def document_created(db, *, document_id: int, actor) -> None:
    """A purchase line naming a material brings it in at its exact cost in
    soles (net of IGV, at the document's rate); a purchase credit note sends
    it back at the average cost. Quantities are in the material's unit."""
    doc = row(db, "SELECT id, kind, doc_type, date, fx, series, number FROM documents WHERE id = ?", [document_id])
    if doc is None or doc["kind"] != "purchase" or doc["doc_type"] not in ("01", "03", "07"):
        return
    lines = rows(db, "SELECT l.id, l.qty, l.base_cents, l.material_id FROM document_lines l"
                     " WHERE l.document_id = ? AND l.material_id IS NOT NULL ORDER BY l.line_no", [document_id])
    label = f"{doc['series']}-{doc['number']:08d}"
    for line in lines:
        material = row(db, "SELECT * FROM materials WHERE id = ?", [line["material_id"]])
        if material is None:
            continue
        qty = Decimal(line["qty"])
        if doc["doc_type"] == "07":
            moves.insert(db, reason="return", qty=-qty, day=doc["date"], actor=actor, material=material,
                         document_line_id=line["id"], note=label)
        else:
            value = Decimal(line["base_cents"]) / 100 * Decimal(doc["fx"])
            moves.insert(db, reason="purchase", qty=qty, day=doc["date"], actor=actor, material=material,
                         value=value, document_line_id=line["id"], note=label)
