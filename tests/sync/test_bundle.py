"""USB bundles: write at the workshop, send at the cabina, read back."""

import io
import json
import zipfile

import pytest

from smedesk.core import business
from smedesk.core.db import rows, scalar
from smedesk.core.errors import ValidationError
from smedesk.production import catalogue
from smedesk.sync import bundle, bundle_file, outbox
from smedesk.sync.woocommerce import WooCommerce
from tests.sync.conftest import KEYS, add_products


@pytest.fixture
def connect(shop):
    return lambda manifest, config: WooCommerce.connect(shop.url, KEYS, config,
                                                         timeout=(2.0, 0.5))


def round_trip(db, owner, cfg, connect, path):
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    return bundle.read_bundle(db, path, actor=owner)


def test_write_bundle_holds_every_pending_item_and_leaves_them_pending(db, owner, cfg, tmp_path):
    add_products(db, owner, 3)
    info = bundle.write_bundle(db, tmp_path / "b.zip", actor=owner, config=cfg)
    assert info.items == 3
    members = bundle_file.read(tmp_path / "b.zip")
    assert members["manifest.json"]["business_uid"] == business.get(db)["uid"]
    assert outbox.counts(db)["pending"] == 3


def test_send_then_read_marks_items_sent_and_creates_products(db, owner, cfg, connect, shop, tmp_path):
    add_products(db, owner, 3)
    shop.add_order(status="quote-request")
    info = round_trip(db, owner, cfg, connect, tmp_path / "b.zip")
    assert (info.sent, info.failed, info.received) == (3, 0, 1)
    assert outbox.counts(db) == {"pending": 0, "sent": 3, "failed": 0}
    assert len(shop.products) == 3
    assert scalar(db, "SELECT count(*) FROM inbox") == 1


def test_reading_a_bundle_twice_changes_nothing_twice(db, owner, cfg, connect, shop, tmp_path):
    add_products(db, owner, 2)
    shop.add_order()
    path = tmp_path / "b.zip"
    round_trip(db, owner, cfg, connect, path)
    before = (rows(db, "SELECT * FROM outbox"), rows(db, "SELECT * FROM inbox"), rows(db, "SELECT * FROM sync_remote"))
    again = bundle.read_bundle(db, path, actor=owner)
    assert again.already
    assert (rows(db, "SELECT * FROM outbox"), rows(db, "SELECT * FROM inbox"),
            rows(db, "SELECT * FROM sync_remote")) == before


def test_sending_a_bundle_twice_creates_nothing_twice(db, owner, cfg, connect, shop, tmp_path):
    add_products(db, owner, 2)
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    shop.log.clear()
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    assert len(shop.products) == 2
    assert not [e for e in shop.log if e["path"].endswith("/batch")]


def test_failures_at_the_cabina_come_back_with_their_reason(db, owner, cfg, connect, shop, tmp_path):
    add_products(db, owner, 1)
    for _ in range(3):
        shop.fault("500", "/batch")
    info = round_trip(db, owner, cfg, connect, tmp_path / "b.zip")
    assert info.failed == 1
    assert "500" in rows(db, "SELECT last_error FROM outbox")[0]["last_error"]
    assert outbox.counts(db)["pending"] == 1  # tried again at the next sync


def test_change_made_after_writing_the_bundle_is_not_lost(db, owner, cfg, connect, shop, tmp_path):
    add_products(db, owner, 1)
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla 1", "name_en": "Chair 1", "price": "200"},
                           actor=owner)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    bundle.read_bundle(db, path, actor=owner)
    (item,) = outbox.due(db, ignore_backoff=True)
    members = bundle_file.read(bundle.write_bundle(db, tmp_path / "c.zip", actor=owner, config=cfg) and tmp_path / "c.zip")
    change = members["outbox.json"]["items"][0]["change"]
    assert change["fields"] == ["price"]  # only what the shop does not have yet
    assert item["kind"] == "product"


def test_bundle_of_another_business_is_refused(db, owner, cfg, connect, tmp_path):
    add_products(db, owner, 1)
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    db.execute("UPDATE business SET uid = 'someone-else'")
    with pytest.raises(ValidationError, match="otro negocio"):
        bundle.read_bundle(db, path, actor=owner)
    assert outbox.counts(db)["sent"] == 0


def test_unsent_bundle_cannot_be_read(db, owner, cfg, tmp_path):
    add_products(db, owner, 1)
    bundle.write_bundle(db, tmp_path / "b.zip", actor=owner, config=cfg)
    with pytest.raises(ValidationError):
        bundle.read_bundle(db, tmp_path / "b.zip", actor=owner)


def test_unread_answers_are_never_overwritten(db, owner, cfg, connect, tmp_path):
    add_products(db, owner, 1)
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    with pytest.raises(ValidationError):
        bundle.write_bundle(db, path, actor=owner, config=cfg)


def _rezip(path, change):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _sent_bundle(db, owner, cfg, connect, tmp_path):
    add_products(db, owner, 1)
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    bundle.send_bundle(path, connect, sleep=lambda s: None)
    return path


def test_tampered_bundle_is_refused(db, owner, cfg, connect, tmp_path):
    path = _sent_bundle(db, owner, cfg, connect, tmp_path)

    def forge(members):
        answers = json.loads(members["answers.json"])
        answers["orders"].append({"ref": "1", "kind": "rfq", "modified": "x"})
        members["answers.json"] = json.dumps(answers).encode()

    _rezip(path, forge)
    with pytest.raises(ValidationError, match="suma de control"):
        bundle.read_bundle(db, path, actor=owner)
    assert outbox.counts(db)["sent"] == 0


def test_truncated_bundle_is_refused(db, owner, cfg, connect, tmp_path):
    path = _sent_bundle(db, owner, cfg, connect, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValidationError, match="dañado|damaged"):
        bundle.read_bundle(db, path, actor=owner)


@pytest.mark.parametrize("name", ["../escape.json", "/etc/passwd", "sub/outbox.json", "..\\evil.json"])
def test_bundle_with_a_climbing_path_is_refused(db, owner, cfg, connect, tmp_path, name):
    path = _sent_bundle(db, owner, cfg, connect, tmp_path)
    _rezip(path, lambda members: members.update({name: b"{}"}))
    with pytest.raises(ValidationError):
        bundle.read_bundle(db, path, actor=owner)
    assert not (tmp_path.parent / "escape.json").exists()


def test_zip_bomb_is_refused_without_unpacking_it(db, owner, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_file, "MAX_MEMBER", 4 * 1024 * 1024)
    path = tmp_path / "bomb.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", b"{}")
        zf.writestr("outbox.json", b" " * (20 * 1024 * 1024))  # 20 MB of spaces → ~20 KB
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ValidationError, match="bomb"):
        bundle.read_bundle(db, path, actor=owner)


def test_a_file_that_is_not_a_bundle_is_refused(db, owner, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff not a zip")
    with pytest.raises(ValidationError):
        bundle.read_bundle(db, path, actor=owner)


def test_a_quotation_answer_travels_in_the_bundle_with_its_pdf(db, owner, cfg, connect, shop, tmp_path):
    from smedesk.accounts import quotations

    catalogue.save_product(db, {"sku": "SILLA-01", "name": "Silla", "price": "100"}, actor=owner)
    ref = shop.add_order(status="quote-request", lines=[("SILLA-01", 2)])
    path = tmp_path / "b.zip"
    round_trip(db, owner, cfg, connect, path)  # the request comes back on the stick
    (q,) = quotations.list_quotations(db)
    quotations.set_quotation_state(db, q["id"], "sent", actor=owner)
    info = round_trip(db, owner, cfg, connect, tmp_path / "c.zip")
    assert info.sent == 1
    (note,) = shop.notes[ref]
    assert q["number"] in note["note"] and "PDF: " in note["note"]
    assert shop.orders[ref]["status"] == "on-hold"


def test_a_bundle_brings_back_what_went_without_its_photo(db, owner, cfg, shop, tmp_path):
    from smedesk.sync.credentials import Keys

    (pid,) = add_products(db, owner, 1)
    db.execute("UPDATE products SET photo = ? WHERE id = ?", [b"\x89PNG fake image", pid])
    keys_only = lambda manifest, config: WooCommerce.connect(shop.url, Keys("ck_test", "cs_test"), config,  # noqa: E731
                                                             timeout=(2.0, 0.5))
    path = tmp_path / "b.zip"
    bundle.write_bundle(db, path, actor=owner, config=cfg)
    sent = bundle.send_bundle(path, keys_only, sleep=lambda s: None)
    assert sent.sent == 1 and any("contraseña de aplicación" in w for w in sent.warnings)
    read = bundle.read_bundle(db, path, actor=owner)
    assert read.sent == 1 and read.warnings == sent.warnings
