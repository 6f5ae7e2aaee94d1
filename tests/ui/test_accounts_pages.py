from decimal import Decimal

from PySide6.QtWidgets import QPushButton

from smedesk.accounts import documents, journal, payments
from smedesk.core import parties
from smedesk.core.db import scalar
from smedesk.ui.main_window import MainWindow


def test_staff_never_see_cuentas(qtbot, staff_ctx):
    win = MainWindow(staff_ctx)
    qtbot.addWidget(win)
    assert not {"accounts_docs", "accounts_money", "accounts_reports"} & set(win.page_keys())


def test_owner_sees_cuentas_pages(window):
    assert {"accounts_docs", "accounts_money", "accounts_reports"} <= set(window.page_keys())


def test_issue_a_boleta_from_the_window(window, db):
    page = window.show_page("accounts_docs")
    page.doc_type.setCurrentIndex(page.doc_type.findData("03"))
    assert page.form.text("series") == "B001"
    page.form.fields["date"].setText("2026-03-05")
    page.form.fields["description"].setText("Polo")
    page.form.fields["qty"].setText("2")
    page.form.fields["unit_price"].setText("59,00")
    page.findChild(QPushButton, "save_doc").click()
    # 2 × 59.00 = 118.00 incl. IGV
    assert "118.00" in page.form.banner.text()
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "B001-00000001"


def test_bad_series_shown_next_to_the_field(window, db):
    page = window.show_page("accounts_docs")
    page.form.fields["series"].setText("X1")
    page.form.fields["unit_price"].setText("10")
    page.findChild(QPushButton, "save_doc").click()
    assert not page.form.errors["series"].isHidden()
    assert scalar(db, "SELECT COUNT(*) FROM documents") == 0


def test_record_a_receipt_for_the_selected_document(window, db, owner):
    cust = parties.save(db, {"name": "Tiendas Lima", "id_number": "20100070970"}, actor=owner)
    doc = documents.create_document(db, "sale", "01", "F001", [{"qty": 1, "unit_price": "1180"}], party_id=cust,
                                    date="2026-03-05", actor=owner)
    page = window.show_page("accounts_money")
    page.refresh()
    page.table.selectRow(0)
    page.pay_form.fields["amount"].setText("1000")
    page.pay_form.fields["date"].setText("2026-03-06")
    page.findChild(QPushButton, "save_payment").click()
    assert payments.outstanding_cents(db, documents.get_document(db, doc)) == 18000  # 1180 − 1000 = 180.00
    assert page.table.item(0, 5).text() == "180.00"


def test_expense_amount_in_letters_shown_on_field(window, db):
    page = window.show_page("accounts_money")
    page.exp_form.fields["description"].setText("Pasajes")
    page.exp_form.fields["amount"].setText("diez")
    page.findChild(QPushButton, "save_expense").click()
    assert not page.exp_form.errors["amount"].isHidden()


def test_reports_page_shows_igv_and_closes_a_month(window, db, owner, tmp_path, monkeypatch):
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
    assert journal.closed_months(db) == ["2026-03"]
    assert "2026-03" in page.closed.text()


def test_reports_page_saves_pdf(window, db):
    page = window.show_page("accounts_reports")
    page.findChild(QPushButton, "save_pdf").click()
    assert "pnl.pdf" in page.message.text()


def test_numbers_in_es_pe_format():
    from smedesk.ui.accounts import num

    assert num(Decimal("1234567.5")) == "1,234,567.50"
