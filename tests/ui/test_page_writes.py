"""Pages write on the database worker: the domain function runs off the GUI
thread, a refusal shows where the person is looking with nothing typed lost,
and the pages that follow the change refresh."""

from PySide6.QtWidgets import QPushButton

from smedesk.core import business, settings, users


def test_negocio_saves_the_business_on_the_worker(window, settle, worker_threads):
    ran_on = worker_threads(business, "update")
    page = window.show_page("business")
    page.form.fields["name"].setText("Taller Nuevo")
    page.findChild(QPushButton, "save_business").click()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"]
    assert page.form.banner.text() == "Guardado." and window.title.text() == "Taller Nuevo"


def test_negocio_refuses_a_bad_ruc_beside_it_and_keeps_the_form(window, db, settle):
    page = window.show_page("business")
    page.form.fields["name"].setText("Otro Nombre")
    page.form.fields["ruc"].setText("20100123455")  # wrong check digit
    page.findChild(QPushButton, "save_business").click()
    settle(window.ctx)
    assert "RUC" in page.form.errors["ruc"].text() and not page.form.errors["ruc"].isHidden()
    assert page.form.text("name") == "Otro Nombre" and page.form.text("ruc") == "20100123455"
    assert business.get(db)["name"] != "Otro Nombre"  # nothing half-saved


def test_a_setting_is_saved_on_the_worker_and_a_bad_one_refused(window, db, settle, worker_threads):
    ran_on = worker_threads(settings, "set")
    page = window.show_page("business")
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).data(256) == "auth.lock_minutes")
    page.table.item(row, 1).setText("veinte")
    settle(window.ctx)
    assert ran_on == ["smedesk-db"] and not page.settings_error.banner.isHidden()
    assert settings.get(db, "auth.lock_minutes") == "5"


def test_usuarios_adds_on_the_worker_and_the_list_follows(window, db, settle, worker_threads):
    ran_on = worker_threads(users, "add_user")
    page = window.show_page("users")
    page.form.fields["name"].setText("Nina")
    page.form.fields["pin"].setText("2468")
    page.findChild(QPushButton, "add_user").click()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"]
    assert "Nina" in [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert page.form.text("name") == "" and "Nina" in page.form.banner.text()


def test_usuarios_refuses_a_taken_name_and_keeps_the_form(window, settle, staff):
    page = window.show_page("users")
    page.form.fields["name"].setText("Jorge")
    page.form.fields["pin"].setText("2468")
    page.findChild(QPushButton, "add_user").click()
    settle(window.ctx)
    assert page.form.errors["name"].text() == "Ya existe un usuario llamado «Jorge»."
    assert page.form.text("name") == "Jorge" and page.form.text("pin") == "2468"


def test_a_comprobante_is_recorded_on_the_worker_and_a_refusal_keeps_the_lines(window, db, settle, worker_threads):
    from smedesk.accounts import documents

    ran_on = worker_threads(documents, "create_document")
    page = window.show_page("accounts_docs")
    page.doc_type.setCurrentIndex(page.doc_type.findData("03"))
    page.form.fields["date"].setText("2026-03-05")
    page.form.fields["series"].setText("X1")  # not a boleta series
    page.lines.set_cell(0, "description", "Polo")
    page.lines.set_cell(0, "unit_price", "59,00")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"] and not page.form.errors["series"].isHidden()
    assert page.lines.lines()[0]["description"] == "Polo"  # nothing typed is lost
    page.form.fields["series"].setText("B001")
    page.findChild(QPushButton, "save_doc").click()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"] * 2 and "B001-00000001" in page.form.banner.text()
    assert page.table.item(0, 1).text() == "B001-00000001"  # the list followed


def test_an_unbalanced_entry_is_refused_on_the_worker_and_its_rows_kept(window, db, settle, worker_threads):
    from PySide6.QtWidgets import QTableWidgetItem

    from smedesk.accounts import journal

    ran_on = worker_threads(journal, "post")
    page = window.show_page("accounts_journal")
    page.new_date.setText("2026-03-01")
    for r, cells in enumerate([("10411", "100", ""), ("5011", "", "99")]):
        for c, text in enumerate(cells):
            page.new_lines.setItem(r, c, QTableWidgetItem(text))
    page.findChild(QPushButton, "post_entry").click()
    settle(window.ctx)
    assert ran_on == ["smedesk-db"] and "no cuadra" in page.message.text()
    assert page.new_lines.item(1, 2).text() == "99"


def test_quotations_past_their_date_expire_on_the_worker_and_show_so(window, db, owner, settle, monkeypatch,
                                                                     worker_threads):
    from smedesk.accounts import quotations
    from smedesk.core import parties

    monkeypatch.setenv("SMEDESK_NOW", "2026-03-01T15:00:00Z")
    customer = parties.save(db, {"name": "Casa Miami"}, actor=owner)
    qid = quotations.create_quotation(db, customer, [{"description": "Polo", "qty": 10, "unit_price": "25"}],
                                      valid_until="2026-03-10", actor=owner)
    quotations.set_quotation_state(db, qid, "sent", actor=owner)
    monkeypatch.setenv("SMEDESK_NOW", "2026-03-12T15:00:00Z")  # two days after its validity
    ran_on = worker_threads(quotations, "expire_overdue")
    page = window.show_page("accounts_quotations")
    settle(window.ctx)
    assert "smedesk-db" in ran_on and set(ran_on) == {"smedesk-db"}
    assert page.table.item(0, 6).text() == "Vencida"
