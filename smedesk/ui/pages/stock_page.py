"""Almacén: materials on hand, a movement or a count typed in, the movements
with filters, what orders need, compras sugeridas (PDF, or recorded as a
purchase when the goods arrive) and the optional month-end entry. Staff see
quantities only: the money columns are left out and the domain refuses them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from smedesk.core import clock, dates
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.stock import books, counts, moves, needs, position, printing, purchases
from smedesk.stock.requirements import open_orders
from smedesk.ui.accounts import fill, make_table, num, output_dir
from smedesk.ui.costing.materials_view import unit_label
from smedesk.ui.datefield import DateField
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, say_when_empty

RED, ORANGE = QColor("#b00020"), QColor("#b35c00")


def qty_text(value) -> str:
    return needs.readable_qty(value)


def unit_text(unit: str) -> str:
    """The unit as the window's language writes it (unid., m³), as the catalogue does."""
    return unit_label(unit)


class StockPage(Page):
    areas = ("stock", "orders", "scans", "accounts", "catalogue")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Stock"), tr("Materials on hand, what the orders need and what to buy."))
        self.money = ctx.actor.can("money.view")
        self.groups: list[dict] = []  # the suggested purchases, by supplier, and the group of each row
        self.suggest_rows: list[dict] = []
        self.can_edit = ctx.actor.can("catalogue.edit")
        heads = [tr("Code"), tr("Material"), tr("Unit"), tr("On hand"), tr("Promised"), tr("Available"),
                 tr("Minimum")] + ([tr("Average cost"), tr("Value")] if self.money else [])
        self.stock = make_table(heads, 220)
        self.stock.setObjectName("stock_table")
        self.stock_empty = say_when_empty(self.stock, tr(
            "No materials yet: add them in Catalogue › Materials; what you buy (a purchase in Sales and purchases) "
            "comes in here."))
        self.body.addWidget(self.stock)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("stock_message")
        if self.can_edit:
            self.body.addWidget(self._move_box())
            self.body.addWidget(QLabel(f"<b>{tr('Count (conteo)')}</b> — "
                                       f"{tr('type what you found on the shelf; empty rows are not counted')}"))
            self.count = make_table([tr("Code"), tr("Unit"), tr("On hand"), tr("Counted")], 160)
            self.count.setObjectName("count_table")
            self.count.setEditTriggers(QAbstractItemView.AllEditTriggers)
            self.body.addWidget(self.count)
            record = QPushButton(tr("Record count"))
            record.setObjectName("record_count")
            record.clicked.connect(self.record_count)
            self.body.addWidget(record)
        self.body.addWidget(self.message)
        self.printing = PrintBar(self, say=lambda text, ok=True: self._say(text, ok=ok))
        self.body.addWidget(self.printing)
        self.body.addWidget(self._history_box())
        self.body.addWidget(self._needs_box())
        if self.money:
            self.body.addWidget(self._suggest_box())
        self.refresh()

    # ---- building ----------------------------------------------------------------

    def _grid(self) -> tuple[QWidget, QGridLayout]:
        holder = QWidget()
        return holder, QGridLayout(holder)

    def _move_box(self) -> QWidget:
        holder, grid = self._grid()
        self.move_code, self.move_qty, self.move_unit = QComboBox(), QLineEdit(), QLineEdit()
        self.move_reason = QComboBox()
        for reason in moves.MANUAL_REASONS:
            self.move_reason.addItem(moves.reason_name(reason), reason)
        self.move_date, self.move_note = DateField(clock.today_lima()), QLineEdit()
        self.move_qty.setObjectName("move_qty")
        self.move_unit.setPlaceholderText(tr("the material's"))
        for col, (label, widget) in enumerate(((tr("Material"), self.move_code), (tr("Quantity"), self.move_qty),
                                               (tr("Unit"), self.move_unit), (tr("Reason"), self.move_reason),
                                               (tr("Date"), self.move_date), (tr("Note"), self.move_note))):
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(widget, 1, col)
        button = QPushButton(tr("Record movement"))
        button.setObjectName("record_move")
        button.clicked.connect(self.record_move)
        grid.addWidget(button, 1, 6)
        return holder

    def _history_box(self) -> QWidget:
        holder, grid = self._grid()
        grid.addWidget(QLabel(f"<b>{tr('Movements')}</b>"), 0, 0, 1, 6)
        self.filter_code, self.filter_from, self.filter_to = QLineEdit(), DateField(), DateField()
        self.filter_reason = QComboBox()
        self.filter_reason.addItem(tr("All reasons"), None)
        for reason in moves.REASONS:
            self.filter_reason.addItem(moves.reason_name(reason), reason)
        for col, (label, widget) in enumerate(((tr("Code"), self.filter_code), (tr("Reason"), self.filter_reason),
                                               (tr("From"), self.filter_from), (tr("To"), self.filter_to))):
            grid.addWidget(QLabel(label), 1, col)
            grid.addWidget(widget, 2, col)
            (widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.editingFinished).connect(
                self.refresh_history)
        heads = [tr("Date"), tr("Code"), tr("Reason"), tr("Quantity"), tr("Unit"), tr("Order"), tr("Note")]
        self.history = make_table(heads + ([tr("Value")] if self.money else []), 200)
        self.history.setObjectName("moves_table")
        grid.addWidget(self.history, 3, 0, 1, 6)
        return holder

    def _needs_box(self) -> QWidget:
        holder, grid = self._grid()
        grid.addWidget(QLabel(f"<b>{tr('What the orders need')}</b>"), 0, 0)
        self.needs_order = QComboBox()
        self.needs_order.setObjectName("needs_order")
        self.needs_order.currentIndexChanged.connect(self.refresh_needs)
        grid.addWidget(self.needs_order, 0, 1)
        self.needs = make_table([tr("Code"), tr("Material"), tr("Unit"), tr("Required"), tr("On hand"),
                                 tr("Promised"), tr("Minimum"), tr("To buy")], 180)
        self.needs.setObjectName("needs_table")
        grid.addWidget(self.needs, 1, 0, 1, 4)
        self.short = QLabel("")
        self.short.setWordWrap(True)
        self.short.setStyleSheet(ERROR_STYLE)
        grid.addWidget(self.short, 2, 0, 1, 4)
        return holder

    def _suggest_box(self) -> QWidget:
        holder, grid = self._grid()
        grid.addWidget(QLabel(f"<b>{tr('Suggested purchases')}</b>"), 0, 0)
        pdf = QPushButton(tr("Print (PDF)"))
        pdf.setObjectName("suggest_pdf")
        pdf.clicked.connect(self.print_suggested)
        grid.addWidget(pdf, 0, 3)
        self.suggest = make_table([tr("Supplier"), tr("Code"), tr("Material"), tr("Quantity"), tr("Unit"),
                                   tr("Latest price"), tr("Amount")], 180)
        self.suggest.setObjectName("suggest_table")
        grid.addWidget(self.suggest, 1, 0, 1, 4)
        self.receive_doc = QLineEdit()
        self.receive_doc.setPlaceholderText("F001-123")
        self.receive_doc.setObjectName("receive_doc")
        grid.addWidget(QLabel(tr("The goods arrived: supplier's document")), 2, 0)
        grid.addWidget(self.receive_doc, 2, 1)
        receive = QPushButton(tr("Record the selected supplier's purchase"))
        receive.setObjectName("receive")
        receive.clicked.connect(self.receive)
        grid.addWidget(receive, 2, 2, 1, 2)
        if self.ctx.actor.can("accounts.post"):
            last_month = clock.today_lima().replace(day=1) - dt.timedelta(days=1)
            self.month = QLineEdit(last_month.isoformat()[:7])
            grid.addWidget(QLabel(tr("Month-end entry of the stock's change in value (optional)")), 3, 0)
            grid.addWidget(self.month, 3, 1)
            post = QPushButton(tr("Post change in inventories"))
            post.setObjectName("post_month_end")
            post.clicked.connect(self.post_month_end)
            grid.addWidget(post, 3, 2, 1, 2)
        return holder

    # ---- refreshing --------------------------------------------------------------

    def refresh(self) -> None:
        """Read on the database worker (the needs walk every open order); each
        part is painted when it arrives."""
        money = self.money
        self.read(lambda db: {"stock": position.stock_list(db, with_values=money),
                              "orders": [o["number"] for o in open_orders(db)]}, done=self._fill, key="stock")
        self.refresh_history()
        self.refresh_needs()
        if self.money:
            self.refresh_suggested()

    def _fill(self, view: dict) -> None:
        found = view["stock"]
        data = []
        for r in found:
            cells = [r["code"], r["name"], unit_text(r["unit"]), qty_text(r["on_hand"]), qty_text(r["promised"]),
                     qty_text(r["available"]), qty_text(r["minimum"]) if r["minimum"] else ""]
            if self.money:
                cells += [num(r["average_cost"]), num(r["value"])]
            data.append(cells)
        fill(self.stock, data)
        for n, r in enumerate(found):
            colour = RED if r["below_zero"] else ORANGE if r["below_minimum"] else None
            if colour is not None:
                for col in (3, 5):
                    self.stock.item(n, col).setForeground(colour)
        if self.can_edit:
            current = self.move_code.currentText()
            self.move_code.clear()
            self.move_code.addItems([r["code"] for r in found])
            if current:
                self.move_code.setCurrentText(current)
            self._fill_count(found)
        chosen = self.needs_order.currentData()
        self.needs_order.blockSignals(True)
        self.needs_order.clear()
        self.needs_order.addItem(tr("All open orders"), None)
        for number in view["orders"]:
            self.needs_order.addItem(number, number)
        index = self.needs_order.findData(chosen)
        self.needs_order.setCurrentIndex(max(index, 0))
        self.needs_order.blockSignals(False)
        if self.needs_order.currentData() != chosen:  # the order chosen is no longer open
            self.refresh_needs()

    def _fill_count(self, found: list[dict]) -> None:
        """The count sheet, keeping what was typed in it: a refresh while someone
        counts (a scan on the floor, a purchase) must not wipe their figures."""
        typed = {}
        for n in range(self.count.rowCount()):
            code, counted = self.count.item(n, 0), self.count.item(n, 3)
            if code is not None and counted is not None and counted.text().strip():
                typed[code.text()] = counted.text()
        self.count.setRowCount(len(found))
        for n, r in enumerate(found):
            for col, value in enumerate((r["code"], unit_text(r["unit"]), qty_text(r["on_hand"]))):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                self.count.setItem(n, col, item)
            self.count.setItem(n, 3, QTableWidgetItem(typed.get(r["code"], "")))

    def refresh_history(self) -> None:
        code, reason = self.filter_code.text().strip() or None, self.filter_reason.currentData()
        date_from, date_to, money = self.filter_from.text() or None, self.filter_to.text() or None, self.money
        self.read(lambda db: moves.list_moves(db, code=code, reason=reason, date_from=date_from, date_to=date_to,
                                              with_values=money, limit=500),
                  done=self._fill_history, failed=self._refused, key="history")

    def _fill_history(self, found: list[dict]) -> None:
        fill(self.history, [[dates.show_date(r["day"]), r["code"], moves.reason_name(r["reason"]), qty_text(r["qty"]), unit_text(r["unit"]),
                             r["order_number"], r["note"]] + ([num(r["value"])] if self.money else [])
                            for r in found])

    def refresh_needs(self) -> None:
        order = self.needs_order.currentData()
        self.read(lambda db: {"needs": needs.needs(db, order),
                              "short": [s for s in needs.shortages(db) if order is None or s.order == order]},
                  done=self._fill_needs, key="needs")

    def _fill_needs(self, found: dict) -> None:
        fill(self.needs, [[r["code"], r["name"], unit_text(r["unit"]), qty_text(r["required"]), qty_text(r["on_hand"]),
                           qty_text(r["promised"]), qty_text(r["minimum"]), needs.show_qty(r["to_buy"])]
                          for r in found["needs"]])
        self.short.setText("\n".join(s.message for s in found["short"]))

    def refresh_suggested(self) -> None:
        self.read(purchases.suggested, done=self._fill_suggested, key="suggested")

    def _fill_suggested(self, groups: list[dict]) -> None:
        self.groups = groups
        data, self.suggest_rows = [], []
        for g in self.groups:
            for ln in g["lines"]:
                data.append([g["supplier"], ln["code"], ln["name"], qty_text(ln["qty"]), unit_text(ln["unit"]),
                             num(ln["price"]), num(ln["amount"])])
                self.suggest_rows.append(g)
        fill(self.suggest, data)

    # ---- actions -----------------------------------------------------------------

    def _say(self, text: str, *, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def _refused(self, exc: SmedeskError) -> None:
        self._say(str(exc), ok=False)

    # writes run on the database worker; what was typed stays until the answer says it was recorded
    def record_move(self) -> None:
        args = (self.move_code.currentText(), self.move_qty.text(), self.move_reason.currentData())
        options = dict(unit=self.move_unit.text().strip() or None, day=self.move_date.text().strip() or None,
                       note=self.move_note.text(), actor=self.ctx.actor)
        self.write(lambda db: moves.record_move(db, *args, **options), changes=Changes("stock"),
                   done=self._move_recorded, failed=self._refused)

    def _move_recorded(self, done: dict) -> None:
        self.move_qty.clear()
        text = tr("{code}: {qty} {unit} recorded; on hand {on_hand} {unit}.", code=done["code"],
                  qty=qty_text(done["qty"]), unit=unit_text(done["unit"]), on_hand=qty_text(done["on_hand"]))
        if done["below_zero"]:
            self._say(text + " " + tr("(below zero)"), ok=False)
        else:
            self._say(text)

    def record_count(self) -> None:
        rows_in = []
        for n in range(self.count.rowCount()):
            counted = self.count.item(n, 3)
            if counted is not None and counted.text().strip():
                rows_in.append((n + 1, [self.count.item(n, 0).text(), counted.text().strip(), ""]))
        actor = self.ctx.actor
        self.write(lambda db: counts.record_count(db, rows_in, actor=actor), changes=Changes("stock"),
                   failed=self._refused,
                   done=lambda result: self._say(tr("Count recorded: {changed} of {count} materials changed.",
                                                    changed=sum(1 for r in result if r["difference"]),
                                                    count=len(result))))

    def print_suggested(self) -> None:
        from smedesk.core import i18n
        from smedesk.ui.tracking import open_file

        path, lang = output_dir(self.ctx, "documentos") / "compras-sugeridas.pdf", i18n.current()
        doc_tr = i18n.translator(lang)

        def done(written):
            open_file(written)
            self._say(tr("Suggested purchases written to {path}", path=written))

        self.printing.start(lambda db: printing.suggested_data(db, lang),
                            lambda data, **job: printout("purchases_pdf").write_suggested_pdf(data, path, doc_tr,
                                                                                             **job), done=done)

    def receive(self) -> None:
        row = self.suggest.currentRow()
        if row < 0 or row >= len(self.suggest_rows):
            self._say(tr("Choose a supplier's line in the suggested purchases."), ok=False)
            return
        group = self.suggest_rows[row]
        series, _, number = self.receive_doc.text().strip().upper().partition("-")
        if not number.isdigit():
            return self._say(tr("Write the document as SERIES-NUMBER (F001-123)."), ok=False)
        if not group["party_id"]:
            return self._say(tr("{name} is not a supplier with a RUC yet: add it in Sales and purchases.",
                                name=group["supplier"]), ok=False)
        lines = [{"code": ln["code"], "qty": ln["qty"], "price": ln["price"]} for ln in group["lines"]]
        party_id, actor = group["party_id"], self.ctx.actor
        self.write(lambda db: purchases.record_purchase(db, party_id, series, int(number), lines, actor=actor),
                   changes=Changes("stock", "accounts"), done=self._received, failed=self._refused)

    def _received(self, _result=None) -> None:
        self.receive_doc.clear()
        self._say(tr("Purchase recorded; its materials are in stock."))

    def post_month_end(self) -> None:
        month, actor = self.month.text(), self.ctx.actor
        self.write(lambda db: books.post_month_end(db, month, actor=actor), changes=Changes("stock", "accounts"),
                   failed=self._refused,
                   done=lambda done: self._say(tr("Entry {id} posted.", id=done["entry_id"]) if done["entry_id"]
                                               else tr("No change to post.")))


PAGE = PageInfo("stock", N_("Stock"), 55, StockPage, "catalogue.view")
