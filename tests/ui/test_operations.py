"""Operations: one broadcast of what changed; hidden pages refresh when shown;
the station's flash is painted before any page hears of the scan."""

from PySide6.QtCore import QEvent, QObject, Qt

from smedesk.core import parties
from smedesk.core.changes import Changes
from smedesk.production import catalogue
from smedesk.tracking import orders, release
from smedesk.ui.pages.scan_page import StationWindow


def set_setting(page, key, value):
    for row in range(page.table.rowCount()):
        if page.table.item(row, 0).data(Qt.UserRole) == key:  # the row shows the setting's label
            page.table.item(row, 1).setText(value)
            return
    raise AssertionError(f"no setting {key}")


def test_changing_the_overhead_hours_in_negocio_refreshes_the_rate_in_costos_when_shown(qtbot, window, ctx, owner,
                                                                                      settle):
    catalogue.save_overhead(ctx.db, "Alquiler", "1600", actor=owner)
    costs = window.show_page("costs")
    costs.refresh()
    assert "208" in costs.rate_label.text()  # the default productive hours
    business = window.show_page("business")
    set_setting(business, "production.hours_per_month", "200")
    settle(ctx)  # saved on the database worker
    assert costs.dirty  # hidden: marked, not refreshed
    window.show_page("costs")
    # S/ 1,600 a month over 200 hours = S/ 8 per labour hour
    assert "200" in costs.rate_label.text() and "8" in costs.rate_label.text().split("=")[-1]


def test_a_write_on_the_worker_broadcasts_once_what_it_changed(qtbot, ctx, owner):
    seen = []
    ctx.bus.changed.connect(lambda changes, who: seen.append(changes))
    answers = []
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        ctx.ops.write(lambda db: parties.save(db, {"name": "Cliente"}, actor=owner), changes=Changes("parties"),
                      done=answers.append)
    assert seen == [Changes("parties")] and len(answers) == 1
    assert parties.get(ctx.db, answers[0])["name"] == "Cliente"


def test_a_refused_write_broadcasts_nothing(qtbot, ctx, owner):
    seen, errors = [], []
    ctx.bus.changed.connect(lambda changes, who: seen.append(changes))
    ctx.ops.write(lambda db: orders.set_state(db, "NO-SUCH", "delivered", actor=owner), changes=Changes("orders"),
                  failed=errors.append)
    qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=5000)
    assert seen == [] and len(errors) == 1


class Log(QObject):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            self.log.append("flash painted")
        return False


def test_a_scan_paints_its_flash_before_any_page_refreshes(qtbot, window, ctx, owner, staff, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    product = catalogue.save_product(ctx.db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(ctx.db, product, [{"name": "Corte", "std_minutes": "10"}], actor=owner)
    customer = parties.save(ctx.db, {"name": "Cliente"}, actor=owner)
    orders.create_order(ctx.db, "P-1", customer, [{"sku": "MESA-01", "qty": 4}], "2026-03-20", actor=owner)
    release.release(ctx.db, "P-1", actor=owner)
    code = release.order_units(ctx.db, "P-1")[0]["code"]
    window.show()
    log = []
    for key in ("orders", "production", "panel"):
        page = window.show_page(key)
        monkeypatch.setattr(page, "refresh", lambda key=key: log.append(f"{key} refreshed"))
    window.show_page("orders")  # on screen behind the station, following scans
    full = StationWindow(ctx)
    qtbot.addWidget(full)
    full.show()
    station = full.station
    watcher = Log(log)
    for line in ("PASOCORTE", "OP01"):
        station.input.setText(line)
        with qtbot.waitSignal(station.processed, timeout=5000):
            qtbot.keyClick(station.input, Qt.Key_Return)
    station.flash.installEventFilter(watcher)
    log.clear()
    station.input.setText(code)
    with qtbot.waitSignal(station.processed, timeout=5000):
        qtbot.keyClick(station.input, Qt.Key_Return)
    qtbot.waitUntil(lambda: "orders refreshed" in log, timeout=5000)
    assert log[0] == "flash painted"
    assert "production refreshed" not in log and "panel refreshed" not in log  # hidden: dirty
    assert window.pages["production"].dirty


def test_the_same_write_twice_while_the_first_is_pending_is_queued_once(qtbot, ctx, owner):
    """A double click: the same function with the same values from the same page is one
    operation; a write with other values is another one and is queued."""
    names = ["Cliente A", "Cliente A", "Cliente B"]
    queued = [ctx.ops.write(lambda db, name=name: parties.save(db, {"name": name}, actor=owner),
                            changes=Changes("parties"), initiator=ctx) for name in names]
    qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=5000)
    assert queued == [True, False, True]
    assert [r[0] for r in ctx.db.execute("SELECT name FROM parties ORDER BY id")] == ["Cliente A", "Cliente B"]
    again = ctx.ops.write(lambda db, name="Cliente A": parties.save(db, {"name": name}, actor=owner),
                          changes=Changes("parties"), initiator=ctx)
    assert again is True  # once answered, the same write is a new operation
    qtbot.waitUntil(lambda: not ctx.ops.busy(), timeout=5000)
