from decimal import Decimal

import pytest

from smedesk.core import settings
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.production import cost_inputs  # noqa: F401  (defines fx.usd_pen and the hours)


def test_set_and_get(db, owner):
    settings.set(db, "production.hours_per_month", "208", actor=owner)
    assert settings.get(db, "production.hours_per_month") == "208"


def test_defaults_are_known(db):
    assert settings.get(db, "ui.language") == "es"
    assert settings.get(db, "nope") is None


def test_typed_settings_are_validated(db, owner):
    with pytest.raises(ValidationError, match="Cuántas copias de seguridad guardar: «diez» no es un número"):
        settings.set(db, "backup.keep", "diez", actor=owner)
    with pytest.raises(ValidationError, match="debe ser un número entero"):
        settings.set(db, "backup.keep", "2.5", actor=owner)
    with pytest.raises(ValidationError, match="es, en"):
        settings.set(db, "ui.language", "fr", actor=owner)


def test_staff_cannot_change_settings(db, staff):
    with pytest.raises(PermissionDenied):
        settings.set(db, "backup.keep", "3", actor=staff)


def test_settings_change_is_audited_with_old_and_new(db, owner):
    settings.set(db, "backup.keep", "3", actor=owner)
    detail = db.execute("SELECT detail FROM audit_log WHERE action='settings.set'").fetchone()[0]
    assert '"new": "3"' in detail and '"old": "10"' in detail


def test_decimal_settings_go_through_the_one_number_reader(db, owner):
    # what the Costs page accepts for an overhead line, the exchange rate accepts too
    assert settings.set(db, "fx.usd_pen", "3,80", actor=owner) == "3.8"
    assert settings.get_decimal(db, "fx.usd_pen") == Decimal("3.80")
    assert settings.set(db, "production.hours_per_month", "1,040.0", actor=owner) == "1040"


def test_ambiguous_setting_is_refused_with_its_meaning_not_its_key(db, owner):
    with pytest.raises(ValidationError) as refused:
        settings.set(db, "fx.usd_pen", "3,785", actor=owner)
    assert refused.value.message == ("Tipo de cambio: soles por dólar, para precios en US$: "
                                     "¿3,785 es 3.785 o 3785? Escríbalo con punto decimal: 3.785 (o 3785 sin la coma)")
    assert settings.get(db, "fx.usd_pen") == "3.75"
