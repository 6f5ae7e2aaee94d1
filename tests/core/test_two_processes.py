"""Two processes writing to one file at once (scan station and office) both work."""

import subprocess
import sys

WRITER = """
import sys
from smedesk.core.db import open_db, tx
db = open_db(sys.argv[1])
for n in range(int(sys.argv[3])):
    with tx(db):
        db.execute("INSERT INTO settings VALUES (?, ?, 'x')", [f"{sys.argv[2]}-{n}", str(n)])
db.close()
"""


def test_two_writers_lose_nothing(db, db_path):
    db.close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, "300"],
                         stderr=subprocess.PIPE, text=True)
        for name in ("station", "office")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    from smedesk.core.db import open_db

    check = open_db(db_path)
    try:
        for name in ("station", "office"):
            count = check.execute("SELECT count(*) FROM settings WHERE key LIKE ?", [f"{name}-%"]).fetchone()[0]
            assert count == 300
    finally:
        check.close()
