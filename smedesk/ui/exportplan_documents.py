"""Exportación's documents: the plan's PDF in Spanish or English and a proforma
for a buyer. The plan is saved first, the path asked, the data gathered on the
database worker and drawn on a render thread (progress and Cancel in the
print bar); the page's banner says where it went or why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from smedesk.core.i18n import tr
from smedesk.ui.printjob import PrintBar, printout
from smedesk.ui.savefiles import ask_save
from smedesk.ui.widgets import row


class PlanDocuments(QWidget):
    """The three document buttons and the print bar (attribute `printing`) of
    `page`, an ExportPlanPage: its plan_id, save(then=), say(), show_error(),
    and the Incoterm and country typed in its steps."""

    def __init__(self, page):
        super().__init__()
        self.page = page
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        pdf_es, pdf_en = QPushButton(tr("PDF in Spanish")), QPushButton(tr("PDF in English"))
        pdf_es.clicked.connect(lambda: self._ask_pdf("es"))
        pdf_en.clicked.connect(lambda: self._ask_pdf("en"))
        proforma = QPushButton(tr("Proforma for a buyer"))
        proforma.clicked.connect(self._ask_proforma)
        column.addWidget(row(pdf_es, pdf_en, proforma))
        self.printing = PrintBar(page)
        column.addWidget(self.printing)

    def write_pdf(self, lang: str, path: Path) -> None:
        """The plan's PDF in `lang`, written to `path`."""
        from smedesk.exportplan.printing import plan_data, translator_for

        plan_id, doc_tr = self.page.plan_id, translator_for(lang)
        self.printing.start(lambda db: plan_data(db, plan_id, lang=lang),
                            lambda data, **job: printout("exportplan_pdf").render(data, path, tr=doc_tr, **job),
                            done=self._saved, failed=self.page.show_error)

    def write_proforma(self, buyer, path: Path, **options) -> None:
        """`buyer` is a Buyer or just a name; options as exportplan.printing.proforma_data takes them."""
        from smedesk.exportplan.printing import proforma_data, translator_for
        from smedesk.printouts.proforma_pdf import Buyer

        buyer = buyer if isinstance(buyer, Buyer) else Buyer(buyer)
        plan_id, doc_tr = self.page.plan_id, translator_for(options.get("lang", "en"))
        self.printing.start(lambda db: proforma_data(db, plan_id, buyer, **options),
                            lambda data, **job: printout("proforma_pdf").render(data, path, tr=doc_tr, **job),
                            done=self._saved, failed=self.page.show_error)

    def _saved(self, written: Path) -> None:
        self.page.say(tr("Saved to {path}", path=written))

    def _ask_pdf(self, lang: str) -> None:
        if self.page.plan_id is not None:
            self.page.save(then=lambda: self._pdf_saved(lang))

    def _pdf_saved(self, lang: str) -> None:
        path = ask_save(self.page, self.page.ctx, tr("Save PDF"), f"plan-de-exportacion-{self.page.plan_id}-{lang}.pdf",
                        "PDF (*.pdf)")
        if path:
            self.write_pdf(lang, Path(path))

    def _ask_proforma(self) -> None:
        if self.page.plan_id is not None:
            self.page.save(then=self._proforma_saved)

    def _proforma_saved(self) -> None:
        from smedesk.ui.exportplan_proforma import ProformaDialog

        dialog = ProformaDialog(self.page, self.page.price.incoterm.currentData(), self.page.country.text())
        if dialog.exec() != ProformaDialog.Accepted:
            return
        options = dialog.options()
        buyer = options.pop("buyer")
        path = ask_save(self.page, self.page.ctx, tr("Save PDF"), f"proforma-{self.page.plan_id}.pdf", "PDF (*.pdf)")
        if path:
            self.write_proforma(buyer, Path(path), **options)
