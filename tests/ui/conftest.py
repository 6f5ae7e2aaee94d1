import pytest

from smedesk.core import users
from smedesk.ui.context import AppContext, Bus
from smedesk.ui.main_window import MainWindow


@pytest.fixture
def ctx(db, db_path, owner):
    context = AppContext(db=db, db_path=db_path, actor=owner, bus=Bus())
    yield context
    context.close()


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def staff_ctx(db, db_path, staff):
    context = AppContext(db=db, db_path=db_path, actor=users.actor_for(users.get_user(db, staff.user_id)), bus=Bus())
    yield context
    context.close()


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
