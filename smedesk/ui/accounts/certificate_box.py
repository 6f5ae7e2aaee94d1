"""Negocio › Comprobantes electrónicos: the fiscal data the XML needs (fiscal address,
ubigeo, establishment code) and the digital certificate — whose it is, its RUC, when
it expires (a warning from 30 days before), and a button to load it once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form

FISCAL = (("business.address", N_("Fiscal address (as registered with SUNAT)")),
          ("business.ubigeo", N_("Ubigeo (6 digits)")),
          ("business.establishment", N_("Establishment code (0000: the fiscal address)")))


class CertificateBox(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(QLabel(f"<b>{tr('Electronic comprobantes (SUNAT)')}</b>"))
        self.form = Form()
        for key, label in FISCAL:
            self.form.add(key, tr(label))
        self.form.finish()
        layout.addWidget(self.form)
        save = QPushButton(tr("Save fiscal data"))
        save.setObjectName("save_fiscal")
        save.clicked.connect(self.save)
        layout.addWidget(save)
        self.status = QLabel("")
        self.status.setObjectName("certificate_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        load = QPushButton(tr("Load digital certificate (.pfx / .p12)…"))
        load.setObjectName("load_certificate")
        load.clicked.connect(self.choose)
        layout.addWidget(load)
        self.refresh()

    def refresh(self) -> None:
        from smedesk.einvoice import certificate

        for key, _label in FISCAL:
            self.form.fields[key].setText(settings.get(self.ctx.db, key) or "")
        try:
            info = certificate.info(self.ctx.db)
        except SmedeskError as exc:
            self._say(str(exc), error=True)
            return
        if info is None:
            self._say(tr("No digital certificate is loaded: documents are checked and numbered, and signed when "
                         "one is loaded."), error=True)
            return
        text = tr("Certificate of {subject} — RUC {ruc}, valid until {date}.", subject=info.subject, ruc=info.ruc,
                  date=info.not_after[:10])
        warning = certificate.expiry_warning(info)
        self._say(text + (" " + warning if warning else ""), error=bool(warning))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status.setText(text)

    def save(self) -> None:
        from smedesk.einvoice import fiscal

        values = dict(address=self.form.text("business.address"), ubigeo=self.form.text("business.ubigeo"),
                      establishment=self.form.text("business.establishment"), actor=self.ctx.actor)
        self.ctx.ops.write(lambda db: fiscal.save(db, **values), changes=Changes("business", "einvoice"),
                           done=lambda _: self.form.show_ok(tr("Saved.")), failed=self.form.show_error)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Digital certificate"), "",
                                              tr("Certificates (*.pfx *.p12)"))
        if not path:
            return
        password, ok = QInputDialog.getText(self, tr("Digital certificate"), tr("Password of the certificate"),
                                            QLineEdit.Password)
        if ok:
            self.load(path, password)

    def load(self, path: str, password: str) -> None:
        from smedesk.einvoice import certificate

        actor = self.ctx.actor  # read and checked on the database worker
        self.ctx.ops.write(lambda db: certificate.install(db, path, password, actor=actor),
                           changes=Changes("einvoice"), done=lambda _: self.refresh(),
                           failed=lambda exc: self._say(str(exc), error=True))
