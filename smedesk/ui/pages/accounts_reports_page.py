"""Cuentas › Reportes: trial balance, profit and loss, balance sheet, IGV position,
receivables, payables, cash book; saved as PDF, CSV or XLSX; month closing and
the registers for the accountant."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from smedesk.accounts import exports, journal, registers, reports
from smedesk.core import clock, dates
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr, translator
from smedesk.ui.accounts import fill, make_table, num, output_dir
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.savefiles import file_part, free_path
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE

REPORTS = {"pnl": N_("Profit and loss"), "igv": N_("IGV position"),
           "621": N_("Formulario 621 (monthly declaration)"), "trial-balance": N_("Trial balance"),
           "balance": N_("Balance sheet"), "receivables": N_("Receivables"), "payables": N_("Payables"),
           "cash-book": N_("Cash book")}


def _previous_month() -> str:
    first = clock.today_lima().replace(day=1)
    import datetime as dt

    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


class AccountsReportsPage(Page):
    areas = ("accounts",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Reports and closing"),
                         tr("How the business is doing, what IGV to pay, and the files for your accountant."))
        grid = QGridLayout()
        self.report = QComboBox()
        for key, name in REPORTS.items():
            self.report.addItem(tr(name), key)
        self.report.currentIndexChanged.connect(self.refresh)
        today = clock.today_lima()
        self.date_from = DateField(today.replace(month=1, day=1))
        self.date_to = DateField(today)
        self.month = QLineEdit(today.strftime("%Y-%m"))
        for widget in (self.date_from, self.date_to, self.month):
            widget.setMaximumWidth(120)
            widget.editingFinished.connect(self.refresh)
        grid.addWidget(QLabel(tr("Report")), 0, 0)
        grid.addWidget(self.report, 0, 1)
        grid.addWidget(QLabel(tr("From")), 0, 2)
        grid.addWidget(self.date_from, 0, 3)
        grid.addWidget(QLabel(tr("To")), 0, 4)
        grid.addWidget(self.date_to, 0, 5)
        grid.addWidget(QLabel(tr("Month")), 0, 6)
        grid.addWidget(self.month, 0, 7)
        for col, (fmt, label) in enumerate((("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "Excel"))):
            button = QPushButton(tr("Save as {format}", format=label))
            button.setObjectName(f"save_{fmt}")
            button.clicked.connect(lambda _=False, f=fmt: self.save(f))
            grid.addWidget(button, 1, 1 + col * 2, 1, 2)
        holder = QWidget()
        holder.setLayout(grid)
        self.body.addWidget(holder)
        self.printing = PrintBar(self, say=lambda text, ok=True: self._say(text, error=not ok))
        self.body.addWidget(self.printing)
        self.table = make_table(["", ""], 300)
        self.body.addWidget(self.table)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)

        self.body.addWidget(QLabel(f"<b>{tr('Month closing and registers')}</b>"))
        close_grid = QGridLayout()
        self.close_month = QLineEdit(_previous_month())
        self.close_month.setMaximumWidth(120)
        close_grid.addWidget(QLabel(tr("Month (YYYY-MM)")), 0, 0)
        close_grid.addWidget(self.close_month, 0, 1)
        close = QPushButton(tr("Close month"))
        close.setObjectName("close_month")
        close.clicked.connect(self.close_selected_month)
        close_grid.addWidget(close, 0, 2)
        regs = QPushButton(tr("Save registers for the accountant"))
        regs.setObjectName("save_registers")
        regs.clicked.connect(self.save_registers)
        close_grid.addWidget(regs, 0, 3)
        self.with_ple = QCheckBox(tr("Also the PLE 14.1 and 8.1 files"))
        close_grid.addWidget(self.with_ple, 0, 4)
        self.closed = QLabel("")
        self.closed.setWordWrap(True)
        close_grid.addWidget(self.closed, 1, 0, 1, 5)
        holder = QWidget()
        holder.setLayout(close_grid)
        self.body.addWidget(holder)
        from smedesk.ui.accounts.taxes_section import TaxesSection

        self.taxes = TaxesSection(ctx)
        self.body.addWidget(self.taxes)
        self.body.addStretch(1)
        self.refresh()

    def _data(self, db=None):
        """(report key, its figures) for what the form says; `db`: the connection
        to read with (the window's by default; the worker's when saving)."""
        return report_data(db or self.ctx.db, *self._asked())

    def _asked(self) -> tuple:
        return (self.report.currentData(), self.date_from.text().strip() or None,
                self.date_to.text().strip() or None, self.month.text())

    def _period(self, key: str) -> tuple[str, str]:
        """What the paper says it covers, and the same for its file name."""
        today = clock.today_lima()
        if key in ("igv", "621"):
            month = dates.read_month(self.month.text())
            return tr("Month: {month}", month=f"{month[5:]}/{month[:4]}"), month
        hi = dates.read_date(self.date_to.text()) if self.date_to.text() else today
        if key in ("balance", "receivables", "payables"):
            return tr("As of {day}", day=dates.show_date(hi)), f"al-{hi.isoformat()}"
        lo = dates.read_date(self.date_from.text()) if self.date_from.text() else None
        if lo is None:
            return tr("Up to {day}", day=dates.show_date(hi)), f"hasta-{hi.isoformat()}"
        return (tr("From {start} to {end}", start=dates.show_date(lo), end=dates.show_date(hi)),
                f"{lo.isoformat()}-al-{hi.isoformat()}")

    def refresh(self) -> None:
        try:
            key, data = self._data()
        except SmedeskError as exc:
            self._say(str(exc), error=True)
            return
        if key == "pnl":
            detail = reports.pnl_detail(self.ctx.db, self.date_from.text().strip() or None,
                                        self.date_to.text().strip() or None)
            header = [tr("Account"), tr("Name"), tr("Amount")]
            rows = [[d["account"], d["name"], num(d["amount"])] for d in detail]
            rows += [["", tr("Income"), num(data["income"])], ["", tr("Expenses"), num(data["expenses"])],
                     ["", tr("Net result"), num(data["net"])]]
        elif key == "621":
            from smedesk.accounts.form621 import LABELS

            header = [tr("Item"), tr("Amount")]
            rows = [[tr(LABELS[k]), num(v) if hasattr(v, "quantize") else (v or "")] for k, v in data.items()]
        elif key == "igv":
            header = [tr("Item"), tr("Amount")]
            rows = [[tr(IGV_LABELS[k]), num(v)] for k, v in data.items() if k != "month"]
        else:
            _, header, flat = exports.flatten(key, data)
            rows = [[num(c) if _is_amount(c) else c for c in r] for r in flat]
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        numeric = tuple(i for i, h in enumerate(header) if i >= len(header) - (2 if key == "trial-balance" else 1))
        fill(self.table, rows, numeric=numeric)
        if hasattr(self, "taxes"):
            self.taxes.refresh()
        months = journal.closed_months(self.ctx.db)
        self.closed.setText(tr("Closed months: {months}", months=", ".join(months) if months else tr("none yet")))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def save(self, fmt: str) -> None:
        try:
            asked = self._asked()
            period, part = self._period(asked[0])
        except SmedeskError as exc:
            self._say(str(exc), error=True)
            return
        # each save is a new file (last month's balance is not overwritten): the name is
        # taken when the file is written, so two saves in a row get two names
        target = output_dir(self.ctx, "reportes") / f"{file_part(tr(REPORTS[asked[0]]))}-{part}.{fmt}"

        def write(db):
            return exports.write_report(db, asked[0], report_data(db, *asked)[1], free_path(target), fmt, period=period)

        if fmt != "pdf":  # a CSV or a spreadsheet: a moment's work
            try:
                path = write(self.ctx.db)
            except SmedeskError as exc:
                self._say(str(exc), error=True)
                return
            self._say(tr("Saved in {path}", path=path))
            return
        from smedesk.accounts.printing import report_pdf_data

        def gather(db):
            return report_pdf_data(db, asked[0], report_data(db, *asked)[1], period=period)

        doc_tr = translator()
        self.printing.start(gather, lambda data, **job: printout("report_pdf").write_report_pdf(path=free_path(target), tr=doc_tr,
                                                                          **data, **job),
                            done=lambda path: self._say(tr("Saved in {path}", path=path)),
                            failed=lambda exc: self._say(str(exc), error=True))

    def close_selected_month(self) -> None:
        month, actor = self.close_month.text(), self.ctx.actor
        self.write(lambda db: journal.close_month(db, month, actor=actor), changes=Changes("accounts"),
                   done=lambda _: self._say(tr("{month} closed.", month=month.strip())), failed=self._refused)

    def _refused(self, exc: SmedeskError) -> None:
        self._say(str(exc), error=True)

    def save_registers(self) -> None:
        """Written on the database worker (a year of lines is a heavy read)."""
        folder, month, ple = output_dir(self.ctx, "registros"), self.close_month.text().strip(), self.with_ple.isChecked()
        self.read(lambda db: registers.write_all(db, month, folder, ple=ple), failed=self._refused,
                  done=lambda written: self._say(tr("{count} files saved in {path}", count=len(written), path=folder)))


IGV_LABELS = {"sales_base": N_("Taxed sales (base)"), "output_tax": N_("IGV on sales"),
              "purchases_base": N_("Taxed purchases (base)"), "input_tax": N_("IGV on purchases (credit)"),
              "credit_from_previous": N_("Credit from the previous month"), "payable": N_("IGV to pay"),
              "credit_carried": N_("Credit carried to next month")}


def report_data(db, key: str, lo, hi, month: str):
    """(key, the report's figures) read with `db`."""
    if key == "trial-balance":
        return key, reports.trial_balance(db, lo, hi)
    if key == "pnl":
        return key, reports.pnl(db, lo, hi)
    if key == "balance":
        return key, reports.balance_sheet(db, hi)
    if key == "igv":
        return key, reports.igv_position(db, dates.read_month(month))
    if key == "621":
        from smedesk.accounts import form621

        return key, form621.figures(db, dates.read_month(month))
    if key in ("receivables", "payables"):
        return key, reports.aging(db, "sale" if key == "receivables" else "purchase")
    return key, reports.cash_book(db, "10", lo, hi)


def _is_amount(value) -> bool:
    text = str(value)
    return text.count(".") == 1 and text.replace(".", "").lstrip("-").isdigit() and len(text.split(".")[1]) == 2


PAGE = PageInfo("accounts_reports", N_("Reports and closing"), 75, AccountsReportsPage, permission="accounts.view")
