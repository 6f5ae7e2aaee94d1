"""The SUNAT strip of Ventas y compras: «Enviar ahora» (in the background, with
progress and cancel), «Ver CDR», «Emitir de nuevo», and SUNAT's words for the
selected document."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from smedesk.core import dates
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.einvoice import bajas, waiting
from smedesk.ui.accounts import output_dir


def state_text(found: dict | None) -> str:
    """SUNAT column: the state in words and SUNAT's code."""
    if not found:
        return ""
    text = tr(waiting.STATE_NAMES[found["state"]])
    return f"{text} ({found['code']})" if found["code"] else text


def words_text(found: dict | None) -> str:
    """What SUNAT said, with each observation, or why it still waits."""
    if not found:
        return ""
    parts = [found["description"]] if found["description"] else []
    parts += [f"{o.get('code', '')} {o.get('description', '')}".strip() for o in found["observations"]]
    if found["waiting"] and found["error"]:
        parts.append(found["error"])
    if found["waiting"] and found["deadline"]:
        parts.append(tr("send by {date}", date=dates.show_date(found["deadline"])))
    return " · ".join(p for p in parts if p)


class SunatBar(QWidget):
    """Needs the page (ctx, announce) and a `selected()` giving the document id."""

    def __init__(self, page, selected, job_factory=None):
        super().__init__()
        self.page, self.selected = page, selected
        self.job_factory = job_factory
        self.job = self.thread = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.send_button = self._button(tr("Send now"), "sunat_send", self.send_now, row)
        self.cancel_button = self._button(tr("Cancel"), "sunat_cancel", self.cancel, row)
        self.cancel_button.setEnabled(False)
        self._button(tr("View CDR"), "sunat_cdr", self.view_cdr, row)
        self._button(tr("Issue again"), "sunat_reissue", self.reissue, row)
        self.progress = QProgressBar()
        self.progress.setObjectName("sunat_progress")
        self.progress.hide()
        row.addWidget(self.progress, 1)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setObjectName("sunat_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def _button(self, text, name, slot, row) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- sending in the background ---
    def send_now(self) -> None:
        from smedesk.ui import sunat_worker

        if self.thread is not None:
            return
        ctx = self.page.ctx
        user_id = getattr(getattr(ctx, "actor", None), "user_id", None)
        self.job = (self.job_factory or sunat_worker.SunatJob)(ctx.db_path, user_id)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.send_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(tr("Sending to SUNAT…"))
        self.thread = sunat_worker.start(self.job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            self.message.setText(tr("Stopping after the document on its way…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self) -> None:
        if self.thread is not None:
            self.thread.quit()  # the job has returned; its thread only needs to stop
            self.thread.wait()
        self.thread = self.job = None
        self.send_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.page.changed(Changes("sunat", "accounts"))

    def _finished(self, result) -> None:
        lines = [escape(li.text()) for li in result.lines]
        head = (tr("Nothing is left to send.") if not result.left
                else tr("{count} documents still wait for SUNAT.", count=result.left))
        if result.stopped:
            head += " " + result.stopped
        if result.cancelled:
            head += " " + tr("Cancelled.")
        self.message.setText("<br>".join([escape(head), *lines[:12]]))
        self._done()

    def _failed(self, message: str) -> None:
        self.message.setText(escape(message))
        self._done()

    # --- the selected document ---
    def _selected(self) -> int | None:
        doc_id = self.selected()
        if doc_id is None:
            self.message.setText(tr("Select a document in the table first."))
        return doc_id

    def view_cdr(self) -> None:
        doc_id = self._selected()
        if doc_id is None:
            return
        db = self.page.ctx.db
        found = waiting.by_document(db, doc_id)
        try:
            name, data = waiting.cdr_zip(db, found["document"] if found else str(doc_id))
        except SmedeskError as exc:
            self.message.setText(escape(str(exc)))
            return
        path = output_dir(self.page.ctx, "cdr") / name
        path.write_bytes(data)
        self.message.setText(escape(f"{state_text(found)}: {words_text(found)}") + "<br>"
                             + escape(tr("CDR saved in {path}", path=path)))

    def reissue(self) -> None:
        doc_id = self._selected()
        if doc_id is None:
            return
        found = waiting.by_document(self.page.ctx.db, doc_id)
        label, actor = found["document"] if found else "", self.page.ctx.actor

        def reissue(db) -> str:  # on the database worker: a new comprobante is built and signed
            return waiting.by_document(db, bajas.reissue(db, label, actor=actor))["document"]

        self.page.write(reissue, changes=Changes("accounts", "sunat"),
                        failed=lambda exc: self.message.setText(escape(str(exc))),
                        done=lambda doc: self.message.setText(
                            escape(tr("Issued again as {doc}; it waits to be sent to SUNAT.", doc=doc))))
