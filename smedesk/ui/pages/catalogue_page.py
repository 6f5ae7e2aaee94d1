"""Catálogo: products (searchable list and editor) and materials; import and
export of CSV/XLSX files; the catalogue PDF for buyers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.changes import Changes
from smedesk.core.errors import RowErrors, SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.production import catalogue as cat
from smedesk.production.imports import KINDS, export_file, import_file
from smedesk.ui.costing.materials_view import MaterialsView
from smedesk.ui.costing.product_editor import ProductEditor
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.savefiles import ask_open, ask_save
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, say_when_empty

KIND_NAMES = {"materials": N_("Materials"), "products": N_("Products"), "bom": N_("Bills of materials"),
              "routing": N_("Process steps"), "overhead": N_("Overhead")}


class CataloguePage(Page):
    areas = ("catalogue",)

    def __init__(self, ctx):
        super().__init__(ctx, tr("Catalogue"), tr("What you make and what it is made of."))
        self.can_edit = ctx.actor.can("catalogue.edit")
        if self.can_edit:
            self.body.addWidget(self._file_row())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._products_tab(), tr("Products"))
        self.materials = MaterialsView(ctx)
        self.tabs.addTab(self.materials, tr("Materials"))
        self.tabs.setMinimumHeight(560)
        self.body.addWidget(self.tabs, 1)
        self.refresh()

    # ---- building ------------------------------------------------------------
    def _file_row(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setObjectName("import_kind")
        for kind in KINDS:
            self.kind.addItem(tr(KIND_NAMES[kind]), kind)
        row.addWidget(self.kind)
        for text, slot in ((tr("Import file…"), self.choose_import), (tr("Export…"), self.choose_export),
                           (tr("Catalogue PDF…"), self.choose_catalogue_pdf)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        outer = QWidget()
        box = QVBoxLayout(outer)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(holder)
        self.file_message = QLabel("")
        self.file_message.setObjectName("file_message")
        self.file_message.setWordWrap(True)
        self.file_message.hide()
        self.printing = PrintBar(self, say=self._say)
        box.addWidget(self.printing)
        box.addWidget(self.file_message)
        return outer

    def _products_tab(self) -> QWidget:
        split = QSplitter()
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("product_search")
        self.search.setPlaceholderText(tr("Search by SKU or name"))
        self.search.textChanged.connect(self.refresh_products)
        box.addWidget(self.search)
        self.products = QTableWidget(0, 2)
        self.products.setObjectName("products_table")
        self.products.setHorizontalHeaderLabels([tr("SKU"), tr("Name")])
        self.products.verticalHeader().hide()
        self.products.verticalHeader().setDefaultSectionSize(26)
        self.products.setWordWrap(False)
        self.products.horizontalHeader().setStretchLastSection(True)
        self.products.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.products.setSelectionMode(QAbstractItemView.SingleSelection)
        self.products.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.products.itemSelectionChanged.connect(self._product_selected)
        self.empty = say_when_empty(self.products, "")
        box.addWidget(self.products, 1)
        if self.can_edit:
            new = QPushButton(tr("New product"))
            new.setObjectName("new_product")
            new.clicked.connect(self.new_product)
            box.addWidget(new)
        self.editor = ProductEditor(self.ctx)
        left.setMinimumWidth(215)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        return split

    # ---- refreshing ----------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_products()
        self.materials.refresh()
        self.editor.reload_choices()

    def refresh_products(self) -> None:
        found = cat.list_products(self.ctx.db, self.search.text())
        self.empty.setText(tr("Nothing matches «{words}».", words=self.search.text().strip())
                           if self.search.text().strip() else
                           tr("No products yet: press «New product», or bring them from a spreadsheet with «Import "
                              "file…».") if self.can_edit else tr("No products yet."))
        blocked = self.products.blockSignals(True)
        self.products.setRowCount(len(found))
        for n, p in enumerate(found):
            for col, value in enumerate((p["sku"], p["name"])):
                item = QTableWidgetItem(value)
                item.setData(256, p["id"])
                if not p["active"]:
                    item.setForeground(QColor("#888888"))
                    item.setToolTip(tr("Inactive: not offered in the catalogue"))
                self.products.setItem(n, col, item)
        self.products.resizeColumnToContents(0)
        self.products.blockSignals(blocked)
        if self.editor.product_id is None and found and not self.search.text():
            self.products.selectRow(0)

    def _product_selected(self) -> None:
        items = self.products.selectedItems()
        if items:
            self.editor.load(items[0].data(256))

    def new_product(self) -> None:
        self.products.clearSelection()
        self.editor.clear()
        self.editor.tabs.setCurrentIndex(0)
        self.editor.form.fields["sku"].setFocus()

    # ---- files ---------------------------------------------------------------
    def _say(self, text: str, ok: bool) -> None:
        self.file_message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.file_message.setText(text)
        self.file_message.show()

    def choose_import(self) -> None:
        path = ask_open(self, self.ctx, tr("Import file…"), tr("Spreadsheets (*.csv *.xlsx *.txt)"))
        if path:
            self.import_path(self.kind.currentData(), Path(path))

    def import_path(self, kind: str, path: Path) -> None:
        """Imported on the database worker: all rows or none; the lines refused
        are listed under the file buttons."""
        actor = self.ctx.actor
        self.write(lambda db: import_file(db, kind, path, actor=actor), changes=Changes("catalogue"),
                   done=lambda result: self._say(result.summary(), ok=True), failed=self._import_refused)

    def _import_refused(self, exc: SmedeskError) -> None:
        if not isinstance(exc, RowErrors):
            self._say(str(exc), ok=False)
            return
        shown = exc.errors[:12]
        more = len(exc.errors) - len(shown)
        text = exc.message + "\n" + "\n".join(tr("Line {line}: {reason}", line=n, reason=r) for n, r in shown)
        if more:
            text += "\n" + tr("…and {count} more.", count=more)
        self._say(text, ok=False)

    def choose_export(self) -> None:
        kind = self.kind.currentData()
        path = ask_save(self, self.ctx, tr("Export…"), f"{EXPORT_NAMES.get(kind, kind)}.csv",
                        tr("Spreadsheets (*.csv *.xlsx *.txt)"))
        if path:
            self.read(export_file, kind, Path(path), done=lambda _: self._say(tr("Written {path}", path=path), ok=True),
                      failed=lambda exc: self._say(str(exc), ok=False))

    def choose_catalogue_pdf(self) -> None:
        from smedesk.core.i18n import translator
        from smedesk.production.printing import catalogue_data

        path = ask_save(self, self.ctx, tr("Catalogue PDF…"), "catalogo.pdf", "PDF (*.pdf)")
        if path:
            english = translator("en")
            self.printing.start(catalogue_data,
                                lambda data, **job: printout("catalogue_pdf").render(data, Path(path), tr=english, **job),
                                done=lambda written: self._say(tr("Written {path}", path=written), ok=True))


EXPORT_NAMES = {"materials": "materiales", "products": "productos", "bom": "materiales-por-producto",
                "routing": "pasos", "overhead": "gastos-generales"}

PAGE = PageInfo("catalogue", N_("Catalogue"), 50, CataloguePage, permission="catalogue.view")
