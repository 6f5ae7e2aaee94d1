"""Command line: `smedesk` opens the window; subcommands do headless work.

Every subcommand takes `--db PATH`. Areas add their subcommands through
`smedesk.<area>.cli.register(subparsers)`; a handler returns the exit code.
Commands act as the business owner; the window asks who you are.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys

from smedesk import __version__
from smedesk.core.errors import SmedeskError

AREAS = (
    "smedesk.core.cli",
    "smedesk.production.cli",
    "smedesk.tracking.cli",
    "smedesk.accounts.cli",
    "smedesk.einvoice.cli",
    "smedesk.exportplan.cli",
    "smedesk.sync.cli",
    "smedesk.tenders.cli",
    "smedesk.einvoice.sunat_cli",
    "smedesk.stock.cli",
    "smedesk.ui.cli",
)


def db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="business file (default: the shared data folder)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smedesk",
        description="smedesk: offline-first business manager for small workshops.",
    )
    parser.add_argument("--version", action="version", version=f"smedesk {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None, help="business file")
    parser.add_argument("--lang", choices=("es", "en"), default=None, help="language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parent = db_parent()
    for name in AREAS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(sub, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["--version"]:
        # answered before the areas load: scripts and installers ask this often
        print(f"smedesk {__version__}")
        raise SystemExit(0)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        from smedesk.core import i18n

        i18n.set_language(args.lang)
    if not args.command:
        from smedesk.ui.app import run_window

        return run_window(args.db)
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # inside the try: a reader that went away is met here, not at exit
        return code
    except BrokenPipeError:
        # `smedesk … --json | head`: the reader has what it wanted; exit quietly, and
        # point stdout at nothing so the interpreter's last flush does not complain
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SmedeskError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        from smedesk.core.i18n import tr

        print(tr("The business file is damaged: {reason}. Run «smedesk check» and restore a backup.", reason=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
