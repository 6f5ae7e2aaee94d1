"""Export plans: how long the price build-up takes as the owner types (pure,
and with the unit cost read from the demo database), and how long the plan
PDFs (Spanish, English) and a proforma take to write.

Usage: python benchmarks/exportplan.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smedesk import demo  # noqa: E402
from smedesk.exportplan import plans, pricing  # noqa: E402
from smedesk.printouts.exportplan_pdf import write_plan_pdf  # noqa: E402
from smedesk.printouts.proforma_pdf import Buyer, write_proforma_pdf  # noqa: E402

COSTS = {"margin_pct": "25", "packing_per_unit": "5", "inland_freight": "300", "customs_agent": "200",
         "documents": "100", "port_handling": "250", "main_freight_usd": "400", "insurance_rate_pct": "1",
         "fx_usd_pen": "3.75"}


def timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(f"{name:<48} median {statistics.median(samples) * 1000:8.3f} ms   p95 {p95 * 1000:8.3f} ms   (n={len(samples)})")


def bench_kind(tmp: Path, kind: str, runs: int) -> None:
    db = demo.create(tmp / f"{kind}.smedesk", kind)
    try:
        plan = plans.get_plan(db, plans.list_plans(db)[0]["id"])
        report(f"{kind}: price_of (unit cost from costing)", timed(lambda: plans.price_of(db, plan), runs * 5))
        for lang in ("es", "en"):
            out = tmp / f"{kind}-{lang}.pdf"
            report(f"{kind}: plan PDF ({lang})",
                   timed(lambda out=out, lang=lang: write_plan_pdf(db, plan["id"], out, lang=lang), runs))
        out = tmp / f"{kind}-pf.pdf"
        report(f"{kind}: proforma PDF (en)",
               timed(lambda: write_proforma_pdf(db, plan["id"], out, Buyer("Buyer Inc.")), runs))
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    report("build-up EXW..CIF (pure, validate + compute)",
           timed(lambda: pricing.build_up(Decimal("100.00"), 50, pricing.clean_costs(COSTS), "CIF"), 2000))
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("furniture", "garments"):
            bench_kind(Path(tmp), kind, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
