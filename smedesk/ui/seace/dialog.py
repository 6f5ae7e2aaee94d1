"""Saving a search: words, codes, departments, amount range, product to compare."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout

from smedesk.core.changes import Changes
from smedesk.core.db import rows
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.tenders import interests
from smedesk.tenders.search import options
from smedesk.ui.widgets import Form

CATEGORIES = [(None, N_("Any")), ("goods", N_("Goods")), ("services", N_("Services")), ("works", N_("Works"))]


class InterestDialog(QDialog):
    def __init__(self, ctx, parent=None, interest: dict | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.interest = interest
        self.saved_id: int | None = None
        self.setWindowTitle(tr("Saved search"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        self.form = Form()
        self.form.add("name", tr("Name"))
        self.form.add("words", tr("Words (all must appear)"))
        self.form.add("codes", tr("CUBSO or UNSPSC codes, separated by commas"))
        self.form.add("departments", tr("Departments, separated by commas"))
        self.form.add("min", tr("Lowest amount (S/)"))
        self.form.add("max", tr("Highest amount (S/)"))
        self.category = QComboBox()
        for key, label in CATEGORIES:
            self.category.addItem(tr(label), key)
        self.form.add("categories", tr("Kind of purchase"), self.category)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItem("")
        self.method.addItems(options(ctx.db)["methods"])
        self.method.setToolTip(tr("Leave empty for any method; new methods appear with new laws."))
        self.form.add("methods", tr("Selection method"), self.method)
        self.product = QComboBox()
        self.product.addItem(tr("(none)"), None)
        for product in rows(ctx.db, "SELECT id, sku, name FROM products WHERE active = 1 ORDER BY name"):
            self.product.addItem(f"{product['name']} ({product['sku']})", product["id"])
        self.form.add("product_id", tr("My product, to compare prices"), self.product)
        self.form.finish()
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Save"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if interest:
            self._fill(interest)

    def _fill(self, interest: dict) -> None:
        from smedesk.core import money

        self.form.fields["name"].setText(interest["name"])
        self.form.fields["words"].setText(interest["words"])
        self.form.fields["codes"].setText(", ".join(interest["codes"]))
        self.form.fields["departments"].setText(", ".join(interest["departments"]))
        for key in ("min", "max"):
            cents = interest[f"{key}_cents"]
            self.form.fields[key].setText("" if cents is None else str(money.from_cents(cents)))
        self.category.setCurrentIndex(max(self.category.findData(
            interest["categories"][0] if interest["categories"] else None), 0))
        self.method.setCurrentText(interest["methods"][0] if interest["methods"] else "")
        index = self.product.findData(interest["product_id"])
        self.product.setCurrentIndex(max(index, 0))

    def data(self) -> dict:
        found = {key: self.form.text(key) for key in ("name", "words", "codes", "departments", "min", "max")}
        found["product_id"] = self.product.currentData()
        found["categories"] = [self.category.currentData()] if self.category.currentData() else []
        found["methods"] = [self.method.currentText().strip()] if self.method.currentText().strip() else []
        return found

    def save(self) -> None:
        """Saved on the database worker; the dialog closes when it is, and stays
        open with what was typed when it is refused."""
        data, actor = self.data(), self.ctx.actor
        interest_id = self.interest["id"] if self.interest else None
        self.ctx.ops.write(lambda db: interests.save(db, data, actor=actor, interest_id=interest_id),
                           changes=Changes("seace"), done=self._saved, failed=self._refused)

    def _saved(self, saved_id: int) -> None:
        self.saved_id = saved_id
        self.accept()

    def _refused(self, exc: SmedeskError) -> None:
        self.form.show_error(exc)
        self.adjustSize()
