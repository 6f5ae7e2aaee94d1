from PySide6.QtWidgets import QPushButton

from smedesk.core import backup, business, settings
from smedesk.ui.main_window import MainWindow


def test_owner_sees_business_users_backup_about(window):
    assert {"business", "users", "backup", "about"} <= set(window.page_keys())
    assert window.sidebar.item(0).text()


def test_staff_sees_no_settings_users_or_backups(qtbot, staff_ctx):
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert not {"business", "users", "backup"} & set(win.page_keys())


def test_bad_ruc_is_shown_next_to_the_field_and_text_kept(window, db, settle):
    page = window.show_page("business")
    page.form.fields["ruc"].setText("20100123454")
    page.form.fields["name"].setText("Nuevo Nombre")
    page.findChild(QPushButton, "save_business").click()
    settle(window.ctx)
    assert "dígito verificador" in page.form.errors["ruc"].text()
    assert not page.form.errors["ruc"].isHidden()
    assert page.form.fields["ruc"].text() == "20100123454"
    assert business.get(db)["name"] == "Taller Prueba S.A.C."


def test_saving_business_updates_title(window, db, settle):
    page = window.show_page("business")
    page.form.fields["name"].setText("Taller Nuevo")
    page.findChild(QPushButton, "save_business").click()
    settle(window.ctx)
    assert business.get(db)["name"] == "Taller Nuevo"
    assert window.title.text() == "Taller Nuevo"


def test_switching_to_english_rebuilds_pages(window, db, settle):
    page = window.show_page("business")
    page.language.setCurrentIndex(1)
    page.findChild(QPushButton, "save_business").click()
    settle(window.ctx)
    assert settings.get(db, "ui.language") == "en"
    assert window.sidebar.item(window.page_keys().index("users")).text() == "Users"


def test_add_user_with_letters_pin_shows_error(window, settle):
    page = window.show_page("users")
    page.form.fields["name"].setText("Nina")
    page.form.fields["pin"].setText("abcd")
    page.findChild(QPushButton, "add_user").click()
    settle(window.ctx)
    assert "PIN" in page.form.errors["pin"].text()
    assert page.form.fields["name"].text() == "Nina"


def test_add_user_appears_in_table(window, settle):
    page = window.show_page("users")
    page.form.fields["name"].setText("Nina")
    page.form.fields["pin"].setText("2468")
    page.findChild(QPushButton, "add_user").click()
    settle(window.ctx)
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "Nina" in names


def test_backup_now_and_restore_from_the_page(qtbot, window, ctx, owner, settle, worker_threads):
    ran_on = worker_threads(backup, "backup")
    page = window.show_page("backup")
    settings.set(ctx.db, "marker", "antes", actor=owner)
    with qtbot.waitSignal(page.backup_written, timeout=10000) as written:
        page.backup_now()
    settle(ctx)
    dest = written.args[0]
    assert ran_on == ["smedesk-db"]  # SQLite's backup API on the worker's connection
    assert dest.exists() and page.list.count() == 1
    settings.set(ctx.db, "marker", "despues", actor=owner)
    assert page.restore_file(dest)
    assert settings.get(window.ctx.db, "marker") == "antes"
    assert backup.verify_file(dest).ok


def test_panel_is_first_and_greets_the_user(window, settle):
    assert window.page_keys()[0] == "panel"
    page = window.page("panel")
    assert any(section.key == "today" for section, _ in page.sections)
    settle(window.ctx)  # each section is read on the worker
    greeting = page.sections[0][1].text()
    assert "Buen día, Rosa" in greeting and "20100123453" in greeting


def test_auto_backup_runs_off_the_ui_thread(qtbot, window, ctx, settle):
    settle(ctx)  # the Panel's own reads answered first
    with qtbot.waitSignal(window.ops.worker.finished, timeout=10000) as blocker:
        window.auto_backup()
    _job, made = blocker.args
    assert len(made) == 2 and all(p.exists() for p in made)


def test_owner_browses_the_audit_log(window, ctx, owner, settle):
    settings.set(ctx.db, "backup.keep", "4", actor=owner)
    page = window.show_page("audit")
    page.refresh()
    settle(ctx)  # read on the worker
    actions = [page.table.item(r, 2).text() for r in range(page.table.rowCount())]
    assert actions[0] == "Ajuste cambiado" and "Negocio creado" in actions  # in words, not settings.set
    assert page.table.item(0, 1).text() == "Rosa"
    page.search.setText("backup.keep")
    settle(ctx)
    assert page.table.rowCount() == 1


def test_staff_cannot_see_the_audit_log(qtbot, staff_ctx):
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert "audit" not in win.page_keys()


def test_pages_are_built_when_first_shown(window):
    keys = window.page_keys()
    assert window.pages[keys[0]] is not None  # the page on screen
    assert window.pages["audit"] is None  # not shown yet: not built
    page = window.show_page("audit")
    assert window.pages["audit"] is page and window.stack.currentWidget() is page


def test_staff_window_opens_every_page_it_lists(qtbot, staff_ctx):
    """A staff session's connection is bound to staff: any page that read money
    figures would fail here, in the domain."""
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    for key in win.page_keys():
        assert win.show_page(key) is not None
