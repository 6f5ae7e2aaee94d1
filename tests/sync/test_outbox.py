"""Catalogue changes reach the outbox in the same transaction, coalesced."""

import pytest

from smedesk.core.db import rows, scalar
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.production import catalogue
from smedesk.sync import outbox
from tests.sync.conftest import add_products


def open_rows(db):
    return rows(db, "SELECT * FROM outbox WHERE state = 'pending'")


def test_new_product_queues_one_pending_item(db, owner):
    add_products(db, owner, 1)
    assert len(open_rows(db)) == 1
    assert outbox.counts(db) == {"pending": 1, "sent": 0, "failed": 0}


def test_second_change_before_sending_coalesces_into_the_same_row(db, owner):
    add_products(db, owner, 1)
    key = open_rows(db)[0]["key"]
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla grande", "price": "100"}, actor=owner)
    found = open_rows(db)
    assert len(found) == 1
    assert found[0]["version"] == 2
    assert found[0]["key"] != key  # new content, new idempotency key


def test_change_of_a_field_the_shop_does_not_show_queues_nothing(db, owner):
    add_products(db, owner, 1)
    db.execute("UPDATE outbox SET state = 'sent'")
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "100",
                                "hs_code": "9401690000"}, actor=owner)
    assert open_rows(db) == []


def test_change_after_sending_queues_a_new_row(db, owner):
    add_products(db, owner, 1)
    db.execute("UPDATE outbox SET state = 'sent'")
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "price": "120"}, actor=owner)
    assert len(open_rows(db)) == 1
    assert scalar(db, "SELECT count(*) FROM outbox") == 2


def test_new_variant_queues_its_product(db, owner):
    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE outbox SET state = 'sent'")
    catalogue.save_variant(db, pid, size="M", actor=owner)
    assert [r["entity_id"] for r in open_rows(db)] == [pid]


def test_tombstone_queues_the_product(db, owner):
    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE outbox SET state = 'sent'")
    db.execute("UPDATE products SET deleted_at = '2026-11-27T00:00:00Z' WHERE id = ?", [pid])
    assert len(open_rows(db)) == 1


def test_a_refused_product_change_leaves_no_outbox_row(db, owner):
    with pytest.raises(ValidationError):
        catalogue.save_product(db, {"sku": "X", "name": "", "price": "1"}, actor=owner)
    assert scalar(db, "SELECT count(*) FROM outbox") == 0


def test_mark_sent_with_an_old_key_keeps_the_newer_change_pending(db, owner):
    add_products(db, owner, 1)
    old_key = open_rows(db)[0]["key"]
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Otra", "price": "100"}, actor=owner)
    assert outbox.mark_sent(db, old_key) is False
    assert len(open_rows(db)) == 1


def test_failures_back_off_exponentially_then_give_up(db, owner, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-11-27T12:00:00Z")
    add_products(db, owner, 1)
    key = open_rows(db)[0]["key"]
    assert outbox.mark_failed(db, key, "500") == "pending"
    # first failure: wait 30 s → 12:00:30
    assert open_rows(db)[0]["next_try_at"].startswith("2026-11-27T12:00:30")
    assert outbox.due(db) == []
    outbox.mark_failed(db, key, "500")
    # second failure: 60 s
    assert open_rows(db)[0]["next_try_at"].startswith("2026-11-27T12:01:00")
    for _ in range(outbox.MAX_ATTEMPTS - 2):
        state = outbox.mark_failed(db, key, "500")
    assert state == "failed"
    assert outbox.counts(db)["failed"] == 1


def test_backoff_doubles_and_is_capped():
    # 30·2^(n-1): 30, 60, 120, 240 … capped at 6 h = 21600 s
    assert [outbox.backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert outbox.backoff_seconds(30) == 21600


def test_a_non_retryable_failure_fails_at_once(db, owner):
    add_products(db, owner, 1)
    key = open_rows(db)[0]["key"]
    assert outbox.mark_failed(db, key, "SKU refused", retryable=False) == "failed"


def test_retry_puts_a_failed_item_back(db, owner):
    add_products(db, owner, 1)
    item = open_rows(db)[0]
    outbox.mark_failed(db, item["key"], "refused", retryable=False)
    outbox.retry(db, item["id"], actor=owner)
    assert outbox.counts(db) == {"pending": 1, "sent": 0, "failed": 0}
    assert [i["id"] for i in outbox.due(db)] == [item["id"]]


def test_drop_keeps_the_row_but_never_sends_it(db, owner):
    add_products(db, owner, 1)
    item = open_rows(db)[0]
    outbox.drop(db, item["id"], actor=owner)
    assert outbox.due(db) == []
    assert outbox.counts(db) == {"pending": 0, "sent": 0, "failed": 0}
    assert scalar(db, "SELECT state FROM outbox WHERE id = ?", [item["id"]]) == "dropped"


def test_a_sent_item_cannot_be_dropped(db, owner):
    add_products(db, owner, 1)
    item = open_rows(db)[0]
    outbox.mark_sent(db, item["key"])
    with pytest.raises(ValidationError):
        outbox.drop(db, item["id"], actor=owner)


def test_staff_cannot_retry_or_drop(db, owner, staff):
    add_products(db, owner, 1)
    item = open_rows(db)[0]
    with pytest.raises(PermissionDenied):
        outbox.drop(db, item["id"], actor=staff)


def test_enqueue_coalesces_messages_for_the_same_order(db):
    first = outbox.enqueue(db, "order_update", "order-1", {"order_ref": "7", "note": "50%"})
    again = outbox.enqueue(db, "order_update", "order-1", {"order_ref": "7", "note": "80%"})
    assert first == again
    assert '"80%"' in scalar(db, "SELECT payload FROM outbox WHERE id = ?", [first])
