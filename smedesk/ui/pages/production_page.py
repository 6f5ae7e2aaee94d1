"""Producción: jobs on the floor with their steps (standard vs actual time),
times typed from worksheets, the latest scans (the owner can undo one),
worksheets and step cards to print, and the week's piece-rate pay."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from smedesk.core import users
from smedesk.core.changes import Changes
from smedesk.core.db import rows
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr, translator
from smedesk.core.money import dec_str
from smedesk.tracking import printing, progress, release, scanbatch, scanning, worktime
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.rows_table import RowsTable, longest_texts
from smedesk.ui.tracking import documents_folder, open_file
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form, list_table


def _table(columns, height=160) -> QTableWidget:
    return list_table([tr(c) for c in columns], height)


def _fill(table: QTableWidget, data: list[list]) -> None:
    table.setRowCount(len(data))
    for r, values in enumerate(data):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem("—" if value is None else str(value)))
    table.resizeColumnsToContents()


def open_jobs(db) -> list[dict]:
    return rows(
        db,
        "SELECT j.id, j.number, j.qty, o.id AS order_id, o.number AS order_number, pr.sku,"
        " TRIM(COALESCE(v.size, '') || ' ' || COALESCE(v.colour, '')) AS variant FROM jobs j"
        " JOIN orders o ON o.id = j.order_id JOIN products pr ON pr.id = j.product_id"
        " LEFT JOIN variants v ON v.id = j.variant_id WHERE o.state IN ('released', 'in_production')"
        " ORDER BY o.due_date, j.number",
    )


def floor_view(db, *, everyone: bool) -> dict:
    """On the database worker: the open jobs, the people to choose from (None:
    only the one working) and the latest scans."""
    jobs = open_jobs(db)
    rows = [[j["number"], j["order_number"], j["sku"], j["variant"] or "—", str(j["qty"])] for j in jobs]
    return {"jobs": jobs, "rows": rows, "longest": longest_texts(rows),
            "people": users.list_users(db) if everyone else None, "scans": scanning.recent_scans(db, 30)}


def job_detail(db, job: dict) -> dict:
    """On the database worker: one job's progress by step, its order's timed work
    and its steps to choose from."""
    return {"job_id": job["id"], "steps": release.job_steps(db, job["id"]),
            "progress": [d for d in progress.job_step_progress(db, job["order_id"]) if d["job_id"] == job["id"]],
            "times": worktime.order_times(db, job["order_id"])}


class ProductionPage(Page):
    areas = ("orders", "scans", "users")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Production"), tr("Jobs on the floor, their steps and the time they really take."))
        self.job_rows: list[dict] = []
        self.jobs = RowsTable((N_("Job"), N_("Order"), N_("Product"), N_("Size / colour"), N_("Pieces")), 170)
        self.jobs.setObjectName("jobs_table")
        self.jobs.selection_changed.connect(self.show_job)
        self.body.addWidget(self.jobs)
        row = QHBoxLayout()
        sheet = QPushButton(tr("Print worksheet"))
        sheet.clicked.connect(self.print_worksheet)
        cards = QPushButton(tr("Print step cards and badges"))
        cards.setObjectName("print_cards")
        cards.clicked.connect(self.print_cards)
        row.addWidget(sheet)
        row.addWidget(cards)
        row.addStretch(1)
        self.body.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.printing = PrintBar(self, say=self._say)
        self.body.addWidget(self.printing)

        steps_box = QGroupBox(tr("Steps of the job: standard and actual minutes per piece"))
        box = QVBoxLayout(steps_box)
        self.steps = _table((N_("No."), N_("Step"), N_("Std. min/pc"), N_("Done"), N_("Pending"), N_("Actual min/pc")))
        self.steps.setObjectName("steps_table")
        box.addWidget(self.steps)
        self.workers = _table((N_("Operator"), N_("Pieces"), N_("Std. minutes"), N_("Actual minutes"),
                               N_("Efficiency %")), 120)
        box.addWidget(self.workers)
        self.time_form = Form()
        self.step_choice = QComboBox()
        self.time_form.add("step", tr("Step"), self.step_choice)
        self.operator_choice = QComboBox()
        self.time_form.add("operator", tr("Operator"), self.operator_choice)
        self.minutes = self.time_form.add("minutes", tr("Minutes worked"))
        self.pieces = QSpinBox()
        self.pieces.setRange(1, 100000)
        self.time_form.add("pieces", tr("Pieces made"), self.pieces)
        self.time_form.finish()
        box.addWidget(self.time_form)
        add_time = QPushButton(tr("Save time from worksheet"))
        add_time.setObjectName("save_time")
        add_time.clicked.connect(self.save_time)
        box.addWidget(add_time)
        self.body.addWidget(steps_box)

        scans_box = QGroupBox(tr("Latest scans"))
        box = QVBoxLayout(scans_box)
        self.scans = _table((N_("No."), N_("Time"), N_("Order"), N_("Code"), N_("Step"), N_("Operator"), N_("State")))
        self.scans.setObjectName("scans_table")
        box.addWidget(self.scans)
        if ctx.actor.can("scan.undo"):
            undo = QPushButton(tr("Undo selected scan"))
            undo.setObjectName("undo_scan")
            undo.clicked.connect(self.undo_selected)
            box.addWidget(undo)
        batch_row = QHBoxLayout()
        self.batch_step = QLineEdit()
        self.batch_step.setPlaceholderText(tr("Step (name or number)"))
        self.batch_operator = QComboBox()
        batch = QPushButton(tr("Import scanner file…"))
        batch.clicked.connect(self.choose_batch_file)
        batch_row.addWidget(self.batch_step)
        batch_row.addWidget(self.batch_operator)
        batch_row.addWidget(batch)
        box.addLayout(batch_row)
        self.body.addWidget(scans_box)

        self._pay_refused = False  # the message says the week typed is no week
        if ctx.actor.can("money.view"):
            pay_box = QGroupBox(tr("Piece-rate pay"))
            box = QVBoxLayout(pay_box)
            week_row = QHBoxLayout()
            self.week = QLineEdit(worktime.week_name(None))
            self.week.setMaximumWidth(120)
            self.week.editingFinished.connect(self.refresh_pay)
            print_pay = QPushButton(tr("Print pay sheet"))
            print_pay.clicked.connect(self.print_pay)
            week_row.addWidget(QLabel(tr("Week (YYYY-Www):")))
            week_row.addWidget(self.week)
            week_row.addWidget(print_pay)
            week_row.addStretch(1)
            box.addLayout(week_row)
            self.pay = _table((N_("Operator"), N_("Pieces"), N_("Amount S/")), 120)
            self.pay.setObjectName("pay_table")
            box.addWidget(self.pay)
            self.body.addWidget(pay_box)
        else:
            self.pay = None
        self.body.addStretch(1)
        self.refresh()

    # -- data (read on the database worker, painted when it arrives) ------------
    def refresh(self) -> None:
        everyone = self.ctx.actor.can("orders.edit")
        self.read(lambda db: floor_view(db, everyone=everyone), done=self._fill, key="floor")
        self.refresh_pay()

    def _fill(self, view: dict) -> None:
        selected = self.selected_job()
        self.job_rows = view["jobs"]
        ids = [j["id"] for j in self.job_rows]
        chosen = ids.index(selected["id"]) if selected and selected["id"] in ids else (0 if ids else None)
        self.jobs.set_rows(view["rows"], select=chosen, longest=view["longest"])  # then show_job, for the chosen one
        people = view["people"] or [{"id": self.ctx.actor.user_id, "name": self.ctx.actor.name}]
        self.operator_choice.clear()
        self.batch_operator.clear()
        for person in people:
            self.operator_choice.addItem(person["name"], person["id"])
            self.batch_operator.addItem(person["name"], person["id"])
        from smedesk.core import clock

        _fill(self.scans, [[s["id"], clock.to_lima(s["at"]).strftime("%d/%m %H:%M"), s["order_number"], s["code"],
                            s["step"], s["operator"], tr("undone") if s["undone_at"] else tr("counted")]
                           for s in view["scans"] if self._mine(s["operator"])])

    def _mine(self, operator: str) -> bool:
        """Floor staff see only their own scans and times (as the Usuarios page
        promises); whoever manages orders sees everyone's."""
        return self.ctx.actor.can("orders.edit") or operator == self.ctx.actor.name

    def selected_job(self) -> dict | None:
        row = self.jobs.current_row()
        return None if row is None or row >= len(self.job_rows) else self.job_rows[row]

    def show_job(self) -> None:
        """The chosen job's steps, people and times, read on the worker."""
        job = self.selected_job()
        if job is None:
            self.step_choice.clear()
            self.steps.setRowCount(0)
            self.workers.setRowCount(0)
            return
        self.read(lambda db: job_detail(db, job), done=self._show_job, key="job")

    def _show_job(self, detail: dict) -> None:
        job = self.selected_job()
        if job is None or job["id"] != detail["job_id"]:
            return  # another job was chosen meanwhile: its own answer follows
        actual = {s["seq"]: s["actual"] for s in detail["times"]["steps"]}
        _fill(self.steps, [[d["seq"], d["step"], d["std"], d["done"], d["qty"] - d["done"], actual.get(d["seq"])]
                           for d in detail["progress"]])
        _fill(self.workers, [[w["operator"], w["pieces"], w["std_minutes"], w["actual_minutes"], w["efficiency"]]
                             for w in detail["times"]["workers"] if self._mine(w["operator"])])
        self.step_choice.clear()
        for s in detail["steps"]:
            self.step_choice.addItem(f"{s['seq']}. {s['name']}", s["id"])

    def refresh_pay(self) -> None:
        if self.pay is None:
            return
        week, actor = self.week.text(), self.ctx.actor
        self.read(lambda db: worktime.week_pay(db, week, actor=actor), done=self._fill_pay, failed=self._week_refused,
                  key="pay")

    def _week_refused(self, exc: SmedeskError) -> None:
        """A week that is no week: say so, and show no pay rather than the last week's."""
        self.pay.setRowCount(0)
        self._pay_refused = True
        self._refused(exc)

    def _fill_pay(self, pay: dict) -> None:
        if self._pay_refused:  # the week is right again: its refusal goes
            self._pay_refused = False
            self._say("")
        _fill(self.pay, [[p["operator"], sum(x["pieces"] for x in p["lines"]).quantize(1), dec_str(p["total"])]
                         for p in pay["operators"]] + [[tr("Total"), "", dec_str(pay["total"])]])

    # -- actions ------------------------------------------------------------------
    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    # writes run on the database worker; the answer is painted when it arrives
    def save_time(self) -> None:
        step, minutes, pieces = self.step_choice.currentData(), self.minutes.text(), self.pieces.value()
        user_id, actor = self.operator_choice.currentData(), self.ctx.actor
        self.write(lambda db: worktime.add_step_time(db, step, minutes, pieces, user_id=user_id, actor=actor),
                   changes=Changes("scans"), done=self._time_saved, failed=self.time_form.show_error)

    def _time_saved(self, _result=None) -> None:
        self.time_form.show_ok(tr("Time saved."))
        self.minutes.clear()

    def _refused(self, exc: SmedeskError) -> None:
        self._say(str(exc), ok=False)

    def choose_batch_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import scanner file…"), str(Path(self.ctx.db_path).parent),
                                              tr("Text (*.txt *.csv)"))
        if path:
            self.import_batch_file(path)

    def import_batch_file(self, path) -> None:
        step, operator, actor = self.batch_step.text().strip(), self.batch_operator.currentData(), self.ctx.actor
        self.write(lambda db: scanbatch.import_file(db, path, step=step, operator=operator, actor=actor),
                   changes=Changes("scans"), done=self._batch_imported, failed=self._refused)

    def _batch_imported(self, report) -> None:
        lines = [tr("{counted} scans counted, {refused} refused.", counted=report.counted,
                    refused=len(report.refused))]
        lines += [tr("line {line}: {code}: {reason}", line=n, code=code, reason=reason)
                  for n, code, _o, reason in report.refused[:20]]
        self._say("\n".join(lines), ok=not report.refused)

    def undo_selected(self) -> None:
        chosen = self.scans.selectionModel().selectedRows()
        if not chosen:
            self._say(tr("Choose a scan in the list."), ok=False)
            return
        scan_id, actor = int(self.scans.item(chosen[0].row(), 0).text()), self.ctx.actor
        self.write(lambda db: scanning.undo_scan(db, scan_id, reason="window", actor=actor),
                   changes=Changes("scans"), done=lambda _: self._say(tr("Scan {id} undone.", id=scan_id)),
                   failed=self._refused)

    def print_worksheet(self) -> None:
        job = self.selected_job()
        if job is None:
            self._say(tr("Choose a job in the list."), ok=False)
            return
        folder, doc_tr, number = documents_folder(self.ctx), translator(), job["order_number"]
        self._print(lambda db: printing.worksheet_data(db, number),
                    lambda data, **work: printout("worksheets").worksheet(folder / f"hoja-{number}.pdf", data["business"],
                                                              data["order"], data["jobs"], tr=doc_tr, **work),
                    N_("Worksheet written to {path}"))

    def print_cards(self) -> None:
        path, doc_tr = documents_folder(self.ctx) / "tarjetas-y-fotochecks.pdf", translator()
        self._print(printing.cards_data,
                    lambda data, progress, cancelled: printout("worksheets").cards(path, data["steps"], data["people"], tr=doc_tr,
                                                                       cancelled=cancelled),
                    N_("Cards written to {path}"))

    def print_pay(self) -> None:
        folder, doc_tr, week, actor = documents_folder(self.ctx), translator(), self.week.text(), self.ctx.actor
        self._print(lambda db: printing.pay_data(db, week, actor=actor),
                    lambda data, progress, cancelled: printout("worksheets").pay_sheet(
                        folder / f"destajo-{data['pay']['week']}.pdf", data["business"], data["pay"], tr=doc_tr,
                        cancelled=cancelled),
                    N_("Pay sheet written to {path}"))

    def _print(self, gather, draw, said: str) -> None:
        """gather(db) on the database worker, draw(data, progress=, cancelled=) on a render thread."""
        def done(path):
            open_file(path)
            self._say(tr(said, path=path))

        self.printing.start(gather, draw, done=done)


PAGE = PageInfo("production", N_("Production"), 30, ProductionPage, permission="worksheet.own")

