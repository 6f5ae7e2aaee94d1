"""Operations that write several things do every check and write in one
transaction: two processes doing the same thing at the same moment (two windows,
or a window and a retry) end with exactly one result, never two or a half."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from smedesk.accounts import documents, quotations
from smedesk.core import parties, settings
from smedesk.core.db import open_db, rows, scalar
from smedesk.production import catalogue as cat
from smedesk.tracking import orders, release, scanning

# Each process opens the file as the owner, waits until both are ready, then runs
# the operation named on its command line and prints what happened.
RUNNER = r"""
import json, os, sys, time
from smedesk.core import roles, users
from smedesk.core.db import open_db
from smedesk.core.errors import SmedeskError

path, ready, go, op, arg = sys.argv[1:6]
db = open_db(path)
owner = users.owner_actor(db)
roles.bind(db, owner)
open(ready, "w").close()
while not os.path.exists(go):
    time.sleep(0.005)
try:
    if op == "order_from_quotation":
        from smedesk.accounts.from_orders import order_from_quotation
        qid, number = arg.split(":")
        result = order_from_quotation(db, int(qid), number, "2099-12-31", actor=owner)
    elif op == "invoice":
        from smedesk.accounts.from_orders import invoice_from_order
        result = invoice_from_order(db, arg, "01", "F001", actor=owner)
    elif op == "undo":
        from smedesk.tracking.scanning import undo_scan
        result = undo_scan(db, int(arg), reason="dos ventanas", actor=owner)
    elif op == "credit":
        from smedesk.accounts import documents
        ref, amount = arg.split(":")
        result = documents.create_document(db, "sale", "07", "F001", [{"description": "Devolución", "qty": 1,
                                           "unit_price": amount}], ref=int(ref), prices_include_igv=False,
                                           actor=owner)
    elif op == "costs":
        from smedesk.production.sheet import save_cost_settings
        name, amount, hours, fx = arg.split(":")
        result = save_cost_settings(db, item=(name, amount), hours_per_month=hours, fx=fx, actor=owner)
    print(json.dumps({"ok": True, "result": result}, default=str))
except SmedeskError as exc:
    print(json.dumps({"ok": False, "error": exc.message}))
db.close()
"""


def race(db_path, tmp_path, op, args) -> list[dict]:
    """Run `op` in two processes started together; their answers."""
    go = tmp_path / "go"
    procs, ready = [], []
    for n, arg in enumerate(args):
        flag = tmp_path / f"ready{n}"
        ready.append(flag)
        procs.append(subprocess.Popen([sys.executable, "-c", RUNNER, str(db_path), str(flag), str(go), op, arg],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for flag, proc in zip(ready, procs, strict=True):
        while not flag.exists():
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read())
    go.touch()
    answers = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        answers.append(json.loads(out.strip().splitlines()[-1]))
    return answers


@pytest.fixture
def customer(db, owner):
    return parties.save(db, {"name": "Colegio San Martín", "id_number": "20100070970"}, actor=owner)


@pytest.fixture
def table(db, owner):
    pid = cat.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    cat.set_routing(db, pid, [{"name": "Corte", "std_minutes": "60"}, {"name": "Armado", "std_minutes": "60"}],
                    actor=owner)
    return pid


def reopen(db_path):
    return open_db(db_path)


def test_a_quotation_becomes_exactly_one_order(db, db_path, owner, customer, table, tmp_path):
    q = quotations.create_quotation(db, customer, [{"product_id": table, "qty": 2, "unit_price": "350"}], actor=owner)
    quotations.set_quotation_state(db, q, "sent", actor=owner)
    quotations.set_quotation_state(db, q, "accepted", actor=owner)
    db.close()
    answers = race(db_path, tmp_path, "order_from_quotation", [f"{q}:P-101", f"{q}:P-102"])
    assert sorted(a["ok"] for a in answers) == [False, True]
    assert [a["error"] for a in answers if not a["ok"]] == ["Esta cotización ya tiene su pedido."]
    check = reopen(db_path)
    made = rows(check, "SELECT id, number FROM orders")
    assert len(made) == 1
    assert scalar(check, "SELECT order_id FROM quotations WHERE id = ?", [q]) == made[0]["id"]
    check.close()


def test_an_order_is_invoiced_exactly_once(db, db_path, owner, customer, table, tmp_path):
    orders.create_order(db, "P-201", customer, [{"sku": "MESA-01", "qty": 2, "unit_price": "350"}], "2099-12-31",
                        actor=owner)
    db.close()
    answers = race(db_path, tmp_path, "invoice", ["P-201", "P-201"])
    assert sorted(a["ok"] for a in answers) == [False, True]
    assert [a["error"] for a in answers if not a["ok"]][0].startswith("El pedido P-201 ya está facturado")
    check = reopen(db_path)
    assert scalar(check, "SELECT count(*) FROM documents WHERE order_id IS NOT NULL") == 1
    assert scalar(check, "SELECT last_number FROM doc_series WHERE series = 'F001'") == 1  # no number lost
    check.close()


def test_a_scan_is_undone_exactly_once(db, db_path, owner, customer, table, tmp_path, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    orders.create_order(db, "P-301", customer, [{"sku": "MESA-01", "qty": 1, "unit_price": "350"}], "2026-03-20",
                        actor=owner)
    release.release(db, "P-301", actor=owner)
    code = scalar(db, "SELECT code FROM track_units LIMIT 1")
    scanning.record_scan(db, code, "Corte", "Rosa", actor=owner)
    scan_id = scalar(db, "SELECT id FROM scans")
    db.close()
    answers = race(db_path, tmp_path, "undo", [str(scan_id), str(scan_id)])
    assert sorted(a["ok"] for a in answers) == [False, True]
    assert [a["error"] for a in answers if not a["ok"]] == ["Ese escaneo ya fue anulado."]
    check = reopen(db_path)
    assert scalar(check, "SELECT count(*) FROM audit_log WHERE action = 'scan.undo'") == 1
    check.close()


def test_two_credit_notes_cannot_together_pass_the_original_total(db, db_path, owner, customer, tmp_path):
    # factura: 1 × S/ 100.00 + IGV 18% = S/ 118.00; each note: S/ 60.00 + 10.80 = S/ 70.80; both: 141.60 > 118
    invoice = documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 1,
                                        "unit_price": "100"}], party_id=customer, prices_include_igv=False,
                                        actor=owner)
    db.close()
    answers = race(db_path, tmp_path, "credit", [f"{invoice}:60", f"{invoice}:60"])
    assert sorted(a["ok"] for a in answers) == [False, True]
    assert [a["error"] for a in answers if not a["ok"]] == [
        "Las notas de crédito superarían el total del comprobante original."]
    check = reopen(db_path)
    assert rows(check, "SELECT total_cents FROM documents WHERE doc_type = '07'") == [{"total_cents": 7080}]
    check.close()


def test_saving_the_costs_page_is_one_whole_result(db, db_path, owner, tmp_path):
    db.close()
    answers = race(db_path, tmp_path, "costs", ["Alquiler:1000:200:3.70", "Alquiler:2000:300:3.90"])
    assert [a["ok"] for a in answers] == [True, True]
    check = reopen(db_path)
    state = (scalar(check, "SELECT monthly_cents FROM overhead_items WHERE name = 'Alquiler'"),
             settings.get_decimal(check, "production.hours_per_month"), settings.get_decimal(check, "fx.usd_pen"))
    # one window's three values, never one window's rent with the other's hours
    assert state in [(100000, Decimal("200"), Decimal("3.7")), (200000, Decimal("300"), Decimal("3.9"))]
    assert scalar(check, "SELECT count(*) FROM overhead_items") == 1
    check.close()


def test_a_bad_value_saves_none_of_the_three(db, owner):
    from smedesk.core.errors import ValidationError
    from smedesk.production.sheet import save_cost_settings

    with pytest.raises(ValidationError, match="¿3,785 es 3.785"):
        save_cost_settings(db, item=("Alquiler", "1500"), hours_per_month="200", fx="3,785", actor=owner)
    assert cat.overhead_items(db) == []
    assert settings.get(db, "production.hours_per_month") == "208"
