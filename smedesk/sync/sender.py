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

from smedesk.core import clock
from smedesk.core.db import tx
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.sync import inbox, listing, messages, outbox
from smedesk.sync.config import AUTH_IN_QUERY, SyncConfig
from smedesk.sync.marketplace import Marketplace, Outcome, ProductChange
from smedesk.sync.transport import TransportError

CHUNK = 100
# A Retry-After longer than this is not waited for within the run: the items
# wait in the outbox until then.
MAX_WAIT_SECONDS = 60
CURRENCY_CURSOR = "woocommerce.currency"


@dataclass
class RunResult:
    """Attributes: sent, failed (gave up), retrying (will be tried again),
    received (new inbox items), applied, cancelled, errors (distinct reasons),
    warnings (what went but not whole, say products without their photos)."""

    sent: int = 0
    failed: int = 0
    retrying: int = 0
    received: int = 0
    applied: int = 0
    cancelled: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def note(self, reason: str) -> None:
        if reason and reason not in self.errors:
            self.errors.append(reason)

    def warn(self, text: str) -> None:
        if text and text not in self.warnings:
            self.warnings.append(text)


def product_change(db, item: dict, config: SyncConfig) -> ProductChange | None:
    current = listing.build(db, item["entity_uid"], config)
    if current is None:
        return None
    known = listing.remote(db, item["entity_uid"])
    fields = listing.changed_fields(current, known["last"] if known else None)
    photo = listing.photo(db, item["entity_uid"]) if "photo_sha256" in fields else None
    last = (known or {}).get("last") or {}
    seen = {"variation_ids": last.get("variation_ids") or {}, "variants": last.get("variants") or []}
    return ProductChange(item["key"], current["uid"], current["sku"], known["remote_id"] if known else None,
                         current, fields, photo, seen)


def record(db, item_key: str, outcome: Outcome, result: RunResult, change: ProductChange | None = None) -> None:
    """Write one outcome: remember what the shop now holds and mark the row,
    in one transaction."""
    with tx(db):
        if outcome.ok:
            if change is not None:
                held = {**change.listing, "image_url": outcome.image_url} if change.listing.get("photo_sha256") else change.listing
                # What could not go (the photo, without an application password) is
                # remembered as unknown, so it goes once it can.
                held = {**held, **{f: None for f in outcome.unsent}, "variation_ids": outcome.variation_ids}
                listing.remember(db, change.uid, outcome.remote_id or "", held, trashed=outcome.trashed)
            if outbox.mark_sent(db, item_key, remote_ref=outcome.remote_id):
                result.sent += 1
            return
        if change is not None:
            listing.forget(db, change.uid, change.fields)
        result.note(outcome.error)
        if outcome.hold:
            outbox.mark_waiting(db, item_key, outcome.error)
            result.retrying += 1
            return
        state = outbox.mark_failed(db, item_key, outcome.error, retryable=outcome.retryable,
                                   wait_at_least=outcome.retry_after)
        if state == "failed":
            result.failed += 1
        else:
            result.retrying += 1


def _with_retries(send, items, *, retries: int, sleep, backoff: float):
    """Call send(items) and retry the items that failed for a passing reason."""
    outcomes = {o.key: o for o in send(items)}
    for attempt in range(retries):
        again = [i for i in items if not outcomes[i.key].ok and outcomes[i.key].retryable
                 and not outcomes[i.key].hold]
        asked = max((outcomes[i.key].retry_after or 0 for i in again), default=0)
        if not again or asked > MAX_WAIT_SECONDS:
            break
        sleep(max(backoff * 2 ** attempt, asked))  # the shop's Retry-After, when it gave one
        outcomes.update({o.key: o for o in send(again)})
    return outcomes


def check_currency(db, market, config: SyncConfig) -> str | None:
    """A reason not to publish when the shop's currency is not the one smedesk
    prices in (S/ sent to a shop in dollars would sell at 3.75 times too much).
    Asked once a day per shop address."""
    ask = getattr(market, "shop_currency", None)
    if ask is None:
        return None
    today = clock.today_lima().isoformat()
    known = (inbox.get_cursor(db, CURRENCY_CURSOR) or "").split("|")
    if len(known) == 3 and known[1] == today and known[2] == config.base_url:
        code = known[0]
    else:
        code = ask()
        inbox.set_cursor(db, CURRENCY_CURSOR, f"{code}|{today}|{config.base_url}")
    if code != config.shop_currency:
        return tr("The shop sells in {shop} but smedesk sends prices in {ours}: nothing was published. "
                  "Set the shop's currency on Sincronizar (setting sync.shop_currency) to {shop}, or change "
                  "the shop's currency in WooCommerce → Settings → General.", shop=code, ours=config.shop_currency)
    return None


def orders_since(db, market_name: str) -> str:
    """The cursor for orders; on the very first sync, now (older orders are history,
    not new work) unless the owner chose a start when connecting."""
    cursor = inbox.get_cursor(db, f"{market_name}.orders")
    if cursor is None:
        cursor = clock.now().strftime("%Y-%m-%dT%H:%M:%S")
        inbox.set_cursor(db, f"{market_name}.orders", cursor)
    return cursor


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
    if products:
        try:
            refused = check_currency(db, market, config)
            # Nothing wrong with the items: they wait, without counting a failed attempt.
            stop = Outcome("", False, error=refused, hold=True) if refused else None
        except TransportError as exc:
            stop = Outcome("", False, error=str(exc), retryable=exc.retryable, hold=exc.hold,
                           retry_after=exc.retry_after)
        if stop is not None:
            with tx(db):
                for item in products:
                    stop.key = item["key"]
                    record(db, item["key"], stop, result)
            done += len(products)
            progress(done, total)
            products = []
    for start in range(0, len(products), CHUNK):
        if cancelled():
            result.cancelled = True
            _remember_findings(db, market, result)
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
            _remember_findings(db, market, result)
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
            orders, cursor = market.fetch_orders(orders_since(db, market.name))
            result.received = inbox.receive_orders(db, market.name, orders, cursor)
        except TransportError as exc:
            result.note(str(exc))
        applied = inbox.apply_pending(db, actor=actor)
        result.applied = applied["applied"]
        done += 1
        progress(done, total)
    _remember_findings(db, market, result)
    result.cancelled = cancelled()
    return result


def _remember_findings(db, market, result: RunResult) -> None:
    for text in getattr(market, "warnings", []):
        result.warn(text)
    if getattr(market, "query_auth", False):
        inbox.set_cursor(db, AUTH_IN_QUERY, "1")
