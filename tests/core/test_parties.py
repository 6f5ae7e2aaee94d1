import pytest

from smedesk.core import parties
from smedesk.core.errors import ValidationError


def test_party_with_ruc(db, owner):
    pid = parties.save(db, {"name": "Colegio San Juan", "id_number": "20100123453"}, actor=owner)
    assert parties.get(db, pid)["id_type"] == "ruc"


def test_wrong_ruc_refused_on_its_field(db, owner):
    with pytest.raises(ValidationError) as info:
        parties.save(db, {"name": "X", "id_number": "20100123454"}, actor=owner)
    assert info.value.field == "id_number"


def test_foreign_buyer(db, owner):
    pid = parties.save(db, {"name": "Oak & Co", "id_type": "foreign", "id_number": "EIN 12-3456789",
                            "country": "us"}, actor=owner)
    assert parties.get(db, pid)["country"] == "US"


def test_same_ruc_twice_refused_and_ensure_reuses(db, owner):
    first = parties.ensure(db, {"name": "A", "id_number": "20100123453"}, actor=owner)
    assert parties.ensure(db, {"name": "A otra", "id_number": "20100123453"}, actor=owner) == first
    with pytest.raises(ValidationError, match="ya pertenece"):
        parties.save(db, {"name": "B", "id_number": "20100123453"}, actor=owner)
