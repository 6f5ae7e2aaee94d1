"""What an owner who reads only Spanish meets in the window: dates as Peru writes
them, settings and the change log in words, files saved beside the business
file under Spanish names and never overwritten."""

from PySide6.QtWidgets import QPushButton

from smedesk.core import settings
from smedesk.production import catalogue as cat
from smedesk.ui.datefield import DateField
from tests.exportplan.test_pdf import pdf_text


def test_a_date_field_shows_iso_as_peru_writes_it_and_reads_it_back(qtbot):
    field = DateField("2026-02-28")
    qtbot.addWidget(field)
    assert field.text() == "28/02/2026"
    field.edit.setText("1/3/2026")
    field.edit.editingFinished.emit()
    assert field.text() == "01/03/2026" and field.date().isoformat() == "2026-03-01"


def test_material_price_date_typed_as_dd_mm_yyyy(window, db, settle):
    from smedesk.ui.costing.materials_view import MaterialsView

    view = MaterialsView(window.ctx)
    for key, value in {"code": "TEL", "name": "Tela drill", "price": "12.50", "waste_pct": "5"}.items():
        view.form.fields[key].setText(value)
    view.form.fields["valid_from"].setText("28/02/2026")
    view.save()
    settle(view.ctx)
    history = cat.price_history(db, cat.get_material(db, "TEL")["id"])
    assert history[-1]["valid_from"] == "2026-02-28"


def test_an_error_goes_once_the_field_is_changed(window, settle):
    from smedesk.ui.costing.materials_view import MaterialsView

    view = MaterialsView(window.ctx)
    view.form.fields["valid_from"].setText("31/02/2026")
    for key, value in {"code": "TEL", "name": "Tela", "price": "1", "waste_pct": "0"}.items():
        view.form.fields[key].setText(value)
    view.save()
    settle(view.ctx)
    assert "no es una fecha" in view.form.errors["valid_from"].text()
    view.form.fields["valid_from"].setText("28/02/2026")
    assert view.form.errors["valid_from"].text() == "" and view.form.errors["valid_from"].isHidden()


def test_settings_read_as_what_they_mean(window):
    page = window.show_page("business")
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "Minutos que espera un usuario bloqueado" in names
    assert not [n for n in names if "." in n and " " not in n], names  # no raw key like auth.lock_minutes


def test_a_setting_edited_by_its_label_is_saved_under_its_key(window, db, settle):
    page = window.show_page("business")
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).text() == "Minutos que espera un usuario bloqueado")
    page.table.item(row, 1).setText("9")
    settle(window.ctx)
    assert settings.get(db, "auth.lock_minutes") == "9"


def test_change_log_in_words(window, db, owner, settle):
    from smedesk.exportplan import plans

    plan_id = plans.create_plan(db, "Polos a Chile", template="garments", actor=owner)
    plans.save_plan(db, plan_id, {"incoterm": "FOB", "title": "Polos a Chile 2027"}, actor=owner)
    page = window.show_page("audit")
    page.refresh()
    settle(window.ctx)  # read on the worker
    actions = [page.table.item(r, 2).text() for r in range(page.table.rowCount())]
    details = [page.table.item(r, 4).text() for r in range(page.table.rowCount())]
    assert "Plan de exportación guardado" in actions
    assert any("campos: Incoterm, título" in d for d in details), details
    assert not any("exportplan." in a for a in actions)


def test_trial_balance_states_its_period_and_never_overwrites(window, db_path, qtbot):
    page = window.show_page("accounts_reports")
    page.report.setCurrentIndex(page.report.findData("trial-balance"))
    page.date_from.setText("01/01/2026")
    page.date_to.setText("30/11/2026")
    page.findChild(QPushButton, "save_pdf").click()
    page.findChild(QPushButton, "save_pdf").click()  # waits its turn behind the first
    qtbot.waitUntil(lambda: not page.printing.busy(), timeout=20000)
    folder = db_path.parent / "documentos" / "reportes"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["balance-de-comprobacion-2026-01-01-al-2026-11-30-2.pdf",
                     "balance-de-comprobacion-2026-01-01-al-2026-11-30.pdf"]
    assert "Del 01/01/2026 al 30/11/2026" in pdf_text(folder / names[1])


def test_restore_from_a_usb_stick_says_what_and_can_be_undone(window, ctx, owner, tmp_path):
    from smedesk.core import backup

    stick = tmp_path / "USB"
    cat.save_product(ctx.db, {"sku": "POL-01", "name": "Polo"}, actor=owner)
    on_stick = backup.backup(ctx.db, ctx.db_path, stick, actor=owner)  # a copy kept only on the stick
    cat.save_product(ctx.db, {"sku": "POL-02", "name": "Polo cuello V"}, actor=owner)
    page = window.show_page("backup")
    assert page.restore_file(on_stick)
    shown = window.show_page("backup")
    assert "Restaurada:" in shown.status.banner.text() and "· 1 producto, " in shown.status.banner.text()
    assert cat.get_product(window.ctx.db, "POL-02") is None
    # the safety copy is listed, and going back to it brings POL-02 back
    assert shown.safety.count() == 1 and "2 productos" in shown.safety.item(0).text()
    assert shown.restore_file(shown.safety.item(0).data(256))
    assert cat.get_product(window.ctx.db, "POL-02") is not None


def test_owner_gives_a_staff_member_a_new_pin_from_the_window(window, db, staff, settle):
    from smedesk.core import users

    page = window.show_page("users")
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "Jorge")
    page.table.selectRow(row)
    page.reset_form.fields["pin"].setText("8642")
    page.findChild(QPushButton, "reset_pin").click()
    settle(window.ctx)
    assert "Jorge" in page.reset_form.banner.text()
    assert users.login(db, staff.user_id, "8642").ok


def test_owner_changes_their_own_pin_with_the_old_one(window, db, owner, settle):
    from smedesk.core import users
    from tests.conftest import OWNER_PIN

    page = window.show_page("users")
    page.own_form.fields["old_pin"].setText("0000" if OWNER_PIN != "0000" else "1111")
    page.own_form.fields["pin"].setText("97531")
    page.findChild(QPushButton, "change_own_pin").click()
    settle(window.ctx)
    assert not page.own_form.errors["old_pin"].isHidden()
    page.own_form.fields["old_pin"].setText(OWNER_PIN)
    page.findChild(QPushButton, "change_own_pin").click()
    settle(window.ctx)
    assert users.login(db, owner.user_id, "97531").ok


def test_every_sidebar_name_fits_in_english_too(qtbot, ctx):
    from PySide6.QtGui import QFontMetrics

    from smedesk.core import i18n
    from smedesk.ui.main_window import MainWindow

    i18n.set_language("en")
    try:
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        bar = win.sidebar
        font = bar.font()
        font.setPixelSize(15)
        widest = max(QFontMetrics(font).horizontalAdvance(bar.item(n).text()) for n in range(bar.count()))
        assert widest + 20 <= bar.width()  # "Receipts and payments" with its padding
    finally:
        i18n.set_language("es")
