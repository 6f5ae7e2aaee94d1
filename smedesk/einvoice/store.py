"""Where sending keeps what it sent and what SUNAT answered: one row per file
sent (sunat_submissions, with the very zip), what sending alone knows of each
sales document (sunat_status: observations, the submission carrying it, a
voiding asked, the reversing entry) and the outbox row that keeps it queued.
The document's state, SUNAT's code and words are part 1's (einvoice_documents),
moved only through part1.set_state; a resumen's or a baja's state through
part1.set_batch_state (`batch_state`).

`settle` is the one place that writes an answer: the CDR, the document's
state, the batch's state, the outbox row and, for a rejection, the reversing
journal entry, all in one transaction; `refuse_summary` the one for a refused
resumen, `got_ticket` the one for a ticket."""

from __future__ import annotations

import json

from smedesk.accounts import journal
from smedesk.core import audit, clock
from smedesk.core.db import row, rows, tx
from smedesk.core.i18n import tr
from smedesk.core.roles import require_view
from smedesk.einvoice.cdr import Cdr
from smedesk.sync import outbox

FINAL = ("accepted", "observed", "rejected")


def document(db, document_id: int) -> dict | None:
    require_view(db, "accounts.view")
    doc = row(db, "SELECT d.*, printf('%s-%08d', d.series, d.number) AS label FROM documents d WHERE d.id = ?",
              [document_id])
    return doc


def submission(db, submission_id: int) -> dict | None:
    return row(db, "SELECT * FROM sunat_submissions WHERE id = ?", [submission_id])


def bill_submission(db, document_id: int) -> dict | None:
    return row(db, "SELECT * FROM sunat_submissions WHERE kind = 'bill' AND document_id = ? ORDER BY id DESC LIMIT 1",
               [document_id])


def status(db, document_id: int) -> dict | None:
    """sunat_status with part 1's state, code and description."""
    return row(db, "SELECT s.*, e.state, e.state_code AS code, e.state_description AS description"
                   " FROM sunat_status s LEFT JOIN einvoice_documents e ON e.document_id = s.document_id"
                   " WHERE s.document_id = ?", [document_id])


def add_submission(db, kind: str, name: str, zip_bytes: bytes, digest: str, *, document_id: int | None = None,
                   lines: list[tuple[int, str]] = (), reason: str = "") -> int:
    now = clock.now_iso()
    with tx(db):
        sub_id = db.execute(
            "INSERT INTO sunat_submissions (kind, document_id, name, zip, hash, reason, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [kind, document_id, name, zip_bytes, digest, reason, now, now]).lastrowid
        for doc_id, condition in lines:
            db.execute("INSERT INTO sunat_submission_lines (submission_id, document_id, status) VALUES (?, ?, ?)",
                       [sub_id, doc_id, condition])
            db.execute("UPDATE sunat_status SET submission_id = ?, updated_at = ? WHERE document_id = ?",
                       [sub_id, now, doc_id])
        if document_id is not None:
            db.execute("UPDATE sunat_status SET submission_id = ?, updated_at = ? WHERE document_id = ?",
                       [sub_id, now, document_id])
    return sub_id


def mark(db, submission_id: int, state: str, **fields) -> None:
    """Move a submission on (in_flight before a request leaves; ticket once SUNAT gave one)."""
    sets = ", ".join(f"{k} = ?" for k in fields)
    with tx(db):
        db.execute(f"UPDATE sunat_submissions SET state = ?, updated_at = ?{', ' + sets if sets else ''} WHERE id = ?",
                   [state, clock.now_iso(), *fields.values(), submission_id])


def lines(db, submission_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM sunat_submission_lines WHERE submission_id = ? ORDER BY document_id",
                [submission_id])


def outbox_key(db, entity_uid: str) -> str | None:
    found = row(db, "SELECT key FROM outbox WHERE kind = 'sunat' AND entity_uid = ? AND state IN ('pending', 'failed')",
                [entity_uid])
    return found["key"] if found else None


def set_document(db, part1, document_id: int, state: str, *, code=None, description=None, observations="[]",
                 actor) -> None:
    now = clock.now_iso()
    db.execute("INSERT INTO sunat_status (document_id, observations, updated_at) VALUES (?, ?, ?)"
               " ON CONFLICT(document_id) DO UPDATE SET observations = excluded.observations,"
               " updated_at = excluded.updated_at", [document_id, observations, now])
    part1.set_state(db, document_id, state, code=code, description=description, actor=actor)


# a submission's state → its batch's state in part 1 (catalogs.STATES)
BATCH_STATE = {"ticket": "pending", "accepted": "accepted", "observed": "observed", "rejected": "rejected"}


def batch_state(db, part1, sub: dict, state: str, *, ticket=None, code=None, description=None, actor) -> None:
    """A resumen's or a baja's state, ticket and SUNAT's answer, kept by part 1."""
    if sub["kind"] in ("summary", "voided"):
        part1.set_batch_state(db, sub["name"], BATCH_STATE[state], ticket=ticket, code=code,
                              description=description, actor=actor)


def got_ticket(db, part1, submission_id: int, ticket: str, *, actor) -> dict:
    """SUNAT took a resumen or a baja and gave this ticket to ask for its answer."""
    with tx(db):
        mark(db, submission_id, "ticket", ticket=ticket)
        sub = submission(db, submission_id)
        batch_state(db, part1, sub, "ticket", ticket=ticket, actor=actor)
    return sub


def refuse_summary(db, part1, sub: dict, code: str, description: str, content: bytes | None, *, reason: str,
                   actor) -> None:
    """A refused resumen informs nothing: its documents keep their state, with
    SUNAT's words, and wait until the owner looks (their outbox rows are marked
    failed, not retried blindly)."""
    with tx(db):
        db.execute("UPDATE sunat_submissions SET state = 'rejected', code = ?, description = ?, cdr = ?,"
                   " answered_at = updated_at WHERE id = ?", [code, description, content, sub["id"]])
        batch_state(db, part1, sub, "rejected", code=code, description=description, actor=actor)
        for li in lines(db, sub["id"]):
            current = status(db, li["document_id"])
            db.execute("UPDATE sunat_status SET submission_id = NULL WHERE document_id = ?", [li["document_id"]])
            part1.set_state(db, li["document_id"], current["state"], code=code, description=description, actor=actor)
            key = outbox_key(db, document(db, li["document_id"])["uid"])
            if key:
                outbox.mark_failed(db, key, reason, retryable=False)


def reverse_entry(db, doc: dict, code: str, description: str, *, actor, voided: bool = False) -> int | None:
    """A rejected document does not exist for SUNAT, a voided one no longer
    counts: its journal entry is reversed, with SUNAT's words in the memo."""
    if not doc.get("entry_id"):
        return None
    if row(db, "SELECT id FROM journal_entries WHERE reverses_id = ?", [doc["entry_id"]]):
        return None
    if voided:
        memo = tr("{doc} voided with SUNAT ({code}: {description}).", doc=doc["label"], code=code,
                  description=description[:200])
    else:
        memo = tr("SUNAT rejected {doc} ({code}: {description}); it does not count, issue it again under a new "
                  "number.", doc=doc["label"], code=code, description=description[:200])
    entry_id = journal.reverse(db, doc["entry_id"], actor=actor, memo=memo)
    db.execute("UPDATE sunat_status SET reversal_entry_id = ? WHERE document_id = ?", [entry_id, doc["id"]])
    return entry_id


def settle(db, part1, submission_id: int, outcome: str, *, code: str, description: str, cdr: Cdr | None = None,
           cdr_zip: bytes | None = None, actor, documents: list[int] | None = None,
           line_state: dict | None = None) -> None:
    """Record SUNAT's final answer for a submission and every document it carries."""
    sub = submission(db, submission_id)
    observations = cdr.observations_json() if cdr is not None else "[]"
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE sunat_submissions SET state = ?, code = ?, description = ?, observations = ?, cdr = ?,"
                   " answered_at = ?, updated_at = ? WHERE id = ?",
                   [outcome, code, description, observations, cdr_zip, now, now, submission_id])
        batch_state(db, part1, sub, outcome, code=code, description=description, actor=actor)
        targets = documents if documents is not None else (
            [sub["document_id"]] if sub["document_id"] else [li["document_id"] for li in lines(db, submission_id)])
        for doc_id in targets:
            doc = document(db, doc_id)
            state = (line_state or {}).get(doc_id, outcome)
            set_document(db, part1, doc_id, state, code=code, description=description, observations=observations,
                         actor=actor)
            if state in ("rejected", "voided"):
                reverse_entry(db, doc, code, description, actor=actor, voided=state == "voided")
            key = outbox_key(db, doc["uid"])
            if key:
                outbox.mark_sent(db, key, remote_ref=sub["name"])
        if sub["kind"] == "voided":
            key = outbox_key(db, f"RA:{sub['name']}")
            if key:
                outbox.mark_sent(db, key, remote_ref=sub["name"])
        audit.record(db, actor, "sunat.answer", "sunat_submissions", submission_id, name=sub["name"], code=code,
                     state=outcome)


def observations(text: str | None) -> list[dict]:
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return []
    return found if isinstance(found, list) else []
