import pytest

from smedesk.core import users


@pytest.fixture
def sdb(mem_db):
    return mem_db


@pytest.fixture
def boss(mem_db):
    return users.owner_actor(mem_db)
