"""Small things seen on the way (issue 14, point 8)."""

import subprocess
import sys

import pytest

from smedesk.accounts import documents
from smedesk.core import parties
from smedesk.core.errors import ValidationError
from smedesk.production import catalogue as cat
from smedesk.production.imports import import_file


def test_json_into_a_reader_that_stops_early_exits_quietly(db, db_path, owner):
    from smedesk.accounts import journal
    from smedesk.accounts.journal import Line

    for n in range(400):  # enough JSON to fill the pipe after `head` has gone away
        journal.post(db, "2026-03-02", [Line("1011", debit_cents=100 + n), Line("70111", credit_cents=100 + n)],
                     memo=f"venta número {n}", actor=owner)
    db.close()
    shell = f"{sys.executable} -m smedesk ledger list --json --db {db_path} | head -c 10 >/dev/null; " \
            "echo ${PIPESTATUS[0]}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0"


def test_bom_import_counts_lines_and_products_apart(db, owner, tmp_path):
    for code in ("TOR", "TOR2", "TOR3"):
        cat.save_material(db, {"code": code, "name": code, "unit": "m3", "price": "1850"}, actor=owner)
    cat.save_product(db, {"sku": "SIL-01", "name": "Silla"}, actor=owner)
    path = tmp_path / "b.csv"
    path.write_text("sku,material_code,qty,unit\nSIL-01,TOR,10,pt\nSIL-01,TOR2,1,pt\nSIL-01,TOR3,2,pt\n",
                    encoding="utf-8")
    result = import_file(db, "bom", path, actor=owner)
    assert (result.rows, result.products, result.created) == (3, 1, 1)
    assert result.summary() == "Se importaron 3 líneas de 1 productos: 1 listas de materiales nuevas, 0 reemplazadas."


@pytest.fixture
def customer(db, owner):
    return parties.save(db, {"name": "Colegio San Martín", "id_number": "20100070970"}, actor=owner)


def test_a_factura_to_the_business_own_ruc_is_refused(db, owner):
    itself = parties.save(db, {"name": "Nosotros", "id_number": "20100123453"}, actor=owner)  # the fixture's RUC
    with pytest.raises(ValidationError) as err:
        documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1, "unit_price": "100"}],
                                  party_id=itself, actor=owner)
    assert err.value.message == "El RUC del cliente 20100123453 es el de este mismo negocio: un negocio no se factura a sí mismo."


def test_a_credit_note_takes_the_original_customer_and_currency(db, owner, customer):
    invoice = documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1,
                                        "unit_price": "100"}], party_id=customer, currency="USD", fx="3.75",
                                        actor=owner)
    note = documents.get_document(db, documents.create_document(
        db, "sale", "07", "F001", [{"description": "Devolución", "qty": 1, "unit_price": "10"}], ref=invoice,
        actor=owner))
    assert (note["party_id"], note["currency"], note["fx"]) == (customer, "USD", "3.75")
    other = parties.save(db, {"name": "Otro Cliente", "id_number": "20131312955"}, actor=owner)
    with pytest.raises(ValidationError, match="es para el cliente de F001-00000001|lleva el cliente del comprobante"):
        documents.create_document(db, "sale", "07", "F001", [{"description": "X", "qty": 1, "unit_price": "1"}],
                                  ref=invoice, party_id=other, actor=owner)
    with pytest.raises(ValidationError, match=r"va en la moneda del (original|comprobante que modifica) \(USD\)"):
        documents.create_document(db, "sale", "07", "F001", [{"description": "X", "qty": 1, "unit_price": "1"}],
                                  ref=invoice, currency="PEN", actor=owner)


def test_an_order_quantity_of_minus_five_is_refused(db, owner, customer):
    from smedesk.tracking import orders

    cat.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    with pytest.raises(ValidationError, match="número entero mayor que cero"):
        orders.create_order(db, "P-1", customer, [{"sku": "MESA-01", "qty": "-5", "unit_price": "100"}],
                            "2099-12-31", actor=owner)
