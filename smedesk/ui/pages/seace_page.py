"""SEACE: public calls the workshop can bid for. Saved searches with what is
new or changed, the results, a process view, past award prices for a code;
pulls from the portal and file imports run in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.tenders import client, importer, interests, store
from smedesk.tenders.search import Criteria, amount_text, search
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.seace.detail import process_html, when
from smedesk.ui.seace.dialog import InterestDialog
from smedesk.ui.seace.prices_tab import PricesTab
from smedesk.ui.seace.worker import Job
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE

MARKS = {"new": N_("NEW"), "changed": N_("CHANGED")}


def _row(*widgets) -> QWidget:
    holder = QWidget()
    box = QHBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        if widget is None:
            box.addStretch(1)
        else:
            box.addWidget(widget)
    return holder


class SeacePage(Page):
    """Emits job_done(report or message) once a pull or import has ended."""

    areas = ("seace", "catalogue")
    job_done = Signal(object)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Public tenders (SEACE)"),
                         tr("Calls from the State that your workshop can bid for. Save a search and "
                            "smedesk marks what is new each time you bring data from the portal or a file."))
        self.job: Job | None = None
        self.pull_button = QPushButton(tr("Bring new calls from the portal"))
        self.pull_button.setObjectName("seace_pull")
        self.pull_button.clicked.connect(self.start_pull)
        self.import_button = QPushButton(tr("Import files…"))
        self.import_button.setObjectName("seace_import")
        self.import_button.clicked.connect(self.choose_files)
        self.progress = QProgressBar()
        self.progress.setObjectName("seace_progress")
        self.progress.hide()
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setObjectName("seace_cancel")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.hide()
        self.body.addWidget(_row(self.pull_button, self.import_button, self.progress, self.cancel_button, None))
        self.status = QLabel("")
        self.status.setObjectName("seace_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.body.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._calls_tab(), tr("Calls"))
        self.prices = PricesTab(ctx)
        self.prices.process_wanted.connect(self.show_process)
        self.tabs.addTab(self.prices, tr("Prices"))
        self.body.addWidget(self.tabs, 1)
        self.refresh()

    def _calls_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.words = QLineEdit()
        self.words.setObjectName("seace_words")
        self.words.setPlaceholderText(tr("Search words, e.g. carpeta escolar"))
        self.words.returnPressed.connect(self.show_results)
        self.open_only = QCheckBox(tr("Only calls still open"))
        self.open_only.toggled.connect(self.show_results)
        find = QPushButton(tr("Search"))
        find.clicked.connect(self.show_results)
        layout.addWidget(_row(self.words, self.open_only, find))

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel(tr("Saved searches")))
        self.searches = QListWidget()
        self.searches.setObjectName("seace_searches")
        self.searches.setWordWrap(True)
        self.searches.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.searches.currentRowChanged.connect(lambda _row: self.show_results())
        left_box.addWidget(self.searches)
        buttons = [(tr("New…"), self.new_search), (tr("Edit…"), self.edit_search),
                   (tr("Mark as seen"), self.mark_seen), (tr("Delete"), self.delete_search)]
        for pair in (buttons[:2], buttons[2:]):
            widgets = []
            for label, slot in pair:
                button = QPushButton(label)
                button.clicked.connect(slot)
                widgets.append(button)
            left_box.addWidget(_row(*widgets))
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("seace_results")
        self.table.setHorizontalHeaderLabels([tr("Mark"), tr("Process"), tr("What"), tr("Department"),
                                              tr("Amount"), tr("Bids until"), tr("Status")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        # At 1024x768 only about 520 px are left beside the saved searches: show what the
        # call is, until when it takes bids and how much first; the process code follows.
        header = self.table.horizontalHeader()
        for logical in (2, 5, 4):  # What, Bids until, Amount right after Mark
            header.moveSection(header.visualIndex(logical), header.visualIndex(0) + 1 + (2, 5, 4).index(logical))
        self.table.itemSelectionChanged.connect(self._selected_process)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.table)
        split.setSizes([230, 750])
        split.setMinimumHeight(260)
        layout.addWidget(split)
        self.detail = QTextBrowser()
        self.detail.setObjectName("seace_detail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setMinimumHeight(280)
        self.detail.setPlaceholderText(tr("Choose a call to see its items, dates, documents and awards."))
        layout.addWidget(self.detail)
        return tab

    # saved searches and results -------------------------------------------------
    def refresh(self) -> None:
        current = self.current_interest_id()
        self.searches.blockSignals(True)
        self.searches.clear()
        everything = QListWidgetItem(tr("All calls"))
        everything.setData(256, None)
        self.searches.addItem(everything)
        chosen = 0
        for n, saved in enumerate(interests.list_interests(self.ctx.db), start=1):
            marks = []
            if saved["new"]:
                marks.append(tr("{n} new", n=saved["new"]))
            if saved["changed"]:
                marks.append(tr("{n} changed", n=saved["changed"]))
            item = QListWidgetItem(saved["name"] + (f"\n   {', '.join(marks)}" if marks else ""))
            item.setData(256, saved["id"])
            if marks:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.searches.addItem(item)
            if saved["id"] == current:
                chosen = n
        self.searches.setCurrentRow(chosen)
        self.searches.blockSignals(False)
        self.show_results()
        self.prices.refresh()

    def current_interest_id(self) -> int | None:
        item = self.searches.currentItem() if hasattr(self, "searches") else None
        return None if item is None else item.data(256)

    def show_results(self) -> None:
        interest_id = self.current_interest_id()
        interest = interests.get(self.ctx.db, interest_id) if interest_id else None
        crit = interests.criteria(interest) if interest else Criteria()
        crit.words = f"{crit.words} {self.words.text()}".strip()
        if self.open_only.isChecked():
            crit.ending_after = clock.now_iso()
        try:
            found = search(self.ctx.db, crit, interest_id=interest_id)
        except SmedeskError as exc:
            self._say(str(exc), ok=False)
            found = []
        if interest and interest["codes"]:
            self.prices.suggest(interest["codes"][0], interest["product_id"])
        self.table.setRowCount(len(found))
        for n, proc in enumerate(found):
            mark = QTableWidgetItem(tr(MARKS[proc["mark"]]) if proc["mark"] else "")
            if proc["mark"]:
                mark.setForeground(Qt.darkGreen if proc["mark"] == "new" else Qt.darkYellow)
            mark.setData(256, proc["ocid"])
            cells = [mark, QTableWidgetItem(proc["title"]), QTableWidgetItem(proc["description"]),
                     QTableWidgetItem(proc["department"]), QTableWidgetItem(amount_text(proc["amount"])),
                     QTableWidgetItem(when(proc["tender_end"])), QTableWidgetItem(proc["status"])]
            cells[4].setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            for col, cell in enumerate(cells):
                self.table.setItem(n, col, cell)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 220))

    def _selected_process(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.show_process(self.table.item(items[0].row(), 0).data(256))

    def show_process(self, ocid: str) -> None:
        process = store.load(self.ctx.db, ocid)
        if process is None:
            return
        self.detail.setHtml(process_html(process))
        self.tabs.setCurrentIndex(0)

    def new_search(self) -> None:
        InterestDialog(self.ctx, self).exec()  # its save broadcasts what changed

    def edit_search(self) -> None:
        interest_id = self.current_interest_id()
        if interest_id is None:
            return self._say(tr("Choose a saved search first."), ok=False)
        InterestDialog(self.ctx, self, interests.get(self.ctx.db, interest_id)).exec()

    def mark_seen(self) -> None:
        interest_id = self.current_interest_id()
        if interest_id is None:
            return self._say(tr("Choose a saved search first."), ok=False)
        actor = self.ctx.actor
        self.write(lambda db: interests.mark_seen(db, interest_id, actor=actor), changes=Changes("seace"),
                   failed=lambda exc: self._say(str(exc), ok=False))

    def delete_search(self) -> None:
        interest_id = self.current_interest_id()
        if interest_id is None:
            return self._say(tr("Choose a saved search first."), ok=False)
        actor = self.ctx.actor
        self.write(lambda db: interests.delete(db, interest_id, actor=actor), changes=Changes("seace"),
                   failed=lambda exc: self._say(str(exc), ok=False))

    # background work ------------------------------------------------------------
    def _say(self, text: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def start_pull(self, base_url: str | None = None) -> Job | None:
        actor = self.ctx.actor

        def work(db, progress, cancelled):
            with client.session() as session:
                return client.pull(db, session, base_url or None, actor=actor, progress=progress,
                                   cancelled=cancelled)

        return self._start(work, tr("Asking the portal…"))

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, tr("Choose SEACE files"), "",
                                                      tr("OCDS data (*.json *.zip)"))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths) -> Job | None:
        actor = self.ctx.actor

        def work(db, progress, cancelled):
            return importer.import_files(db, paths, actor=actor, progress=progress, cancelled=cancelled)

        return self._start(work, tr("Importing…"))

    def _start(self, work, message: str) -> Job | None:
        if self.job is not None:
            return None
        self.job = Job(self.ctx.db_path, work)
        self.job.progress.connect(self._progress)
        self.job.finished_with.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.pull_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._say(message)
        self.job.start()
        return self.job

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self._say(tr("Stopping after the current page…"))

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self._say(tr("Page {n} received…", n=done))

    def _end(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait(5000)
        self.progress.hide()
        self.cancel_button.hide()
        self.pull_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _finished(self, report) -> None:
        self._end()
        text = tr("{new} new, {changed} changed, {same} unchanged.", new=len(report.new),
                  changed=len(report.changed), same=report.unchanged + report.older)
        if report.problems:
            text += "\n" + tr("Could not use:") + "\n" + "\n".join(f"• {w}: {r}" for w, r in report.problems[:8])
        self._say(text, ok=not report.problems)
        self.changed(Changes("seace"))
        self.job_done.emit(report)

    def _failed(self, message: str) -> None:
        self._end()
        self._say(message, ok=False)
        self.job_done.emit(message)


PAGE = PageInfo("seace", N_("SEACE"), 85, SeacePage, permission="seace")
