"""The inbox: what came from outside, kept as received and applied once.

An item's key (source, remote id and modification time) is unique, so the
same order delivered twice is stored once; applying marks it, so it is
never applied twice. An item whose handler is missing in this build (say,
quotations) waits, visible on the Sincronizar page, and is applied later.
"""

from __future__ import annotations

import importlib
import json

from smedesk.core import audit, clock
from smedesk.core.changes import Changes
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require

# kind -> "module:function" taking (db, payload, actor) and returning a reference.
HANDLERS = {
    "rfq": "smedesk.sync.requests_in:apply_request",
    "order": "smedesk.sync.requests_in:apply_order",
}
# kind -> what applying it changes (smedesk.core.changes kinds), for the window's broadcast
CHANGES = {"rfq": ("quotations", "parties"), "order": ("orders", "quotations", "parties")}


def receive(db, source: str, key: str, kind: str, remote_ref: str, payload: dict) -> bool:
    """Store an incoming item unless it was already received; True when new."""
    with tx(db):
        cur = db.execute(
            "INSERT OR IGNORE INTO inbox (source, key, kind, remote_ref, payload, received_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [source, key, kind, remote_ref, json.dumps(payload, ensure_ascii=False, sort_keys=True),
             clock.now_iso()],
        )
        return cur.rowcount == 1


def get_cursor(db, name: str) -> str | None:
    return scalar(db, "SELECT value FROM sync_cursors WHERE name = ?", [name])


def set_cursor(db, name: str, value: str | None) -> None:
    if not value:
        return
    with tx(db):
        db.execute("INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?)"
                   " ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                   [name, value, clock.now_iso()])


def receive_orders(db, source: str, orders: list, cursor: str | None) -> int:
    """Store fetched orders and move the cursor, all or nothing; returns how many were new."""
    new = 0
    with tx(db):
        for order in orders:
            data = order.as_dict() if hasattr(order, "as_dict") else order
            key = f"{source}:order:{data['ref']}:{data['modified']}"
            new += receive(db, source, key, data["kind"], data["ref"], data)
        set_cursor(db, f"{source}.orders", cursor)
    return new


def items(db, state: str | None = None, limit: int = 300) -> list[dict]:
    where, params = ("WHERE state = ?", [state]) if state else ("", [])
    found = rows(db, f"SELECT * FROM inbox {where} ORDER BY id DESC LIMIT ?", [*params, limit])
    for item in found:
        item["data"] = json.loads(item["payload"])
    return found


def counts(db) -> dict[str, int]:
    found = {r["state"]: r["n"] for r in rows(db, "SELECT state, count(*) AS n FROM inbox GROUP BY state")}
    return {s: found.get(s, 0) for s in ("new", "applied", "waiting", "failed")}


def _handler(kind: str):
    target = HANDLERS.get(kind)
    if not target:
        return None
    module_name, func = target.split(":")
    try:
        return getattr(importlib.import_module(module_name), func)
    except (ModuleNotFoundError, AttributeError):
        return None


def apply_pending(db, *, actor: Actor, applied_kinds: set | None = None) -> dict[str, int]:
    """Apply every new or waiting item once, each in its own transaction.
    `applied_kinds`, when given, receives the kind of each item applied."""
    require(actor, "sync")
    done = {"applied": 0, "waiting": 0, "failed": 0}
    for item in rows(db, "SELECT id, kind FROM inbox WHERE state IN ('new', 'waiting') ORDER BY id"):
        outcome = apply_one(db, item["id"], actor=actor)
        done[outcome] += 1
        if outcome == "applied" and applied_kinds is not None:
            applied_kinds.add(item["kind"])
    return done


def changes_of(kinds) -> Changes:
    """What applying items of these kinds changed (the inbox itself always)."""
    return Changes("sync", *(k for kind in kinds for k in CHANGES.get(kind, ())))


def apply_one(db, item_id: int, *, actor: Actor) -> str:
    item = row(db, "SELECT * FROM inbox WHERE id = ?", [item_id])
    if item is None or item["state"] == "applied":
        return "applied"
    handler = _handler(item["kind"])
    state, error, ref = "applied", None, None
    if handler is None:
        with tx(db):
            db.execute("UPDATE inbox SET state = 'failed', error = ? WHERE id = ?",
                       [tr("Unknown kind of item «{kind}».", kind=item["kind"]), item_id])
        return "failed"
    try:
        with tx(db):
            ref = handler(db, json.loads(item["payload"]), actor)
            if ref is None:
                state, error = "waiting", tr("Waiting: this part of smedesk is not available yet.")
            db.execute("UPDATE inbox SET state = ?, error = ?, applied_at = ?, result_ref = ? WHERE id = ?",
                       [state, error, clock.now_iso() if state == "applied" else None,
                        None if ref is None else str(ref), item_id])
            if state == "applied":
                audit.record(db, actor, "sync.inbox.apply", "inbox", item_id, kind=item["kind"], ref=ref)
    except SmedeskError as exc:
        state, error = "failed", str(exc)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
        state, error = "failed", tr("This item from the shop is not valid data; nothing was changed.")
    if state == "failed":
        with tx(db):
            db.execute("UPDATE inbox SET state = 'failed', error = ? WHERE id = ?", [error, item_id])
    return state
