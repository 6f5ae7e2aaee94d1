"""Every command a user can type is documented in the README."""

import argparse
from pathlib import Path

from smedesk.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [name for name in sub.choices if f"`{name}" not in README and f" {name} " not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_readme_gives_the_two_commands():
    assert "scripts/run" in README and "scripts/test" in README
