"""Reportes y cierre › Impuestos del mes: the Banco de la Nación (detracciones)
account and the deposits still to make, recording a detracción deposited or a
comprobante de retención received, the SBS exchange rates, and the optional RUC
padrón. A section of the reports page (the sidebar has no room for one more)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from smedesk.accounts import exchange, padron, withholdings
from smedesk.core import dates
from smedesk.core.changes import Changes
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents
from smedesk.ui.accounts import fill, make_table, num
from smedesk.ui.datefield import DateField
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form, button


class TaxesSection(QWidget):
    """Its page calls `refresh()` when it refreshes. Writes run on the
    database worker and broadcast what they changed, so the page (and every
    other following accounts) refreshes from that."""

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(QLabel(f"<b>{tr('Taxes of the month')}</b> — "
                                   f"{tr('Detracciones, retenciones, the SBS exchange rate and the RUC padrón.')}"))
        self.balance = QLabel("")
        self.body.addWidget(self.balance)
        self.pending = make_table([tr("Date"), tr("Document"), tr("Supplier"), "SPOT", tr("Deposit")], 120)
        self.body.addWidget(self.pending)

        self.body.addWidget(QLabel(f"<b>{tr('Detracción deposited')}</b>"))
        self.spot = Form()
        self.spot.add("document", tr("Document (F001-123)"))
        self.spot.add("date", tr("Date"), DateField())
        self.spot.add("constancia", tr("Constancia de depósito"))
        self.spot.add("paid_from", tr("Purchase: account that paid it (10411…); empty for a sale"))
        self.spot.finish()
        self.body.addWidget(self.spot)
        self.body.addWidget(button(tr("Record the deposit"), "save_spot", self.save_spot))

        self.body.addWidget(QLabel(f"<b>{tr('Comprobante de retención received')}</b>"))
        self.ret = Form()
        for key, label in (("document", tr("Factura (F001-123)")), ("amount", tr("Amount retained")),
                           ("series", tr("Series of the comprobante de retención")),
                           ("number", tr("Number"))):
            self.ret.add(key, label)
        self.ret.add("date", tr("Date"), DateField())
        self.ret.finish()
        self.body.addWidget(self.ret)
        self.body.addWidget(button(tr("Record the retención"), "save_retention", self.save_retention))

        self.body.addWidget(QLabel(f"<b>{tr('Exchange rate (SBS)')}</b>"))
        self.fx = Form()
        self.fx.add("day", tr("Date"), DateField())
        self.fx.add("rate", tr("Selling rate (soles per dollar)"))
        self.fx.finish()
        self.body.addWidget(self.fx)
        bar = QHBoxLayout()
        bar.addWidget(button(tr("Save the day's rate"), "save_fx", self.save_fx))
        bar.addWidget(button(tr("Import SBS's rate file…"), "import_fx", self.choose_fx_file))
        bar.addWidget(button(tr("Import SUNAT's padrón (RUC lookup)…"), "import_padron", self.choose_padron))
        self.cancel = button(tr("Cancel"), "cancel_padron", self.cancel_padron)
        self.cancel.hide()
        bar.addWidget(self.cancel)
        holder = QWidget()
        holder.setLayout(bar)
        self.body.addWidget(holder)
        self.progress = QProgressBar()
        self.progress.hide()
        self.body.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.job = None
        self.refresh()

    def refresh(self) -> None:
        db = self.ctx.db
        self.balance.setText(tr("Banco de la Nación (detracciones): S/ {amount}. It can only pay taxes.",
                                amount=num(withholdings.bn_balance(db))))
        fill(self.pending, [[dates.show_date(p["date"]), p["label"], p["party_name"], p["spot_code"],
                             num(from_cents(p["detraccion_cents"]))] for p in withholdings.pending_spot_purchases(db)],
             numeric=(4,))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def save_spot(self) -> None:
        f = self.spot
        document, options = f.text("document").strip(), dict(
            actor=self.ctx.actor, date=f.text("date").strip() or None, constancia=f.text("constancia"),
            paid_from=f.text("paid_from").strip() or None)
        self._write(lambda db: withholdings.record_spot_deposit(db, document, **options), f, tr("Deposit recorded."),
                    Changes("accounts"))

    def _write(self, fn, form, said: str, changes: Changes) -> None:
        def done(_result) -> None:
            form.clear_errors()
            self._say(said)

        self.ctx.ops.write(fn, changes=changes, done=done, failed=form.show_error)

    def save_retention(self) -> None:
        f = self.ret
        document, amount, options = f.text("document").strip(), f.text("amount"), dict(
            series=f.text("series"), number=f.text("number"), date=f.text("date").strip() or None,
            actor=self.ctx.actor)
        self._write(lambda db: withholdings.record_retention(db, document, amount, **options), f,
                    tr("Retención recorded."), Changes("accounts"))

    def save_fx(self) -> None:
        day, rate, actor = self.fx.text("day"), self.fx.text("rate"), self.ctx.actor
        self._write(lambda db: exchange.set_rate(db, day, rate, actor=actor), self.fx, tr("Rate saved."),
                    Changes("accounts"))

    def choose_fx_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("SBS's rate file"), "", tr("Rates (*.xls *.xlsx *.csv *.html)"))
        if path:
            self.import_fx(path)

    def import_fx(self, path) -> None:
        actor = self.ctx.actor
        self.ctx.ops.write(lambda db: exchange.import_sbs_file(db, path, actor=actor), changes=Changes("accounts"),
                           failed=lambda exc: self._say(str(exc), error=True),
                           done=lambda done: self._say(tr("{count} rates imported ({first} to {last}).",
                                                          count=done.count, first=done.first, last=done.last)))

    def choose_padron(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("SUNAT's padrón reducido"), "", tr("Padrón (*.zip *.txt)"))
        if path:
            self.import_padron(path)

    def import_padron(self, path):
        """Minutes of work for the real file: on its own thread, with progress and cancel."""
        from smedesk.ui.seace.worker import Job

        if self.job is not None:
            return None
        actor = self.ctx.actor
        self.job = Job(self.ctx.db_path, lambda db, progress, cancelled: padron.import_padron(
            db, path, actor=actor, progress=progress, cancelled=cancelled))
        self.job.progress.connect(lambda done, total: (self.progress.setRange(0, 1000),
                                                       self.progress.setValue(int(done * 1000 / max(total, 1)))))
        self.job.finished_with.connect(self._padron_done)
        self.job.failed.connect(self._padron_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self._say(tr("Importing the padrón; this takes minutes for SUNAT's whole file."))
        self.job.start()
        return self.job

    def cancel_padron(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _padron_finish(self) -> None:
        self.job.wait()
        self.job = None
        self.progress.hide()
        self.cancel.hide()

    def _padron_done(self, done) -> None:
        self._padron_finish()
        self._say(tr("{count} RUCs in the index {path} ({size} MB).", count=done.count, path=done.path,
                     size=round(done.size / 1e6, 1)))

    def _padron_failed(self, message: str) -> None:
        self._padron_finish()
        self._say(message, error=True)

