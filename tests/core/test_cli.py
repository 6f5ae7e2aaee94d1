"""The command line as a user runs it: exit codes and plain messages."""

import json

import pytest

from smedesk.cli import main


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.smedesk"
    assert main(["demo", "--kind", "furniture", "--db", str(path)]) == 0
    return path


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "smedesk 0." in capsys.readouterr().out


def test_init_then_check(tmp_path, capsys):
    path = tmp_path / "n.smedesk"
    assert main(["init", "--name", "Taller Sol", "--ruc", "20100123453", "--owner", "Ana", "--pin", "4321", "--db", str(path)]) == 0
    assert main(["check", "--db", str(path)]) == 0
    assert "está sano" in capsys.readouterr().out


def test_init_refuses_bad_ruc_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "n.smedesk"
    assert main(["init", "--name", "X", "--ruc", "20100123454", "--owner", "Ana", "--pin", "4321", "--db", str(path)]) == 1
    assert "dígito verificador" in capsys.readouterr().err
    assert not path.exists()


def test_init_refuses_empty_name(tmp_path, capsys):
    assert main(["init", "--name", " ", "--ruc", "20100123453", "--owner", "Ana", "--pin", "4321", "--db", str(tmp_path / "n")]) == 1
    assert "no puede quedar vacío" in capsys.readouterr().err


def test_user_add_and_list(demo_db, capsys):
    assert main(["user", "add", "Nina", "--role", "staff", "--pin", "2468", "--badge", "OP09", "--db", str(demo_db)]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--json", "--db", str(demo_db)]) == 0
    names = {u["name"]: u for u in json.loads(capsys.readouterr().out)}
    assert names["Nina"]["role"] == "staff" and names["Nina"]["badge"] == "OP09"
    assert names["Rosa Huamán"]["role"] == "owner"


def test_user_add_refuses_letters_as_pin(demo_db, capsys):
    assert main(["user", "add", "Nina", "--role", "staff", "--pin", "abcd", "--db", str(demo_db)]) == 1
    assert "PIN" in capsys.readouterr().err


def test_settings_round_trip(demo_db, capsys):
    assert main(["settings", "set", "fx.usd_pen", "3.75", "--db", str(demo_db)]) == 0
    assert main(["settings", "get", "fx.usd_pen", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().out.strip() == "3.75"


def test_check_fails_on_damaged_file(demo_db, capsys):
    data = bytearray(demo_db.read_bytes())
    assert not (demo_db.parent / (demo_db.name + "-wal")).exists()
    middle = len(data) // 2
    data[middle:middle + 4096] = b"\x00\xff" * 2048
    demo_db.write_bytes(bytes(data))
    assert main(["check", "--db", str(demo_db)]) == 1
    assert capsys.readouterr().err.strip()


def test_db_in_missing_folder(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "no" / "x.smedesk")]) == 1
    assert "no existe" in capsys.readouterr().err


def test_backup_and_restore(demo_db, tmp_path, capsys):
    assert main(["backup", "--to", str(tmp_path / "usb"), "--db", str(demo_db)]) == 0
    [copy] = list((tmp_path / "usb").glob("*.smedesk"))
    assert main(["settings", "set", "marker", "nuevo", "--db", str(demo_db)]) == 0
    assert main(["restore", str(copy), "--db", str(demo_db)]) == 0
    capsys.readouterr()
    assert main(["settings", "get", "marker", "--db", str(demo_db)]) == 1
    assert main(["check", "--db", str(demo_db)]) == 0


def test_demo_refuses_to_overwrite(demo_db, capsys):
    before = demo_db.read_bytes()
    assert main(["demo", "--kind", "garments", "--db", str(demo_db)]) == 1
    assert demo_db.read_bytes() == before


def _fresh(*args):
    """smedesk in a new interpreter, as a person runs it: only what the command loads."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "smedesk", *args], capture_output=True, text=True,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_a_fresh_settings_command_knows_every_area_setting(tmp_path):
    path = tmp_path / "t.smedesk"
    assert main(["init", "--name", "Taller Sol", "--ruc", "20100123453", "--owner", "Ana", "--pin", "4321",
                 "--db", str(path)]) == 0
    got = _fresh("settings", "get", "stock.buy_days", "--db", str(path))
    assert (got.returncode, got.stdout) == (0, "7\n")  # stock's default: a week before the due date
    assert "stock.buy_days = 7" in _fresh("settings", "list", "--db", str(path)).stdout
    refused = _fresh("settings", "set", "stock.buy_days", "pronto", "--db", str(path))
    assert refused.returncode == 1 and refused.stderr.strip()


def test_the_settings_definers_are_all_listed():
    import re
    from pathlib import Path

    import smedesk
    from smedesk.core import cli as core_cli

    root = Path(smedesk.__file__).parent
    found = {".".join(("smedesk", *p.relative_to(root).with_suffix("").parts)) for p in root.rglob("*.py")
             if re.search(r"\bsettings\.define\(", p.read_text(encoding="utf-8"))}
    assert found == set(core_cli.DEFINERS)
