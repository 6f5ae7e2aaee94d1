from PySide6.QtCore import Qt

from smedesk.ui.login import LoginDialog
from tests.conftest import OWNER_PIN


def choose(dialog, name):
    for row in range(dialog.people.count()):
        if dialog.people.item(row).text() == name:
            dialog.people.setCurrentRow(row)


def test_right_pin_logs_in(qtbot, db, owner):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    choose(dialog, "Rosa")
    qtbot.keyClicks(dialog.pin, OWNER_PIN)
    qtbot.keyClick(dialog.pin, Qt.Key_Return)
    assert dialog.actor is not None and dialog.actor.name == "Rosa"


def test_wrong_pin_shows_why_and_stays_open(qtbot, db, owner):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    choose(dialog, "Rosa")
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key_Return)
    assert dialog.actor is None
    assert "PIN incorrecto" in dialog.message.text()


def test_lockout_after_five_wrong_pins(qtbot, db, staff):
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    choose(dialog, "Jorge")
    for _ in range(5):
        dialog.pin.setText("0000")
        dialog.try_login()
    dialog.pin.setText("5678")
    dialog.try_login()
    assert dialog.actor is None
    assert "Demasiados PIN incorrectos" in dialog.message.text()
