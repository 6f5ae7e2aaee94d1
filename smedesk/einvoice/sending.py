"""Sending the queue to SUNAT: facturas and their notes one by one (sendBill),
boletas in the resumen diario and bajas in a comunicación (sendSummary, then
getStatus with the ticket).

Crash safety: the zip is stored before it leaves and a submission is marked
in_flight (committed) before each request. A run that finds a submission
in_flight does not know whether SUNAT registered it, so it asks first
(getStatusCdr) and sends only when SUNAT has nothing; a resend that SUNAT
answers with 1033 (already registered) fetches the CDR instead. Each answer is
written in one transaction (store.settle). Runs the same from the window (in a
worker thread with its own connection), the command line and the tests:
progress(done, total) and cancelled() are the whole protocol.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import Actor, require
from smedesk.einvoice import cdr as cdrs
from smedesk.einvoice import store
from smedesk.einvoice.client import CONSULT_FOUND, CONSULT_MISSING, SunatClient, SunatFault
from smedesk.einvoice.routing import is_boleta, open_summaries, plan, summary_for
from smedesk.sync import outbox

STATE_WORDS = {"accepted": N_("accepted"), "observed": N_("accepted with observations"), "rejected": N_("rejected"),
               "pending": N_("not sent yet"), "ticket": N_("sent, SUNAT is processing it")}


@dataclass(frozen=True)
class Line:
    """One document's result. Attributes: document (SERIES-NUMBER or summary name),
    state (accepted, observed, rejected, pending, ticket), code, message."""

    document: str
    state: str
    code: str = ""
    message: str = ""

    def text(self) -> str:
        words = tr(STATE_WORDS.get(self.state, self.state))
        code = f" ({self.code})" if self.code else ""
        return f"{self.document}: {words}{code}" + (f" — {self.message}" if self.message else "")


@dataclass
class SendResult:
    """Attributes: lines, left (documents still waiting), stopped (why the run
    stopped early, or ""), cancelled."""

    lines: list = field(default_factory=list)
    left: int = 0
    stopped: str = ""
    cancelled: bool = False

    @property
    def final(self) -> int:
        return sum(1 for li in self.lines if li.state in store.FINAL)


class _Stop(Exception):
    """Credentials refused: every other request would be refused too."""

    def __init__(self, message: str, line: Line | None = None):
        super().__init__(message)
        self.line = line


def queued(db) -> list[dict]:
    return rows(db, "SELECT * FROM outbox WHERE kind = 'sunat' AND state IN ('pending', 'failed') ORDER BY id")


def left(db) -> int:
    return len(queued(db))


def fail(db, key: str | None, reason: str, retryable: bool = True) -> None:
    if key:
        outbox.mark_failed(db, key, reason, retryable=retryable)


def apply_cdr(db, part1, sub: dict, data: bytes, *, actor) -> Line:
    """Read and check a CDR zip for `sub` and settle it (CdrProblem if not taken)."""
    cdr, _xml = cdrs.read_answer(data, sub["name"], sub["hash"])
    outcome = cdr.outcome
    if outcome == "retry":
        raise SunatFault(tr("SUNAT did not process it ({code}: {message}); it will be tried again.",
                            code=cdr.code, message=cdr.description[:200]), code=cdr.code)
    store.settle(db, part1, sub["id"], outcome, code=cdr.code, description=cdr.description, cdr=cdr, cdr_zip=data,
                 actor=actor)
    observations = "; ".join(f"{c} {t}".strip() for c, t in cdr.notes)
    return Line(_label(db, sub), outcome, cdr.code, cdr.description + (f" [{observations}]" if observations else ""))


def _label(db, sub: dict) -> str:
    if sub["document_id"]:
        return store.document(db, sub["document_id"])["label"]
    return sub["name"]


def _consult(db, client: SunatClient, part1, sub: dict, *, actor) -> Line | None:
    """Fetch the CDR of a document SUNAT may already hold; None when it holds nothing."""
    doc = store.document(db, sub["document_id"])
    ruc = sub["name"].split("-")[0]
    found = client.get_status_cdr(ruc, doc["doc_type"], doc["series"], doc["number"])
    if found.code == CONSULT_MISSING:
        return None
    if found.code in CONSULT_FOUND and found.content:
        return apply_cdr(db, part1, sub, found.content, actor=actor)
    raise SunatFault(tr("SUNAT's consult answered {code}: {message}", code=found.code, message=found.message[:200]),
                     code=found.code)


def bill_submission(db, part1, doc: dict) -> dict:
    sub = store.bill_submission(db, doc["id"])
    if sub is not None and sub["state"] != "rejected":
        return sub
    name, xml = part1.signed_xml(db, doc["id"])
    zip_name, data = cdrs.zip_document(name, xml)
    return store.submission(db, store.add_submission(db, "bill", name, data, cdrs.document_hash(xml),
                                                     document_id=doc["id"]))


def _send_bill(db, client, part1, item: dict, doc: dict, *, actor) -> Line:
    key = item["key"]
    try:
        sub = bill_submission(db, part1, doc)
    except ValidationError as exc:
        fail(db, key, str(exc))
        return Line(doc["label"], "pending", "", str(exc))
    if sub["state"] in store.FINAL:  # answered already (its outbox row was left open)
        outbox.mark_sent(db, key, remote_ref=sub["name"])
        return Line(doc["label"], sub["state"], sub["code"] or "", sub["description"] or "")
    try:
        if sub["state"] == "in_flight" and client.consult is not None and not is_boleta(doc):
            line = _consult(db, client, part1, sub, actor=actor)
            if line is not None:
                return line
        store.mark(db, sub["id"], "in_flight")
        try:
            answer = client.send_bill(f"{sub['name']}.zip", sub["zip"])
        except SunatFault as fault:
            if fault.kind != "duplicate":
                raise
            if is_boleta(doc):
                return _boleta_held(db, part1, sub, doc, fault, actor=actor)
            if client.consult is None:
                raise SunatFault(tr("SUNAT already holds {doc} ({code}) but no consult address is set to fetch its "
                                    "CDR: set it with «smedesk sunat credentials --consult-endpoint URL».",
                                    doc=doc["label"], code=fault.code), code=fault.code) from None
            line = _consult(db, client, part1, sub, actor=actor)
            if line is None:
                raise SunatFault(tr("SUNAT says {doc} was registered before but has no CDR for it yet; it will be "
                                    "asked again.", doc=doc["label"]), code=fault.code) from None
            return line
        return apply_cdr(db, part1, sub, answer, actor=actor)
    except SunatFault as fault:
        if fault.kind == "rejected":
            store.settle(db, part1, sub["id"], "rejected", code=fault.code, description=str(fault), actor=actor)
            return Line(doc["label"], "rejected", fault.code, str(fault))
        fail(db, key, str(fault), retryable=True)
        line = Line(doc["label"], "pending", fault.code, str(fault))
        if fault.kind == "credentials":
            raise _Stop(str(fault), line) from None
        return line
    except cdrs.CdrProblem as problem:
        fail(db, key, str(problem), retryable=True)
        return Line(doc["label"], "pending", "", str(problem))


def _boleta_held(db, part1, sub: dict, doc: dict, fault: SunatFault, *, actor) -> Line:
    """A boleta sent again after its answer was lost: SUNAT's consult service
    gives CDRs of facturas and their notes only, so its word is taken as it is:
    1033 registered before (accepted), 1032 registered as rejected or voided."""
    outcome = "accepted" if fault.code == "1033" else "rejected"
    description = tr("SUNAT already held {doc} ({code}: {message}); SUNAT gives the CDR of a boleta only once, so "
                     "none is kept.", doc=doc["label"], code=fault.code, message=str(fault)[:200])
    store.settle(db, part1, sub["id"], outcome, code=fault.code, description=description, actor=actor)
    return Line(doc["label"], outcome, fault.code, description)


def _send_summary(db, client, part1, sub: dict, *, actor) -> Line:
    """sendSummary (once: a submission that already has a ticket is only polled)."""
    if sub["state"] in ("queued", "in_flight"):
        store.mark(db, sub["id"], "in_flight")
        ticket = client.send_summary(f"{sub['name']}.zip", sub["zip"])
        sub = store.got_ticket(db, part1, sub["id"], ticket, actor=actor)
    return _poll(db, client, part1, sub, actor=actor)


def _poll(db, client, part1, sub: dict, *, actor) -> Line:
    return apply_ticket_status(db, part1, sub, client.get_status(sub["ticket"]), actor=actor)


def apply_ticket_status(db, part1, sub: dict, status, *, actor) -> Line:
    """Record a getStatus answer for a resumen or a baja (98: still in process)."""
    store.mark(db, sub["id"], "ticket", polls=sub["polls"] + 1)
    if status.code == "98":
        return Line(sub["name"], "ticket", "98", tr("SUNAT is still processing it; it will be asked again."))
    if status.code in ("0", "99") and status.content:
        cdr, _xml = cdrs.read_answer(status.content, sub["name"], sub["hash"])
        outcome = cdr.outcome
        if outcome == "rejected" and sub["kind"] == "summary":
            return _summary_refused(db, part1, sub, cdr.code, cdr.description, status.content, actor=actor)
        if outcome == "retry":
            raise SunatFault(tr("SUNAT did not process it ({code}: {message}); it will be tried again.",
                                code=cdr.code, message=cdr.description[:200]), code=cdr.code)
        # a line with condition 3 (anulado, catálogo 19) voids its document; a
        # refused comunicación de baja leaves the documents as they were (accepted)
        line_state = {li["document_id"]: ("accepted" if outcome == "rejected" else "voided")
                      if li["status"] == "3" else outcome for li in store.lines(db, sub["id"])}
        store.settle(db, part1, sub["id"], outcome, code=cdr.code, description=cdr.description, cdr=cdr,
                     cdr_zip=status.content, actor=actor, line_state=line_state)
        return Line(sub["name"], outcome, cdr.code, cdr.description)
    raise SunatFault(tr("SUNAT's answer for ticket {ticket} could not be read; it will be asked again.",
                        ticket=sub["ticket"]), kind="garbled")


def _summary_refused(db, part1, sub, code: str, description: str, content: bytes | None = None, *, actor) -> Line:
    store.refuse_summary(db, part1, sub, code, description, content, actor=actor, reason=tr(
        "SUNAT refused the summary {name} ({code}: {message}).", name=sub["name"], code=code,
        message=description[:200]))
    return Line(sub["name"], "rejected", code, description)


def summary_fault(db, part1, sub: dict, fault: SunatFault, *, actor) -> Line:
    """A resumen or baja SUNAT refused outright (2000–3999 as a fault)."""
    if sub["kind"] == "summary":
        return _summary_refused(db, part1, sub, fault.code, str(fault), actor=actor)
    store.settle(db, part1, sub["id"], "rejected", code=fault.code, description=str(fault), actor=actor,
                 line_state={li["document_id"]: "accepted" for li in store.lines(db, sub["id"])})
    return Line(sub["name"], "rejected", fault.code, str(fault))


def run(db, client: SunatClient, part1, *, actor: Actor, max_items: int | None = None, progress=None,
        cancelled=None, sleep=time.sleep, polls: int = 3, poll_wait: float = 2.0) -> SendResult:
    """Send what waits for SUNAT and read the answers; see the module docstring."""
    require(actor, "accounts.post")
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    result = SendResult()
    due = queued(db)
    if max_items is not None:
        due = due[:max_items]
    total, done = len(due) + len(open_summaries(db)), 0
    progress(0, total)
    bills, boleta_days, paper = plan(db, due)
    for _item, doc in paper:
        result.lines.append(Line(doc["label"], "pending", "", tr(
            "A contingency (paper) document is not sent by web service: write the resumen de contingencia "
            "(«smedesk sunat contingency --month {month}») and upload it in SUNAT Operaciones en Línea.",
            month=doc["date"][:7])))
        done += 1
    try:
        for item, doc in bills:
            if cancelled():
                result.cancelled = True
                break
            result.lines.append(_send_bill(db, client, part1, item, doc, actor=actor))
            done += 1
            progress(done, total)
        for day in sorted(boleta_days):
            if cancelled():
                result.cancelled = True
                break
            try:
                summary_for(db, part1, day, actor=actor)
            except ValidationError as exc:
                result.lines.append(Line(day, "pending", "", str(exc)))
        for sub in open_summaries(db):
            for attempt in range(polls):
                if cancelled():
                    result.cancelled = True
                    break
                try:
                    line = _send_summary(db, client, part1, store.submission(db, sub["id"]), actor=actor)
                except SunatFault as fault:
                    line = Line(sub["name"], "pending", fault.code, str(fault))
                    if fault.kind == "credentials":
                        raise _Stop(str(fault), line) from None
                    if fault.kind == "rejected":
                        line = summary_fault(db, part1, sub, fault, actor=actor)
                    result.lines.append(line)
                    break
                except cdrs.CdrProblem as problem:
                    result.lines.append(Line(sub["name"], "ticket", "", str(problem)))
                    break
                if line.state != "ticket" or attempt == polls - 1:
                    result.lines.append(line)
                    break
                sleep(poll_wait)
            done += 1
            progress(done, total)
    except _Stop as stop:
        result.stopped = str(stop)
        if stop.line is not None:
            result.lines.append(stop.line)
    result.left = left(db)
    progress(total, total)
    return result
