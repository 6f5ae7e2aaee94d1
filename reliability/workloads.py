"""Workloads for the kill tests, each run as its own process:
`python -m reliability.workloads NAME DB ROUND`. Each prints `ACK <key>`
only after its write was committed durably, then goes on until killed."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core import business, users
from smedesk.core.db import open_db


def _ensure_business(db_path: Path) -> None:
    if not db_path.exists():
        business.create(db_path, business.NewBusiness("Kill S.A.C.", "20100123453", "Dueña", "1234")).close()


# ---- settings: the smallest durable write, a sanity check of the harness ----

def settings_prepare(db_path: Path) -> None:
    _ensure_business(db_path)


def settings_work(db, round_no: int) -> None:
    from smedesk.core import settings

    owner = users.owner_actor(db)
    n = 0
    while True:
        key = f"kill.{round_no}.{n}"
        settings.set(db, key, str(n), actor=owner)
        print(f"ACK {key}", flush=True)
        n += 1


def settings_verify(db, keys: list[str]) -> tuple[list[str], list[str]]:
    present = {r[0] for r in db.execute("SELECT key FROM settings WHERE key LIKE 'kill.%'")}
    return [k for k in keys if k not in present], sorted({k for k in keys if keys.count(k) > 1})



# ---- scans: the scan station counting pieces, one durable commit each ------

UNITS = 3000
STEPS = [("Corte", "2"), ("Costura", "6"), ("Acabado", "2"), ("Empaque", "1")]


def scans_prepare(db_path: Path) -> None:
    from smedesk.core import parties
    from smedesk.production import catalogue
    from smedesk.tracking import orders, release

    if db_path.exists():
        return
    _ensure_business(db_path)
    db = open_db(db_path)
    owner = users.owner_actor(db)
    users.add_user(db, "Operaria", "staff", "5678", badge="OP01", actor=owner)
    pid = catalogue.save_product(db, {"sku": "POL-01", "name": "Polo"}, actor=owner)
    catalogue.set_routing(db, pid, [{"name": n, "std_minutes": m, "rate_per_hour": "8"} for n, m in STEPS],
                          actor=owner)
    customer = parties.save(db, {"name": "Tienda Lima"}, actor=owner)
    orders.create_order(db, "K-1", customer, [{"sku": "POL-01", "qty": UNITS}], "2099-12-31", actor=owner)
    release.release(db, "K-1", actor=owner)
    db.close()


def _pending_scans(db):
    """(code, seq) pairs not yet counted, step by step, in label order."""
    for seq in range(1, len(STEPS) + 1):
        for (code,) in db.execute(
            "SELECT u.code FROM track_units u JOIN job_steps js ON js.job_id = u.job_id AND js.seq = ?"
            " WHERE NOT EXISTS (SELECT 1 FROM scans s WHERE s.unit_id = u.id AND s.job_step_id = js.id"
            " AND s.undone_at IS NULL) ORDER BY u.id", [seq]).fetchall():
            yield code, seq


def _more_labels(db) -> None:
    """Release one more order, so a fast machine never runs out of labels to
    scan before the kill comes (the outcome must not depend on speed)."""
    from smedesk.core import parties
    from smedesk.tracking import orders, release

    owner = users.owner_actor(db)
    number = f"K-{1 + db.execute('SELECT count(*) FROM orders').fetchone()[0]}"
    customer = parties.save(db, {"name": f"Tienda {number}"}, actor=owner)
    orders.create_order(db, number, customer, [{"sku": "POL-01", "qty": 500}], "2099-12-31", actor=owner)
    release.release(db, number, actor=owner)


def _endless_scans(db):
    while True:
        pending = list(_pending_scans(db))
        if not pending:
            _more_labels(db)
            continue
        yield from pending


def scans_work(db, round_no: int, paced: bool = False) -> None:
    import time

    from smedesk.tracking import scanning

    staff = users.actor_for(users.find_user(db, "OP01"))
    for code, seq in _endless_scans(db):
        start = time.perf_counter()
        result = scanning.record_scan(db, code, seq, "OP01", actor=staff)
        took = (time.perf_counter() - start) * 1000
        if result.ok:
            print(f"ACK {code}@{seq} {took:.2f}", flush=True)
        else:
            print(f"ERR {code}@{seq} {result.message}", flush=True)
        if paced:
            time.sleep(max(0.0, 0.05 - took / 1000))  # 20 scans a second


def scans_verify(db, keys: list[str]) -> tuple[list[str], list[str]]:
    counted = {}
    for code, seq in db.execute(
        "SELECT u.code, js.seq FROM scans s JOIN track_units u ON u.id = s.unit_id"
        " JOIN job_steps js ON js.id = s.job_step_id WHERE s.undone_at IS NULL"
    ):
        counted[f"{code}@{seq}"] = counted.get(f"{code}@{seq}", 0) + 1
    return [k for k in keys if k not in counted], sorted(k for k, n in counted.items() if n > 1)


def station_work(db, round_no: int) -> None:
    scans_work(db, round_no, paced=True)


# ---- documents: boletas issued and posted, one durable commit each ----------

def documents_prepare(db_path: Path) -> None:
    _ensure_business(db_path)


def documents_work(db, round_no: int, reports: bool = False) -> None:
    import time
    from decimal import Decimal

    from smedesk.accounts import documents
    from smedesk.accounts import reports as accounts_reports

    owner = users.owner_actor(db)
    n = 0
    while True:
        try:
            doc_id = documents.create_document(
                db, "sale", "03", "B001", [{"description": "Polo jersey", "qty": 2, "unit_price": Decimal("29.50")}],
                date="2026-11-27", actor=owner)
            label = documents.get_document(db, doc_id)["label"]
            print(f"ACK {label}", flush=True)
            if reports and n % 5 == 0:
                accounts_reports.trial_balance(db)
                accounts_reports.pnl(db)
        except Exception as exc:  # anything a user would have seen
            print(f"ERR {type(exc).__name__}: {exc}", flush=True)
            time.sleep(0.05)
        n += 1


def documents_verify(db, keys: list[str]) -> tuple[list[str], list[str]]:
    from smedesk.accounts import reports as accounts_reports

    found = {}
    for series, number in db.execute("SELECT series, number FROM documents"):
        label = f"{series}-{number:08d}"
        found[label] = found.get(label, 0) + 1
    missing = [k for k in keys if k not in found]
    numbers = sorted(n for (n,) in db.execute("SELECT number FROM documents WHERE series = 'B001'"))
    if numbers != list(range(1, len(numbers) + 1)):
        missing.append("gap in the B001 correlative")
    tb = accounts_reports.trial_balance(db)
    if tb["total_debit"] != tb["total_credit"]:
        missing.append(f"ledger unbalanced {tb['total_debit']} != {tb['total_credit']}")
    return missing, sorted(k for k, n in found.items() if n > 1)


def office_work(db, round_no: int) -> None:
    documents_work(db, round_no, reports=True)


WORKLOADS = {
    "settings": (settings_prepare, settings_work, settings_verify),
    "scans": (scans_prepare, scans_work, scans_verify),
    "documents": (documents_prepare, documents_work, documents_verify),
    "station": (scans_prepare, station_work, scans_verify),
    "office": (documents_prepare, office_work, documents_verify),
}


def prepare(name: str, db_path: Path) -> None:
    WORKLOADS[name][0](Path(db_path))


def verify(name: str, db_path: Path, keys: list[str]) -> tuple[list[str], list[str]]:
    db = open_db(db_path)
    try:
        return WORKLOADS[name][2](db, keys)
    finally:
        db.close()


def main(argv: list[str]) -> int:
    name, db_path, round_no = argv[0], Path(argv[1]), int(argv[2])
    db = open_db(db_path)
    WORKLOADS[name][1](db, round_no)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


# Which workloads the runner uses; areas replace these as they land.
KILL_WORKLOADS = ["scans", "documents"]
PAIRS: list[tuple[str, str]] = [("station", "office")]
BACKUP_WORKLOAD = "station"
