"""The sync and feed commands, run in-process against the local shop."""

import json
import os
import stat

import pytest

from smedesk.cli import main
from smedesk.core import settings
from tests.sync.conftest import add_products


@pytest.fixture
def keys(keys_dir, monkeypatch):
    monkeypatch.delenv("SMEDESK_WC_KEY", raising=False)
    monkeypatch.delenv("SMEDESK_WC_SECRET", raising=False)
    return keys_dir


def run(db_path, *argv):
    return main(["sync", "--db", str(db_path), *argv])


def test_status_json_counts_pending_sent_failed(db, db_path, owner, capsys):
    add_products(db, owner, 2)
    assert run(db_path, "status", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"pending": 2, "sent": 0, "failed": 0}


def test_keys_are_stored_in_an_owner_only_file_not_in_the_database(db, db_path, keys, monkeypatch, capsys):
    monkeypatch.setenv("SMEDESK_WC_KEY", "ck_abc")
    monkeypatch.setenv("SMEDESK_WC_SECRET", "cs_secret_value")
    assert run(db_path, "keys") == 0
    (path,) = keys.iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    db.close()
    assert b"cs_secret_value" not in db_path.read_bytes()


def test_sync_sends_and_exits_0(db, db_path, owner, shop, keys, monkeypatch, capsys):
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    add_products(db, owner, 2)
    monkeypatch.setenv("SMEDESK_WC_KEY", "ck_test")
    monkeypatch.setenv("SMEDESK_WC_SECRET", "cs_test")
    assert run(db_path, "--adapter", "woocommerce", "--base-url", shop.url) == 0
    assert len(shop.products) == 2
    capsys.readouterr()
    run(db_path, "status", "--json")
    assert json.loads(capsys.readouterr().out) == {"pending": 0, "sent": 2, "failed": 0}


def test_sync_without_keys_is_refused_with_a_reason(db, db_path, owner, shop, keys, capsys):
    add_products(db, owner, 1)
    assert run(db_path, "--base-url", shop.url) == 1
    assert "sync keys" in capsys.readouterr().err
    assert shop.log == []


def test_sync_to_plain_http_elsewhere_is_refused(db, db_path, keys, monkeypatch, capsys):
    monkeypatch.setenv("SMEDESK_WC_KEY", "ck_test")
    monkeypatch.setenv("SMEDESK_WC_SECRET", "cs_test")
    assert run(db_path, "--base-url", "http://tienda.example.pe") == 1
    assert "https" in capsys.readouterr().err


def test_unreachable_shop_exits_1_and_keeps_the_items(db, db_path, owner, keys, monkeypatch, capsys):
    monkeypatch.setenv("SMEDESK_WC_KEY", "ck_test")
    monkeypatch.setenv("SMEDESK_WC_SECRET", "cs_test")
    add_products(db, owner, 1)
    # nothing listens on port 9 of this computer
    assert run(db_path, "--base-url", "https://127.0.0.1:9") == 1
    assert "conectar" in capsys.readouterr().err
    run(db_path, "status", "--json")
    assert json.loads(capsys.readouterr().out)["pending"] == 1


def test_bundle_round_trip_through_the_command_line(db, db_path, owner, shop, keys, monkeypatch, tmp_path, capsys):
    settings.set(db, "sync.base_url", shop.url, actor=owner)
    add_products(db, owner, 2)
    shop.add_order(status="quote-request")
    stick = tmp_path / "usb.smbundle"
    assert run(db_path, "--write-bundle", str(stick)) == 0
    monkeypatch.setenv("SMEDESK_WC_KEY", "ck_test")
    monkeypatch.setenv("SMEDESK_WC_SECRET", "cs_test")
    # at the cabina: no business file at all
    assert main(["sync", "--db", str(tmp_path / "none.smedesk"), "--bundle", str(stick)]) == 0
    assert len(shop.products) == 2
    assert run(db_path, "--read-bundle", str(stick)) == 0
    assert run(db_path, "--read-bundle", str(stick)) == 0
    capsys.readouterr()
    run(db_path, "status", "--json")
    assert json.loads(capsys.readouterr().out) == {"pending": 0, "sent": 2, "failed": 0}


def test_tampered_bundle_exits_1(db, db_path, tmp_path, capsys):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert run(db_path, "--read-bundle", str(bad)) == 1
    assert "paquete" in capsys.readouterr().err


def test_feed_command_writes_the_file(db, db_path, owner, tmp_path, capsys):
    add_products(db, owner, 3)
    out = tmp_path / "feed.xml"
    assert main(["feed", "--db", str(db_path), "-o", str(out)]) == 0
    assert out.read_bytes().count(b"<item>") == 3
    assert os.path.getsize(out) > 0


def test_keys_can_be_piped_in(db, db_path, keys, monkeypatch, capsys):
    import io

    from smedesk.core import business
    from smedesk.sync import credentials

    monkeypatch.setattr("sys.stdin", io.StringIO("ck_piped\ncs_piped\n"))
    assert run(db_path, "keys") == 0
    assert credentials.load(business.get(db)["uid"]).key == "ck_piped"
    assert "cs_piped" not in capsys.readouterr().out


def test_retry_puts_failed_items_back(db, db_path, owner, capsys):
    from smedesk.sync import outbox

    add_products(db, owner, 2)
    for item in outbox.due(db):
        outbox.mark_failed(db, item["key"], "refused", retryable=False)
    assert run(db_path, "retry") == 0
    capsys.readouterr()
    run(db_path, "status", "--json")
    assert json.loads(capsys.readouterr().out) == {"pending": 2, "sent": 0, "failed": 0}


def test_an_action_with_a_bundle_option_is_refused(db, db_path, tmp_path, capsys):
    assert run(db_path, "status", "--write-bundle", str(tmp_path / "b.zip")) == 1
