"""Every change to money, orders, scans and users leaves an audit row with who
and when: each domain function is driven once on a demo business, and the
rows it added to audit_log are looked at."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from reliability.fuzz_kit import demo_db
from reliability.report import Result
from smedesk.core import clock, users
from smedesk.core.db import scalar


def _steps(db, owner):
    """(what, callable) in an order where each step can use the ones before."""
    from smedesk.accounts import documents, journal, payments
    from smedesk.accounts.journal import Line
    from smedesk.tracking import orders, release, scanning, station

    today = clock.today_lima().isoformat()
    customer = scalar(db, "SELECT id FROM parties WHERE is_customer AND id_type = 'ruc' AND deleted_at IS NULL")
    sku = scalar(db, "SELECT sku FROM products WHERE deleted_at IS NULL AND id IN (SELECT product_id FROM routing_steps)")
    state = {}

    def new_order():
        state["order"] = "AUD-1"
        orders.create_order(db, "AUD-1", customer, [{"sku": sku, "qty": "2", "unit_price": "35.00"}],
                            (clock.today_lima() + dt.timedelta(days=20)).isoformat(), actor=owner)

    def scan():
        unit = scalar(db, "SELECT u.code FROM track_units u JOIN orders o ON o.id = u.order_id WHERE o.number = 'AUD-1'")
        first = next(iter(station.known_steps(db).values()))
        step = scalar(db, "SELECT s.name FROM job_steps s JOIN track_units u ON u.job_id = s.job_id"
                          " WHERE u.code = ? ORDER BY s.seq LIMIT 1", [unit]) or first
        result = scanning.record_scan(db, unit, step, users.get_user(db, owner.user_id), actor=owner)
        assert result.ok, result.message
        state["scan"] = result.scan_id

    def invoice():
        state["doc"] = documents.create_document(db, "sale", "01", "F001",
                                                 [{"description": "Polos", "qty": 2, "unit_price": "59.00"}],
                                                 party_id=customer, date=today, actor=owner)

    def entry():
        state["entry"] = journal.post(db, today, [Line("1011", debit_cents=1000), Line("70111", credit_cents=1000)],
                                      memo="auditoría", actor=owner)

    staff = {}
    return [
        ("users: add", lambda: staff.setdefault("id", users.add_user(db, "Auditada", "staff", "4321", actor=owner))),
        ("users: change PIN", lambda: users.set_pin(db, staff["id"], "8765", actor=owner)),
        ("users: deactivate", lambda: users.deactivate(db, staff["id"], actor=owner)),
        ("orders: create", new_order),
        ("orders: due date", lambda: orders.set_due_date(
            db, "AUD-1", (clock.today_lima() + dt.timedelta(days=25)).isoformat(), actor=owner)),
        ("orders: release", lambda: release.release(db, "AUD-1", accept_short=True, actor=owner)),
        ("scans: record", scan),
        ("scans: undo", lambda: scanning.undo_scan(db, state["scan"], reason="auditoría", actor=owner)),
        ("money: document", invoice),
        ("money: payment", lambda: payments.record_payment(db, state["doc"], "50", account="1011", date=today,
                                                           actor=owner)),
        ("money: expense", lambda: payments.record_expense(db, "12.50", account="6365", paid_from="1011",
                                                           description="Pasaje", date=today, actor=owner)),
        ("money: journal entry", entry),
        ("money: reversal", lambda: journal.reverse(db, state["entry"], actor=owner)),
        ("orders: cancel", lambda: orders.set_state(db, "AUD-1", "cancelled", actor=owner)),
    ]


def check_audit(tmp: Path) -> Result:
    db, owner = demo_db(tmp)
    assert owner.user_id is not None
    missing = []
    steps = _steps(db, owner)
    try:
        for what, step in steps:
            last = scalar(db, "SELECT coalesce(max(id), 0) FROM audit_log")
            start = clock.now_iso()
            try:
                step()
            except Exception as exc:  # the step itself failed: report it, go on
                missing.append(f"{what} ({type(exc).__name__}: {str(exc)[:60]})")
                continue
            end = clock.now_iso()
            found = db.execute("SELECT user_id, user_name, at FROM audit_log WHERE id > ?", [last]).fetchall()
            if not found or not all(r[0] == owner.user_id and r[1] == owner.name and start <= r[2] <= end
                                    for r in found):
                missing.append(what)
    finally:
        db.close()
    return Result("audit", "changes to money, orders, scans, users logged with who and when", len(steps),
                  not missing, "each left its row with user and time" if not missing else "missing: " + "; ".join(missing))


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        return [check_audit(Path(tmp))]
