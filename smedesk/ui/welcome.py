"""First start: set up the business (name, RUC, address, owner, PIN) or open a demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smedesk import demo
from smedesk.core import business
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.ui.widgets import Form


class WelcomeDialog(QDialog):
    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.db = None
        self.setWindowTitle(tr("Welcome to smedesk"))
        self.resize(560, 560)
        layout = QVBoxLayout(self)
        title = QLabel(tr("Welcome to smedesk"))
        title.setStyleSheet("font-size: 22px; font-weight: 700;")
        layout.addWidget(title)
        intro = QLabel(tr("Tell us about your business. You can change this later."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = Form()
        self.form.add("name", tr("Business name"))
        self.form.add("ruc", tr("RUC"))
        self.form.add("address", tr("Address"))
        self.form.add("owner", tr("Your name (owner)"))
        pin = self.form.add("pin", tr("Your PIN (4 to 6 digits)"))
        pin.setEchoMode(QLineEdit.Password)
        self.form.finish()
        layout.addWidget(self.form)
        create = QPushButton(tr("Create my business"))
        create.setObjectName("create_business")
        create.setDefault(True)
        create.clicked.connect(self.create_business)
        layout.addWidget(create)
        layout.addSpacing(16)
        layout.addWidget(QLabel(tr("Or try smedesk with an example workshop:")))
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(tr("Furniture workshop (Villa El Salvador)"), "furniture")
        self.kind.addItem(tr("Garment workshop (Gamarra)"), "garments")
        row.addWidget(self.kind, 1)
        try_demo = QPushButton(tr("Open the example"))
        try_demo.setObjectName("open_demo")
        try_demo.clicked.connect(self.create_demo)
        row.addWidget(try_demo)
        holder = QWidget()
        holder.setLayout(row)
        layout.addWidget(holder)
        layout.addSpacing(16)
        cabina = QPushButton(tr("I am at a cabina: send the USB stick"))
        cabina.setObjectName("open_cabina")
        cabina.clicked.connect(self.open_cabina)
        layout.addWidget(cabina)
        layout.addStretch(1)

    def open_cabina(self) -> None:
        from smedesk.ui.cabina import CabinaDialog

        CabinaDialog(self).exec()

    def create_business(self) -> None:
        new = business.NewBusiness(
            self.form.text("name"), self.form.text("ruc"), self.form.text("owner"),
            self.form.text("pin"), self.form.text("address"),
        )
        try:
            self.db = business.create(self.db_path, new)
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        self.accept()

    def create_demo(self) -> None:
        try:
            self.db = demo.create(self.db_path, self.kind.currentData())
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        self.accept()
