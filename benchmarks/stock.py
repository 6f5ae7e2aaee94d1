"""Stock benchmarks; prints its figures (goal: under 200 ms each).

1. Requirements for 500 open orders over 2,000 products (each product 3
   materials out of 60; half the orders released with step-by-step
   consumption, so their need is what is left after the scans): `needs`
   for all open orders, the Panel's `shortages`, and `needs ORDER` for one.
2. The stock list with 100,000 movements stored (purchases, consumption,
   counts, merma spread over the materials).

Usage: python benchmarks/stock.py [--orders 500] [--products 2000] [--moves 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SMEDESK_NOW", "2026-03-02T15:00:00Z")

from smedesk.core import business, parties, settings, users  # noqa: E402
from smedesk.core.db import tx  # noqa: E402
from smedesk.production import catalogue  # noqa: E402
from smedesk.stock import moves, needs, position  # noqa: E402
from smedesk.tracking import orders, release  # noqa: E402

UNITS = ["kg", "m", "unit", "m3", "l"]
USE_UNITS = {"kg": "g", "m": "cm", "unit": "unit", "m3": "pt", "l": "ml"}


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def setup(path: Path, n_products: int, n_orders: int, rng: random.Random):
    db = business.create(path, business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234"))
    owner = users.owner_actor(db)
    settings.set(db, "stock.consume", "step", actor=owner)
    with tx(db):
        for m in range(60):
            catalogue.save_material(db, {"code": f"M{m:03d}", "name": f"Material {m}", "unit": UNITS[m % 5],
                                         "price": str(5 + m), "waste_pct": str(m % 10)}, actor=owner)
        for p in range(n_products):
            pid = catalogue.save_product(db, {"sku": f"P{p:05d}", "name": f"Producto {p}"}, actor=owner)
            catalogue.set_routing(db, pid, [{"name": "Corte", "std_minutes": "5"},
                                            {"name": "Armado", "std_minutes": "10"}], actor=owner)
            mats = rng.sample(range(60), 3)
            catalogue.set_bom(db, pid, [{"material_code": f"M{m:03d}", "qty": str(rng.randint(1, 400)),
                                         "unit": USE_UNITS[UNITS[m % 5]]} for m in mats], actor=owner)
    customer = parties.save(db, {"name": "Cliente"}, actor=owner)
    with tx(db):
        for o in range(n_orders):
            lines = [{"sku": f"P{rng.randrange(n_products):05d}", "qty": rng.randint(5, 200)}
                     for _ in range(rng.randint(1, 3))]
            number = f"O-{o:04d}"
            orders.create_order(db, number, customer, lines, "2026-04-30", actor=owner)
            if o % 2 == 0:
                release.release(db, number, bundle=1000, accept_short=True, actor=owner)
    return db, owner


def fill_moves(db, owner, total: int, rng: random.Random) -> None:
    materials = catalogue.list_materials(db)
    reasons = ["purchase", "consume", "consume", "consume", "waste", "count", "adjust"]
    with tx(db):
        have = db.execute("SELECT count(*) FROM stock_moves").fetchone()[0]
        for n in range(total - have):
            m = materials[n % len(materials)]
            reason = reasons[n % len(reasons)]
            qty = Decimal(rng.randint(1, 5000)) / 100
            if reason == "purchase":
                moves.insert(db, reason=reason, qty=qty * 4, day="2026-02-15", actor=owner, material=m,
                             value=qty * 4 * Decimal(rng.randint(500, 900)) / 100)
            else:
                moves.insert(db, reason=reason, qty=-qty, day="2026-02-20", actor=owner, material=m)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=500)
    ap.add_argument("--products", type=int, default=2000)
    ap.add_argument("--moves", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(21)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db, owner = setup(Path(tmp) / "bench.smedesk", args.products, args.orders, rng)
        print(f"setup: {args.products} products, {args.orders} open orders "
              f"({(args.orders + 1) // 2} released) in {time.perf_counter() - start:.1f} s")
        t, rows = timed(lambda: needs.needs(db), args.repeat)
        print(f"needs, all {args.orders} open orders: {t * 1000:.1f} ms ({len(rows)} materials)")
        t, found = timed(lambda: needs.shortages(db), args.repeat)
        print(f"shortages (Panel), {args.orders} open orders: {t * 1000:.1f} ms ({len(found)} shortages)")
        t, _ = timed(lambda: needs.needs(db, "O-0250"), args.repeat)
        print(f"needs, one order (against the other released orders): {t * 1000:.1f} ms")
        start = time.perf_counter()
        fill_moves(db, owner, args.moves, rng)
        stored = db.execute("SELECT count(*) FROM stock_moves").fetchone()[0]
        print(f"filled {stored} movements in {time.perf_counter() - start:.1f} s")
        t, listed = timed(lambda: position.stock_list(db), args.repeat)
        print(f"stock list with {stored} movements and {args.orders} open orders: {t * 1000:.1f} ms "
              f"({len(listed)} materials)")
        t, _ = timed(lambda: moves.list_moves(db, with_values=True, limit=500), args.repeat)
        print(f"latest 500 movements (the page's history): {t * 1000:.1f} ms")
        material_id = listed[0]["material_id"]
        same = moves.recompute(db, material_id) == moves.balance(db, material_id=material_id)
        print(f"replay of {listed[0]['code']}'s movements equals its running balance: {same}")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
