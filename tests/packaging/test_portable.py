"""Portable mode: a marker beside the program keeps everything beside it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from smedesk.core import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the built program in tmp_path/stick."""
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stick / "smedesk"))
    monkeypatch.delenv("SMEDESK_DB", raising=False)
    return stick


def test_built_program_without_marker_is_not_portable(frozen):
    assert paths.portable_dir() is None


def test_marker_puts_the_business_file_in_datos_beside_the_program(frozen):
    (frozen / paths.PORTABLE_MARKER).write_text("")
    assert paths.resolve_db_path() == frozen.resolve() / "datos" / "negocio.smedesk"


def test_portable_backups_and_preferences_stay_beside_the_data(frozen):
    (frozen / paths.PORTABLE_MARKER).write_text("")
    db = paths.resolve_db_path()
    assert paths.default_backup_dir(db) == frozen.resolve() / "datos" / "copias" / "negocio"
    assert paths.preferences_path(db).parent == frozen.resolve() / "datos"


def test_db_argument_wins_over_portable_mode(frozen, tmp_path):
    (frozen / paths.PORTABLE_MARKER).write_text("")
    assert paths.resolve_db_path(str(tmp_path / "otro.smedesk")) == tmp_path / "otro.smedesk"


def test_hook_sets_nothing_without_marker(rthook, tmp_path):
    assert rthook.portable_env(tmp_path, "linux") == {}


def test_hook_points_linux_caches_and_temp_into_the_stick(rthook, tmp_path):
    (tmp_path / rthook.MARKER).write_text("")
    env = rthook.portable_env(tmp_path, "linux")
    assert {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "TMPDIR"} <= set(env)
    for value in env.values():
        assert Path(value).is_relative_to(tmp_path / "datos" / "sistema")


def test_hook_points_windows_temp_into_the_stick(rthook, tmp_path):
    (tmp_path / rthook.MARKER).write_text("")
    env = rthook.portable_env(tmp_path, "win32")
    assert env["TEMP"] == env["TMP"] == str(tmp_path / "datos" / "sistema" / "tmp")
    assert "XDG_CACHE_HOME" not in env


def test_hook_creates_the_folders_and_sets_the_environment(rthook, tmp_path, monkeypatch):
    import tempfile

    (tmp_path / rthook.MARKER).write_text("")
    env = rthook.portable_env(tmp_path, "linux")
    for key in env:
        monkeypatch.setenv(key, os.environ.get(key, ""))  # restored after the test
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    rthook.apply(env)
    assert os.environ["XDG_CACHE_HOME"] == env["XDG_CACHE_HOME"]
    assert Path(env["TMPDIR"]).is_dir()
    assert Path(tempfile.gettempdir()) == Path(env["TMPDIR"])
