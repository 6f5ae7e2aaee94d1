import pytest

from smedesk.core import settings
from smedesk.core.errors import PermissionDenied, ValidationError


def test_set_and_get(db, owner):
    settings.set(db, "production.hours_per_month", "208", actor=owner)
    assert settings.get(db, "production.hours_per_month") == "208"


def test_defaults_are_known(db):
    assert settings.get(db, "ui.language") == "es"
    assert settings.get(db, "nope") is None


def test_typed_settings_are_validated(db, owner):
    with pytest.raises(ValidationError, match="número entero"):
        settings.set(db, "backup.keep", "diez", actor=owner)
    with pytest.raises(ValidationError, match="es, en"):
        settings.set(db, "ui.language", "fr", actor=owner)


def test_staff_cannot_change_settings(db, staff):
    with pytest.raises(PermissionDenied):
        settings.set(db, "backup.keep", "3", actor=staff)


def test_settings_change_is_audited_with_old_and_new(db, owner):
    settings.set(db, "backup.keep", "3", actor=owner)
    detail = db.execute("SELECT detail FROM audit_log WHERE action='settings.set'").fetchone()[0]
    assert '"new": "3"' in detail and '"old": "10"' in detail
