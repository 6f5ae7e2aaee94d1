"""Two processes releasing orders against the same scarce material: the
check runs inside the release's write transaction, so only one gets it."""

import subprocess
import sys

from smedesk.core.db import open_db

RELEASER = """
import os, sys, time
os.environ["SMEDESK_NOW"] = "2026-03-02T15:00:00Z"
from smedesk.core.db import open_db
from smedesk.core.errors import NeedsConfirmation
from smedesk.core.users import owner_actor
from smedesk.tracking import release
db = open_db(sys.argv[1])
owner = owner_actor(db)
start = float(sys.argv[3])
while time.time() < start:
    time.sleep(0.005)
try:
    release.release(db, sys.argv[2], actor=owner)
    print("released")
except NeedsConfirmation:
    print("short")
db.close()
"""


def test_only_one_of_two_releases_gets_the_scarce_material(db, db_path, buy, order):
    import time

    buy("JER", "10", "20")
    order("P-1", "POLO-01", 40)    # 7.56 kg each: 10 kg cover one order, not both
    order("P-2", "POLO-01", 40)
    db.close()
    start = str(time.time() + 1.5)
    procs = [subprocess.Popen([sys.executable, "-c", RELEASER, str(db_path), number, start],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for number in ("P-1", "P-2")]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outcomes.append(out.strip())
    assert sorted(outcomes) == ["released", "short"]
    check = open_db(db_path)
    try:
        states = dict(check.execute("SELECT number, state FROM orders").fetchall())
        assert sorted(states.values()) == ["draft", "released"]
        on_hand = check.execute("SELECT qty FROM stock_balances WHERE material_id IS NOT NULL"
                                " AND material_id = (SELECT id FROM materials WHERE code = 'JER')").fetchone()[0]
        assert on_hand == "2.44"   # 10 − 7.56, taken once
    finally:
        check.close()
