"""The scan station: keyboard only, one flash per outcome, nothing lost in a burst."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from smedesk.core import parties
from smedesk.production import catalogue
from smedesk.tracking import orders, release
from smedesk.ui.pages.scan_page import StationWidget
from smedesk.ui.sounds import Sounds


@pytest.fixture
def codes(db, owner, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:00:00Z")
    product = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    catalogue.set_routing(db, product, [{"name": "Corte", "std_minutes": "10"},
                                        {"name": "Armado", "std_minutes": "20"}], actor=owner)
    customer = parties.save(db, {"name": "Cliente"}, actor=owner)
    orders.create_order(db, "P-1", customer, [{"sku": "MESA-01", "qty": 40}], "2026-03-20", actor=owner)
    release.release(db, "P-1", actor=owner)
    return [u["code"] for u in release.order_units(db, "P-1")]


@pytest.fixture
def station(qtbot, ctx, staff):
    widget = StationWidget(ctx, sounds=Sounds(enabled=False))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_line(qtbot, widget, text):
    qtbot.keyClicks(widget.input, text)
    with qtbot.waitSignal(widget.processed, timeout=3000) as blocker:
        qtbot.keyClick(widget.input, Qt.Key_Return)
    return blocker.args[0]


def test_step_card_then_badge_then_label_is_green(qtbot, station, codes):
    assert type_line(qtbot, station, "PASOCORTE") == "info"
    assert "Corte" in station.step_label.text()
    assert type_line(qtbot, station, "OP01") == "info"
    assert "Jorge" in station.operator_label.text()
    assert type_line(qtbot, station, codes[0]) == "counted"
    assert station.flash.property("outcome") == "counted"
    assert station.title.text() == "CONTADO"
    assert station.history.count() == 1


def test_label_before_step_card_asks_for_it(qtbot, station, codes):
    assert type_line(qtbot, station, codes[0]) == "other"
    assert "tarjeta" in station.reason.text()


def test_pin_sets_operator(qtbot, station, codes):
    type_line(qtbot, station, "PASOCORTE")
    assert type_line(qtbot, station, "5678") == "info"  # Jorge's PIN
    assert "Jorge" in station.operator_label.text()


def test_each_refusal_has_its_colour_and_reason(qtbot, station, codes):
    type_line(qtbot, station, "PASOARMADO")
    type_line(qtbot, station, "OP01")
    assert type_line(qtbot, station, codes[0]) == "previous"
    assert "Corte" in station.reason.text()
    type_line(qtbot, station, "PASOCORTE")
    type_line(qtbot, station, codes[0])
    assert type_line(qtbot, station, codes[0]) == "already"
    assert "#ffb300" in station.flash.styleSheet()
    assert type_line(qtbot, station, "XXXXXXXXX") == "unknown"
    assert "#c62828" in station.flash.styleSheet()


def test_owner_undoes_last_scan(qtbot, station, codes, db):
    type_line(qtbot, station, "PASOCORTE")
    type_line(qtbot, station, "OP01")
    type_line(qtbot, station, codes[0])
    with qtbot.waitSignal(station.ctx.bus.changed, timeout=5000):  # undone on the database worker
        qtbot.mouseClick(station.findChild(QPushButton, "undo_last"), Qt.LeftButton)
    assert db.execute("SELECT count(*) FROM scans WHERE undone_at IS NULL").fetchone()[0] == 0


def test_a_burst_of_scans_loses_nothing(qtbot, station, codes, db):
    type_line(qtbot, station, "PASOCORTE")
    type_line(qtbot, station, "OP01")
    # 40 labels typed by the scanner as fast as events can be posted (faster
    # than 20 a second): every key is queued before any scan is processed.
    for code in codes:
        for ch in code:
            QApplication.postEvent(station.input, QKeyEvent(QEvent.KeyPress, 0, Qt.NoModifier, ch))
        QApplication.postEvent(station.input, QKeyEvent(QEvent.KeyPress, Qt.Key_Return, Qt.NoModifier, "\r"))
    qtbot.waitUntil(lambda: db.execute("SELECT count(*) FROM scans").fetchone()[0] == 40, timeout=10000)
    qtbot.waitUntil(lambda: not station.queue, timeout=5000)  # every answer painted
    assert db.execute("SELECT count(DISTINCT unit_id) FROM scans").fetchone()[0] == 40


def test_twenty_scans_a_second_for_two_seconds_loses_nothing(qtbot, station, codes, db):
    from PySide6.QtCore import QTimer

    type_line(qtbot, station, "PASOCORTE")
    type_line(qtbot, station, "OP01")
    pending = list(codes)
    timer = QTimer()
    timer.setInterval(50)  # a scanner firing every 50 ms: 20 scans a second

    def fire():
        if not pending:
            timer.stop()
            return
        code = pending.pop(0)
        for ch in code:
            QApplication.postEvent(station.input, QKeyEvent(QEvent.KeyPress, 0, Qt.NoModifier, ch))
        QApplication.postEvent(station.input, QKeyEvent(QEvent.KeyPress, Qt.Key_Return, Qt.NoModifier, "\r"))

    timer.timeout.connect(fire)
    timer.start()
    qtbot.waitUntil(lambda: db.execute("SELECT count(*) FROM scans").fetchone()[0] == 40, timeout=15000)
    qtbot.waitUntil(lambda: not station.queue, timeout=5000)
    assert station.history.count() == 12 and station.title.text() == "CONTADO"


def test_wrong_step_and_other_workshop_look_and_sound_different(qtbot, station, codes, db):
    from smedesk.core import business
    from smedesk.tracking import trackcodes
    from smedesk.ui.pages.scan_page import COLOURS
    from smedesk.ui.sounds import TONES

    type_line(qtbot, station, "PASOARMADO")
    type_line(qtbot, station, "OP01")
    assert type_line(qtbot, station, codes[0]) == "previous"  # the outcome (and exit code) is unchanged
    assert station.flash.property("outcome") == "wrong_step" and station.title.text() == "PASO EQUIVOCADO"
    ours = business.get(db)["code"]
    other = next(p for p in ("ZZZ", "QQQ") if p != ours)
    assert type_line(qtbot, station, trackcodes.make_code(other, 7)) == "unknown"
    assert station.flash.property("outcome") == "foreign" and station.title.text() == "ETIQUETA DE OTRO TALLER"
    assert type_line(qtbot, station, "XXXXXXXXX") == "unknown"
    assert station.flash.property("outcome") == "unknown"
    shown = {k: COLOURS[k] for k in ("wrong_step", "foreign", "unknown")}
    assert len(set(shown.values())) == 3
    assert len({str(TONES[k]) for k in ("wrong_step", "foreign", "unknown")}) == 3


def test_wrong_pins_lock_the_station_in_spanish_and_the_pin_is_checked_off_the_gui_thread(
        qtbot, station, codes, monkeypatch, worker_threads):
    from smedesk.core import users

    ran_on = worker_threads(users, "user_by_pin")
    for _ in range(4):  # auth.max_attempts = 5
        assert type_line(qtbot, station, "0000") == "other"
        assert station.reason.text() == "PIN desconocido."
    type_line(qtbot, station, "0000")
    assert station.reason.text() == "Demasiados PIN incorrectos: intente de nuevo a las 10:05."
    type_line(qtbot, station, "5678")  # Jorge's PIN, refused while locked
    assert "Demasiados PIN" in station.reason.text() and "Jorge" not in station.operator_label.text()
    assert set(ran_on) == {"smedesk-db"} and len(ran_on) == 5  # no hash tried while locked
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-02T15:05:00Z")  # the lock is over
    assert type_line(qtbot, station, "5678") == "info" and "Jorge" in station.operator_label.text()
