"""The dialog that asks who the proforma is for and on which terms."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout

from smedesk.core.i18n import tr
from smedesk.exportplan import pricing
from smedesk.printouts.proforma_pdf import DEFAULT_PLACES, Buyer
from smedesk.ui.widgets import Form


class ProformaDialog(QDialog):
    """Buyer, Incoterm and place, validity, payment and language of a proforma."""

    def __init__(self, parent, incoterm: str, country: str = ""):
        super().__init__(parent)
        self.setWindowTitle(tr("Proforma for a buyer"))
        self.setMinimumWidth(620)
        box = QVBoxLayout(self)
        self.form = Form()
        for key, label in (("buyer", tr("Buyer's name")), ("address", tr("Address")),
                           ("country", tr("Country")), ("contact", tr("Contact"))):
            self.form.add(key, label)
        self.form.fields["country"].setText(country)
        self.incoterm = QComboBox()
        for term in pricing.INCOTERMS:
            self.incoterm.addItem(term, term)
        self.incoterm.setCurrentIndex(pricing.INCOTERMS.index(incoterm))
        self.incoterm.currentIndexChanged.connect(self._place_hint)
        self.form.add("incoterm", tr("Incoterm"), self.incoterm)
        self.form.add("place", tr("Named place (port, airport, city)"))
        self.form.add("valid_days", tr("Valid for (days)")).setText("30")
        self.form.add("payment", tr("Payment"))
        self.lang = QComboBox()
        self.lang.addItem("English", "en")
        self.lang.addItem("Español", "es")
        self.form.add("lang", tr("Language"), self.lang)
        self.form.finish()
        box.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self._place_hint()

    def _place_hint(self) -> None:
        self.form.fields["place"].setPlaceholderText(DEFAULT_PLACES.get(self.incoterm.currentData()) or "")

    def options(self) -> dict:
        """Keyword arguments for write_proforma_pdf (besides db, plan and path)."""
        days = self.form.text("valid_days").strip()
        return {
            "buyer": Buyer(self.form.text("buyer").strip(), self.form.text("address").strip(),
                           self.form.text("country").strip(), self.form.text("contact").strip()),
            "incoterm": self.incoterm.currentData(),
            "place": self.form.text("place"),
            "valid_days": int(days) if days.isdigit() else 0,
            "payment": self.form.text("payment"),
            "lang": self.lang.currentData(),
        }
