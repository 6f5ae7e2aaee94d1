"""A small workshop for stock tests: timber kept in m³ and used in pies
tablares, jersey kept in kg and used in grams (5 % waste), a supplier, a
customer and an operator; helpers to buy, order and scan."""

from __future__ import annotations

import pytest

from smedesk.accounts import documents
from smedesk.core import parties, users
from smedesk.production import catalogue
from smedesk.tracking import orders, release, scanning

NOW = "2026-03-02T15:00:00Z"  # Monday 2 March 2026, 10:00 in Lima


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", NOW)


@pytest.fixture
def shop(db, owner):
    catalogue.save_material(db, {"code": "TORN", "name": "Tornillo", "unit": "m3", "price": "1000",
                                 "supplier": "Maderera Ucayali"}, actor=owner)
    catalogue.save_material(db, {"code": "JER", "name": "Tela jersey", "unit": "kg", "price": "20",
                                 "waste_pct": "5"}, actor=owner)
    mesa = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(db, mesa, [{"name": "Corte", "std_minutes": "60"}, {"name": "Armado", "std_minutes": "60"}],
                          actor=owner)
    catalogue.set_bom(db, mesa, [{"material_code": "TORN", "qty": "50", "unit": "pt"}], actor=owner)
    polo = catalogue.save_product(db, {"sku": "POLO-01", "name": "Polo"}, actor=owner)
    catalogue.set_routing(db, polo, [{"name": "Corte", "std_minutes": "2"}, {"name": "Costura", "std_minutes": "6"},
                                     {"name": "Planchado", "std_minutes": "2"}], actor=owner)
    catalogue.set_bom(db, polo, [{"material_code": "JER", "qty": "180", "unit": "g"}], actor=owner)
    supplier = parties.save(db, {"name": "Maderera Ucayali S.A.C.", "id_number": "20548726213"}, actor=owner)
    textil = parties.save(db, {"name": "Textil Gamarra S.A.C.", "id_number": "20605145745"}, actor=owner)
    customer = parties.save(db, {"name": "Cliente Uno", "id_number": "20100123453"}, actor=owner)
    users.add_user(db, "Ana", "staff", "1111", badge="OP09", actor=owner)
    return {"mesa": mesa, "polo": polo, "supplier": supplier, "textil": textil, "customer": customer}


@pytest.fixture
def buy(db, owner, shop):
    counter = iter(range(1, 1000))

    def purchase(code, qty, unit_price, *, date="2026-03-01", currency="PEN", fx=None, party="supplier"):
        material = catalogue.get_material(db, code)
        return documents.create_document(
            db, "purchase", "01", "F001", [{"description": material["name"], "qty": qty, "unit_price": unit_price,
                                            "material_id": material["id"]}],
            actor=owner, party_id=shop[party], number=next(counter), date=date, currency=currency, fx=fx,
            prices_include_igv=False)
    return purchase


@pytest.fixture
def order(db, owner, shop):
    def make(number, sku, qty, *, due="2026-03-20", release_it=False, bundle=None, accept_short=True):
        orders.create_order(db, number, shop["customer"], [{"sku": sku, "qty": qty, "unit_price": "10"}], due,
                            actor=owner)
        if release_it:
            release.release(db, number, bundle=bundle, accept_short=accept_short, actor=owner)
        return number
    return make


@pytest.fixture
def scan(db, owner):
    def do(number, step, count, start=0):
        units = release.order_units(db, number)[start:start + count]
        for u in units:
            result = scanning.record_scan(db, u["code"], step, "Ana", actor=owner)
            assert result.ok, result.message
    return do
