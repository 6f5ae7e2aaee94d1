"""Every `smedesk seace` subcommand and option is documented in docs/seace.md."""

from pathlib import Path

from smedesk.cli import build_parser

DOC = Path(__file__).resolve().parents[2] / "docs" / "seace.md"


def test_every_subcommand_and_option_is_documented():
    parser = build_parser()
    seace = parser._subparsers._group_actions[0].choices["seace"]
    text = DOC.read_text(encoding="utf-8")
    for name, sub in seace._subparsers._group_actions[0].choices.items():
        assert f"smedesk seace {name}" in text
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help", "--db"):
                    assert option in text, (name, option)
