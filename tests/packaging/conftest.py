"""The packaging scripts live in packaging/ (not a package): load them by path."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(name: str, filename: str):
    spec = importlib.util.spec_from_file_location(name, PACKAGING / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def trim():
    return load("smedesk_packaging_trim", "trim.py")


@pytest.fixture(scope="session")
def rthook():
    return load("smedesk_packaging_rthook", "rthook_portable.py")


@pytest.fixture(scope="session")
def packaging_dir():
    return PACKAGING
