"""Sincronizar: what waits to go out (pending, sent, failed with the reason),
retry or drop an item, sync in the background with progress and cancel,
what came in from the shop; below, the shop connection and the USB stick
and feed boxes (ui/sync_boxes.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
)

from smedesk.core import business, clock, settings
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.sync import credentials, inbox, listing, outbox
from smedesk.ui import sync_worker
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.sync_boxes import ConnectionBox, UsbBox, message_form, sync_write
from smedesk.ui.widgets import button, list_table, row

FILTERS = (("open", N_("To send (pending or failed)")), ("pending", N_("Pending")), ("failed", N_("Failed")), ("sent", N_("Sent")), ("", N_("All")))
INBOX_KINDS = {"rfq": N_("Request for quotation"), "order": N_("Order")}
INBOX_STATES = {"new": N_("New"), "applied": N_("Done"), "waiting": N_("Waiting"), "failed": N_("Failed")}


def _table(headers: list[str]) -> QTableWidget:
    table = list_table(headers)
    table.setWordWrap(False)
    return table


def sync_view(db, state: str | None) -> dict:
    """On the database worker: whether a shop is set up, the outbox counts and
    rows as the list shows them, the trash and the inbox."""
    from smedesk.einvoice.waiting import outbox_label

    counts = outbox.counts(db)
    set_up = (bool(settings.get(db, "sync.base_url")) or credentials.load(business.get(db)["uid"]) is not None
              or counts["sent"] > 0)
    rows = []
    for item in outbox.items(db, state):
        if item["kind"] == "sunat":  # what waits for SUNAT, beside the shop's items
            what = outbox_label(db, item)
        else:
            what = f"{item['sku']} – {item['name']}" if item["sku"] else tr("Message for order {ref}", ref=item["entity_uid"])
        rows.append((item["id"], [what, tr(outbox.STATE_NAMES[item["state"]]), str(item["attempts"]),
                                  _when(item["updated_at"]), item["last_error"] or ""]))
    return {"set_up": set_up, "counts": counts, "outbox": rows, "trash": listing.trashed(db), "inbox": inbox.items(db)}


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
        self.sync_button = button(tr("Synchronise now"), "sync_now", self.sync_now)
        self.cancel_button = button(tr("Cancel"), "cancel_sync", self.cancel)
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setObjectName("progress")
        self.bar.setMaximumWidth(240)
        self.bar.hide()
        self.sync_row = row(self.sync_button, self.cancel_button, self.bar)
        self.body.addWidget(self.sync_row)
        self.message = message_form()
        self.body.addWidget(self.message)

        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        for key, label in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.filter_row = row(QLabel(tr("Show:")), self.filter)
        self.body.addWidget(self.filter_row)
        self.table = _table([tr("What"), tr("State"), tr("Tries"), tr("Changed"), tr("Reason")])
        self.table.setObjectName("outbox")
        self.table.setMinimumHeight(200)
        self.body.addWidget(self.table)
        self.outbox_buttons = row(button(tr("Retry selected"), "retry", self.retry_selected),
                                  button(tr("Drop selected"), "drop", self.drop_selected),
                                  button(tr("Retry all failed"), "retry_all", self.retry_all))
        self.body.addWidget(self.outbox_buttons)

        self.trash_title = QLabel("<b>" + tr("In the shop's trash: updated there, but buyers do not see them")
                                  + "</b>")
        self.body.addWidget(self.trash_title)
        self.trash = _table([tr("Product"), tr("Shop id")])
        self.trash.setObjectName("trash")
        self.trash.setMaximumHeight(120)
        self.body.addWidget(self.trash)
        self.trash_buttons = row(button(tr("Restore on the shop"), "restore", self.restore_selected))
        self.body.addWidget(self.trash_buttons)

        self.body.addWidget(QLabel("<b>" + tr("From the shop: requests and orders") + "</b>"))
        self.inbox = _table([tr("Buyer"), tr("Kind"), tr("Products"), tr("Received"), tr("State")])
        self.inbox.setObjectName("inbox")
        self.inbox.setMinimumHeight(110)
        self.inbox.setMaximumHeight(170)
        self.body.addWidget(self.inbox)
        self.body.addWidget(row(button(tr("Apply what came in"), "apply_inbox", self.apply_inbox)))
        self.connection = ConnectionBox(self)
        self.form, self.orders_from, self.orders_since = (self.connection.form, self.connection.orders_from,
                                                          self.connection.orders_since)
        self.body.addWidget(self.connection)
        self.usb = UsbBox(self)
        self.usb_message = self.usb.message
        self.body.addWidget(self.usb)
        self.body.addStretch(1)
        self.refresh()

    # ---- data -------------------------------------------------------------

    def refresh(self) -> None:
        """The outbox, the trash and the inbox are read on the database worker (each
        comprobante waiting for SUNAT is named from its document)."""
        self.read(sync_view, self.filter.currentData() or None, done=self._fill, key="view")
        self.connection.refresh(self.ctx.db)

    def _fill(self, view: dict) -> None:
        set_up, counts = view["set_up"], view["counts"]
        if set_up:
            self.counts.setText(tr("Pending: {pending}  ·  Sent: {sent}  ·  Failed: {failed}", **counts))
        else:
            # nothing can be "pending" for a shop that does not exist yet
            self.counts.setText(tr("No online shop is set up yet, so nothing is waiting to be sent. When you have "
                                   "one, fill in «Shop connection» below."))
        for widget in (self.filter_row, self.table, self.outbox_buttons, self.sync_row):
            widget.setVisible(set_up)
        self.table.setRowCount(len(view["outbox"]))
        for n, (item_id, cells) in enumerate(view["outbox"]):
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if col == 0:
                    cell.setData(256, item_id)
                self.table.setItem(n, col, cell)
        self.table.resizeColumnsToContents()
        in_trash = view["trash"]
        self.trash.setRowCount(len(in_trash))
        for n, item in enumerate(in_trash):
            for col, text in enumerate([f"{item['sku']} – {item['name']}", item["remote_id"]]):
                cell = QTableWidgetItem(text)
                if col == 0:
                    cell.setData(256, item["uid"])
                self.trash.setItem(n, col, cell)
        for widget in (self.trash_title, self.trash, self.trash_buttons):
            widget.setVisible(bool(in_trash))
        received = view["inbox"]
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

    def _selected_id(self) -> int | None:
        selected = self.table.selectedItems()
        return self.table.item(selected[0].row(), 0).data(256) if selected else None

    def _act(self, action, done: str) -> None:
        sync_write(self, action, done, self.message)

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

    # ---- the USB box's buttons, with a path given (tests) ----

    def write_bundle(self, path: str | None = None) -> None:
        self.usb.write_bundle(path)

    def read_bundle(self, path: str | None = None) -> None:
        self.usb.read_bundle(path)


PAGE = PageInfo("sync", N_("Synchronise"), 88, SyncPage, permission="sync")
