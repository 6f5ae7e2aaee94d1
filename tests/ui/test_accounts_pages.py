from decimal import Decimal

from PySide6.QtWidgets import QPushButton

from smedesk.accounts import documents, journal, payments
from smedesk.core import parties, settings
from smedesk.core.db import scalar
from smedesk.ui.main_window import MainWindow


def test_staff_never_see_cuentas(qtbot, staff_ctx):
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert not {"accounts_docs", "accounts_money", "accounts_reports"} & set(win.page_keys())


def test_owner_sees_cuentas_pages(window):
    assert {"accounts_docs", "accounts_money", "accounts_reports"} <= set(window.page_keys())


def test_record_a_receipt_for_the_selected_document(window, db, owner, settle):
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    doc = documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=cust,
                                    date="2026-03-05", actor=owner)
    page = window.show_page("accounts_money")
    page.refresh()
    settle(page.ctx)  # what is owed is read on the worker
    page.table.selectRow(0)
    page.pay_form.fields["amount"].setText("1000")
    page.pay_form.fields["date"].setText("2026-03-06")
    page.findChild(QPushButton, "save_payment").click()
    settle(page.ctx)
    assert payments.outstanding_cents(db, documents.get_document(db, doc)) == 18000  # 1180 − 1000 = 180.00
    assert page.table.item(0, 5).text() == "180.00"


def test_expense_amount_in_letters_shown_on_field(window, db, settle):
    page = window.show_page("accounts_money")
    page.exp_form.fields["description"].setText("Pasajes")
    page.exp_form.fields["amount"].setText("diez")
    page.findChild(QPushButton, "save_expense").click()
    settle(page.ctx)
    assert not page.exp_form.errors["amount"].isHidden()


def test_reports_page_shows_igv_and_closes_a_month(window, db, owner, tmp_path, monkeypatch, settle):
    monkeypatch.setenv("SMEDESK_NOW", "2026-04-10T15:00:00Z")
    documents.create_document(db, "sale", "03", "B001", [{"qty": 1, "unit_price": "118"}], date="2026-03-05",
                              actor=owner)
    page = window.show_page("accounts_reports")
    page.report.setCurrentIndex(page.report.findData("igv"))
    page.month.setText("2026-03")
    page.refresh()
    texts = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert "18.00" in texts  # 118 incl. → IGV+IPM 18.00
    page.close_month.setText("2026-03")
    page.findChild(QPushButton, "close_month").click()
    settle(page.ctx)
    assert journal.closed_months(db) == ["2026-03"]
    assert "2026-03" in page.closed.text()


def test_reports_page_saves_pdf(window, db, qtbot, settle):
    page = window.show_page("accounts_reports")
    page.findChild(QPushButton, "save_pdf").click()
    settle(page.ctx)
    qtbot.waitUntil(lambda: not page.printing.busy(), timeout=20000)  # drawn off the GUI thread
    assert "estado-de-resultados-" in page.message.text() and ".pdf" in page.message.text()


def test_numbers_in_es_pe_format():
    from smedesk.ui.accounts import num

    assert num(Decimal("1234567.5")) == "1,234,567.50"


def test_quotation_created_sent_and_printed(window, db, owner, qtbot, settle):
    parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    page = window.show_page("accounts_quotations")
    page.refresh()
    page.lines.set_cell(0, "description", "Mesa")
    page.lines.set_cell(0, "qty", "3")
    page.lines.set_cell(0, "unit_price", "450")
    page.findChild(QPushButton, "add_line").click()
    settle(page.ctx)
    page.lines.set_cell(1, "description", "Silla")
    page.lines.set_cell(1, "qty", "6")
    page.lines.set_cell(1, "unit_price", "75.50")
    assert "1,803.00" in page.lines.totals.text()  # 3 × 450 + 6 × 75.50 = 1350 + 453
    page.findChild(QPushButton, "save_quotation").click()
    settle(page.ctx)
    assert page.table.rowCount() == 1 and page.table.item(0, 5).text() == "1,803.00"
    page.table.selectRow(0)
    page.findChild(QPushButton, "quotation_accepted").click()
    settle(page.ctx)
    assert "no puede" in page.message.text()  # a draft cannot be accepted
    page.table.selectRow(0)
    page.findChild(QPushButton, "quotation_sent").click()
    settle(page.ctx)
    assert page.table.item(0, 6).text() == "Enviada al cliente"
    page.table.selectRow(0)
    page.findChild(QPushButton, "quotation_pdf").click()
    settle(page.ctx)
    qtbot.waitUntil(lambda: not page.printing.busy(), timeout=20000)
    assert ".pdf" in page.message.text()


def test_invoice_an_order_from_the_window(window, db, owner, settle):
    from smedesk.production import catalogue
    from smedesk.tracking import orders

    catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    orders.create_order(db, "P-9", cust, [{"sku": "MESA-01", "qty": 2, "unit_price": "50"}], "2026-12-30",
                        actor=owner)
    page = window.show_page("accounts_docs")
    page.order_number.setText("P-9")
    page.includes.setChecked(False)  # the order's prices are before IGV
    page.findChild(QPushButton, "invoice_order").click()
    settle(page.ctx)
    assert "118.00" in page.form.banner.text()  # 2 × 50 = 100 + 18% IGV


def test_accepted_quotation_to_order_from_the_window(window, db, owner, settle):
    from smedesk.accounts import quotations
    from smedesk.production import catalogue
    from smedesk.tracking import orders

    table = catalogue.save_product(db, {"sku": "MESA-01", "name": "Mesa"}, actor=owner)
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    qid = quotations.create_quotation(db, cust, [{"product_id": table, "qty": 2, "unit_price": "50"}], actor=owner)
    quotations.set_quotation_state(db, qid, "sent", actor=owner)
    quotations.set_quotation_state(db, qid, "accepted", actor=owner)
    page = window.show_page("accounts_quotations")
    page.refresh()
    page.table.selectRow(0)
    page.findChild(QPushButton, "quotation_order").click()
    settle(page.ctx)
    number = quotations.get_quotation(db, qid)["number"].replace("COT", "PED")
    assert orders.get_order(db, number) is not None


def test_panel_money_section_for_owner_only(qtbot, window, staff_ctx, db, owner):
    documents.create_document(db, "sale", "03", "B001", [{"qty": 1, "unit_price": "118"}], date="2026-03-05",
                              actor=owner)
    from smedesk.core.roles import bind
    from smedesk.ui.panel.accounts_money import SECTION, MoneySummary

    bind(db, owner)  # both sessions share one connection here; the staff one bound it last
    box = MoneySummary(window.ctx)
    qtbot.addWidget(box)
    box.fill(SECTION.load(db))
    assert "118.00" in box.text()
    from smedesk.ui.pages.panel_page import PanelPage

    assert "accounts_money" in [s.key for s, _ in PanelPage(window.ctx).sections]
    assert "accounts_money" not in [s.key for s, _ in PanelPage(staff_ctx).sections]


def test_journal_page_reverses_an_entry(window, db, owner, settle):
    from smedesk.accounts.journal import Line

    journal.post(db, "2026-03-02", [Line("1011", debit_cents=5000), Line("70111", credit_cents=5000)], memo="venta",
                 actor=owner)
    page = window.show_page("accounts_journal")
    page.refresh()
    settle(page.ctx)  # the entries are read on the worker
    page.entries.selectRow(0)
    assert page.lines.rowCount() == 2 and page.lines.item(0, 2).text() == "50.00"
    page.day.setText("2026-03-03")
    page.findChild(QPushButton, "reverse_entry").click()
    settle(page.ctx)
    assert journal.balance(db, "1011") == 0
    assert page.entries.rowCount() == 2
    page.entries.selectRow(1)  # the original (older) entry again
    page.findChild(QPushButton, "reverse_entry").click()
    settle(page.ctx)
    assert "ya fue extornado" in page.message.text()


def test_manual_entry_must_balance(window, db, settle):
    from PySide6.QtWidgets import QTableWidgetItem

    page = window.show_page("accounts_journal")
    page.new_date.setText("2026-03-01")
    page.new_memo.setText("Aporte")
    for r, cells in enumerate([("10411", "5000", ""), ("5011", "", "4999.99")]):
        for c, text in enumerate(cells):
            page.new_lines.setItem(r, c, QTableWidgetItem(text))
    page.findChild(QPushButton, "post_entry").click()
    settle(page.ctx)
    assert "no cuadra" in page.message.text()
    assert scalar(db, "SELECT COUNT(*) FROM journal_entries") == 0
    page.new_lines.setItem(1, 2, QTableWidgetItem("5000"))
    page.findChild(QPushButton, "post_entry").click()
    settle(page.ctx)
    assert journal.balance(db, "10411") == 5000
    assert page.entries.rowCount() == 1


def test_reports_page_shows_the_621_figures(window, db, owner):
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=cust,
                              date="2026-03-05", actor=owner)
    page = window.show_page("accounts_reports")
    page.month.setText("2026-03")
    page.report.setCurrentIndex(page.report.findData("621"))
    cells = {page.table.item(r, 0).text(): page.table.item(r, 1).text() for r in range(page.table.rowCount())}
    # 1180.00 = 1000.00 + 180.00; RMT 1% of 1000.00 = 10.00; RUC ends in 3 → 21 April
    assert cells["IGV por pagar"] == "180.00" and cells["Pago a cuenta del impuesto a la renta"] == "10.00"
    assert cells["Vencimiento de la declaración"] == "2026-04-21"


def test_taxes_page_records_a_deposit_a_retention_and_imports_rates(window, db, owner, tmp_path, settle):
    from smedesk.accounts import withholdings

    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    withholdings.set_retention_agent(db, cust, True, actor=owner)
    settings.set(db, "accounts.bn_account", "00-068-123456", actor=owner)
    documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "2360", "spot_code": "025"}],
                              party_id=cust, date="2026-03-05", actor=owner)
    documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=cust,
                              date="2026-03-06", actor=owner)
    page = window.show_page("accounts_reports").taxes
    page.spot.fields["document"].setText("F001-1")
    page.spot.fields["date"].setText("2026-03-10")
    page.findChild(QPushButton, "save_spot").click()
    settle(page.ctx)
    assert "236.00" in page.balance.text()   # 2360.00 × 10%
    for key, value in (("document", "F001-2"), ("amount", "2000"), ("series", "R001"), ("number", "5"),
                       ("date", "2026-03-11")):
        page.ret.fields[key].setText(value)
    page.findChild(QPushButton, "save_retention").click()
    settle(page.ctx)
    assert not page.ret.errors["amount"].isHidden()   # larger than the factura
    page.ret.fields["amount"].setText("35.40")
    page.findChild(QPushButton, "save_retention").click()
    settle(page.ctx)
    assert scalar(db, "SELECT amount_pen_cents FROM withholding_moves WHERE kind = 'retention'") == 3540
    rates = tmp_path / "tc.csv"
    rates.write_text("Fecha;Moneda;Compra;Venta\n05/03/2026;Dólar de N.A.;3.741;3.748\n", encoding="utf-8")
    page.import_fx(rates)
    settle(page.ctx)
    assert "1" in page.message.text() and scalar(db, "SELECT sell FROM fx_rates") == "3.748"


def test_taxes_page_imports_the_padron_off_the_ui_thread(qtbot, window, db, tmp_path):
    text = ("RUC|NOMBRE|ESTADO|CONDICION|UBIGEO|TIPO DE VIA|NOMBRE DE VIA|ZONA|TIPO ZONA|NUMERO|INTERIOR|LOTE|DPTO|"
            "MANZANA|KM|\r\n20100070970|TIENDAS LIMA S.A.C.|ACTIVO|HABIDO|150101|-|-|-|-|-|-|-|-|-|-|\r\n")
    source = tmp_path / "padron.txt"
    source.write_bytes(text.encode("latin-1"))
    page = window.show_page("accounts_reports").taxes
    job = page.import_padron(source)
    with qtbot.waitSignal(job.finished_with, timeout=30000):
        pass
    qtbot.waitUntil(lambda: page.job is None)
    from smedesk.accounts import padron

    assert padron.lookup(db, "20100070970")["name"] == "TIENDAS LIMA S.A.C."
