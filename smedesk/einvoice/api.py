"""The stable API of part 1 for the sending side (part 2) and the window.

    signed_xml(db, document_id) -> (name, xml)
        name: SUNAT's file name without extension, e.g. 20123456789-01-F001-00000001;
        xml: the signed XML bytes kept in the business file (signed on first request
        when the document was issued before a certificate was loaded). Refuses (exit 1
        in the CLI) when there is no certificate, or for contingency/portal documents.
    build_summary(db, day, *, actor, voids=(), skip=()) -> (name, xml)
        The resumen diario (RC) of the boletas and their notas dated `day` not yet
        summarised (pending, condition 1; but not those in `skip`, on their way one
        by one with sendBill), and of the accepted ones of that day in
        `voids` (ids: condition 3, anulado, catálogo 19), signed and kept (table
        einvoice_batches); name like 20123456789-RC-20260320-1.
    build_voided(db, documents, reason, *, actor) -> (name, xml)
        The comunicación de baja (RA) of facturas and their notas (ids), signed and kept.
        Boletas are voided through a resumen line with condition 3, not here.
    set_state(db, document_id, state, *, code=None, description=None, actor)
        Move a document's state: pending, accepted, observed, rejected, voided,
        contingency, portal (catalogs.STATES); code/description: SUNAT's answer.
    state_of(db, document_id) -> dict | None   {state, hash, file_name, code, description}
"""

from __future__ import annotations

import datetime as dt

from smedesk.core import audit, clock
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require, require_view
from smedesk.einvoice import catalogs, certificate, checks, issue, signing, summaries

signed_xml = issue.signed_xml


def state_of(db, document_id: int) -> dict | None:
    return row(db, "SELECT state, hash, file_name, state_code AS code, state_description AS description"
                   " FROM einvoice_documents WHERE document_id = ?", [document_id])


def set_state(db, document_id: int, state: str, *, code: str | None = None, description: str | None = None,
              actor: Actor) -> dict:
    require(actor, "accounts.post")
    if state not in catalogs.STATES:
        raise ValidationError(tr("Unknown state «{state}».", state=state), field="state")
    now = clock.now_iso()
    with tx(db):
        old = state_of(db, document_id)
        if old is None:
            raise ValidationError(tr("Document {id} is not an electronic sales document.", id=document_id),
                                  field="document")
        db.execute("UPDATE einvoice_documents SET state = ?, state_code = ?, state_description = ?, state_at = ?"
                   " WHERE document_id = ?", [state, code, description, now, document_id])
        db.execute("INSERT INTO einvoice_events (document_id, at, state, code, description, user_name)"
                   " VALUES (?, ?, ?, ?, ?, ?)", [document_id, now, state, code, description, actor.name])
        audit.record(db, actor, "einvoice.state", "documents", document_id, old=old["state"], new=state, code=code)
    return state_of(db, document_id)


def _batch(db, kind: str, reference_date: str, build, items: list[tuple[int, str]], reason: str, actor) -> tuple:
    issuer = issue.issuer(db)
    today = clock.today_lima().isoformat()
    key, cert_pem = certificate.signer(db)
    with tx(db):
        seq = (scalar(db, "SELECT max(seq) FROM einvoice_batches WHERE kind = ? AND issue_date = ?",
                      [kind, today]) or 0) + 1
        batch_id = f"{kind}-{today.replace('-', '')}-{seq}"
        root = build(issuer, batch_id, reference_date, today)
        found = checks.xsd_problems(root)
        if found:
            raise ValidationError(tr("The electronic document failed its checks: {reason}", reason="; ".join(found)))
        signed = signing.sign(root, key, cert_pem)
        name = f"{issuer.ruc}-{batch_id}"
        cur = db.execute("INSERT INTO einvoice_batches (kind, name, reference_date, issue_date, seq, reason, hash, xml,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [kind, name, reference_date, today, seq, reason, signed.hash, signed.xml, clock.now_iso()])
        for doc_id, condition in items:
            db.execute("INSERT INTO einvoice_batch_items (batch_id, document_id, condition) VALUES (?, ?, ?)",
                       [cur.lastrowid, doc_id, condition])
        audit.record(db, actor, f"einvoice.{kind.lower()}", "einvoice_batches", cur.lastrowid, name=name,
                     documents=len(items))
    return name, signed.xml


def summary_lines(db, day: str, voids=(), skip=()) -> list[tuple[int, summaries.SummaryLine]]:
    """Boletas (and notas of boletas) of `day` still pending and in no resumen yet
    (condition 1), then those of `voids` (accepted boletas of `day`: condition 3)."""
    require_view(db, "accounts.view")
    found = rows(db, "SELECT d.*, e.operation FROM documents d JOIN einvoice_documents e ON e.document_id = d.id"
                     " WHERE d.kind = 'sale' AND d.date = ? AND e.state = 'pending' AND substr(d.series, 1, 1) = 'B'"
                     " AND NOT EXISTS (SELECT 1 FROM einvoice_batch_items i JOIN einvoice_batches b"
                     "  ON b.id = i.batch_id WHERE i.document_id = d.id AND b.kind = 'RC')"
                     " ORDER BY d.doc_type, d.series, d.number", [day])
    found = [d for d in found if d["id"] not in set(skip)]
    voided = []
    for doc_id in voids:
        d = row(db, "SELECT d.*, e.state FROM documents d JOIN einvoice_documents e ON e.document_id = d.id"
                    " WHERE d.id = ?", [doc_id])
        if d is None or d["series"][:1] != "B" or d["date"] != day or d["state"] not in ("accepted", "observed"):
            label = f"{d['series']}-{d['number']:08d}" if d else str(doc_id)
            raise ValidationError(tr("{doc} is not an accepted boleta of {day}: it cannot be voided in this resumen.",
                                     doc=label, day=day), field="documents")
        voided.append(d)
    out = []
    for d, condition in [(d, summaries.ADD) for d in found] + [(d, summaries.VOID) for d in voided]:
        c = issue.comprobante(db, d["id"])
        bases = {t: base for t, (base, _tax) in c.by_treatment().items()}
        ref_type = ref_id = ""
        if c.ref is not None:
            ref_type, ref_id = c.ref.doc_type, f"{c.ref.series}-{c.ref.number:08d}"
        customer_doc = "" if c.customer.doc_type == catalogs.DOC_NONE else c.customer.doc_number
        out.append((d["id"], summaries.SummaryLine(
            c.doc_type, c.document_id, c.customer.doc_type if customer_doc else "", customer_doc, condition,
            c.currency, c.total_cents, bases, c.tax_cents, ref_type, ref_id)))
    return out


def build_summary(db, day, *, actor: Actor, voids=(), skip=()) -> tuple[str, bytes]:
    require(actor, "accounts.post")
    day = day.isoformat() if isinstance(day, dt.date) else str(day)
    found = summary_lines(db, day, voids, skip)
    if not found:
        raise ValidationError(tr("There are no boletas of {day} waiting for a resumen.", day=day), field="day")
    return _batch(db, "RC", day, lambda i, b, r, t: summaries.build_summary(i, b, r, t, [s for _d, s in found]),
                  [(doc_id, s.condition) for doc_id, s in found], "", actor)


def build_voided(db, documents: list[int], reason: str, *, actor: Actor) -> tuple[str, bytes]:
    require(actor, "accounts.post")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(tr("Say why the documents are voided."), field="reason")
    if not documents:
        raise ValidationError(tr("Choose the documents to void."), field="documents")
    lines, dates = [], set()
    for doc_id in documents:
        d = row(db, "SELECT d.*, e.state FROM documents d JOIN einvoice_documents e ON e.document_id = d.id"
                    " WHERE d.id = ?", [doc_id])
        if d is None:
            raise ValidationError(tr("Document {id} is not an electronic sales document.", id=doc_id),
                                  field="documents")
        label = f"{d['series']}-{d['number']:08d}"
        if d["series"][0] != "F":
            raise ValidationError(tr("{doc} is a boleta (or its note): it is voided in the resumen diario.", doc=label),
                                  field="documents")
        if d["state"] in ("voided", "portal", "contingency", "rejected"):
            raise ValidationError(tr("{doc} cannot be voided (state: {state}).", doc=label,
                                     state=tr(catalogs.STATES[d["state"]])), field="documents")
        dates.add(d["date"])
        lines.append(summaries.VoidedLine(d["doc_type"], d["series"], d["number"], reason))
    if len(dates) != 1:
        raise ValidationError(tr("A comunicación de baja covers documents of one date."), field="documents")
    day = dates.pop()
    return _batch(db, "RA", day, lambda i, b, r, t: summaries.build_voided(i, b, r, t, lines),
                  [(doc_id, summaries.VOID) for doc_id in documents], reason, actor)


def batch(db, name: str) -> dict | None:
    return row(db, "SELECT * FROM einvoice_batches WHERE name = ?", [name])


def set_batch_state(db, name: str, state: str, *, ticket: str | None = None, code: str | None = None,
                    description: str | None = None, actor: Actor) -> None:
    """For part 2: a resumen's or baja's ticket and SUNAT's answer."""
    require(actor, "accounts.post")
    if state not in catalogs.STATES:
        raise ValidationError(tr("Unknown state «{state}».", state=state), field="state")
    with tx(db):
        db.execute("UPDATE einvoice_batches SET state = ?, ticket = COALESCE(?, ticket), state_code = ?,"
                   " state_description = ? WHERE name = ?", [state, ticket, code, description, name])
        audit.record(db, actor, "einvoice.batch_state", "einvoice_batches", name, state=state, code=code)
