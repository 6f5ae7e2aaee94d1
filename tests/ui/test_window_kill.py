"""The window as it really runs (its own process, main connection plus the
backup, SEACE and sync workers' connections) while another process reads and
writes the same file, then SIGKILL: every scan the station showed green is in
the file, and `smedesk check` passes (issue 13)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from smedesk.core import parties
from smedesk.production import catalogue
from smedesk.tracking import orders, release

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and POSIX advisory locks")


def _env() -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen",
                PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _smedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smedesk", *args], capture_output=True, text=True,
                          env=_env(), cwd=ROOT, timeout=120)


@pytest.fixture
def codes(db, owner, staff):
    product = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": "Corte", "std_minutes": "10"},
                                        {"name": "Armado", "std_minutes": "20"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente"}, actor=owner)
    orders.create_order(db, "P-1", customer, [{"sku": "MESA-01", "qty": 12}], "2099-03-20", actor=owner)
    release.release(db, "P-1", actor=owner)
    return [u["code"] for u in release.order_units(db, "P-1")]


def test_window_killed_keeps_every_scan_it_showed_green(db, db_path, codes, tmp_path):
    db.close()
    ocds = tmp_path / "vacio.json"
    ocds.write_text(json.dumps({"uri": "https://example.invalid/vacio.json", "version": "1.1",
                                "publishedDate": "2026-03-01T00:00:00Z", "releases": []}), encoding="utf-8")
    window = subprocess.Popen([sys.executable, "-m", "tests.ui.kill_window", str(db_path), str(ocds)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=_env(), cwd=ROOT)
    acked, written = [], []
    try:
        assert window.stdout.readline().strip() == "READY", window.stderr.read()[-2000:]
        for batch in range(3):
            # the second process: a read and a write, each a whole `smedesk` run
            listed = _smedesk("order", "list", "--db", str(db_path))
            assert listed.returncode == 0, listed.stderr
            key = f"otro.proceso.{batch}"
            set_ = _smedesk("settings", "set", key, str(batch), "--db", str(db_path))
            assert set_.returncode == 0, set_.stderr
            written.append(key)
            for code in codes[batch * 4:(batch + 1) * 4]:
                window.stdin.write(code + "\n")
                window.stdin.flush()
                answer = window.stdout.readline().split()
                assert answer[:2] == ["ACK", code], " ".join(answer) + window.stderr.read()[-2000:]
                acked.append(code)
    finally:
        window.send_signal(signal.SIGKILL)
        window.communicate(timeout=30)
    assert len(acked) == 12

    checked = _smedesk("check", "--db", str(db_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    from smedesk.core.db import open_db

    after = open_db(db_path)
    try:
        counted = {code for (code,) in after.execute(
            "SELECT u.code FROM scans s JOIN track_units u ON u.id = s.unit_id WHERE s.undone_at IS NULL")}
        keys = {key for (key,) in after.execute("SELECT key FROM settings WHERE key LIKE 'otro.proceso.%'")}
    finally:
        after.close()
    assert counted == set(acked)
    assert keys == set(written)
