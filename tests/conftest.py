"""Shared fixtures: a fresh business file per test, its owner and a staff user.

Every database a test opens through these fixtures is closed afterwards.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# A busy 2-core machine must never fail the suite: no deadlines, and no health
# check that measures how fast examples are generated.
settings.register_profile(
    "smedesk",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("SMEDESK_HYPOTHESIS_PROFILE", "smedesk"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SMEDESK_LANG", "es")

from smedesk.core import business, i18n, users  # noqa: E402
from smedesk.core.roles import SYSTEM, bind  # noqa: E402

OWNER_PIN = "1234"
STAFF_PIN = "5678"


@pytest.fixture(autouse=True)
def _spanish():
    i18n.set_language("es")
    yield
    i18n.set_language("es")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "negocio.smedesk"


@pytest.fixture
def db(db_path):
    new = business.NewBusiness("Taller Prueba S.A.C.", "20100123453", "Rosa", OWNER_PIN, "Lima")
    database = business.create(db_path, new)
    yield database
    try:
        database.close()
    except Exception:
        pass


@pytest.fixture
def owner(db):
    return users.owner_actor(db)


@pytest.fixture
def staff(db, owner):
    user_id = users.add_user(db, "Jorge", "staff", STAFF_PIN, badge="OP01", actor=owner)
    return users.actor_for(users.get_user(db, user_id))


@pytest.fixture
def mem_db():
    from smedesk.core.db import memory_db

    database = memory_db()
    # bound to its owner, as business.create binds the file it creates
    bind(database, business.setup(database, business.NewBusiness("Mem", "20100123453", "Rosa", OWNER_PIN)))
    yield database
    database.close()


@pytest.fixture
def system():
    return SYSTEM


@pytest.fixture
def settle(qtbot):
    """settle(ctx): wait for the database worker's answers and the refreshes
    their broadcasts queue (a refresh may ask the worker again)."""

    def wait(ctx):
        for _ in range(2):
            qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=10000)
            qtbot.wait(1)

    return wait


@pytest.fixture
def worker_threads(monkeypatch):
    """on_thread(module, "name"): wrap a domain function so the name of the
    thread it ran on is recorded in the returned list."""
    import threading

    def on_thread(module, name):
        seen = []
        real = getattr(module, name)

        def recorded(*args, **kwargs):
            seen.append(threading.current_thread().name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, recorded)
        return seen

    return on_thread
