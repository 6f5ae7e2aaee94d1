"""Tracking benchmarks; prints its figures.

1. Scan → durable commit latency (median, p95) through the domain (all the
   rules, audit, state) with 1,000,000 scans already stored, against a bare
   SQLite INSERT + COMMIT of the same row into the same table in the same run.
2. Status and forecast for 500 open orders (all at once, as the Panel does,
   and one `order status` per order).
3. 1,000 labels to PDF (A4 sheets and the 50 × 25 mm roll).

Usage: python benchmarks/tracking.py [--scans 1000000] [--samples 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SMEDESK_NOW", "2026-03-02T15:00:00Z")

from smedesk.core import business, parties  # noqa: E402
from smedesk.production import catalogue  # noqa: E402
from smedesk.tracking import forecast, orders, printing, progress, release, scanning  # noqa: E402

STEPS = [("Corte", "2"), ("Costura", "6"), ("Acabado", "2"), ("Planchado", "1"), ("Empaque", "1")]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def setup(path: Path):
    db = business.create(path, business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234"))
    owner = __import__("smedesk.core.users", fromlist=["owner_actor"]).owner_actor(db)
    product = catalogue.save_product(db, {"sku": "POLO", "name": "Polo"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": n, "std_minutes": m, "piece_rate": "0.10"} for n, m in STEPS],
                          actor=owner)
    customer = parties.save(db, {"name": "Cliente"}, actor=owner)
    return db, owner, customer


def fill_scans(db, owner, customer, total: int) -> None:
    """Finished history: orders of 20,000 pieces, every unit scanned at every step."""
    per_order = 20000
    units_needed = total // len(STEPS)
    n = 0
    while n * per_order < units_needed:
        number = f"H-{n:04d}"
        qty = min(per_order, units_needed - n * per_order)
        orders.create_order(db, number, customer, [{"sku": "POLO", "qty": qty}], "2026-03-02", actor=owner)
        release.release(db, number, actor=owner)
        n += 1
    at = "2026-01-15T15:00:00.000000Z"
    cur = db.conn
    cur.execute("BEGIN")
    cur.execute(
        "INSERT INTO scans (unit_id, job_step_id, user_id, at, source, uid, updated_at)"
        " SELECT u.id, js.id, 1, ?, 'batch', lower(hex(randomblob(16))), ? FROM track_units u"
        " JOIN job_steps js ON js.job_id = u.job_id", [at, at])
    cur.execute("UPDATE orders SET state = 'delivered' WHERE number LIKE 'H-%'")
    cur.execute("COMMIT")


def bench_scans(db, owner, customer, samples: int) -> dict:
    orders.create_order(db, "LAT", customer, [{"sku": "POLO", "qty": samples * 2}], "2026-03-30", actor=owner)
    release.release(db, "LAT", actor=owner)
    units = release.order_units(db, "LAT")
    domain, bare = [], []
    step_id = db.execute("SELECT js.id FROM job_steps js JOIN jobs j ON j.id = js.job_id JOIN orders o"
                         " ON o.id = j.order_id WHERE o.number = 'LAT' AND js.seq = 1").fetchone()[0]
    operator = {"id": 1, "name": "Rosa", "active": 1}
    prefix = business.get(db)["code"]
    for n in range(samples):
        start = time.perf_counter()
        result = scanning.record_scan(db, units[n]["code"], "Corte", operator, actor=owner, prefix=prefix)
        domain.append(time.perf_counter() - start)
        assert result.ok, result.message
        unit = units[samples + n]
        start = time.perf_counter()
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("INSERT INTO scans (unit_id, job_step_id, user_id, at, source, uid, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [unit["id"], step_id, 1, "2026-03-02T15:00:00.000000Z", "station", str(uuid.uuid4()),
                         "2026-03-02T15:00:00.000000Z"])
        db.conn.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    return {"domain": domain, "bare": bare}


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def bench_status(db, owner, customer, count: int = 500) -> dict:
    for n in range(count):
        number = f"O-{n:04d}"
        orders.create_order(db, number, customer, [{"sku": "POLO", "qty": 12}], "2026-04-30", actor=owner)
        release.release(db, number, bundle=6, actor=owner)
        unit = release.order_units(db, number)[0]
        scanning.record_scan(db, unit["code"], "Corte", "Rosa", actor=owner)
    start = time.perf_counter()
    plans = forecast.open_orders_by_risk(db)
    all_at_once = time.perf_counter() - start
    start = time.perf_counter()
    for n in range(count):
        progress.order_status(db, f"O-{n:04d}")
    each = time.perf_counter() - start
    return {"orders": len(plans), "all": all_at_once, "each_total": each, "each": each / count}


def bench_labels(db, owner, customer, out: Path) -> dict:
    orders.create_order(db, "LBL", customer, [{"sku": "POLO", "qty": 1000}], "2026-04-30", actor=owner)
    release.release(db, "LBL", actor=owner)
    figures = {}
    for layout in ("a4", "roll"):
        start = time.perf_counter()
        printing.labels_pdf(db, "LBL", out / f"labels-{layout}.pdf", layout=layout)
        figures[layout] = time.perf_counter() - start
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--keep", default=None)
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="smedesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.smedesk"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db, owner, customer = setup(path)
    start = time.perf_counter()
    fill_scans(db, owner, customer, args.scans)
    stored = db.execute("SELECT count(*) FROM scans").fetchone()[0]
    print(f"setup: {stored:,} scans stored in {time.perf_counter() - start:.1f} s")
    lat = bench_scans(db, owner, customer, args.samples)
    d_med, d_p95 = statistics.median(lat["domain"]), p95(lat["domain"])
    b_med, b_p95 = statistics.median(lat["bare"]), p95(lat["bare"])
    print(f"scan -> durable commit ({args.samples} scans, {stored:,} stored, synchronous=FULL, WAL):")
    print(f"  smedesk record_scan: median {ms(d_med)}, p95 {ms(d_p95)}")
    print(f"  bare INSERT+COMMIT:  median {ms(b_med)}, p95 {ms(b_p95)}")
    print(f"  ratio (smedesk / bare): median {d_med / b_med:.2f}x, p95 {d_p95 / b_p95:.2f}x")
    st = bench_status(db, owner, customer)
    print(f"status + forecast, {st['orders']} open orders: all at once {ms(st['all'])};"
          f" one by one {st['each_total']:.2f} s ({ms(st['each'])} per order)")
    labels = bench_labels(db, owner, customer, folder)
    print(f"1,000 labels to PDF: A4 3x8 {labels['a4']:.2f} s, roll 50x25 mm {labels['roll']:.2f} s")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
