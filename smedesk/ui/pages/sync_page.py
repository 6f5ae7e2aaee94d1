"""Sincronizar: what waits to go out (pending, sent, failed with the reason),
retry or drop an item, sync in the background with progress and cancel,
what came in from the shop, the shop's keys, USB bundles and the feed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import business, clock, settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.sync import bundle, credentials, feed, inbox, listing, outbox
from smedesk.sync import config as sync_config
from smedesk.sync import connection as sync_connection
from smedesk.sync.transport import check_base_url
from smedesk.ui import cabina, sync_worker
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.savefiles import ask_save
from smedesk.ui.widgets import Form, wrap_label

FILTERS = (("open", N_("To send (pending or failed)")), ("pending", N_("Pending")), ("failed", N_("Failed")), ("sent", N_("Sent")), ("", N_("All")))
INBOX_KINDS = {"rfq": N_("Request for quotation"), "order": N_("Order")}
INBOX_STATES = {"new": N_("New"), "applied": N_("Done"), "waiting": N_("Waiting"), "failed": N_("Failed")}
ORDERS_FROM = (("now", N_("From now on (the shop's history is not new work)")),
               ("30", N_("Also those of the last 30 days")), ("all", N_("All the shop's history")))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setWordWrap(False)
    return table


def _row(*widgets) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return holder


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def _when(iso: str | None) -> str:
    return clock.to_lima(iso).strftime("%d/%m %H:%M") if iso else ""


class SyncPage(Page):
    areas = ("sync", "catalogue")

    def __init__(self, ctx):
        super().__init__(ctx, tr("Synchronise"), tr(
            "Changes for your online shop wait here until there is internet. Without internet, carry them on a USB stick."))
        self.thread = self.job = None
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.body.addWidget(self.counts)
        self.sync_button = _button(tr("Synchronise now"), "sync_now", self.sync_now)
        self.cancel_button = _button(tr("Cancel"), "cancel_sync", self.cancel)
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setObjectName("progress")
        self.bar.setMaximumWidth(240)
        self.bar.hide()
        self.sync_row = _row(self.sync_button, self.cancel_button, self.bar)
        self.body.addWidget(self.sync_row)
        self.message = Form()
        self.message.layout_.setContentsMargins(0, 0, 0, 0)
        self.message.finish()
        self.body.addWidget(self.message)

        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        for key, label in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.filter_row = _row(QLabel(tr("Show:")), self.filter)
        self.body.addWidget(self.filter_row)
        self.table = _table([tr("What"), tr("State"), tr("Tries"), tr("Changed"), tr("Reason")])
        self.table.setObjectName("outbox")
        self.table.setMinimumHeight(200)
        self.body.addWidget(self.table)
        self.outbox_buttons = _row(_button(tr("Retry selected"), "retry", self.retry_selected),
                                   _button(tr("Drop selected"), "drop", self.drop_selected),
                                   _button(tr("Retry all failed"), "retry_all", self.retry_all))
        self.body.addWidget(self.outbox_buttons)

        self.trash_title = QLabel("<b>" + tr("In the shop's trash: updated there, but buyers do not see them")
                                  + "</b>")
        self.body.addWidget(self.trash_title)
        self.trash = _table([tr("Product"), tr("Shop id")])
        self.trash.setObjectName("trash")
        self.trash.setMaximumHeight(120)
        self.body.addWidget(self.trash)
        self.trash_buttons = _row(_button(tr("Restore on the shop"), "restore", self.restore_selected))
        self.body.addWidget(self.trash_buttons)

        self.body.addWidget(QLabel("<b>" + tr("From the shop: requests and orders") + "</b>"))
        self.inbox = _table([tr("Buyer"), tr("Kind"), tr("Products"), tr("Received"), tr("State")])
        self.inbox.setObjectName("inbox")
        self.inbox.setMinimumHeight(110)
        self.inbox.setMaximumHeight(170)
        self.body.addWidget(self.inbox)
        self.body.addWidget(_row(_button(tr("Apply what came in"), "apply_inbox", self.apply_inbox)))
        self.body.addWidget(self._connection_box())
        self.body.addWidget(self._usb_box())
        self.body.addStretch(1)
        self.refresh()

    # ---- layout pieces ----------------------------------------------------

    def _connection_box(self) -> QWidget:
        box = QGroupBox(tr("Shop connection (WooCommerce)"))
        layout = QVBoxLayout(box)
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
        layout.addWidget(_row(_button(tr("Save connection"), "save_connection", self.save_connection)))
        return box

    def _usb_box(self) -> QWidget:
        box = QGroupBox(tr("No internet here? USB stick and product feed"))
        layout = QVBoxLayout(box)
        layout.addWidget(wrap_label(tr(
            "1. Put the USB stick in and press «Write the changes to the USB stick». "
            "2. At a cabina, open smedesk from the stick (double-click it) and press «I am at a cabina: "
            "send the USB stick», then «Send to the shop». "
            "3. Back here, put the stick in and press «Read the answers from the USB stick».")))
        layout.addWidget(_row(_button(tr("Write the changes to the USB stick…"), "write_bundle", self.write_bundle),
                              _button(tr("Read the answers from the USB stick…"), "read_bundle", self.read_bundle)))
        layout.addWidget(_row(_button(tr("Save product feed…"), "save_feed", self.save_feed)))
        # the answer to these buttons shows here, beside them, not at the top of the page
        self.usb_message = Form()
        self.usb_message.layout_.setContentsMargins(0, 0, 0, 0)
        self.usb_message.finish()
        layout.addWidget(self.usb_message)
        return box

    # ---- data -------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        uid = business.get(db)["uid"]
        counts = outbox.counts(db)
        set_up = bool(settings.get(db, "sync.base_url")) or credentials.load(uid) is not None or counts["sent"] > 0
        if set_up:
            self.counts.setText(tr("Pending: {pending}  ·  Sent: {sent}  ·  Failed: {failed}", **counts))
        else:
            # nothing can be "pending" for a shop that does not exist yet
            self.counts.setText(tr("No online shop is set up yet, so nothing is waiting to be sent. When you have "
                                   "one, fill in «Shop connection» below."))
        for widget in (self.filter_row, self.table, self.outbox_buttons, self.sync_row):
            widget.setVisible(set_up)
        found = outbox.items(db, self.filter.currentData() or None)
        self.table.setRowCount(len(found))
        for n, item in enumerate(found):
            if item["kind"] == "sunat":  # what waits for SUNAT, beside the shop's items
                from smedesk.einvoice.waiting import outbox_label

                what = outbox_label(db, item)
            else:
                what = f"{item['sku']} – {item['name']}" if item["sku"] else tr("Message for order {ref}", ref=item["entity_uid"])
            cells = [what, tr(outbox.STATE_NAMES[item["state"]]), str(item["attempts"]),
                     _when(item["updated_at"]), item["last_error"] or ""]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if col == 0:
                    cell.setData(256, item["id"])
                self.table.setItem(n, col, cell)
        self.table.resizeColumnsToContents()
        in_trash = listing.trashed(db)
        self.trash.setRowCount(len(in_trash))
        for n, item in enumerate(in_trash):
            for col, text in enumerate([f"{item['sku']} – {item['name']}", item["remote_id"]]):
                cell = QTableWidgetItem(text)
                if col == 0:
                    cell.setData(256, item["uid"])
                self.trash.setItem(n, col, cell)
        for widget in (self.trash_title, self.trash, self.trash_buttons):
            widget.setVisible(bool(in_trash))
        received = inbox.items(db)
        self.inbox.setRowCount(len(received))
        for n, item in enumerate(received):
            data = item["data"]
            buyer = data.get("buyer", {})
            who = " – ".join(x for x in (buyer.get("company"), buyer.get("name")) if x) or item["remote_ref"]
            lines = ", ".join(f"{line.get('qty')} × {line.get('sku') or line.get('name')}" for line in data.get("lines", []))
            state = tr(INBOX_STATES.get(item["state"], item["state"]))
            for col, text in enumerate([who, tr(INBOX_KINDS.get(item["kind"], item["kind"])), lines,
                                        _when(item["received_at"]), state]):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item["error"] or text)
                self.inbox.setItem(n, col, cell)
        self.inbox.resizeColumnsToContents()
        if not self.form.text("base_url"):
            self.form.fields["base_url"].setText(settings.get(db, "sync.base_url") or "")
        self.keys_where.setText(tr("The keys are kept on this computer (or on the stick, for the portable "
                                   "program), never in the business file."))
        since = sync_config.orders_taken_since(db)
        self.orders_from.setEnabled(since is None)
        self.orders_since.setText(tr("Shop orders are taken from {since} (UTC) on.", since=since.replace("T", " "))
                                  if since else tr("Choose from when shop orders are taken, then save."))

    def _selected_id(self) -> int | None:
        selected = self.table.selectedItems()
        return self.table.item(selected[0].row(), 0).data(256) if selected else None

    def _act(self, action, done: str, form: Form | None = None, then=None) -> None:
        """Run action(db) on the database worker; say `done` (then `then(result)`)
        on the form, or the refusal there with what was typed kept."""
        form = form or self.message

        def said(result) -> None:
            form.show_ok(done)
            if then is not None:
                then(result)

        self.write(action, changes=Changes("sync"), done=said, failed=form.show_error)

    def retry_selected(self) -> None:
        item_id = self._selected_id()
        if item_id is None:
            self.message.show_error(SmedeskError(tr("Choose an item in the list first.")))
            return
        actor = self.ctx.actor
        self._act(lambda db: outbox.retry(db, item_id, actor=actor),
                  tr("It will be sent at the next sync."))

    def drop_selected(self) -> None:
        item_id = self._selected_id()
        if item_id is None:
            self.message.show_error(SmedeskError(tr("Choose an item in the list first.")))
            return
        actor = self.ctx.actor
        self._act(lambda db: outbox.drop(db, item_id, actor=actor),
                  tr("Dropped: it will not be sent."))

    def restore_selected(self) -> None:
        selected = self.trash.selectedItems()
        if not selected:
            self.message.show_error(SmedeskError(tr("Choose a product in the trash list first.")))
            return
        uid = self.trash.item(selected[0].row(), 0).data(256)
        actor = self.ctx.actor
        self._act(lambda db: listing.restore(db, uid, actor=actor),
                  tr("It will be taken out of the shop's trash at the next sync."))

    def retry_all(self) -> None:
        actor = self.ctx.actor
        self._act(lambda db: outbox.retry_all_failed(db, actor=actor),
                  tr("Failed items will be sent at the next sync."))

    def apply_inbox(self) -> None:
        actor = self.ctx.actor

        def apply(db):
            kinds: set[str] = set()
            inbox.apply_pending(db, actor=actor, applied_kinds=kinds)
            return kinds

        # Only what was really applied is broadcast; a refusal broadcasts nothing.
        self.write(apply, changes=inbox.changes_of, failed=self.message.show_error,
                   done=lambda _kinds: self.message.show_ok(tr("Requests and orders from the shop applied.")))

    def save_connection(self) -> None:
        keys = [self.form.text(k) for k in ("base_url", "consumer_key", "consumer_secret", "wp_user", "app_password")]
        orders_from, actor = self.orders_from.currentData(), self.ctx.actor

        def save(db):
            sync_connection.save(db, check_base_url(keys[0]), *keys[1:], orders_from=orders_from, actor=actor)

        def forget_secrets(_result) -> None:
            self.form.fields["consumer_secret"].clear()
            self.form.fields["app_password"].clear()

        self._act(save, tr("Connection saved."), self.form, then=forget_secrets)

    # ---- background sync ----------------------------------------------------

    def sync_now(self) -> None:
        if self.thread is not None:
            return
        self.job = sync_worker.SyncJob(self.ctx.db_path, self.ctx.actor.user_id)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.message.show_ok(tr("Synchronising…"))
        self.thread = sync_worker.start(self.job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            self.message.show_ok(tr("Stopping after the current batch…"))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _done(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self.thread = self.job = None
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.hide()
        self.changed(Changes("sync"))

    def _finished(self, result) -> None:
        self._done()
        text = tr("Sent: {sent}  Failed: {failed}  To retry: {retrying}  New from the shop: {received}",
                  sent=result.sent, failed=result.failed, retrying=result.retrying, received=result.received)
        if result.cancelled:
            self.message.show_error(SmedeskError(tr("Cancelled. {summary}", summary=text)))
        elif result.errors:
            self.message.show_error(SmedeskError("\n".join([text, *result.errors[:3], *result.warnings[:3]])))
        elif result.warnings:
            self.message.show_error(SmedeskError("\n".join([text, *result.warnings[:3]])))
        else:
            self.message.show_ok(text)

    def _failed(self, reason: str) -> None:
        self._done()
        self.message.show_error(SmedeskError(reason))

    # ---- files ----------------------------------------------------------------

    def _stick(self) -> str:
        return settings.get(self.ctx.db, "backup.usb_dir") or str(Path.home())

    def write_bundle(self, path: str | None = None) -> None:
        if not path:
            folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), self._stick())
            if not folder:
                return
            path = str(Path(folder) / cabina.BUNDLE_NAME)
        actor = self.ctx.actor

        def written(info) -> None:
            self.last_info = info
            self.ensureWidgetVisible(self.usb_message, 0, 40)

        self._act(lambda db: bundle.write_bundle(db, Path(path), actor=actor, config=sync_config.load(db)),
                  tr("The changes are on the stick ({name}). At a cabina, open smedesk from the stick and press «I am "
                     "at a cabina: send the USB stick».", name=Path(path).name), self.usb_message, then=written)

    def read_bundle(self, path: str | None = None) -> None:
        if not path:
            folder = QFileDialog.getExistingDirectory(self, tr("Choose the USB stick"), self._stick())
            if not folder:
                return
            found = cabina.find_bundles([Path(folder)])
            if not found:
                self.usb_message.show_error(SmedeskError(tr("There are no answers from the shop on that stick.")))
                return
            path = str(found[0])
        actor = self.ctx.actor
        self.write(lambda db: bundle.read_bundle(db, Path(path), actor=actor), changes=Changes("sync"),
                   done=self._bundle_read, failed=self.usb_message.show_error)

    def _bundle_read(self, info) -> None:
        self.usb_message.show_ok(tr("This bundle was already read; nothing changed.") if info.already else
                                 tr("Bundle read: {sent} sent, {failed} failed, {received} new from the shop.",
                                    sent=info.sent, failed=info.failed, received=info.received))
        self.ensureWidgetVisible(self.usb_message, 0, 40)

    def save_feed(self, path: str | None = None) -> None:
        if not path:
            chosen = ask_save(self, self.ctx, tr("Save product feed"), "catalogo-para-tiendas.xml",
                              "XML (*.xml);;JSON (*.json)")
            path = str(chosen) if chosen else None
        if path:
            actor = self.ctx.actor
            self._act(lambda db: feed.write_feed(db, Path(path), actor=actor, config=sync_config.load(db)),
                      tr("Feed saved to {path}.", path=path), self.usb_message)


PAGE = PageInfo("sync", N_("Synchronise"), 88, SyncPage, permission="sync")
