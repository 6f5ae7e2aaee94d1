"""Hostile and broken input with hypothesis: every entry point answers with a
refusal that says why, never a crash, and nothing is half-applied.

Each fuzzer is a function `fuzz_x(examples) -> Result`, listed in FUZZERS:
the CLI here; catalogue, order and accounts imports in fuzz_imports.py; the
station and scanner batch files in fuzz_scanner.py; OCDS files and sync
bundles in fuzz_archives.py (shared machinery in fuzz_kit.py)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability.report import Result

WORDS = ["init", "demo", "user", "add", "list", "settings", "get", "set", "check", "backup",
         "restore", "--kind", "furniture", "garments", "--role", "owner", "staff", "--pin",
         "--name", "--ruc", "--owner", "--badge", "--to", "--keep", "--json", "--version",
         "20100123453", "1234", "-1", "0", "", "'; DROP TABLE users; --", "ñandú", "\x00", "9" * 40]
COMMANDS = ["init", "demo", "user", "settings", "check", "backup", "restore", "--version"]
NASTY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


def fuzz_cli(examples: int) -> Result:
    from smedesk.cli import main
    from smedesk.core import business, health
    from smedesk.core.db import open_db

    counter = {"n": 0, "refused": 0}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.smedesk"
        business.create(base, business.NewBusiness("Fuzz S.A.C.", "20100123453", "Dueña", "1234")).close()

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        @given(st.sampled_from(COMMANDS), st.lists(st.one_of(st.sampled_from(WORDS), NASTY), max_size=7))
        def one(command, rest):
            # without a command smedesk opens the window, which is not fuzzed here
            argv = [command, *rest]
            counter["n"] += 1
            target = ["--db", str(base)]
            if argv[:1] in (["restore"],):
                argv = argv[:1] + [str(Path(tmp) / "missing.smedesk")]
            if "--to" in argv:
                argv = [a for a in argv if a != "--to"] + ["--to", str(Path(tmp) / "copias")]
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                try:
                    code = main(argv + target)
                except SystemExit as exc:  # argparse's own refusals (exit 2) and --version (0)
                    code = exc.code
            if code not in (0, None):
                counter["refused"] += 1
                assert err.getvalue().strip(), f"refused without a reason: {argv}"
            db = open_db(base)
            try:
                assert health.check(db, quick=True).ok
            finally:
                db.close()

        try:
            one()
        except Exception as exc:  # reported as a failing row, with the example
            return Result("fuzz", "CLI arguments", counter["n"], False, f"{type(exc).__name__}: {exc}"[:200])
    return Result("fuzz", "CLI arguments", counter["n"], True,
                  f"{counter['refused']} refused with a reason, no crash, file sound after each")


def _input_fuzzers() -> dict:
    from reliability import fuzz_archives, fuzz_imports, fuzz_scanner

    return {**fuzz_imports.FUZZERS, **fuzz_scanner.FUZZERS, **fuzz_archives.FUZZERS}


FUZZERS = {"cli": fuzz_cli, **_input_fuzzers()}


def run(examples: int = 300) -> list[Result]:
    return [fuzz(examples) for fuzz in FUZZERS.values()]
