"""Which way each queued sales document goes to SUNAT, and the resumen
diario that carries boletas.

- Facturas and their notes (series F…): sendBill, one by one.
- Boletas and their notes (series B…): in the resumen diario of their issue
  date (sendSummary + ticket), or one by one with sendBill when the setting
  `sunat.boletas` is `bill`. The default is the resumen: all boletas of a day
  cost two requests (sendSummary, getStatus) instead of one each, which
  matters at a cabina pública on a slow line; SUNAT's rules and the 7-day
  deadline are the same either way. One by one gives each boleta its own CDR
  at once (for a buyer who needs it confirmed).
- Voiding an accepted boleta always goes in a resumen (condition 3).
- Paper contingency documents (numeric series) are not sent by web service:
  SUNAT takes them in the resumen de comprobantes emitidos en contingencia
  (`contingency.py`), uploaded in SUNAT Operaciones en Línea.
"""

from __future__ import annotations

from lxml import etree

from smedesk.core import settings
from smedesk.core.db import rows
from smedesk.einvoice import cdr as cdrs
from smedesk.einvoice import store
from smedesk.sync import outbox

settings.define("sunat.boletas", "summary", "choice:summary,bill",
                "How boletas reach SUNAT: summary (in the resumen diario) or bill (one by one)")

SUMMARY_NS = "urn:sunat:names:specification:ubl:peru:schema:xsd:SunatAggregateComponents-1"
OPEN_BATCH = ("queued", "in_flight", "ticket")


def is_contingency(doc: dict) -> bool:
    return doc["series"][:1].isdigit()


def is_boleta(doc: dict) -> bool:
    return doc["series"][:1] == "B"


def plan(db, due: list[dict]) -> tuple[list[tuple[dict, dict]], set[str], list[tuple[dict, dict]]]:
    """Split queued outbox rows: (documents to send one by one, issue dates that
    need a resumen, paper contingency documents). Rows already answered are
    closed; a baja's row is sent with the summaries."""
    one_by_one = settings.get(db, "sunat.boletas") == "bill"
    bills, days, paper = [], set(), []
    for item in due:
        if item["entity_uid"].startswith("RA:"):
            continue
        doc = store.document(db, item["entity_id"])
        state = store.status(db, doc["id"])
        voiding = bool(state and state["void_reason"] and state["state"] in ("accepted", "observed"))
        if state and state["state"] in ("accepted", "observed", "rejected", "voided") and not voiding:
            outbox.mark_sent(db, item["key"])
            continue
        if is_contingency(doc):
            paper.append((item, doc))
        elif doc["series"][:1] == "F":
            bills.append((item, doc))
        elif is_boleta(doc):
            held = state and state["submission_id"] and store.submission(db, state["submission_id"])
            if held and held["kind"] == "summary" and held["state"] in OPEN_BATCH:
                continue
            if one_by_one and not voiding and not (held and held["kind"] == "summary"):
                bills.append((item, doc))
            else:
                days.add(doc["date"])
    return bills, days, paper


def summary_lines(xml: bytes) -> list[tuple[str, str, str]]:
    """(type, SERIES-NUMBER, condition) of each line of a resumen diario (RC)."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for line in root.iter(f"{{{SUMMARY_NS}}}SummaryDocumentsLine"):
        doc_type = line.findtext(f"{{{cdrs.CBC}}}DocumentTypeCode") or ""
        ref = line.findtext(f"{{{cdrs.CBC}}}ID") or ""
        condition = line.findtext(f"{{{cdrs.CAC}}}Status/{{{cdrs.CBC}}}ConditionCode") or "1"
        found.append((doc_type.strip(), ref.strip(), condition.strip()))
    return found


def voids_for(db, day: str) -> list[int]:
    """Accepted boletas (and their notas) of `day` whose voiding was asked
    (bajas.void) and that no resumen carries with condition 3 yet."""
    found = rows(db, "SELECT d.id FROM documents d JOIN sunat_status s ON s.document_id = d.id"
                     " JOIN einvoice_documents e ON e.document_id = d.id"
                     " WHERE d.kind = 'sale' AND d.date = ? AND substr(d.series, 1, 1) = 'B'"
                     " AND e.state IN ('accepted', 'observed') AND s.void_reason IS NOT NULL"
                     " AND NOT EXISTS (SELECT 1 FROM sunat_submission_lines l JOIN sunat_submissions u"
                     "  ON u.id = l.submission_id WHERE l.document_id = d.id AND l.status = '3'"
                     "  AND u.state IN ('queued', 'in_flight', 'ticket', 'accepted', 'observed'))"
                     " ORDER BY d.id", [day])
    return [r["id"] for r in found]


def on_their_own(db, day: str) -> list[int]:
    """Boletas of `day` already on their way one by one (a sendBill submission):
    a resumen must not inform them again (SUNAT: 2282)."""
    found = rows(db, "SELECT DISTINCT d.id FROM documents d JOIN sunat_submissions u ON u.document_id = d.id"
                     " WHERE d.kind = 'sale' AND d.date = ? AND u.kind = 'bill' AND u.state != 'rejected'", [day])
    return [r["id"] for r in found]


def summary_for(db, part1, day: str, *, actor) -> dict | None:
    """Build, sign, keep and queue the resumen of `day` (new boletas, voidings)."""
    name, xml = part1.build_summary(db, day, actor=actor, voids=voids_for(db, day), skip=on_their_own(db, day))
    _zip_name, data = cdrs.zip_document(name, xml)
    picked = []
    for doc_type, ref, condition in summary_lines(xml):
        series, _, number = ref.rpartition("-")
        found = rows(db, "SELECT id FROM documents WHERE kind = 'sale' AND doc_type = ? AND series = ? AND number = ?",
                     [doc_type, series, int(number) if number.isdigit() else -1])
        if found:
            picked.append((found[0]["id"], condition))
    if not picked:
        return None
    return store.submission(db, store.add_submission(db, "summary", name, data, cdrs.document_hash(xml),
                                                     lines=picked))


def open_summaries(db) -> list[dict]:
    return rows(db, "SELECT * FROM sunat_submissions WHERE kind IN ('summary', 'voided')"
                    " AND state IN ('queued', 'in_flight', 'ticket') ORDER BY id")
