"""Two processes at once on one file: a scan station and an office process,
each writing for a while. No write lost, no "database is locked" reaching a
user, and the station's latency reported.

The station workload prints `ACK <key> <ms>` (ms: from the user's action to
the durable commit); the office workload prints `ACK <key>` and `ERR <text>`
for anything a user would have seen as an error."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reliability.report import Result

ROOT = Path(__file__).resolve().parent.parent


def run(station: str, office: str, seconds: float = 60.0) -> Result:
    from reliability import workloads

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "negocio.smedesk"
        workloads.prepare(station, db_path)
        workloads.prepare(office, db_path)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        procs = {
            name: subprocess.Popen([sys.executable, "-m", "reliability.workloads", name, str(db_path), "0"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
            for name in (station, office)
        }
        time.sleep(seconds)
        outputs = {}
        for name, proc in procs.items():
            proc.terminate()
            out, err = proc.communicate(timeout=30)
            outputs[name] = (out, err)
        acks = {name: [line.split()[1] for line in out.splitlines() if line.startswith("ACK ")]
                for name, (out, _e) in outputs.items()}
        latencies = [float(line.split()[2]) for line in outputs[station][0].splitlines()
                     if line.startswith("ACK ") and len(line.split()) > 2]
        errors = [line for out, err in outputs.values() for line in (out + err).splitlines()
                  if line.startswith("ERR ") or "locked" in line.lower()]
        missing = []
        for name in (station, office):
            lost, doubled = workloads.verify(name, db_path, acks[name])
            missing += lost + doubled
    ok = not errors and not missing and len(acks[station]) > 0 and len(acks[office]) > 0
    if latencies:
        lat = sorted(latencies)
        p95 = lat[int(0.95 * (len(lat) - 1))]
        figures = f"scan latency median {statistics.median(lat):.1f} ms, p95 {p95:.1f} ms"
    else:
        figures = "no latency measured"
    detail = (f"{len(acks[station])} scans + {len(acks[office])} office writes in {seconds:.0f} s, "
              f"none lost, no lock errors; {figures}")
    if not ok:
        detail = f"errors: {errors[:2]} missing: {missing[:3]}"
    return Result("concurrency", f"{station} vs {office}", len(acks[station]) + len(acks[office]), ok, detail)
