"""The two boxes at the foot of Sincronizar: the shop's connection (address,
keys, application password, from when shop orders are taken) and the USB
stick and product feed, for a workshop without internet. Each writes through
the page it sits in and answers beside its own buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QLineEdit, QVBoxLayout

from smedesk.core import settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.sync import bundle, feed
from smedesk.sync import config as sync_config
from smedesk.sync import connection as sync_connection
from smedesk.sync.transport import check_base_url
from smedesk.ui import cabina
from smedesk.ui.savefiles import ask_save
from smedesk.ui.widgets import Form, button, row, wrap_label

ORDERS_FROM = (("now", N_("From now on (the shop's history is not new work)")),
               ("30", N_("Also those of the last 30 days")), ("all", N_("All the shop's history")))


def sync_write(page, action, done: str, form: Form, then=None) -> None:
    """Run action(db) on the database worker through `page`, broadcasting a
    sync change; say `done` (then `then(result)`) on `form`, or the refusal
    there with what was typed kept."""

    def said(result) -> None:
        form.show_ok(done)
        if then is not None:
            then(result)

    page.write(action, changes=Changes("sync"), done=said, failed=form.show_error)


def message_form() -> Form:
    """An empty form that only shows a banner: where a button's answer appears."""
    form = Form()
    form.layout_.setContentsMargins(0, 0, 0, 0)
    form.finish()
    return form


class ConnectionBox(QGroupBox):
    """Attributes: form (base_url, consumer_key, consumer_secret, wp_user,
    app_password, orders_from), orders_from (the combo), orders_since,
    keys_where (labels)."""

    def __init__(self, page):
        super().__init__(tr("Shop connection (WooCommerce)"))
        self.page = page
        layout = QVBoxLayout(self)
        self.form = Form()
        self.form.add("base_url", tr("Shop address"))
        self.form.add("consumer_key", tr("Consumer key"))
        secret = self.form.add("consumer_secret", tr("Consumer secret"))
        secret.setEchoMode(QLineEdit.Password)
        self.form.add("wp_user", tr("WordPress user (for photos)"))
        app = self.form.add("app_password", tr("Application password"))
        app.setEchoMode(QLineEdit.Password)
        self.orders_from = QComboBox()
        for key, label in ORDERS_FROM:
            self.orders_from.addItem(tr(label), key)
        self.form.add("orders_from", tr("Take shop orders"), self.orders_from)
        self.form.finish()
        layout.addWidget(self.form)
        layout.addWidget(wrap_label(tr(
            "The keys: in WordPress, WooCommerce → Settings → Advanced → REST API → Add key, with Read/Write "
            "permission. Photos and quotation PDFs go to WordPress's media library, which the keys do not open: "
            "in WordPress, Users → Profile → Application Passwords, type «smedesk», press «Add New Application "
            "Password» and copy the 24 letters shown (WordPress 5.6 or newer, shop on https://). Without one, "
            "products are published without their photos and quotations go as text.")))
        self.orders_since = wrap_label("")
        self.orders_since.setObjectName("orders_since")
        layout.addWidget(self.orders_since)
        self.keys_where = wrap_label("")
        layout.addWidget(self.keys_where)
        layout.addWidget(row(button(tr("Save connection"), "save_connection", self.save)))

    def refresh(self, db) -> None:
        if not self.form.text("base_url"):
            self.form.fields["base_url"].setText(settings.get(db, "sync.base_url") or "")
        self.keys_where.setText(tr("The keys are kept on this computer (or on the stick, for the portable "
                                   "program), never in the business file."))
        since = sync_config.orders_taken_since(db)
        self.orders_from.setEnabled(since is None)
        self.orders_since.setText(tr("Shop orders are taken from {since} (UTC) on.", since=since.replace("T", " "))
                                  if since else tr("Choose from when shop orders are taken, then save."))

    def save(self) -> None:
        keys = [self.form.text(k) for k in ("base_url", "consumer_key", "consumer_secret", "wp_user", "app_password")]
        orders_from, actor = self.orders_from.currentData(), self.page.ctx.actor

        def save(db):
            sync_connection.save(db, check_base_url(keys[0]), *keys[1:], orders_from=orders_from, actor=actor)

        def forget_secrets(_result) -> None:
            self.form.fields["consumer_secret"].clear()
            self.form.fields["app_password"].clear()

        sync_write(self.page, save, tr("Connection saved."), self.form, then=forget_secrets)


class UsbBox(QGroupBox):
    """Write the changes to a USB stick, read the shop's answers back from it,
    save the product feed. Attributes: message (where the answer shows),
    last_info (what the last bundle written held)."""

    def __init__(self, page):
        super().__init__(tr("No internet here? USB stick and product feed"))
        self.page = page
        self.last_info = None
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(tr(
            "1. Put the USB stick in and press «Write the changes to the USB stick». "
            "2. At a cabina, open smedesk from the stick (double-click it) and press «I am at a cabina: "
            "send the USB stick», then «Send to the shop». "
            "3. Back here, put the stick in and press «Read the answers from the USB stick».")))
        layout.addWidget(row(button(tr("Write the changes to the USB stick…"), "write_bundle", self.write_bundle),
                             button(tr("Read the answers from the USB stick…"), "read_bundle", self.read_bundle)))
        layout.addWidget(row(button(tr("Save product feed…"), "save_feed", self.save_feed)))
        # the answer to these buttons shows here, beside them, not at the top of the page
        self.message = message_form()
        layout.addWidget(self.message)

    def _stick(self) -> str:
        return settings.get(self.page.ctx.db, "backup.usb_dir") or str(Path.home())

    def _reveal(self) -> None:
        self.page.ensureWidgetVisible(self.message, 0, 40)

    def write_bundle(self, path: str | None = None) -> None:
        if not path:
            folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), self._stick())
            if not folder:
                return
            path = str(Path(folder) / cabina.BUNDLE_NAME)
        actor = self.page.ctx.actor

        def written(info) -> None:
            self.last_info = info
            self._reveal()

        sync_write(self.page, lambda db: bundle.write_bundle(db, Path(path), actor=actor, config=sync_config.load(db)),
                   tr("The changes are on the stick ({name}). At a cabina, open smedesk from the stick and press «I am "
                      "at a cabina: send the USB stick».", name=Path(path).name), self.message, then=written)

    def read_bundle(self, path: str | None = None) -> None:
        if not path:
            folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), self._stick())
            if not folder:
                return
            found = cabina.find_bundles([Path(folder)])
            if not found:
                self.message.show_error(SmedeskError(tr("There are no answers from the shop on that stick.")))
                return
            path = str(found[0])
        actor = self.page.ctx.actor
        self.page.write(lambda db: bundle.read_bundle(db, Path(path), actor=actor), changes=Changes("sync"),
                        done=self._bundle_read, failed=self.message.show_error)

    def _bundle_read(self, info) -> None:
        self.message.show_ok(tr("This bundle was already read; nothing changed.") if info.already else
                             tr("Bundle read: {sent} sent, {failed} failed, {received} new from the shop.",
                                sent=info.sent, failed=info.failed, received=info.received))
        self._reveal()

    def save_feed(self, path: str | None = None) -> None:
        if not path:
            chosen = ask_save(self, self.page.ctx, tr("Save product feed"), "catalogo-para-tiendas.xml",
                              "XML (*.xml);;JSON (*.json)")
            path = str(chosen) if chosen else None
        if path:
            actor = self.page.ctx.actor
            sync_write(self.page, lambda db: feed.write_feed(db, Path(path), actor=actor, config=sync_config.load(db)),
                       tr("Feed saved to {path}.", path=path), self.message)
