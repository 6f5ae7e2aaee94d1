"""Pedidos: orders with their progress and forecast; new orders; release;
labels and worksheets to print; cancel and deliver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from smedesk.core import dates, i18n
from smedesk.core.changes import Changes
from smedesk.core.errors import NeedsConfirmation
from smedesk.core.i18n import N_, tr
from smedesk.tracking import (
    board,
    forecast,
    orderimport,
    orders,
    printing,
    progress,
    release,
    worktime,
)
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar
from smedesk.ui.rows_table import RowsTable, longest_texts
from smedesk.ui.tracking import documents_folder, open_file, status_hex
from smedesk.ui.tracking.customers import CustomersBox
from smedesk.ui.tracking.order_form import NewOrderForm
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE

ORDERS = Changes("orders")
COLUMNS = (N_("Order"), N_("Customer"), N_("Due date"), N_("State"), N_("Pieces"), N_("Progress"),
           N_("Forecast"), N_("Situation"))


def listing(db, *, states, search: str) -> dict:
    """On the database worker: the board as the table shows it (texts, colours,
    the texts to measure), so the GUI thread only makes the items."""
    entries = board.board(db, states=states, search=search)
    rows = [[o["number"], o["customer"], dates.show_date(o["due"]), orders.state_name(o["state"]), str(o["pieces"]),
             f"{o['percent']} %", dates.show_date(o["forecast"]) or "—", forecast.status_name(o["status"])]
            for o in entries]
    return {"numbers": [o["number"] for o in entries], "states": [o["state"] for o in entries], "rows": rows, "longest": longest_texts(rows),
            "colours": {n: [None] * 7 + [status_hex(o["status"])] for n, o in enumerate(entries)}}


def order_detail(db, number: str) -> dict | None:
    """On the database worker: the order with its lines, its progress by step and its timed work."""
    order = orders.get_order(db, number)
    if order is None:
        return None
    return {"order": order, "status": progress.order_status(db, number), "times": worktime.order_times(db, order["id"])}


def _table(columns, height=200) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setMinimumHeight(height)
    return table


class OrdersPage(Page):
    areas = ("orders", "scans", "catalogue", "parties")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Orders"), tr("Each order's progress and whether it will be ready on time."))
        self._want: str | None = None
        self.numbers: list[str] = []  # the orders listed, row by row, and their states
        self.states: list[str] = []
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search by number or customer"))
        self.search.textChanged.connect(self.refresh)
        self.closed = QCheckBox(tr("Show finished, delivered and cancelled"))
        self.closed.toggled.connect(self.refresh)
        import_button = QPushButton(tr("Import CSV…"))
        import_button.clicked.connect(self.import_csv)
        # the new-order form sits at the bottom of a long page: a button up here goes to it
        new_order = QPushButton(tr("New order"))
        new_order.setObjectName("go_new_order")
        new_order.setStyleSheet("font-weight: 600;")
        new_order.clicked.connect(self.go_new_order)
        filters.addWidget(new_order)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.closed)
        filters.addWidget(import_button)
        self.body.addLayout(filters)
        self.table = RowsTable(COLUMNS, 230)  # a model: 1,000 orders fill in one reset
        self.table.setObjectName("orders_table")
        self.table.selection_changed.connect(self.show_detail)
        self.body.addWidget(self.table)

        actions = QHBoxLayout()
        self.bundle = QSpinBox()
        self.bundle.setRange(0, 500)
        self.bundle.setSpecialValueText(tr("per piece"))
        self.bundle.setToolTip(tr("0: one label per piece and part; N: one label per bundle of N pieces"))
        self.buttons = {}
        for key, text, slot in (
            ("edit", tr("Change draft"), self.edit_draft),
            ("release", tr("Release"), self.release),
            ("labels_a4", tr("Labels A4"), lambda: self.labels("a4")),
            ("labels_roll", tr("Labels roll"), lambda: self.labels("roll")),
            ("worksheet", tr("Worksheet"), self.worksheet),
            ("deliver", tr("Delivered"), lambda: self.move("delivered")),
            ("cancel", tr("Cancel order"), lambda: self.move("cancelled")),
        ):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            self.buttons[key] = button
        self.new_due = QDateEdit()
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("dd/MM/yyyy")
        change_due = QPushButton(tr("Change due date"))
        change_due.setObjectName("change_due")
        change_due.clicked.connect(self.change_due)
        self.buttons["change_due"] = change_due
        # Two rows so the Spanish labels fit at 1024x768 without scrolling sideways:
        # what happens to the order, then what gets printed for it.
        for key in ("edit", "release", "deliver", "cancel"):
            actions.addWidget(self.buttons[key])
        actions.addStretch(1)
        self.body.addLayout(actions)
        printing = QHBoxLayout()
        printing.addWidget(QLabel(tr("Bundle:")))
        printing.addWidget(self.bundle)
        for key in ("labels_a4", "labels_roll", "worksheet"):
            printing.addWidget(self.buttons[key])
        printing.addStretch(1)
        self.body.addLayout(printing)
        due_row = QHBoxLayout()
        due_row.addWidget(QLabel(tr("New due date:")))
        due_row.addWidget(self.new_due)
        due_row.addWidget(change_due)
        due_row.addStretch(1)
        self.body.addLayout(due_row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("orders_message")
        self.body.addWidget(self.message)
        self.printing = PrintBar(self, say=self._say)
        self.body.addWidget(self.printing)

        detail = QGroupBox(tr("Selected order"))
        box = QVBoxLayout(detail)
        self.summary = QLabel(tr("Choose an order above."))
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.steps = _table((N_("No."), N_("Step"), N_("Done"), N_("Pending")), 150)
        box.addWidget(self.steps)
        self.body.addWidget(detail)

        new = self.new_group = QGroupBox(tr("New order"))
        new_box = QVBoxLayout(new)
        self.new_form = NewOrderForm(ctx)
        new_box.addWidget(self.new_form)
        self.body.addWidget(new)

        people = QGroupBox(tr("Customers"))
        people_box = QVBoxLayout(people)
        self.customers = CustomersBox(ctx)
        people_box.addWidget(self.customers)
        self.body.addWidget(people)
        self.body.addStretch(1)
        self.refresh()

    def go_new_order(self) -> None:
        self.ensureWidgetVisible(self.new_group, 0, 0)
        self.verticalScrollBar().setValue(min(self.verticalScrollBar().maximum(), self.new_group.y() - 8))
        self.new_form.number.setFocus()

    # -- list (read on the database worker, painted when it arrives) ------------
    def refresh(self) -> None:
        states = None if self.closed.isChecked() else orders.OPEN_STATES
        search = self.search.text().strip()
        self.read(lambda db: listing(db, states=states, search=search), done=self._fill, key="board")
        if hasattr(self, "customers"):
            self.customers.refresh()
            self.new_form.reset_customers()

    def _fill(self, listed: dict) -> None:
        selected = self.selected_number() or self._want
        self._want = None
        self.numbers, self.states = listed["numbers"], listed["states"]
        chosen = self.numbers.index(selected) if selected in self.numbers else (0 if self.numbers else None)
        self.table.set_rows(listed["rows"], listed["colours"], select=chosen,
                            longest=listed["longest"])  # then show_detail, for the chosen order

    def selected_number(self) -> str | None:
        row = self.table.current_row()
        return self.numbers[row] if row is not None and row < len(self.numbers) else None

    def select(self, number: str) -> None:
        self._want = number  # kept when the board being read arrives
        if number in self.numbers:
            self.table.selectRow(self.numbers.index(number))

    def show_detail(self) -> None:
        """The buttons follow the chosen order's state at once (the list has it);
        its lines, steps and times are read on the worker."""
        row, number = self.table.current_row(), self.selected_number()
        state = self.states[row] if number else None
        self.buttons["release"].setEnabled(state == "draft")
        self.buttons["edit"].setEnabled(state == "draft")
        for key in ("labels_a4", "labels_roll", "worksheet"):
            self.buttons[key].setEnabled(state not in (None, "draft", "cancelled"))
        self.buttons["deliver"].setEnabled(state == "finished")
        self.buttons["cancel"].setEnabled(state in orders.OPEN_STATES)
        self.buttons["change_due"].setEnabled(state in orders.OPEN_STATES)
        if number is None:
            self._show_detail(None)
        else:
            self.read(lambda db: order_detail(db, number), done=self._show_detail, key="detail")

    def _show_detail(self, detail: dict | None) -> None:
        if detail is None or detail["order"]["number"] != self.selected_number():
            if self.selected_number() is None:
                self.summary.setText(tr("Choose an order above."))
                self.steps.setRowCount(0)
            return  # another order was chosen meanwhile: its own answer follows
        order, status, times = detail["order"], detail["status"], detail["times"]
        due = dt.date.fromisoformat(order["due_date"])
        self.new_due.setDate(QDate(due.year, due.month, due.day))
        lines = ", ".join(f"{x['qty']} × {x['sku']}" + (f" {x['size']}" if x["size"] else "") for x in order["lines"])
        self.summary.setText(tr("{number} · {customer} · {lines} · due {due} · forecast {forecast} ({status})",
                                number=order["number"], customer=order["customer"], lines=lines,
                                due=dates.show_date(order["due_date"]), forecast=dates.show_date(status["forecast"]) or "—",
                                status=forecast.status_name(status["status"]))
                             + "\n" + tr("{percent} % done. Timed work: {std} standard minutes took {actual} minutes.",
                                         percent=status["percent"], std=times["order"]["std_minutes"],
                                         actual=times["order"]["actual_minutes"]))
        self.steps.setRowCount(len(status["steps"]))
        for n, s in enumerate(status["steps"]):
            for col, value in enumerate((s["seq"], s["step"], s["done"], s["pending"])):
                self.steps.setItem(n, col, QTableWidgetItem(str(value)))

    # -- actions ----------------------------------------------------------------
    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def _act(self, work, *, changes: Changes = ORDERS, confirm=None) -> None:
        """Run work(db, number) -> message on the database worker; then say it,
        keep the order selected, and broadcast what changed. A refusal that asks
        for confirmation (NeedsConfirmation) is asked here, once; `confirm` is then
        the work to run when the owner says yes."""
        number = self.selected_number()
        if not number:
            self._say(tr("Choose an order above."), ok=False)
            return

        def done(text):
            self._say(text)
            self.select(number)

        def failed(exc):
            if isinstance(exc, NeedsConfirmation) and confirm is not None:
                # asked once: the owner may go ahead anyway (the shortage stays listed)
                answer = QMessageBox.question(self, tr("Materials are short"), str(exc))
                if answer == QMessageBox.Yes:
                    self.write(confirm, number, changes=changes, done=done,
                               failed=lambda again: self._say(str(again), ok=False))
                else:
                    self._say(tr("Order {number} was not released.", number=number))
                return
            self._say(str(exc), ok=False)

        self.write(work, number, changes=changes, done=done, failed=failed)

    def _print(self, gather, draw, said: str) -> None:
        """gather(db, number) on the database worker, then draw(data, progress=, cancelled=)
        -> path on a render thread, with progress and Cancel; the window keeps answering."""
        number = self.selected_number()
        if not number:
            self._say(tr("Choose an order above."), ok=False)
            return

        def done(path):
            open_file(path)
            self._say(tr(said, path=path))

        self.printing.start(lambda db: gather(db, number), draw, done=done)

    def edit_draft(self) -> None:
        number = self.selected_number()
        order = orders.get_order(self.ctx.db, number) if number else None
        if order is None or order["state"] != "draft":
            self._say(tr("Choose a draft order above."), ok=False)
            return
        self.new_form.load(order)
        self.ensureWidgetVisible(self.new_form)
        self.new_form.lines.setFocus()

    def release(self) -> None:
        actor, bundle = self.ctx.actor, self.bundle.value() or None

        def work(db, number, accept_short=False):
            done = release.release(db, number, bundle=bundle, accept_short=accept_short, actor=actor)
            return tr("Order {order} released: {jobs} jobs, {units} labels.", **done)
        self._act(work, confirm=lambda db, number: work(db, number, accept_short=True))

    def labels(self, layout: str) -> None:
        folder, doc_tr = documents_folder(self.ctx), i18n.translator()

        def draw(data, **job):  # on the render thread
            from smedesk.printouts import labels

            path = folder / f"etiquetas-{data['order']}-{layout}.pdf"
            if len(data["units"]) >= labels.IN_PROCESS_FROM:  # a big batch: drawn where it cannot stall the window
                from smedesk.printouts.process import render_in_process

                return render_in_process("labels:render", data["units"], data["order"], path=path, layout=layout,
                                         tr=doc_tr, **job)
            return labels.render(data["units"], data["order"], path, layout=layout, tr=doc_tr, **job)
        self._print(printing.labels_data, draw, N_("Labels written to {path}"))

    def worksheet(self) -> None:
        folder, doc_tr = documents_folder(self.ctx), i18n.translator()

        def draw(data, **job):  # on the render thread
            from smedesk.printouts import worksheets

            return worksheets.worksheet(folder / f"hoja-{data['order']['number']}.pdf", data["business"],
                                        data["order"], data["jobs"], tr=doc_tr, **job)
        self._print(printing.worksheet_data, draw, N_("Worksheet written to {path}"))

    def move(self, state: str) -> None:
        actor = self.ctx.actor

        def work(db, number):
            order = orders.set_state(db, number, state, actor=actor)
            return tr("Order {number} is now {state}.", number=order["number"], state=orders.state_name(order["state"]).lower())
        self._act(work)

    def change_due(self) -> None:
        actor, day = self.ctx.actor, self.new_due.date()
        due = dt.date(day.year(), day.month(), day.day())

        def work(db, number):
            order = orders.set_due_date(db, number, due, actor=actor)
            return tr("Order {number} is now due on {due}.", number=order["number"], due=dates.show_date(order["due_date"]))
        self._act(work)

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import orders"), str(Path(self.ctx.db_path).parent),
                                              "CSV (*.csv *.txt)")
        if not path:
            return
        actor = self.ctx.actor
        self.write(lambda db: orderimport.import_file(db, path, actor=actor), changes=ORDERS,
                   done=lambda created: self._say(tr("{count} orders imported: {numbers}", count=len(created),
                                                     numbers=", ".join(created))),
                   failed=lambda exc: self._say(str(exc), ok=False))


PAGE = PageInfo("orders", N_("Orders"), 20, OrdersPage, permission="orders.edit")

