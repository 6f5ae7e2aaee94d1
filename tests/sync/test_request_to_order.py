"""A buyer's request becomes a quotation, the answer goes back as a note,
acceptance makes an order, and the shop floor's progress reaches the buyer."""

import pytest

from smedesk.accounts import quotations
from smedesk.core import settings
from smedesk.core.db import rows, scalar
from smedesk.production import catalogue
from smedesk.sync import config as sync_config
from smedesk.sync import inbox, outbox, sender
from smedesk.tracking import orders, release, scanning

NOW = "2026-11-27T15:00:00Z"


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", NOW)


@pytest.fixture
def chair(db, owner, shop):
    pid = catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla", "name_en": "Chair", "price": "100"},
                                 actor=owner)
    catalogue.set_routing(db, pid, [{"name": "Corte", "std_minutes": "10"}, {"name": "Armado", "std_minutes": "30"}],
                          actor=owner)
    settings.set(db, "sync.shop_currency", "USD", actor=owner)
    shop.currency = "USD"
    return pid


def sync(db, market, owner):
    return sender.run(db, market, actor=owner, config=sync_config.load(db), sleep=lambda s: None,
                      ignore_backoff=True)


def the_quotation(db):
    (q,) = quotations.list_quotations(db)
    return quotations.get_quotation(db, q["id"])


def test_request_becomes_a_draft_quotation_priced_from_the_catalogue(db, owner, shop, market, chair):
    shop.add_order(status="quote-request", lines=[("SILLA-01", 40)], note="For a hotel lobby")
    result = sync(db, market, owner)
    assert result.received == 1 and result.applied == 1
    q = the_quotation(db)
    assert (q["state"], q["currency"], q["incoterm"], q["party_name"]) == ("draft", "USD", "FOB", "Nordic Home AB")
    # S/ 100.00 / 3.75 = 26.666… → USD 26.67; 40 × 26.67 = 1,066.80
    assert str(q["lines"][0]["unit_price"]) == "26.67"
    assert str(q["total"]) == "1066.80"
    assert "For a hotel lobby" in q["notes"]


def test_the_same_request_delivered_twice_makes_one_quotation(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 4)])
    sync(db, market, owner)
    # the shop delivers the same order again (same id, same modification time)
    assert inbox.receive_orders(db, "woocommerce", [market.parse_order(shop.orders[ref])], None) == 0
    db.execute("DELETE FROM sync_cursors")  # and a lost cursor makes it fetch everything again
    sync(db, market, owner)
    assert len(quotations.list_quotations(db)) == 1
    assert scalar(db, "SELECT count(*) FROM inbox") == 1


def test_duplicate_delivery_of_orders_is_stored_and_applied_once(db, owner, shop, market, chair):
    for _ in range(3):
        shop.add_order(status="quote-request", lines=[("SILLA-01", 1)])
    shop.fault("duplicate", "/orders")
    assert sync(db, market, owner).received == 3
    assert len(quotations.list_quotations(db)) == 3


def test_sent_quotation_goes_back_as_a_note_and_status(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 40)])
    sync(db, market, owner)
    q = the_quotation(db)
    quotations.set_quotation_state(db, q["id"], "sent", actor=owner)
    assert outbox.counts(db)["pending"] == 1  # written with the state change
    sync(db, market, owner)
    (note,) = shop.notes[ref]
    assert note["customer_note"] is True
    assert q["number"] in note["note"] and "US$ 1,066.80" in note["note"]
    assert shop.orders[ref]["status"] == "on-hold"
    (media_id,) = shop.media  # the quotation PDF, linked from the note
    pdf = shop.media[media_id]
    assert f"PDF: {pdf['url']}" in note["note"]
    assert pdf["data"].startswith(b"%PDF")


def test_quotation_pdf_cannot_be_found_by_guessing_its_name(db, owner, shop, market, chair):
    shop.add_order(status="quote-request", lines=[("SILLA-01", 1)])
    sync(db, market, owner)
    q = the_quotation(db)
    quotations.set_quotation_state(db, q["id"], "sent", actor=owner)
    sync(db, market, owner)
    (pdf,) = shop.media.values()
    # The media library is public: COT-2026-00001.pdf would be found by anyone
    # counting numbers. The name carries 32 hex digits (128 random bits) after it.
    assert pdf["name"] != f"{q['number']}.pdf"
    stem, token = pdf["name"].removesuffix(".pdf").rsplit("-", 1)
    assert stem == q["number"] and len(token) == 32 and int(token, 16) >= 0


def test_without_an_application_password_the_quotation_goes_as_text_and_says_so(db, owner, shop, cfg, chair):
    from smedesk.sync.credentials import Keys
    from smedesk.sync.woocommerce import WooCommerce

    market = WooCommerce.connect(shop.url, Keys("ck_test", "cs_test"), sync_config.load(db), timeout=(2.0, 0.5))
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    sync(db, market, owner)
    quotations.set_quotation_state(db, the_quotation(db)["id"], "sent", actor=owner)
    result = sync(db, market, owner)
    (note,) = shop.notes[ref]
    assert "Total: US$ 53.34" in note["note"] and "PDF:" not in note["note"]
    assert shop.media == {}
    assert outbox.counts(db) == {"pending": 0, "sent": 2, "failed": 0}
    assert any("contraseña de aplicación" in w for w in result.warnings)


def test_note_is_posted_once_even_when_the_answer_was_lost(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    sync(db, market, owner)
    quotations.set_quotation_state(db, the_quotation(db)["id"], "sent", actor=owner)
    shop.fault("drop", "/notes")
    sync(db, market, owner)
    assert len(shop.notes[ref]) == 1


def accept(db, owner, shop, market, ref):
    sync(db, market, owner)
    quotations.set_quotation_state(db, the_quotation(db)["id"], "sent", actor=owner)
    sync(db, market, owner)
    shop.set_status(ref, "processing")
    return sync(db, market, owner)


def test_accepted_quotation_becomes_an_order(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 40)])
    accept(db, owner, shop, market, ref)
    q = the_quotation(db)
    order = orders.get_order(db, f"WEB-{ref}")
    assert q["state"] == "accepted" and q["order_id"] == order["id"]
    assert order["lines"][0]["qty"] == 40
    assert order["currency"] == "USD"
    # due = today in Lima (27 Nov 2026) + 30 days
    assert order["due_date"] == "2026-12-27"


def test_our_own_status_echo_changes_nothing(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    accept(db, owner, shop, market, ref)
    before = (rows(db, "SELECT id, state FROM orders"), rows(db, "SELECT id, state FROM quotations"))
    shop.set_status(ref, "processing")
    sync(db, market, owner)
    assert (rows(db, "SELECT id, state FROM orders"), rows(db, "SELECT id, state FROM quotations")) == before


def test_cancelled_request_rejects_the_quotation(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    sync(db, market, owner)
    quotations.set_quotation_state(db, the_quotation(db)["id"], "sent", actor=owner)
    shop.set_status(ref, "cancelled")
    sync(db, market, owner)
    assert the_quotation(db)["state"] == "rejected"
    assert orders.get_order(db, f"WEB-{ref}") is None


def test_progress_from_the_shop_floor_reaches_the_buyer(db, owner, shop, market, chair):
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    accept(db, owner, shop, market, ref)
    number = f"WEB-{ref}"
    release.release(db, number, actor=owner)
    assert outbox.counts(db)["pending"] == 1  # the state change, with the release
    code = scalar(db, "SELECT code FROM track_units ORDER BY id LIMIT 1")
    scanning.record_scan(db, code, "Corte", "Rosa", actor=owner)
    assert outbox.counts(db)["pending"] == 1  # coalesced with the scan
    sync(db, market, owner)
    last = shop.notes[ref][-1]["note"]
    # one chair of two cut: 10 of (2 × 40) standard minutes = 12.5 %
    assert f"Order {number}: being made; 12.5% made" in last
    assert shop.orders[ref]["status"] == "processing"
    assert sync(db, market, owner).sent == 0  # nothing new: nothing sent


def test_plain_paid_shop_order_becomes_an_order(db, owner, shop, market, chair):
    ref = shop.add_order(status="processing", lines=[("SILLA-01", 3)])
    sync(db, market, owner)
    assert orders.get_order(db, f"WEB-{ref}")["lines"][0]["qty"] == 3


def test_shop_order_of_unknown_products_waits_with_a_reason(db, owner, shop, market, chair):
    shop.add_order(status="processing", lines=[("NO-EXISTE", 3)])
    sync(db, market, owner)
    (item,) = inbox.items(db)
    assert item["state"] == "failed"
    assert "catálogo" in item["error"]
    assert orders.list_orders(db) == []


def test_product_without_list_price_is_quoted_from_its_real_cost(db, owner, shop, market):
    pytest.importorskip("smedesk.production.costing")
    catalogue.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "50"}, actor=owner)
    pid = catalogue.save_product(db, {"sku": "BANCO-01", "name": "Banco"}, actor=owner)
    catalogue.set_bom(db, pid, [{"material_code": "TOR", "qty": "2"}], actor=owner)
    catalogue.set_routing(db, pid, [{"name": "Armado", "std_minutes": "60", "rate_per_hour": "10"}], actor=owner)
    shop.add_order(status="quote-request", lines=[("BANCO-01", 1)])
    shop.orders[max(shop.orders)]["currency"] = "PEN"
    sync(db, market, owner)
    # cost: 2 m³ × 50 + 1 h × 10 = 110.00 (no overhead items);
    # at the default 30 % margin on price: 110 ÷ 0.70 = 157.142… → 157.14
    assert str(the_quotation(db)["lines"][0]["unit_price"]) == "157.14"


def test_product_without_any_price_is_quoted_at_zero_for_the_owner_to_fill(db, owner, shop, market, chair):
    db.execute("UPDATE products SET price_cents = NULL")
    shop.add_order(status="quote-request", lines=[("SILLA-01", 3)])
    sync(db, market, owner)
    q = the_quotation(db)
    assert q["state"] == "draft" and str(q["total"]) in ("0", "0.00")


def test_a_malformed_item_fails_alone_and_changes_nothing(db, owner, chair):
    inbox.receive_orders(db, "woocommerce", [
        {"ref": "1", "kind": "rfq", "modified": "2026-11-20T10:00:00", "lines": [{"sku": "SILLA-01"}]},
        {"ref": "2", "kind": "rfq", "modified": "2026-11-20T10:00:00", "currency": "USD", "buyer": {},
         "lines": [{"sku": "SILLA-01", "name": "", "qty": 2}]}], None)
    assert inbox.apply_pending(db, actor=owner) == {"applied": 1, "waiting": 0, "failed": 1}
    assert len(quotations.list_quotations(db)) == 1
    assert "no son datos válidos" in inbox.items(db, "failed")[0]["error"]


def test_buyer_abroad_is_quoted_the_export_plan_price_at_its_incoterm(db, owner, shop, market):
    from smedesk.exportplan import plans

    catalogue.save_material(db, {"code": "TOR", "name": "Tornillo", "unit": "m3", "price": "100"}, actor=owner)
    pid = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa", "name_en": "Table", "price": "300"},
                                 actor=owner)
    catalogue.set_bom(db, pid, [{"material_code": "TOR", "qty": "1"}], actor=owner)
    catalogue.set_routing(db, pid, [{"name": "Armado", "std_minutes": "0"}], actor=owner)
    settings.set(db, "sync.shop_currency", "USD", actor=owner)
    shop.currency = "USD"
    plan = plans.create_plan(db, "Mesas a Suecia", product="MESA-01", country="Suecia", actor=owner)
    plans.save_plan(db, plan, {"qty": 50, "incoterm": "CIF", "costs": {
        "margin_pct": "25", "packing_per_unit": "5", "inland_freight": "300", "customs_agent": "200",
        "documents": "100", "port_handling": "250", "main_freight_usd": "400", "insurance_rate_pct": "1",
        "fx_usd_pen": "3.75"}}, actor=owner)
    shop.add_order(status="quote-request", lines=[("MESA-01", 10)])
    sync(db, market, owner)
    q = the_quotation(db)
    # unit cost 1 m³ × S/ 100 = 100.00; EXW = (100 + 5) / 0.75 = 140; FCA = 140 + 600/50 = 152;
    # FOB = 152 + 250/50 = 157; CFR = 157 + 400 × 3.75 / 50 = 187; CIF = 187 × 1.011 = 189.057;
    # in USD 189.057 / 3.75 = 50.4152 → 50.42 (not the list price S/ 300 / 3.75 = 80.00)
    assert q["incoterm"] == "CIF"
    assert str(q["lines"][0]["unit_price"]) == "50.42"
    assert str(q["total"]) == "504.20"
