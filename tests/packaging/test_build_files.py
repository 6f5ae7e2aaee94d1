"""The spec, the Windows files and the icon agree with the program."""

from __future__ import annotations

import re
import struct
import tomllib

from smedesk import __version__
from smedesk.core import paths


def read(packaging_dir, name):
    return (packaging_dir / name).read_text(encoding="utf-8")


def test_spec_collects_every_smedesk_module_and_its_data(packaging_dir):
    spec = read(packaging_dir, "smedesk.spec")
    assert 'collect_submodules("smedesk")' in spec  # pages, panel sections, areas found by pkgutil
    assert 'collect_data_files("smedesk")' in spec  # locale/es/*.json, assets


def test_spec_builds_one_folder_without_upx(packaging_dir):
    spec = read(packaging_dir, "smedesk.spec")
    assert "COLLECT(" in spec and "exclude_binaries=True" in spec
    assert "upx=True" not in spec
    assert "rthook_portable.py" in spec


def test_package_data_declares_translations_and_assets():
    """A wheel (pip install .) carries every translation and asset, as the build does."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["package-data"]["smedesk"]
    package = root / "smedesk"
    declared = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    data = [p for folder in ("locale", "assets") for p in (package / folder).rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in data)
    assert [p for p in data if p not in declared] == []
    assert any(dep.startswith("pyinstaller") for dep in project["project"]["optional-dependencies"]["package"])


def test_runtime_hook_marker_is_the_one_paths_looks_for(rthook):
    assert rthook.MARKER == paths.PORTABLE_MARKER


def test_version_resource_carries_the_version(trim):
    text = trim.version_resource("0.1.0")
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('ProductVersion', '0.1.0')" in text
    assert "StringStruct('OriginalFilename', 'smedesk.exe')" in text


def test_version_resource_ignores_prerelease_tags(trim):
    assert "filevers=(1, 2, 3, 0)" in trim.version_resource("1.2.3rc4")


def recorder(name):
    return lambda *args, **kwargs: (name, args, kwargs)


def test_version_resource_is_well_formed(trim):
    """PyInstaller eval()s the text with its versioninfo classes; here each class records its call."""
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    namespace = {name: recorder(name) for name in names}
    kind, _, fields = eval(trim.version_resource(__version__), {"__builtins__": {}}, namespace)
    assert kind == "VSVersionInfo"
    assert fields["ffi"][2]["filevers"] == (0, 1, 0, 0)


def test_inno_setup_script_matches_the_program(packaging_dir):
    iss = read(packaging_dir, "smedesk.iss")
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == __version__
    assert "smedesk.exe" in iss and "smedesk.ico" in iss
    assert "Spanish" in iss


def test_windows_build_script_uses_the_spec(packaging_dir):
    cmd = read(packaging_dir, "build.cmd")
    assert "smedesk.spec" in cmd and ".[package]" in cmd


def test_icon_has_sizes_from_16_to_256(packaging_dir):
    data = (packaging_dir / "smedesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sides = {data[6 + 16 * i] or 256 for i in range(count)}  # 0 in the directory means 256
    assert {16, 32, 48, 256} <= sides
