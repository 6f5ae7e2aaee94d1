"""Unit cost of every product in a 2,000-product catalogue (20 materials and
6 steps each), and a what-if over it. Prints the times.

The catalogue is built through the domain functions in one transaction (not
timed). Usage: python benchmarks/costing.py [--products N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from smedesk.core import business, settings
from smedesk.core.db import tx
from smedesk.production import catalogue as cat
from smedesk.production import costing
from smedesk.production.whatif import apply_changes, what_if

MATERIAL_KINDS = [("m3", "pt"), ("m3", "m3"), ("kg", "g"), ("kg", "kg"), ("unit", "unit"), ("m", "cm"),
                  ("l", "ml"), ("m2", "m2")]


def build(db, owner, products: int, rng: random.Random) -> None:
    with tx(db):
        settings.set(db, "production.hours_per_month", "1040", actor=owner)
        codes = []
        for n in range(200):
            unit, _use = MATERIAL_KINDS[n % len(MATERIAL_KINDS)]
            code = f"M{n:03d}"
            cat.save_material(db, {"code": code, "name": f"Material {n}", "unit": unit,
                                   "price": f"{rng.randint(5, 5000)}.{rng.randint(0, 99):02d}",
                                   "currency": "USD" if n % 10 == 0 else "PEN", "waste_pct": str(n % 20)},
                              actor=owner, valid_from="2026-01-01")
            codes.append((code, MATERIAL_KINDS[n % len(MATERIAL_KINDS)][1]))
        for name in ("Alquiler", "Luz", "Agua", "Mantenimiento"):
            cat.save_overhead(db, name, str(rng.randint(100, 3000)), actor=owner)
        for p in range(products):
            pid = cat.save_product(db, {"sku": f"P{p:05d}", "name": f"Producto {p}"}, actor=owner)
            chosen = rng.sample(codes, 20)
            cat.set_bom(db, pid, [{"material_code": c, "qty": f"{rng.randint(1, 400)}.{rng.randint(0, 9)}",
                                   "unit": u} for c, u in chosen], actor=owner)
            cat.set_routing(db, pid, [{"name": s, "std_minutes": str(rng.randint(1, 90)), "rate_per_hour": "9.50",
                                       "piece_rate": "0.80" if s == "Costura" else None}
                                      for s in ("Preparado", "Corte", "Costura", "Armado", "Acabado", "Empaque")],
                            actor=owner)


def timed(label: str, fn, repeat: int = 3):
    """Best of `repeat` runs: wall time and this process's CPU time (the machine may be shared)."""
    best, best_cpu, result = None, None, None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
        best = took if best is None else min(best, took)
        best_cpu = took_cpu if best_cpu is None else min(best_cpu, took_cpu)
    print(f"{label:<48} {best * 1000:8.1f} ms wall {best_cpu * 1000:8.1f} ms cpu")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=2000)
    args = parser.parse_args(argv)
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        db = business.create(Path(folder) / "bench.smedesk",
                             business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234", "Lima"))
        from smedesk.core.users import owner_actor

        owner = owner_actor(db)
        start = time.perf_counter()
        build(db, owner, args.products, rng)
        lines = args.products * 20
        print(f"catalogue: {args.products} products, {lines} BOM lines, {args.products * 6} steps "
              f"(built in {time.perf_counter() - start:.1f} s, not timed below)")
        every = timed(f"cost of every product (cost_all, {args.products})", lambda: costing.cost_all(db))
        assert len(every) == args.products and all(c.unit_cost > 0 for c in every.values())
        ids = list(every)[:200]
        start, cpu = time.perf_counter(), time.process_time()
        for pid in ids:
            costing.unit_cost(db, pid)
        print(f"{'unit_cost of one product (mean of 200)':<48} {(time.perf_counter() - start) / 200 * 1000:8.2f} ms wall"
              f" {(time.process_time() - cpu) / 200 * 1000:8.2f} ms cpu")
        changes = timed("what-if: one material's price (M007)", lambda: what_if(db, {"materials": {"M007": "999"}}))
        print(f"{'   products affected':<48} {len(changes):8d}")
        changes = timed("what-if: rate of step Corte (every product)",
                        lambda: what_if(db, {"step_rates": {"Corte": "11"}}))
        print(f"{'   products affected':<48} {len(changes):8d}")
        timed("apply the material price change", lambda: apply_changes(db, {"materials": {"M007": "999"}},
                                                                         actor=owner), repeat=1)
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
