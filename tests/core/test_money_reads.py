"""Money figures are refused in the domain to a staff session and to a connection
nobody is bound to, whatever page asks. The reads come from reading the source
(reliability/money_reads.py), the one place that finds them: no list kept here."""

from decimal import Decimal

import pytest

from reliability.money_reads import call_for, money_reads
from smedesk.core.errors import PermissionDenied
from smedesk.core.roles import bind, require_view
from smedesk.production import catalogue


@pytest.fixture
def found(db):
    return money_reads(db)


def test_the_reads_the_issue_names_are_found_by_reading_the_source(found):
    names = {f"{m.removeprefix('smedesk.')}.{n}" for m, n, _what, _guard in found}
    assert {"production.materials.list_materials", "production.materials.price_history",
            "accounts.documents.get_document", "accounts.documents.list_documents", "accounts.journal.entries",
            "accounts.journal.entry_lines", "accounts.payments.outstanding_cents", "accounts.reports.aging",
            "production.costing.unit_cost"} <= names


def test_every_money_read_has_a_guard(found):
    assert [f"{m}.{n} ({what})" for m, n, what, guard in found if not guard] == []


def test_a_connection_nobody_is_bound_to_is_refused(db):
    bind(db, None)
    with pytest.raises(PermissionDenied, match="Nadie"):
        require_view(db)


@pytest.mark.parametrize("who", ["staff", "nobody"])
def test_every_guarded_read_is_refused(db, staff, tmp_path, found, who):
    leaks = []
    for module, name, _what, guard in found:
        if guard != "require_view":
            continue
        call = call_for(module, name, db, tmp_path)
        bind(db, staff if who == "staff" else None)
        try:
            call()
            leaks.append(name)
        except PermissionDenied:
            pass
    assert leaks == []


def test_the_owner_reads(db, owner, tmp_path, found):
    refused = []
    for module, name, _what, guard in found:
        if guard != "require_view":
            continue
        bind(db, owner)
        try:
            call_for(module, name, db, tmp_path)()
        except PermissionDenied:
            refused.append(name)
        except Exception:  # noqa: BLE001  placeholder arguments; what matters is no PermissionDenied
            pass
    assert refused == []


def test_a_staff_session_reaches_no_material_price_through_the_catalogue(db, owner, staff):
    catalogue.save_material(db, {"code": "HIL", "name": "Hilo", "unit": "m", "price": "0.0025"}, actor=owner)
    pid = catalogue.save_product(db, {"sku": "BOL", "name": "Bolsa", "price": "12.50"}, actor=owner)
    bind(db, staff)
    with pytest.raises(PermissionDenied):
        catalogue.list_materials(db)
    assert [m["code"] for m in catalogue.list_materials(db, prices=False)] == ["HIL"]
    assert "price" not in catalogue.list_materials(db, prices=False)[0]
    assert catalogue.get_product(db, pid)["price_cents"] is None  # the product, without its list price
    assert catalogue.list_products(db)[0]["price_cents"] is None
    bind(db, owner)
    assert catalogue.get_product(db, pid)["price_cents"] == 1250
    assert catalogue.list_materials(db)[0]["price"] == Decimal("0.0025")
