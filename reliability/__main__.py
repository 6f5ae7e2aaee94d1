"""`python -m reliability [--quick]`: every check, then the summary table.
--quick runs few rounds (the subset scripts/test runs)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from reliability import (
    audit_check,
    backups,
    concurrency,
    damage,
    fuzz,
    killtest,
    many_connections,
    report,
    security,
    workloads,
)


def plan(quick: bool) -> list:
    rounds = 5 if quick else 50
    examples = 20 if quick else 300
    seconds = 5 if quick else 60
    steps = []
    for name in workloads.KILL_WORKLOADS:
        steps.append(lambda name=name: [killtest.run(name, Path(tempfile.mkdtemp()) / "k.smedesk", rounds)])
    steps.append(lambda: [many_connections.run(Path(tempfile.mkdtemp()) / "k.smedesk", max(3, rounds // 2))])
    for station, office in workloads.PAIRS:
        steps.append(lambda s=station, o=office: [concurrency.run(s, o, seconds)])
    steps += [damage.run, lambda: backups.run(workloads.BACKUP_WORKLOAD), lambda: fuzz.run(examples), security.run,
              audit_check.run]
    return steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="reliability")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.time()
    results = []
    for step in plan(args.quick):
        results += step()
        print(f"… {results[-1].group}: {results[-1].name}: {'PASS' if results[-1].passed else 'FAIL'}",
              file=sys.stderr, flush=True)
    print(report.table(results))
    print(f"(took {time.time() - start:.0f} s)")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
