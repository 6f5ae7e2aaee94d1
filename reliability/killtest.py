"""Kill tests: real smedesk processes doing durable work are killed with
SIGKILL at random moments; after every kill `smedesk check` must pass and
every acknowledged item must be present exactly once.

A workload (reliability/workloads.py) is run as `python -m reliability.workloads
NAME DB` and prints `ACK <key> [ms]` after each durable commit; its `verify(db,
keys)` says which acknowledged keys are missing or doubled.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from reliability.report import Result

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def check_file(db_path: Path) -> tuple[bool, str]:
    proc = subprocess.run([sys.executable, "-m", "smedesk", "check", "--db", str(db_path)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT)
    return proc.returncode == 0, (proc.stderr or proc.stdout).strip()


def one_round(workload: str, db_path: Path, rng: random.Random, round_no: int) -> list[str]:
    """Start the workload, kill it at a random moment once it is working; return its ACKs."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reliability.workloads", workload, str(db_path), str(round_no)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT,
    )
    acked: list[str] = []
    first = proc.stdout.readline()
    if first.startswith("ACK "):
        acked.append(first.split()[1])
    elif not first:
        err = proc.stderr.read()
        raise RuntimeError(f"workload {workload} died before its first ack: {err.strip()[-400:]}")
    time.sleep(rng.uniform(0.0, 0.4))
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    acked += [line.split()[1] for line in out.splitlines() if line.startswith("ACK ")]
    return acked


def run(workload: str, db_path: Path, rounds: int = 50, seed: int = 2026) -> Result:
    from reliability import workloads

    rng = random.Random(seed)
    workloads.prepare(workload, db_path)
    all_acked: list[str] = []
    failures: list[str] = []
    for n in range(rounds):
        all_acked += one_round(workload, db_path, rng, n)
        ok, message = check_file(db_path)
        if not ok:
            failures.append(f"round {n}: check failed: {message}")
            break
        missing, doubled = workloads.verify(workload, db_path, all_acked)
        if missing or doubled:
            failures.append(f"round {n}: missing {missing[:3]} doubled {doubled[:3]}")
            break
    detail = f"{len(all_acked)} acknowledged, all present once; check passed after each kill"
    if failures:
        detail = failures[0]
    return Result("kill", f"SIGKILL while {workload}", rounds, not failures, detail, failures)
