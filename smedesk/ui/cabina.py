"""At the cabina pública: send what the USB stick carries to the shop, with
buttons — no command typed, no business file needed, no file path to read.

The stick holds the portable program and the bundle written at the workshop
(smedesk-envio*.zip). The owner opens smedesk from the stick, presses «I am at
a cabina», then «Send to the shop»; the shop's answers are written into the same
file, and back at the workshop «Read the answers from the USB» applies them.
The shop's keys are the ones saved at the workshop (on the stick in portable
mode); when they are not there the owner types them here, once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from smedesk.core import paths
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.sync import bundle, bundle_file, credentials
from smedesk.ui.widgets import Form, wrap_label

BUNDLE_NAME = "smedesk-envio.zip"


def find_bundles(folders: list[Path]) -> list[Path]:
    """Bundles in the given folders (the stick), newest first."""
    found: list[Path] = []
    for folder in folders:
        if folder and Path(folder).is_dir():
            found += [p for p in Path(folder).glob("smedesk-envio*.zip") if p.is_file()]
    return sorted(set(found), key=lambda p: p.stat().st_mtime, reverse=True)


def stick_folders() -> list[Path]:
    """Where the stick is when smedesk runs from it: beside the program."""
    folders = []
    portable = paths.portable_dir()
    if portable:
        folders.append(Path(portable))
    import sys

    folders.append(Path(sys.argv[0]).resolve().parent)
    return folders


class CabinaDialog(QDialog):
    def __init__(self, parent=None, *, folders: list[Path] | None = None, connect=None):
        super().__init__(parent)
        self.setWindowTitle(tr("At the cabina: send the USB stick to the shop"))
        self.resize(600, 460)
        self._connect = connect  # tests pass a fake marketplace; None: the real shop
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(tr(
            "This sends the changes you brought on the USB stick to your online shop, and brings back "
            "the shop's new orders and requests. Nothing is installed on this computer.")))
        self.found = wrap_label("")
        self.found.setObjectName("cabina_found")
        layout.addWidget(self.found)
        other = QPushButton(tr("Choose the file on the stick…"))
        other.setObjectName("cabina_choose")
        other.clicked.connect(self.choose)
        layout.addWidget(other)
        self.keys_form = Form()
        self.keys_form.add("consumer_key", tr("Consumer key"))
        self.keys_form.add("consumer_secret", tr("Consumer secret")).setEchoMode(QLineEdit.Password)
        self.keys_form.finish()
        self.keys_hint = wrap_label(tr("The shop's keys were not found on the stick: type them once "
                                       "(WordPress → WooCommerce → Settings → Advanced → REST API)."))
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.keys_form)
        self.send_button = QPushButton(tr("Send to the shop"))
        self.send_button.setObjectName("cabina_send")
        self.send_button.setStyleSheet("font-size: 16px; font-weight: 600; padding: 8px;")
        self.send_button.clicked.connect(self.send)
        layout.addWidget(self.send_button)
        self.bar = QProgressBar()
        self.bar.hide()
        layout.addWidget(self.bar)
        self.result = Form()
        self.result.finish()
        layout.addWidget(self.result)
        layout.addStretch(1)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        found = find_bundles(folders if folders is not None else stick_folders())
        self.set_bundle(found[0] if found else None)

    def set_bundle(self, path: Path | None) -> None:
        self.bundle = path
        self.manifest = None
        if path is not None:
            try:
                self.manifest = bundle_file.read(path)["manifest.json"]
            except SmedeskError as exc:
                self.result.show_error(exc)
                self.bundle = None
        if self.bundle is None:
            self.found.setText(tr("No changes from the workshop were found on the stick. Choose the file "
                                  "(it is called smedesk-envio) with the button below."))
        else:
            self.found.setText(tr("Found on the stick: the changes of «{business}», {when}.",
                                  business=self.manifest.get("business_name", "?"),
                                  when=self.bundle.stem.replace("smedesk-envio", "").strip("-") or tr("ready")))
        has_keys = self.manifest is not None and credentials.load(str(self.manifest.get("business_uid"))) is not None
        self.keys_form.setVisible(not has_keys)
        self.keys_hint.setVisible(not has_keys)
        self.send_button.setEnabled(self.bundle is not None)

    def choose(self) -> None:
        start = str(self.bundle.parent) if self.bundle else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, tr("Choose the file on the stick…"), start,
                                                tr("Changes for the shop (smedesk-envio*.zip)"))
        if chosen:
            self.set_bundle(Path(chosen))

    def _market(self, manifest, config):
        if self._connect is not None:
            return self._connect(manifest, config)
        from smedesk.sync.transport import check_base_url
        from smedesk.sync.woocommerce import WooCommerce

        uid = str(manifest.get("business_uid"))
        keys = credentials.load(uid)
        if keys is None:
            keys = credentials.Keys(self.keys_form.text("consumer_key").strip(),
                                    self.keys_form.text("consumer_secret").strip(), "", "")
        return WooCommerce.connect(check_base_url(manifest.get("base_url") or ""), keys, config)

    def send(self) -> None:
        if self.bundle is None:
            return
        self.bar.show()

        def progress(done, total):
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
            QApplication.processEvents()

        try:
            info = bundle.send_bundle(self.bundle, self._market, progress=progress)
        except SmedeskError as exc:
            self.result.show_error(exc)
            return
        finally:
            self.bar.hide()
        sent = (tr("1 change reached the shop") if info.sent == 1 else
                tr("{count} changes reached the shop", count=info.sent))
        received = (tr("1 new order or request is on the stick") if info.received == 1 else
                    tr("{count} new orders and requests are on the stick", count=info.received))
        text = tr("Done: {sent}, and {received}.", sent=sent, received=received)
        if info.failed:
            text += " " + tr("{failed} could not be sent; they will go next time.", failed=info.failed)
        text += " " + tr("Take the stick back to the workshop and press «Read the answers from the USB stick» "
                         "on the Synchronise page.")
        self.result.show_ok(text)

