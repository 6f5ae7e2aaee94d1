"""Undoing a comprobante with SUNAT, and issuing one again.

- A factura (or a note on one) that SUNAT accepted is voided with a
  comunicación de baja (RA), sent with sendSummary, up to the seventh
  calendar day after its issue date (deadlines.void_deadline).
- A boleta (or a note on one) is voided through the resumen diario: the next
  resumen carries it with condition 3 (anulado, catálogo 19), in the same period.
- After the period only a nota de crédito undoes it, and this says so.
- A document SUNAT rejected, or one that missed its deadline, is issued again
  under a new number with the same lines (`reissue`).
"""

from __future__ import annotations

from smedesk.accounts import documents as docs
from smedesk.core import audit, clock
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.einvoice import cdr as cdrs
from smedesk.einvoice import deadlines, store, waiting
from smedesk.einvoice import part1 as part1_module
from smedesk.sync import outbox

MAX_REASON = 100  # VoidReasonDescription, UBLPE-VoidedDocuments-1.0.xsd (an100 in SUNAT's guide)


def void(db, ref: str, reason: str, *, actor: Actor, part1) -> str:
    """Queue the voiding of an accepted document; returns a sentence for the owner."""
    require(actor, "accounts.post")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(tr("Say why the document is voided (SUNAT asks for the reason)."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(tr("The reason can have at most {n} characters.", n=MAX_REASON), field="reason")
    doc = waiting.find(db, ref)
    state = store.status(db, doc["id"])
    current = state["state"] if state else None
    if current == "voided" or (state and state["void_reason"]):
        raise ValidationError(tr("{doc} is already voided (or its voiding is on its way).", doc=doc["label"]),
                              field="document")
    if current == "rejected":
        raise ValidationError(tr("SUNAT rejected {doc}: it does not exist for SUNAT, so there is nothing to void.",
                                 doc=doc["label"]), field="document")
    if current not in ("accepted", "observed"):
        raise ValidationError(tr("{doc} has not reached SUNAT yet: send it first, then void it.", doc=doc["label"]),
                              field="document")
    last = deadlines.void_deadline(doc["date"])
    if clock.today_lima() > last:
        raise ValidationError(tr("The period to void {doc} ended on {date}: issue a credit note (nota de crédito) "
                                 "for it instead.", doc=doc["label"], date=last.isoformat()), field="document")
    with tx(db):
        db.execute("UPDATE sunat_status SET void_reason = ?, updated_at = ? WHERE document_id = ?",
                   [reason, clock.now_iso(), doc["id"]])
        if deadlines.kind_of(doc["doc_type"], doc["series"]) == "factura":
            name, xml = part1.build_voided(db, [doc["id"]], reason, actor=actor)
            _zip_name, data = cdrs.zip_document(name, xml)
            sub_id = store.add_submission(db, "voided", name, data, cdrs.document_hash(xml), lines=[(doc["id"], "3")],
                                          reason=reason)
            outbox.enqueue(db, "sunat", f"RA:{name}", {"submission": sub_id}, entity_id=sub_id)
            message = tr("{doc} will be voided with the comunicación de baja {name} when it is sent to SUNAT.",
                         doc=doc["label"], name=name)
        else:
            outbox.enqueue(db, "sunat", doc["uid"], {"void": True}, entity_id=doc["id"])
            message = tr("{doc} will be voided in the next resumen diario sent to SUNAT.", doc=doc["label"])
        audit.record(db, actor, "sunat.void", "documents", doc["id"], doc=doc["label"], reason=reason)
    return message


def reissue(db, ref: str, *, actor: Actor, part1=None) -> int:
    """Issue again, under the next number and dated today, a document SUNAT
    rejected or one that missed its deadline; returns the new document's id.
    The old one's entry is reversed (when SUNAT's rejection has not done it)."""
    require(actor, "accounts.post")
    doc = waiting.find(db, ref)
    state = store.status(db, doc["id"])
    late = state and state["state"] == "pending" and clock.today_lima() > deadlines.deadline(
        doc["doc_type"], doc["series"], doc["date"])
    if not state or not (state["state"] == "rejected" or late):
        raise ValidationError(tr("Only a document SUNAT rejected, or one past its deadline, is issued again."),
                              field="document")
    lines = rows(db, "SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no", [doc["id"]])
    with tx(db):
        new_id = docs.create_document(
            db, "sale", doc["doc_type"], doc["series"],
            [{"description": li["description"], "qty": li["qty"], "unit_price": li["unit_price"], "tax": li["tax"],
              "product_id": li["product_id"]} for li in lines],
            actor=actor, party_id=doc["party_id"], currency=doc["currency"], fx=doc["fx"],
            prices_include_igv=bool(doc["prices_include_igv"]), ref=doc["ref_document_id"],
            notes=tr("Issued again in place of {doc}.", doc=doc["label"]), order_id=doc["order_id"])
        new_label = "{}-{:08d}".format(doc["series"], row(db, "SELECT number FROM documents WHERE id = ?", [new_id])["number"])
        if late:
            description = tr("Not sent within SUNAT's deadline; issued again as {new}.", new=new_label)
            store.set_document(db, part1 or part1_module.current(), doc["id"], "rejected", description=description,
                               actor=actor)
            store.reverse_entry(db, {**doc}, "", description, actor=actor)
            key = store.outbox_key(db, doc["uid"])
            if key:
                db.execute("UPDATE outbox SET state = 'dropped', updated_at = ? WHERE key = ?", [clock.now_iso(), key])
        audit.record(db, actor, "sunat.reissue", "documents", doc["id"], doc=doc["label"], new=new_label)
    return new_id
