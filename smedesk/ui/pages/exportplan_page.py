"""Exportación: the export plans, a guided step-by-step editor with help in
plain Spanish, the price build-up that updates as you type, and the PDFs
(ui/exportplan_documents.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.exportplan import plans, templates
from smedesk.ui.exportplan_documents import PlanDocuments
from smedesk.ui.exportplan_steps import (
    ActionsTable,
    BudgetTable,
    DrawbackRates,
    PriceStep,
    TextPair,
    help_box,
)
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form, wrap_label


class ExportPlanPage(Page):
    areas = ("exportplan", "catalogue", "settings")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Export"), tr("Your export plans: smedesk fills what it knows, you complete the rest step by step."))
        self.plan_id: int | None = None
        self.plans_table = QTableWidget(0, 4)
        self.plans_table.setObjectName("plans_table")
        self.plans_table.setHorizontalHeaderLabels([tr("Plan"), tr("Product"), tr("Country"), tr("Incoterm")])
        self.plans_table.verticalHeader().hide()
        self.plans_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.plans_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.plans_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.plans_table.horizontalHeader().setStretchLastSection(True)
        self.plans_table.setFixedHeight(130)
        self.plans_table.itemSelectionChanged.connect(self._selected)
        self.body.addWidget(self.plans_table)
        self.body.addWidget(self._new_plan_row())
        self.editor = self._editor()
        self.body.addWidget(self.editor)
        self.body.addStretch(1)
        self.refresh()

    # ---- plans list -----------------------------------------------------------

    def _new_plan_row(self) -> QWidget:
        self.new_form = Form()
        row = QHBoxLayout()
        self.new_title = QLineEdit()
        self.new_title.setObjectName("new_title")
        self.new_title.setPlaceholderText(tr("Title of the new plan"))
        self.new_template = QComboBox()
        for key in templates.TEMPLATES:
            self.new_template.addItem(tr(templates.TEMPLATE_NAMES[key]), key)
        create = QPushButton(tr("New plan"))
        create.setObjectName("create_plan")
        create.clicked.connect(self.create)
        delete = QPushButton(tr("Delete plan"))
        delete.clicked.connect(self.delete)
        for w in (self.new_title, self.new_template, create, delete):
            row.addWidget(w)
        self.new_error = QLabel("")
        self.new_error.setObjectName("new_error")
        self.new_error.setStyleSheet(ERROR_STYLE)
        self.new_error.hide()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.new_error)
        return holder

    def refresh(self) -> None:
        """Update the list, products and prices; the editor's fields are only
        reloaded when another plan is chosen, so nothing typed is lost when
        another page announces a change."""
        found = plans.list_plans(self.ctx.db)
        self.plans_table.blockSignals(True)
        self.plans_table.setRowCount(len(found))
        for n, p in enumerate(found):
            item = QTableWidgetItem(p["title"])
            item.setData(256, p["id"])
            self.plans_table.setItem(n, 0, item)
            self.plans_table.setItem(n, 1, QTableWidgetItem(f"{p['sku'] or ''} {p['product_name'] or ''}".strip()))
            self.plans_table.setItem(n, 2, QTableWidgetItem(p["country"]))
            self.plans_table.setItem(n, 3, QTableWidgetItem(p["incoterm"]))
        self.plans_table.resizeColumnsToContents()
        self.plans_table.horizontalHeader().setStretchLastSection(True)
        if found and not getattr(self, "_template_chosen", False):
            # A furniture shop's next plan is most likely furniture too: start from the
            # template of its latest plan rather than always «Confecciones».
            latest = max(found, key=lambda p: p["updated_at"] or "")
            index = self.new_template.findData(latest["template"])
            if index >= 0:
                self.new_template.setCurrentIndex(index)
            self._template_chosen = True
        self._load_products()
        ids = [p["id"] for p in found]
        if self.plan_id not in ids:
            self.plan_id = None
            if ids:
                self.load(ids[0])
        else:
            self.price.set_product(self.product.currentData())
            self._show_product(None)
        if self.plan_id is not None:
            self.plans_table.selectRow(ids.index(self.plan_id))
        self.plans_table.blockSignals(False)
        self.editor.setVisible(bool(found))
        self.drawback.refresh()

    def _selected(self) -> None:
        items = self.plans_table.selectedItems()
        if items and items[0].data(256) != self.plan_id:
            self.load(self.plans_table.item(items[0].row(), 0).data(256))

    # writes run on the database worker; the answer is painted when it arrives
    def create(self) -> None:
        title, template, actor = self.new_title.text(), self.new_template.currentData(), self.ctx.actor
        self.write(lambda db: plans.create_plan(db, title, template=template, actor=actor),
                   changes=Changes("exportplan"), done=self._created, failed=self._create_refused)

    def _create_refused(self, exc: SmedeskError) -> None:
        self.new_error.setText(str(exc))
        self.new_error.show()

    def _created(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.new_error.hide()
        self.new_title.clear()
        self.load(plan_id)
        self.steps.setCurrentRow(0)

    def delete(self) -> None:
        if self.plan_id is None:
            return
        plan_id, actor, self.plan_id = self.plan_id, self.ctx.actor, None
        self.write(lambda db: plans.delete_plan(db, plan_id, actor=actor), changes=Changes("exportplan"),
                   failed=self.show_error)

    # ---- editor ---------------------------------------------------------------

    def _editor(self) -> QWidget:
        holder = QWidget()
        outer = QHBoxLayout(holder)
        outer.setContentsMargins(0, 8, 0, 0)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setFixedWidth(170)
        self.steps.setMaximumHeight(8 * 26)
        self.steps.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.stack = QStackedWidget()
        self.form = Form()  # holds the fields that errors are shown against
        self.text_pairs: list[TextPair] = []
        for step in templates.STEPS:
            self.steps.addItem(tr(step.title))
            self.stack.addWidget(self._step_page(step))
        self.steps.currentRowChanged.connect(self._show_step)
        right = QVBoxLayout()
        buttons = QHBoxLayout()
        back, nxt = QPushButton(tr("« Back")), QPushButton(tr("Next »"))
        back.setShortcut("Alt+Left")
        nxt.setShortcut("Alt+Right")
        back.clicked.connect(lambda: self.steps.setCurrentRow(max(0, self.steps.currentRow() - 1)))
        nxt.clicked.connect(lambda: self.steps.setCurrentRow(min(self.steps.count() - 1, self.steps.currentRow() + 1)))
        save = QPushButton(tr("Save plan"))
        save.setObjectName("save_plan")
        save.setShortcut("Ctrl+S")
        save.clicked.connect(self.save)
        for w in (back, nxt, save):
            buttons.addWidget(w)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.documents = PlanDocuments(self)
        self.printing = self.documents.printing
        right.addWidget(self.documents)
        self.banner = QLabel("")
        self.banner.setObjectName("editor_banner")
        self.banner.setWordWrap(True)
        right.addWidget(self.banner)
        right.addWidget(self.stack)
        self.steps.setCurrentRow(0)
        left = QVBoxLayout()
        left.addWidget(self.steps)
        left.addStretch(1)
        outer.addLayout(left)
        outer.addLayout(right, 1)
        return holder

    def _show_step(self, index: int) -> None:
        # Only the shown step counts for the size, so the page scrolls to its length.
        for n in range(self.stack.count()):
            policy = QSizePolicy.Preferred if n == index else QSizePolicy.Ignored
            self.stack.widget(n).setSizePolicy(policy, policy)
        self.stack.setCurrentIndex(index)
        self.stack.adjustSize()

    def _step_page(self, step) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(8, 0, 0, 0)
        box.addWidget(help_box(tr(step.help)))
        if step.key == "company":
            form = Form()
            form.add("people", tr("People who make the product"))
            form.add("hours_per_month", tr("Hours each works per month"))
            form.finish()
            for key in ("people", "hours_per_month"):
                form.fields[key].textChanged.connect(lambda _text: self._show_product(None))
            self.company_form = form
            box.addWidget(form)
        elif step.key == "product":
            self.product = QComboBox()
            self.product.setObjectName("product")
            self.product.currentIndexChanged.connect(self._product_changed)
            box.addWidget(self.product)
            row = QHBoxLayout()
            self.product_info = wrap_label("")
            self.product_info.setObjectName("product_info")
            self.photo = QLabel("")
            self.photo.setFixedSize(140, 140)
            row.addWidget(self.product_info, 1)
            row.addWidget(self.photo)
            box.addLayout(row)
        elif step.key == "markets":
            self.country = QLineEdit()
            self.country.setObjectName("country")
            self.country.setPlaceholderText(tr("Country"))
            box.addWidget(self.country)
        elif step.key == "price":
            self.price = PriceStep(self.ctx)
            box.addWidget(self.price)
            self.drawback = DrawbackRates(self.ctx, self.price.recompute)
            box.addWidget(self.drawback)
        elif step.key == "actions":
            self.actions = ActionsTable()
            box.addWidget(self.actions)
        elif step.key == "budget":
            self.budget = BudgetTable()
            box.addWidget(self.budget)
        for key, label in step.texts:
            pair = TextPair(key, tr(label))
            self.text_pairs.append(pair)
            box.addWidget(pair)
        box.addStretch(1)
        return page

    def _load_products(self) -> None:
        from smedesk.production import catalogue

        chosen = self.product.currentData()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItem(tr("(choose a product)"), None)
        for p in catalogue.list_products(self.ctx.db):
            self.product.addItem(f"{p['sku']} · {p['name']}", p["id"])
        self.product.setCurrentIndex(max(0, self.product.findData(chosen)) if chosen else 0)
        self.product.blockSignals(False)

    def load(self, plan_id: int) -> None:
        plan = plans.get_plan(self.ctx.db, plan_id)
        self.plan_id = plan["id"]
        self.company_form.fields["people"].setText(str(plan["people"]))
        self.company_form.fields["hours_per_month"].setText(plan["hours_per_month"])
        self.country.setText(plan["country"])
        for pair in self.text_pairs:
            pair.load(plan["texts"])
        self.actions.load(plan["actions"])
        self.budget.load(plan["budget"])
        index = self.product.findData(plan["product_id"]) if plan["product_id"] else 0
        self.product.blockSignals(True)
        self.product.setCurrentIndex(max(index, 0))
        self.product.blockSignals(False)
        self.price.load(plan)
        self._show_product(plan)
        self.banner.setText("")

    def _product_changed(self) -> None:
        self.price.set_product(self.product.currentData())
        self._show_product(None)

    def _show_product(self, plan: dict | None) -> None:
        from smedesk.production import catalogue

        product_id = self.product.currentData()
        product = catalogue.get_product(self.ctx.db, product_id) if product_id else None
        if product is None:
            self.product_info.setText(tr("No product chosen yet."))
            self.photo.clear()
            return
        people = self.company_form.text("people").strip() or "0"
        hours = self.company_form.text("hours_per_month").strip() or "0"
        try:
            capacity = plans.monthly_capacity(self.ctx.db, {"product_id": product_id, "people": int(people),
                                                            "hours_per_month": hours})
        except (ValueError, ArithmeticError):
            capacity = None
        lines = [product["description"] or product["name"],
                 tr("Tariff code (subpartida nacional): {code}", code=product["hs_code"] or "-"),
                 self.price.cost_label.text(),
                 tr("Monthly capacity: {n} units", n=capacity) if capacity is not None
                 else tr("Monthly capacity: enter the people and hours, and the product's steps.")]
        self.product_info.setText("\n".join(lines))
        pixmap = QPixmap()
        if product["photo"] and pixmap.loadFromData(product["photo"]):
            self.photo.setPixmap(pixmap.scaled(140, 140, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.photo.setText(tr("No photo"))

    def collect(self) -> dict:
        texts = {}
        for pair in self.text_pairs:
            texts.update(pair.values())
        return {"people": self.company_form.text("people"),
                "hours_per_month": self.company_form.text("hours_per_month"),
                "product": self.product.currentData(), "country": self.country.text(), "texts": texts,
                "actions": self.actions.rows(), "budget": self.budget.rows(), **self.price.values()}

    def save(self, then=None) -> None:
        """Saved on the database worker; `then()` runs once it is (a PDF is
        written from the saved plan). A refusal opens the step of its field."""
        if self.plan_id is None:
            return
        plan_id, data, actor = self.plan_id, self.collect(), self.ctx.actor
        self.write(lambda db: plans.save_plan(db, plan_id, data, actor=actor), changes=Changes("exportplan"),
                   done=lambda _: self._plan_saved(then), failed=self.show_error)

    def _plan_saved(self, then) -> None:
        self.say(tr("Plan saved."))
        if then is not None:
            then()

    def say(self, text: str, *, ok: bool = True) -> None:
        self.banner.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.banner.setText(text)

    def show_error(self, exc: SmedeskError) -> None:
        """A refusal in the banner, with the step of its field opened."""
        where = {"people": (0, self.company_form), "hours_per_month": (0, self.company_form)}
        if exc.field in self.price.form.fields:
            self.steps.setCurrentRow(3)
            self.price.form.show_error(exc)
        elif exc.field in where:
            self.steps.setCurrentRow(0)
            self.company_form.show_error(exc)
        elif exc.field in ("unit_cost", "product"):
            self.steps.setCurrentRow(1)
        elif exc.field in ("actions", "budget"):
            self.steps.setCurrentRow(6 if exc.field == "actions" else 7)
        self.say(str(exc), ok=False)

    # ---- documents (ui/exportplan_documents.py) ------------------------------

    def write_pdf(self, lang: str, path: Path) -> None:
        self.documents.write_pdf(lang, path)

    def write_proforma(self, buyer, path: Path, **options) -> None:
        self.documents.write_proforma(buyer, path, **options)


PAGE = PageInfo("exportplan", N_("Export"), 80, ExportPlanPage, permission="exportplan.edit")
