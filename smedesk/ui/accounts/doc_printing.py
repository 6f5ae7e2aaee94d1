"""Printing comprobantes from Ventas y compras: the selected one, or several at
once (one PDF, or one file each in the comprobantes folder), gathered on the
database worker and drawn on a render thread with progress and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import clock
from smedesk.core.i18n import tr, translator
from smedesk.core.paths import free_path
from smedesk.ui.accounts import output_dir
from smedesk.ui.printjob import PrintBar


def selected_keys(table) -> list:
    """The keys of the selected rows, top to bottom."""
    rows = sorted(index.row() for index in table.selectionModel().selectedRows()) if table.selectionModel() else []
    return [table.item(r, 0).data(Qt.UserRole) for r in rows]


class DocumentPrinting(QWidget):
    """Attributes: ticket (boletas as an 80 mm ticket), print_button (the
    selection in one PDF), each_button (one file per document), printing (the PrintBar)."""

    def __init__(self, page, table, say):
        super().__init__()
        self.page, self.table = page, table
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # Ctrl/Shift-click: several at once
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.ticket = QCheckBox(tr("Boletas as an 80 mm ticket"))
        self.ticket.setObjectName("print_ticket")
        self.print_button = QPushButton(tr("Print comprobante (PDF)"))
        self.print_button.setObjectName("print_doc")
        self.print_button.setToolTip(tr("Several selected (Ctrl or Shift and click): all of them in one PDF."))
        self.print_button.clicked.connect(lambda: self.print_selected(one_file=True))
        self.each_button = QPushButton(tr("One PDF each"))
        self.each_button.setObjectName("print_each")
        self.each_button.setToolTip(tr("Each selected document in its own file in the comprobantes folder."))
        self.each_button.clicked.connect(lambda: self.print_selected(one_file=False))
        for widget in (self.ticket, self.print_button, self.each_button):
            row.addWidget(widget)
        column.addLayout(row)
        self.printing = PrintBar(page, say=say)
        column.addWidget(self.printing)

    def print_selected(self, *, one_file: bool = True) -> None:
        from smedesk.accounts.printing import batch_data
        ids = selected_keys(self.table)
        if not ids:
            self.printing.say(tr("Select a document in the table first."), ok=False)
            return
        folder, ticket, doc_tr = output_dir(self.page.ctx, "comprobantes"), self.ticket.isChecked(), translator()
        if len(ids) > 1 and one_file:
            target = free_path(folder / f"comprobantes-{clock.today_lima().isoformat()}.pdf")
            how, where = "one_pdf", target
        else:  # one document (a ticket stays a ticket), or one file each
            how, where = "one_file_each", folder

        def draw(items, **job):  # on the render thread
            from smedesk.printouts import batch

            if len(items) >= batch.IN_PROCESS_FROM:  # a big batch: drawn where it cannot stall the window
                from smedesk.printouts.process import render_in_process

                return render_in_process(f"batch:{how}", items, path=where, tr=doc_tr, **job)
            return getattr(batch, how)(items, where, tr=doc_tr, **job)

        label = tr("Preparing {count} comprobantes…", count=len(ids)) if len(ids) > 1 else None
        self.printing.start(lambda db: batch_data(db, ids, ticket=ticket), draw, done=self._written, label=label)

    def _written(self, result) -> None:
        if isinstance(result, list) and len(result) == 1:
            result = result[0]
        if isinstance(result, list):
            self.printing.say(tr("{count} comprobantes saved in {folder}", count=len(result), folder=result[0].parent))
        else:
            self.printing.say(tr("Saved in {path}", path=result))
