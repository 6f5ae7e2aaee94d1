"""Draining the outbox through a marketplace, then bringing the inbox in.

Runs the same from the window (in a worker thread, with its own connection),
the command line and the tests: progress(done, total) and cancelled() are
the whole protocol. A failed item waits longer after each attempt
(exponential backoff, see outbox.backoff_seconds); within one run a batch
that failed for a passing reason is tried again a few times.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from smedesk.core.db import tx
from smedesk.core.roles import Actor, require
from smedesk.sync import inbox, listing, messages, outbox
from smedesk.sync.config import SyncConfig
from smedesk.sync.marketplace import Marketplace, Outcome, ProductChange
from smedesk.sync.transport import TransportError

CHUNK = 100


@dataclass
class RunResult:
    """Attributes: sent, failed (gave up), retrying (will be tried again),
    received (new inbox items), applied, cancelled, errors (distinct reasons)."""

    sent: int = 0
    failed: int = 0
    retrying: int = 0
    received: int = 0
    applied: int = 0
    cancelled: bool = False
    errors: list[str] = field(default_factory=list)

    def note(self, reason: str) -> None:
        if reason and reason not in self.errors:
            self.errors.append(reason)


def product_change(db, item: dict, config: SyncConfig) -> ProductChange | None:
    current = listing.build(db, item["entity_uid"], config)
    if current is None:
        return None
    known = listing.remote(db, item["entity_uid"])
    fields = listing.changed_fields(current, known["last"] if known else None)
    photo = listing.photo(db, item["entity_uid"]) if "photo_sha256" in fields else None
    return ProductChange(item["key"], current["uid"], current["sku"], known["remote_id"] if known else None,
                         current, fields, photo)


def record(db, item_key: str, outcome: Outcome, result: RunResult, change: ProductChange | None = None) -> None:
    """Write one outcome: remember what the shop now holds and mark the row,
    in one transaction."""
    with tx(db):
        if outcome.ok:
            if change is not None:
                held = {**change.listing, "image_url": outcome.image_url} if change.listing.get("photo_sha256") else change.listing
                listing.remember(db, change.uid, outcome.remote_id or "", held)
            if outbox.mark_sent(db, item_key, remote_ref=outcome.remote_id):
                result.sent += 1
            return
        if change is not None:
            listing.forget(db, change.uid, change.fields)
        state = outbox.mark_failed(db, item_key, outcome.error, retryable=outcome.retryable)
        result.note(outcome.error)
        if state == "failed":
            result.failed += 1
        else:
            result.retrying += 1


def _with_retries(send, items, *, retries: int, sleep, backoff: float):
    """Call send(items) and retry the items that failed for a passing reason."""
    outcomes = {o.key: o for o in send(items)}
    for attempt in range(retries):
        again = [i for i in items if not outcomes[i.key].ok and outcomes[i.key].retryable]
        if not again:
            break
        sleep(backoff * 2 ** attempt)
        outcomes.update({o.key: o for o in send(again)})
    return outcomes


def run(db, market: Marketplace, *, actor: Actor, config: SyncConfig, progress=None, cancelled=None,
        sleep=time.sleep, retries: int = 2, backoff: float = 1.0, ignore_backoff: bool = False,
        fetch: bool = True) -> RunResult:
    """Send what is due, fetch new orders and requests, apply the inbox."""
    require(actor, "sync")
    progress = progress or (lambda done, total: None)
    cancelled = cancelled or (lambda: False)
    result = RunResult()
    due = outbox.due(db, ignore_backoff=ignore_backoff)
    total, done = len(due) + (1 if fetch else 0), 0
    progress(0, total)
    products = [i for i in due if i["kind"] == "product"]
    for start in range(0, len(products), CHUNK):
        if cancelled():
            result.cancelled = True
            return result
        chunk = products[start:start + CHUNK]
        changes, by_key = [], {}
        for item in chunk:
            change = product_change(db, item, config)
            if change is None:
                record(db, item["key"], Outcome(item["key"], True), result)
            else:
                changes.append(change)
                by_key[change.key] = change
        outcomes = _with_retries(market.publish, changes, retries=retries, sleep=sleep, backoff=backoff)
        with tx(db):  # one durable commit per batch, not per item
            for key, outcome in outcomes.items():
                record(db, key, outcome, result, by_key[key])
        done += len(chunk)
        progress(done, total)
    for item in (i for i in due if i["kind"] == "order_update"):
        if cancelled():
            result.cancelled = True
            return result
        update = messages.build(db, item, config)
        if update is None:
            record(db, item["key"], Outcome(item["key"], True), result)
            continue
        outcome = _with_retries(lambda batch: [market.update_order(u) for u in batch], [update],
                                retries=retries, sleep=sleep, backoff=backoff)[update.key]
        record(db, item["key"], outcome, result)
        done += 1
        progress(done, total)
    if fetch and not cancelled():
        try:
            orders, cursor = market.fetch_orders(inbox.get_cursor(db, f"{market.name}.orders"))
            result.received = inbox.receive_orders(db, market.name, orders, cursor)
        except TransportError as exc:
            result.note(str(exc))
        applied = inbox.apply_pending(db, actor=actor)
        result.applied = applied["applied"]
        done += 1
        progress(done, total)
    result.cancelled = cancelled()
    return result
