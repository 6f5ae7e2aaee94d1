"""Ventas y compras: issuing comprobantes from the window (the form, its questions,
refusals beside the field, lines from the catalogue, dates day first)."""


from PySide6.QtWidgets import QPushButton

from smedesk.accounts import documents
from smedesk.core import parties, settings
from smedesk.core.db import scalar


def for_tiendas_lima(window, db, owner, settle):
    """Ventas y compras with the customer Tiendas Lima (RUC 20100070970) chosen."""
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    page.party.setCurrentIndex(page.party.findData(cust))
    return page, cust


def one_line(page, description: str, unit_price: str, qty: str | None = None) -> None:
    """The first line of the document, as the owner types it."""
    page.lines.set_cell(0, "description", description)
    if qty is not None:
        page.lines.set_cell(0, "qty", qty)
    page.lines.set_cell(0, "unit_price", unit_price)


def test_issue_a_boleta_from_the_window(window, db, settle):
    page = window.show_page("accounts_docs")
    page.doc_type.setCurrentIndex(page.doc_type.findData("03"))
    assert page.form.text("series") == "B001"
    page.form.fields["date"].setText("2026-03-05")
    one_line(page, "Polo", "59,00", qty="2")
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    # 2 × 59.00 = 118.00 incl. IGV
    assert "118.00" in page.form.banner.text() and len(asked) == 1 and "118.00" in asked[0]
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "B001-00000001"
    assert page.table.item(0, 7).text() == "Por enviar"


def test_a_double_click_on_emitir_records_one_boleta_and_asks_once(window, db, settle):
    page = window.show_page("accounts_docs")
    page.doc_type.setCurrentIndex(page.doc_type.findData("03"))
    page.form.fields["date"].setText("2026-03-05")
    one_line(page, "Polo", "59.00")
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    button = page.findChild(QPushButton, "save_doc")
    button.click()
    button.click()  # before the worker has answered the first
    settle(page.ctx)
    assert len(asked) == 1
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 1
    button.click()  # once answered, the (cleared) form may issue again: it asks for lines
    settle(page.ctx)
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 1 and len(asked) == 1


def test_bad_series_shown_next_to_the_field(window, db, settle):
    page = window.show_page("accounts_docs")
    page.form.fields["series"].setText("X1")
    page.lines.set_cell(0, "unit_price", "10")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert not page.form.errors["series"].isHidden()
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0


def test_factura_with_two_lines_from_the_window(window, db, owner, settle):
    page, cust = for_tiendas_lima(window, db, owner, settle)
    page.form.fields["date"].setText("2026-03-05")
    one_line(page, "Mesa", "590", qty="2")
    page.findChild(QPushButton, "add_line").click()
    settle(page.ctx)
    page.lines.set_cell(1, "description", "Silla")
    page.lines.set_cell(1, "qty", "4")
    page.lines.set_cell(1, "unit_price", "118")
    page.lines.set_cell(1, "unit", "ZZ")
    page.lines.set_cell(1, "discount", "12")
    # live: 1180 + (472 − 12) = 1640.00; bases 1000.00 + 389.83; IGV 250.17
    assert "1,640.00" in page.lines.totals.text() and "250.17" in page.lines.totals.text()
    assert page.lines.words.text().endswith("MIL SEISCIENTOS CUARENTA CON 00/100 SOLES")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert "1,640.00" in page.form.banner.text()
    doc_id = scalar(db, "SELECT id FROM documents")
    lines = documents.get_document(db, doc_id)["lines"]
    assert [(li["unit"], li["discount_cents"]) for li in lines] == [("NIU", 0), ("ZZ", 1200)]
    assert page.lines.lines() == []  # a fresh form for the next one


def test_issue_is_not_done_when_the_owner_says_no(window, db, owner, settle):
    page, cust = for_tiendas_lima(window, db, owner, settle)
    page.lines.set_cell(0, "unit_price", "590")
    page.confirm = lambda text: False
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0 and page.lines.lines()  # nothing lost


def test_factura_to_a_dni_is_refused_next_to_the_customer(window, db, owner, settle):
    person = parties.save(db, {"name": "Luis Rojas", "id_number": "45781236"}, actor=owner)
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    page.party.setCurrentIndex(page.party.findData(person))
    page.lines.set_cell(0, "unit_price", "590")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert "RUC" in page.form.errors["party_id"].text()
    assert scalar(db, "SELECT COUNT(*) FROM doc_series") == 0


def test_dropdowns_ignore_the_wheel_unless_focused(window):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    page = window.show_page("accounts_docs")
    combo = page.lines.table.cellWidget(0, 5)
    before = combo.currentIndex()
    event = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, -120), Qt.NoButton, Qt.NoModifier,
                        Qt.NoScrollPhase, False)
    QApplication.sendEvent(combo, event)
    assert combo.currentIndex() == before


def test_add_a_customer_from_the_documents_page(window, db, settle):
    page = window.show_page("accounts_docs")
    page.new_party_name.setText("Tiendas Lima")
    page.new_party_id.setText("20100070971")  # wrong check digit
    page.findChild(QPushButton, "add_party").click()
    settle(page.ctx)
    assert "dígito" in page.form.errors["new_party"].text()
    page.new_party_id.setText("20100070970")
    page.findChild(QPushButton, "add_party").click()
    settle(page.ctx)
    assert page.party.currentText().startswith("Tiendas Lima")
    assert page.form.errors["new_party"].isHidden()


def test_a_catalogue_product_fills_its_line(window, db, owner, settle):
    from smedesk.production import catalogue

    catalogue.save_product(db, {"sku": "TABLA-01", "name": "Tabla de cedro", "unit": "pt", "price": "8.50"},
                           actor=owner)
    page = window.show_page("accounts_docs")
    page.refresh()
    settle(window.ctx)  # the list is read on the worker
    combo = page.lines.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findText("TABLA-01 Tabla de cedro"))
    line = page.lines.lines()[0]
    assert (line["description"], line["unit"], line["unit_price"], line["sku"]) == (
        "Tabla de cedro", "BFT", "8.50", "TABLA-01")


def test_purchase_line_goes_to_the_account_of_what_was_bought(window, db, owner, settle):
    from smedesk.core.codes import ruc_check_digit

    ruc = "2013131295" + str(ruc_check_digit("2013131295"))
    sup = parties.save(db, {"name": "Textil Gamarra", "id_number": ruc, "is_supplier": True}, actor=owner)
    page = window.show_page("accounts_docs")
    page.kind.setCurrentIndex(page.kind.findData("purchase"))
    page.party.setCurrentIndex(page.party.findData(sup))
    page.form.fields["series"].setText("F001")
    page.form.fields["number"].setText("12")
    page.form.fields["date"].setText("2026-03-05")
    one_line(page, "Hilo", "118")
    page.bought.setCurrentIndex(page.bought.findData("auxiliary"))
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert scalar(db, "SELECT debit_cents FROM journal_lines WHERE account = '6031'") == 10000


def test_a_sale_with_a_spot_code_tells_the_detraccion(window, db, owner, settle):
    page, cust = for_tiendas_lima(window, db, owner, settle)
    page.form.fields["date"].setText("2026-03-05")
    one_line(page, "Fabricación de muebles", "2360")
    page.form.fields["spot_code"].setText("025")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    # without the business's Banco de la Nación account the comprobante cannot be issued
    assert not page.form.errors["spot_code"].isHidden()
    assert "Banco de la Nación" in page.form.errors["spot_code"].text()
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0
    settings.set(db, "accounts.bn_account", "00-068-123456", actor=owner)
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    # 2360.00 × 10% = 236 (whole soles)
    assert "236.00" in page.form.banner.text()
    page.lines.set_cell(0, "unit_price", "2360")
    page.form.fields["spot_code"].setText("999")
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert not page.form.errors["spot_code"].isHidden()
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 1


def test_the_document_date_reads_day_first_and_a_dollar_factura_finds_its_sbs_rate(window, db, settle, owner):
    from smedesk.accounts import exchange
    from smedesk.core import clock

    exchange.set_rate(db, "2026-03-05", "3.712", actor=owner)
    page = window.show_page("accounts_docs")
    today = clock.today_lima()
    # the label says dd/mm/aaaa: the field opens with today written that way
    assert page.form.text("date") == f"{today.day:02d}/{today.month:02d}/{today.year}"
    page.form.fields["date"].setText("05/03/2026")
    page.currency.setCurrentText("USD")
    page.propose_fx()
    assert page.form.fields["fx"].placeholderText() == "SBS: 3.712"


def test_the_documents_list_shows_dates_day_first(window, db, settle):
    page = window.show_page("accounts_docs")
    page.doc_type.setCurrentIndex(page.doc_type.findData("03"))
    page.form.fields["date"].setText("05/03/2026")
    one_line(page, "Polo", "59.00")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert page.table.item(0, 0).text() == "05/03/2026"
    assert documents.list_documents(db, "sale")[0]["date"] == "2026-03-05"


def test_the_question_and_the_answer_say_the_total_in_soles(window, db, owner, settle):
    parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    page = window.show_page("accounts_docs")
    page.refresh()
    page.party.setCurrentIndex(page.party.findText("Tiendas Lima 20100070970"))
    page.form.fields["date"].setText("05/03/2026")
    one_line(page, "Polo", "59.00", qty="2")
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert asked == ["¿Emitir Factura F001 a Tiendas Lima 20100070970 por S/\xa0118.00? Una vez emitido no se puede "
                     "cambiar (solo corregir con una nota)."]
    assert page.form.banner.text() == "F001-00000001 registrado: total S/\xa0118.00."


def test_cuotas_are_shown_and_typed_day_first(window, db, owner, settle):
    parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    page = window.show_page("accounts_docs")
    page.refresh()
    assert page.form.fields["cuotas"].placeholderText() == ("vacío: Contado; o monto fecha; …: 590.00 05/04/2026; "
                                                            "590.00 05/05/2026")
    page.party.setCurrentIndex(page.party.findText("Tiendas Lima 20100070970"))
    page.form.fields["date"].setText("05/03/2026")
    one_line(page, "Mesa", "1180")
    page.form.fields["cuotas"].setText("590.00 05/04/2026; 590.00 05/05/2026")
    page.confirm = lambda text: True
    page.findChild(QPushButton, "save_doc").click()
    settle(page.ctx)
    assert [tuple(r) for r in db.execute("SELECT n, amount_cents, due_date FROM einvoice_cuotas ORDER BY n")] == [
        (1, 59000, "2026-04-05"), (2, 59000, "2026-05-05")]
