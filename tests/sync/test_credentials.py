"""Shop keys: keyring when it works, else an owner-only file; never shown."""

import os
import stat

import pytest

from smedesk.core.errors import ValidationError
from smedesk.sync import credentials
from smedesk.sync.credentials import Keys


def test_keys_file_is_readable_only_by_its_owner(keys_dir):
    where = credentials.save("biz-1", Keys("ck_1", "cs_1"))
    assert stat.S_IMODE(os.stat(where).st_mode) == 0o600
    assert credentials.load("biz-1") == Keys("ck_1", "cs_1")


def test_each_business_has_its_own_keys(keys_dir):
    credentials.save("biz-1", Keys("ck_1", "cs_1"))
    assert credentials.load("biz-2") is None


def test_a_keys_file_others_can_read_is_refused(keys_dir):
    where = credentials.save("biz-1", Keys("ck_1", "cs_1"))
    os.chmod(where, 0o644)
    with pytest.raises(ValidationError, match="0600"):
        credentials.load("biz-1")


def test_empty_or_spaced_keys_are_refused_next_to_the_field(keys_dir):
    with pytest.raises(ValidationError) as refused:
        credentials.save("biz-1", Keys("", "cs"))
    assert refused.value.field == "consumer_key"
    with pytest.raises(ValidationError):
        credentials.save("biz-1", Keys("ck 1", "cs"))


def test_keys_never_show_in_their_repr():
    assert "cs_secret" not in repr(Keys("ck_x", "cs_secret"))


def test_a_working_keyring_is_used_instead_of_a_file(keys_dir, monkeypatch):
    class FakeRing:
        store = {}

        def set_password(self, service, name, value):
            self.store[(service, name)] = value

        def get_password(self, service, name):
            return self.store.get((service, name))

        def delete_password(self, service, name):
            self.store.pop((service, name), None)

    ring = FakeRing()
    monkeypatch.setattr(credentials, "_keyring", lambda: ring)
    assert credentials.save("biz-1", Keys("ck_1", "cs_1")) == "el llavero del sistema"
    assert credentials.load("biz-1") == Keys("ck_1", "cs_1")
    assert not keys_dir.exists()
    credentials.forget("biz-1")
    assert credentials.load("biz-1") is None
