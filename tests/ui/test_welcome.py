from smedesk.core import business
from smedesk.ui.welcome import WelcomeDialog


def test_bad_ruc_refused_next_to_field(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "n.smedesk")
    qtbot.addWidget(dialog)
    for key, value in {"name": "Taller", "ruc": "123", "owner": "Ana", "pin": "1234"}.items():
        dialog.form.fields[key].setText(value)
    dialog.create_business()
    assert "11 dígitos" in dialog.form.errors["ruc"].text()
    assert not (tmp_path / "n.smedesk").exists()


def test_creates_the_business(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "n.smedesk")
    qtbot.addWidget(dialog)
    for key, value in {"name": "Taller", "ruc": "20100123453", "owner": "Ana", "pin": "1234"}.items():
        dialog.form.fields[key].setText(value)
    dialog.create_business()
    assert business.get(dialog.db)["name"] == "Taller"
    dialog.db.close()
