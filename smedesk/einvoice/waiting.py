"""What SUNAT holds of each sales document and what still waits to be sent,
with its deadline, for the command line, the window and the Panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smedesk.core import clock, dates
from smedesk.core.db import row, rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import require_view
from smedesk.einvoice import deadlines, store

STATE_NAMES = {"pending": N_("Waiting to be sent"), "accepted": N_("Accepted by SUNAT"),
               "observed": N_("Accepted with observations"), "rejected": N_("Rejected by SUNAT"),
               "voided": N_("Voided"), "contingency": N_("Contingency (paper)"), "portal": N_("Reported in SOL")}


def _row_dict(r: dict) -> dict:
    # a paper document waits until a resumen de contingencia reports it (its outbox row
    # closes then); its deadline is not the web services' one, so none is shown
    waiting = r["state"] == "pending" or bool(r["outbox_open"])
    return {
        "document": r["label"],
        "type": r["doc_type"],
        "state": r["state"],
        "code": r["code"] or "",
        "description": r["description"] or "",
        "observations": store.observations(r["observations"]),
        "deadline": deadlines.deadline(r["doc_type"], r["series"], r["date"]).isoformat()
        if waiting and r["state"] != "contingency" else None,
        "id": r["id"],
        "date": r["date"],
        "waiting": waiting,
        "error": r["last_error"] or "",
        "has_cdr": bool(r["has_cdr"]),
    }


_SQL = ("SELECT d.id, d.doc_type, d.series, d.number, d.date, printf('%s-%08d', d.series, d.number) AS label,"
        " e.state, e.state_code AS code, e.state_description AS description, s.observations,"
        " (SELECT o.last_error FROM outbox o WHERE o.kind = 'sunat' AND o.entity_uid = d.uid"
        "   AND o.state IN ('pending', 'failed')) AS last_error,"
        " EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'sunat' AND o.entity_uid = d.uid"
        "   AND o.state IN ('pending', 'failed')) AS outbox_open,"
        " EXISTS (SELECT 1 FROM sunat_submissions u WHERE u.cdr IS NOT NULL AND (u.document_id = d.id OR u.id IN"
        "   (SELECT submission_id FROM sunat_submission_lines WHERE document_id = d.id))) AS has_cdr"
        " FROM documents d JOIN sunat_status s ON s.document_id = d.id"
        " JOIN einvoice_documents e ON e.document_id = d.id WHERE d.kind = 'sale'")


def documents(db, *, waiting_only: bool = False, limit: int = 2000) -> list[dict]:
    """Per document: document, type, state, code, description, observations, deadline (+ id, date, waiting, error)."""
    require_view(db, "accounts.view")
    found = [_row_dict(r) for r in rows(db, _SQL + " ORDER BY d.date DESC, d.id DESC LIMIT ?", [limit])]
    return [f for f in found if f["waiting"]] if waiting_only else found


def by_document(db, document_id: int) -> dict | None:
    require_view(db, "accounts.view")
    found = row(db, _SQL + " AND d.id = ?", [document_id])
    return _row_dict(found) if found else None


def find(db, ref: str) -> dict:
    """A sales document by SERIES-NUMBER (F001-1 or F001-00000001), any type."""
    require_view(db, "accounts.view")
    series, _, number = (ref or "").strip().upper().rpartition("-")
    found = row(db, "SELECT * FROM documents WHERE kind = 'sale' AND series = ? AND number = ? ORDER BY id LIMIT 1",
                [series, int(number)]) if number.isdigit() else None
    if found is None:
        raise ValidationError(tr("There is no sales document {ref}.", ref=(ref or "").strip()[:30]), field="document")
    found["label"] = f"{found['series']}-{found['number']:08d}"
    return found


def cdr_zip(db, ref: str) -> tuple[str, bytes]:
    """(file name, bytes) of the CDR SUNAT gave for a document."""
    require_view(db, "accounts.view")
    doc = find(db, ref)
    sub = row(db, "SELECT * FROM sunat_submissions WHERE cdr IS NOT NULL AND (document_id = ? OR id IN"
                  " (SELECT submission_id FROM sunat_submission_lines WHERE document_id = ?))"
                  " ORDER BY answered_at DESC, id DESC LIMIT 1", [doc["id"], doc["id"]])
    if sub is None:
        raise ValidationError(tr("SUNAT has not answered for {doc} yet: there is no CDR.", doc=doc["label"]),
                              field="document")
    return f"R-{sub['name']}.zip", sub["cdr"]


@dataclass(frozen=True)
class Reminder:
    """A Panel line. Attributes: text, urgent (today or past: shown red), count, deadline."""

    text: str
    urgent: bool
    count: int
    deadline: dt.date


def _what(kind: str, count: int) -> str:
    if kind == "factura":
        return tr("factura") if count == 1 else tr("facturas")
    return tr("boleta") if count == 1 else tr("boletas")


def reminders(db, today: dt.date | None = None) -> list[Reminder]:
    """What must be sent and by when, most urgent first, in plain words."""
    today = today or clock.today_lima()
    groups: dict[tuple[str, str], list[dt.date]] = {}
    for d in documents(db, waiting_only=True):
        if d["state"] != "pending" or not d["deadline"]:
            continue
        due = dt.date.fromisoformat(d["deadline"])
        bucket = "past" if due < today else "today" if due == today else "tomorrow" if (
            due - today).days == 1 else "later"
        groups.setdefault((deadlines.kind_of(d["type"], d["document"]), bucket), []).append(due)
    out = []
    order = {"past": 0, "today": 1, "tomorrow": 2, "later": 3}
    for (kind, bucket), dues in sorted(groups.items(), key=lambda kv: (order[kv[0][1]], kv[0][0])):
        n, first = len(dues), min(dues)
        what = _what(kind, n)
        if bucket == "past":
            text = (tr("{count} {what} passed the deadline ({date}): SUNAT no longer takes it. Issue it again "
                       "dated today («Issue again» in Sales and purchases); the old one is reversed in the books.",
                       count=n, what=what, date=dates.show_date(first))
                    if n == 1 else
                    tr("{count} {what} passed the deadline (from {date}): SUNAT no longer takes them. Issue them "
                       "again dated today («Issue again» in Sales and purchases); the old ones are reversed in the "
                       "books.", count=n, what=what, date=dates.show_date(first)))
        elif bucket == "today":
            text = (tr("{count} {what} is due today: connect to the internet to send it.", count=n, what=what)
                    if n == 1 else
                    tr("{count} {what} are due today: connect to the internet to send them.", count=n, what=what))
        elif bucket == "tomorrow":
            text = (tr("{count} {what} is due tomorrow: connect to the internet to send it.", count=n, what=what)
                    if n == 1 else
                    tr("{count} {what} are due tomorrow: connect to the internet to send them.", count=n, what=what))
        else:
            text = (tr("{count} {what} to send by {date}.", count=n, what=what, date=dates.show_date(first)))
        out.append(Reminder(text, bucket in ("past", "today"), n, first))
    return out


def outbox_label(db, item: dict) -> str:
    """How a SUNAT outbox row reads in Sincronizar: the document and its deadline."""
    if str(item["entity_uid"]).startswith("RA:"):
        return tr("SUNAT: comunicación de baja {name}", name=item["entity_uid"][3:])
    doc = row(db, "SELECT doc_type, series, number, date FROM documents WHERE uid = ?", [item["entity_uid"]])
    if doc is None:
        return tr("SUNAT: document {id}", id=item["entity_uid"])
    label = f"{doc['series']}-{doc['number']:08d}"
    due = deadlines.deadline(doc["doc_type"], doc["series"], doc["date"])
    return tr("SUNAT: {doc} (send by {date})", doc=label, date=dates.show_date(due))
