"""The outbox: changes meant for the outside, waiting for a connection.

Catalogue changes arrive through triggers (see migrations.py); other areas'
messages for a buyer go through `enqueue`, called inside their transaction.
Each open row carries an idempotency key that changes only when its content
changes, so a retry of the same content is recognisable by the other side.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from smedesk.core import audit, clock
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.roles import Actor, require

STATES = ("pending", "sent", "failed", "dropped")
STATE_NAMES = {"pending": N_("Pending"), "sent": N_("Sent"), "failed": N_("Failed"),
               "dropped": N_("Dropped")}
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600
MAX_ATTEMPTS = 8


def _key(kind: str, uid: str) -> str:
    return f"{kind}:{uid}:{secrets.token_hex(8)}"


def enqueue(db, kind: str, entity_uid: str, payload: dict, *, entity_id: int | None = None) -> int:
    """Queue a message (or replace the content of the one still waiting for the
    same entity). Call inside the transaction that makes the change."""
    now = clock.now_iso()
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    with tx(db):
        found = row(db, "SELECT id FROM outbox WHERE kind = ? AND entity_uid = ? AND state IN ('pending', 'failed')",
                    [kind, entity_uid])
        if found:
            db.execute(
                "UPDATE outbox SET payload = ?, version = version + 1, key = ?, state = 'pending', attempts = 0,"
                " next_try_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?",
                [body, _key(kind, entity_uid), now, found["id"]],
            )
            return found["id"]
        return db.execute(
            "INSERT INTO outbox (kind, entity_uid, entity_id, key, payload, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [kind, entity_uid, entity_id, _key(kind, entity_uid), body, now, now],
        ).lastrowid


def counts(db) -> dict[str, int]:
    """{"pending": n, "sent": n, "failed": n} (dropped rows are not counted)."""
    found = {r["state"]: r["n"] for r in rows(db, "SELECT state, count(*) AS n FROM outbox GROUP BY state")}
    return {state: found.get(state, 0) for state in ("pending", "sent", "failed")}


def items(db, state: str | None = None, limit: int = 500) -> list[dict]:
    """Outbox rows for display, newest first, with what they are about."""
    if state == "open":
        where, params = "WHERE o.state IN ('pending', 'failed')", []
    elif state:
        where, params = "WHERE o.state = ?", [state]
    else:
        where, params = "WHERE o.state != 'dropped'", []
    return rows(
        db,
        "SELECT o.id, o.kind, o.entity_uid, o.key, o.version, o.state, o.attempts, o.next_try_at,"
        " o.last_error, o.created_at, o.updated_at, o.sent_at, o.payload,"
        " p.sku AS sku, p.name AS name"
        " FROM outbox o LEFT JOIN products p ON o.kind = 'product' AND p.uid = o.entity_uid"
        f" {where} ORDER BY o.updated_at DESC, o.id DESC LIMIT ?",
        [*params, limit],
    )


def due(db, now: str | None = None, *, ignore_backoff: bool = False, limit: int | None = None) -> list[dict]:
    """Pending rows whose wait after a failure is over, oldest first."""
    now = now or clock.now_iso()
    sql = "SELECT * FROM outbox WHERE state = 'pending'"
    params: list = []
    if not ignore_backoff:
        sql += " AND (next_try_at IS NULL OR next_try_at <= ?)"
        params.append(now)
    sql += " ORDER BY id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return rows(db, sql, params)


def backoff_seconds(attempts: int) -> int:
    """30 s, 60 s, 120 s … doubling after each failed attempt, at most 6 hours."""
    return min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS)


def mark_sent(db, key: str, *, remote_ref: str | None = None) -> bool:
    """Mark the row with this key sent. A row that changed while it was on its
    way has a new key, so it stays pending with its new content: no change is lost."""
    now = clock.now_iso()
    with tx(db):
        cur = db.execute(
            "UPDATE outbox SET state = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, next_try_at = NULL,"
            " remote_ref = coalesce(?, remote_ref) WHERE key = ? AND state IN ('pending', 'failed')",
            [now, now, remote_ref, key],
        )
        return cur.rowcount == 1


def mark_waiting(db, key: str, reason: str) -> None:
    """Nothing is wrong with the item, the shop cannot be reached as things are
    (an untrusted certificate, another currency): it stays pending with the
    reason shown, and no failed attempt is counted."""
    with tx(db):
        db.execute("UPDATE outbox SET last_error = ?, updated_at = ? WHERE key = ? AND state = 'pending'",
                   [reason[:500], clock.now_iso(), key])


def mark_failed(db, key: str, reason: str, *, retryable: bool = True, wait_at_least: float | None = None) -> str:
    """Count a failed attempt: wait longer before the next (exponential backoff,
    or the shop's Retry-After when longer), or give up after MAX_ATTEMPTS or when
    retrying cannot help. Returns the row's state."""
    with tx(db):
        found = row(db, "SELECT id, attempts, state FROM outbox WHERE key = ?", [key])
        if found is None or found["state"] != "pending":
            return found["state"] if found else "pending"
        attempts = found["attempts"] + 1
        state = "pending" if retryable and attempts < MAX_ATTEMPTS else "failed"
        wait = clock.now() + dt.timedelta(seconds=max(backoff_seconds(attempts), wait_at_least or 0))
        db.execute(
            "UPDATE outbox SET attempts = ?, state = ?, last_error = ?, next_try_at = ?, updated_at = ? WHERE id = ?",
            [attempts, state, reason[:500], clock.iso(wait), clock.now_iso(), found["id"]],
        )
        return state


def retry(db, item_id: int, *, actor: Actor) -> None:
    """Put a failed (or waiting) row back to be sent at the next sync."""
    require(actor, "sync")
    with tx(db):
        state = scalar(db, "SELECT state FROM outbox WHERE id = ?", [item_id])
        if state not in ("failed", "pending"):
            raise ValidationError(tr("Only a pending or failed item can be retried."), field="item")
        db.execute("UPDATE outbox SET state = 'pending', attempts = 0, next_try_at = NULL, updated_at = ?"
                   " WHERE id = ?", [clock.now_iso(), item_id])
        audit.record(db, actor, "sync.retry", "outbox", item_id)


def drop(db, item_id: int, *, actor: Actor) -> None:
    """Give up on a pending or failed row; it is kept, marked dropped, and never sent."""
    require(actor, "sync")
    with tx(db):
        state = scalar(db, "SELECT state FROM outbox WHERE id = ?", [item_id])
        if state not in ("failed", "pending"):
            raise ValidationError(tr("Only a pending or failed item can be dropped."), field="item")
        db.execute("UPDATE outbox SET state = 'dropped', updated_at = ? WHERE id = ?", [clock.now_iso(), item_id])
        audit.record(db, actor, "sync.drop", "outbox", item_id)


def retry_all_failed(db, *, actor: Actor) -> int:
    require(actor, "sync")
    with tx(db):
        cur = db.execute("UPDATE outbox SET state = 'pending', attempts = 0, next_try_at = NULL, updated_at = ?"
                         " WHERE state = 'failed'", [clock.now_iso()])
        audit.record(db, actor, "sync.retry_all", "outbox", None, items=cur.rowcount)
        return cur.rowcount
