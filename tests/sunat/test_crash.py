"""SIGKILL the sender at random moments against the local SUNAT, then finish:
every document ends accepted, registered by SUNAT exactly once."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from smedesk.core.db import open_db, rows

ROOT = Path(__file__).resolve().parents[2]


def _sender(db_path, url):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.einvoice.crash_sender", str(db_path), url], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_sender_loses_nothing_and_sends_nothing_twice(db, db_path, sale, fake, server):
    ids = [sale() for _ in range(12)]
    db.close()
    fake.slow = 0.03  # each answer takes a moment, so kills land during requests too
    fake.cut_after_register = 2  # and two answers are lost on the way
    rng = random.Random(17)
    kills = 0
    for _ in range(8):
        proc = _sender(db_path, server.url)
        time.sleep(rng.uniform(0.2, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    final = _sender(db_path, server.url)
    assert final.wait(timeout=120) == 0
    assert kills >= 1
    check = open_db(db_path)
    states = rows(check, "SELECT document_id, state FROM einvoice_documents ORDER BY document_id")
    assert states == [{"document_id": i, "state": "accepted"} for i in ids]
    assert sorted(fake.registrations.values()) == [1] * len(ids)
    assert rows(check, "SELECT count(*) AS n FROM outbox WHERE kind = 'sunat' AND state != 'sent'")[0]["n"] == 0
    assert rows(check, "SELECT count(*) AS n FROM sunat_submissions WHERE cdr IS NULL")[0]["n"] == 0
    # one submission and one recorded answer per document: nothing accepted twice here either
    assert rows(check, "SELECT count(*) AS n FROM sunat_submissions")[0]["n"] == len(ids)
    assert rows(check, "SELECT count(*) AS n FROM audit_log WHERE action = 'sunat.answer'")[0]["n"] == len(ids)
    check.close()
