"""SUNAT from the cabina pública: the queue travels in the USB bundle.

At the workshop `pack` stores every queued document's signed zip (and builds
the resumen of the boletas), marks each in_flight (it may reach SUNAT from the
cabina) and returns what the bundle carries: names, zips, hashes, tickets and
the addresses, never the SOL user or its password. At the cabina `send` (no
business file) sends them with the owner's credentials — kept on the stick,
or typed and forgotten — and returns SUNAT's answers (CDRs, tickets, faults).
Back at the workshop `apply` checks each CDR against what was sent, exactly as
a direct run does, and settles it; reading the same answers twice changes
nothing twice.
"""

from __future__ import annotations

import base64
import time

from smedesk.core.db import row
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.einvoice import cdr as cdrs
from smedesk.einvoice import routing, sending, store
from smedesk.einvoice.client import CONSULT_FOUND, ConsultStatus, SunatFault, TicketStatus

MEMBER, ANSWERS = "sunat.json", "sunat-answers.json"


def _b64(data: bytes | None) -> str | None:
    return base64.b64encode(data).decode("ascii") if data else None


def _unb64(text) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        return None


def pack(db, part1, *, actor: Actor) -> dict:
    """What waits for SUNAT, ready to travel: {"items": [...], "endpoint", "consult_endpoint"}."""
    require(actor, "accounts.post")
    bills, days, _paper = routing.plan(db, sending.queued(db))
    subs = []
    for _item, doc in bills:
        try:
            subs.append(sending.bill_submission(db, part1, doc))
        except ValidationError:
            continue  # stays queued; the window and `sunat status` say why
    for day in sorted(days):
        try:
            routing.summary_for(db, part1, day, actor=actor)
        except ValidationError:
            continue
    subs += routing.open_summaries(db)
    items = []
    for sub in subs:
        if sub["state"] in store.FINAL:
            continue
        item = {"name": sub["name"], "kind": sub["kind"], "zip": _b64(sub["zip"]), "hash": sub["hash"],
                "ticket": sub["ticket"], "in_flight": sub["state"] == "in_flight"}
        if sub["kind"] == "bill":
            doc = store.document(db, sub["document_id"])
            item["consult"] = {"ruc": sub["name"].split("-")[0], "type": doc["doc_type"], "series": doc["series"],
                               "number": doc["number"]}
        if sub["state"] == "queued":
            store.mark(db, sub["id"], "in_flight")
        items.append(item)
    from smedesk.core import business
    from smedesk.einvoice import sol

    me = business.get(db)
    known = sol.load_for(me["uid"]) if items else None
    return {"items": items, "ruc": me["ruc"], "endpoint": known.endpoint if known else "",
            "consult_endpoint": known.consult_endpoint if known else ""}


def client_for(packed: dict, business_uid: str, *, user: str | None = None, password: str | None = None, **kw):
    """The SUNAT client at the cabina: the credentials typed now (never saved),
    or the ones kept on the stick for this business."""
    from smedesk.einvoice import sol

    ruc = str(packed.get("ruc") or "")
    if user:
        found = sol.check(user, password or "", ruc, packed.get("endpoint") or None,
                          packed.get("consult_endpoint") or None)
    else:
        found = sol.load_for(business_uid)
        if found is None:
            raise ValidationError(tr("There is no SOL user for SUNAT on this stick: type it with «--sunat-user USER "
                                     "--sunat-password-stdin» (it is not saved)."), field="user")
    return found.client(**kw)


def _bill(client, item: dict) -> dict:
    zip_bytes = _unb64(item.get("zip"))
    if not zip_bytes:
        raise ValidationError(tr("This bundle cannot be used: {reason}", reason=tr("the contents are not valid data")),
                              field="bundle")
    consult = item.get("consult") or {}

    def ask():
        found: ConsultStatus = client.get_status_cdr(consult["ruc"], consult["type"], consult["series"],
                                                     int(consult["number"]))
        return {"cdr": _b64(found.content)} if found.code in CONSULT_FOUND and found.content else None

    if item.get("in_flight") and client.consult is not None and consult:
        answer = ask()
        if answer:
            return answer
    try:
        return {"cdr": _b64(client.send_bill(f"{item['name']}.zip", zip_bytes))}
    except SunatFault as fault:
        if fault.kind == "duplicate" and client.consult is not None and consult:
            answer = ask()
            if answer:
                return answer
        raise


def _summary(client, item: dict, *, polls: int, sleep) -> dict:
    ticket = item.get("ticket")
    if not ticket:
        zip_bytes = _unb64(item.get("zip"))
        if not zip_bytes:
            raise ValidationError(tr("This bundle cannot be used: {reason}",
                                     reason=tr("the contents are not valid data")), field="bundle")
        ticket = client.send_summary(f"{item['name']}.zip", zip_bytes)
    answer = {"ticket": ticket}
    for attempt in range(polls):
        status = client.get_status(ticket)
        answer.update({"status": status.code, "cdr": _b64(status.content)})
        if status.code != "98":
            break
        if attempt < polls - 1:
            sleep(2.0)
    return answer


def send(pack_data: dict, client, *, previous: dict | None = None, progress=None, cancelled=None,
         sleep=time.sleep, polls: int = 3) -> dict:
    """At the cabina: send the packed items; returns {"results": {name: answer}, "stopped": reason}."""
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    items = pack_data.get("items") if isinstance(pack_data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("name"), str) for i in items):
        raise ValidationError(tr("This bundle cannot be used: {reason}", reason=tr("the contents are not valid data")),
                              field="bundle")
    results = dict((previous or {}).get("results") or {})
    stopped = ""
    progress(0, len(items))
    for done, item in enumerate(items, start=1):
        if cancelled():
            break
        before = results.get(item["name"]) or {}
        if before.get("cdr") and before.get("status", "0") != "98" or (before.get("fault") or {}).get(
                "kind") == "rejected":
            continue  # answered on an earlier visit
        try:
            if item.get("kind") == "bill":
                results[item["name"]] = _bill(client, item)
            else:
                results[item["name"]] = _summary(client, {**item, "ticket": before.get("ticket") or item.get("ticket")},
                                                 polls=polls, sleep=sleep)
        except SunatFault as fault:
            results[item["name"]] = {**before, "fault": {"code": fault.code, "kind": fault.kind,
                                                        "message": str(fault)}}
            if fault.kind == "credentials":
                stopped = str(fault)
                break
        progress(done, len(items))
    return {"results": results, "stopped": stopped}


def apply(db, part1, answers: dict, *, actor: Actor) -> list[sending.Line]:
    """At the workshop: settle what SUNAT answered at the cabina."""
    require(actor, "accounts.post")
    results = answers.get("results") if isinstance(answers, dict) else None
    if not isinstance(results, dict):
        raise ValidationError(tr("This bundle cannot be used: {reason}", reason=tr("the contents are not valid data")),
                              field="bundle")
    lines = []
    for name, answer in results.items():
        sub = row(db, "SELECT * FROM sunat_submissions WHERE name = ?", [name])
        if sub is None or not isinstance(answer, dict) or sub["state"] in store.FINAL:
            continue
        key = store.outbox_key(db, store.document(db, sub["document_id"])["uid"]) if sub["document_id"] else None
        try:
            if sub["kind"] == "bill" and answer.get("cdr"):
                lines.append(sending.apply_cdr(db, part1, sub, _unb64(answer["cdr"]) or b"", actor=actor))
            elif sub["kind"] != "bill" and answer.get("ticket"):
                sub = store.got_ticket(db, part1, sub["id"], str(answer["ticket"])[:40], actor=actor)
                if answer.get("status") in ("0", "99") and answer.get("cdr"):
                    status = TicketStatus(str(answer["status"]), _unb64(answer["cdr"]))
                    lines.append(sending.apply_ticket_status(db, part1, sub, status, actor=actor))
                else:
                    lines.append(sending.Line(name, "ticket", "98", tr("SUNAT is still processing it; it will be "
                                                                       "asked again.")))
            elif isinstance(answer.get("fault"), dict):
                fault = SunatFault(str(answer["fault"].get("message", ""))[:300],
                                   code=str(answer["fault"].get("code", ""))[:10],
                                   kind=str(answer["fault"].get("kind", "retry")))
                if fault.kind == "rejected" and sub["kind"] == "bill":
                    store.settle(db, part1, sub["id"], "rejected", code=fault.code, description=str(fault),
                                 actor=actor)
                    lines.append(sending.Line(name, "rejected", fault.code, str(fault)))
                elif fault.kind == "rejected":
                    lines.append(sending.summary_fault(db, part1, sub, fault, actor=actor))
                else:
                    sending.fail(db, key, str(fault))
                    lines.append(sending.Line(name, "pending", fault.code, str(fault)))
        except (cdrs.CdrProblem, SunatFault) as problem:
            sending.fail(db, key, str(problem))
            lines.append(sending.Line(name, "pending", getattr(problem, "code", ""), str(problem)))
    return lines
