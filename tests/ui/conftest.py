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

