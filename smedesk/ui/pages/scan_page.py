"""Escaneo: the scan station. Keyboard only: the scanner types a code and
Enter. A step card sets the step, a badge or PIN the operator; each label is
then counted, with a full-colour flash, a sound and a plain reason. Lines are
queued as they arrive, so a burst of scans is never lost; green shows only
after the scan is committed."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import business, clock
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import N_, tr
from smedesk.tracking import station as station_logic
from smedesk.tracking import trackcodes
from smedesk.ui.pages import PageInfo
from smedesk.ui.pages.base import Page
from smedesk.ui.sounds import Sounds

# "wrong step" (the piece is not at this step yet, or has no such step) and
# "other workshop" (a label of another business) each have their own colour and
# sound: the three faults are told apart at a glance and by ear.
COLOURS = {
    "counted": ("#2e7d32", "white"), "already": ("#ffb300", "#212121"), "previous": ("#6a1b9a", "white"),
    "wrong_step": ("#6a1b9a", "white"), "foreign": ("#37474f", "#ffeb3b"),
    "unknown": ("#c62828", "white"), "cancelled": ("#c62828", "white"), "other": ("#c62828", "white"),
    "info": ("#1565c0", "white"), "idle": ("#eceff1", "#263238"),
}
TITLES = {
    "counted": N_("COUNTED"), "already": N_("ALREADY SCANNED"), "previous": N_("PREVIOUS STEP MISSING"),
    "unknown": N_("UNKNOWN CODE"), "cancelled": N_("ORDER CANCELLED"), "other": N_("NOT COUNTED"),
    "info": N_("READY"), "idle": N_("READY"), "wrong_step": N_("WRONG STEP"),
    "foreign": N_("LABEL OF ANOTHER WORKSHOP"),
}


def shown_as(db, outcome: str, result) -> str:
    """The station's own finer kind of a refusal, for its colour and sound (the
    scan's outcome, and `smedesk scan`'s exit code, stay what they are)."""
    if result is None:
        return outcome
    if outcome == "previous":
        return "wrong_step"
    if outcome == "other" and result.unit is not None and result.unit.get("order_state") not in ("delivered",):
        return "wrong_step"
    if outcome == "unknown" and result.code and trackcodes.is_well_formed(result.code) \
            and result.code[:3] != business.get(db)["code"]:
        return "foreign"
    return outcome


class StationWidget(QWidget):
    """The station itself; `processed(outcome)` is emitted after each line."""

    processed = Signal(str)

    def __init__(self, ctx, parent=None, *, sounds: Sounds | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.logic = station_logic.Station(ctx.db, ctx.actor)
        self.queue: deque[str] = deque()  # lines sent to the worker, not yet answered
        self.sounds = sounds or Sounds()
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.step_label = QLabel()
        self.operator_label = QLabel()
        for label in (self.step_label, self.operator_label):
            label.setStyleSheet("font-size: 22px; font-weight: 700;")
            top.addWidget(label, 1)
        if ctx.actor.can("scan.undo"):
            undo = QPushButton(tr("Undo last (Ctrl+Z)"))
            undo.setObjectName("undo_last")
            undo.setFocusPolicy(Qt.NoFocus)
            undo.clicked.connect(self.undo_last)
            top.addWidget(undo)
            QShortcut(QKeySequence("Ctrl+Z"), self, activated=self.undo_last)
        outer.addLayout(top)
        self.flash = QFrame()
        self.flash.setObjectName("flash")
        self.flash.setMinimumHeight(260)
        box = QVBoxLayout(self.flash)
        self.title = QLabel()
        self.title.setObjectName("flash_title")
        self.title.setAlignment(Qt.AlignCenter)
        self.title.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setObjectName("flash_reason")
        self.reason.setAlignment(Qt.AlignCenter)
        self.reason.setWordWrap(True)
        box.addWidget(self.title)
        box.addWidget(self.reason)
        outer.addWidget(self.flash, 3)
        self.input = QLineEdit()
        self.input.setObjectName("scan_input")
        self.input.setPlaceholderText(tr("Scan here…"))
        self.input.setStyleSheet("font-size: 28px; padding: 8px;")
        self.input.returnPressed.connect(self.take_line)
        outer.addWidget(self.input)
        hint = QLabel(tr("1. Step card  2. Your badge or PIN  3. Each label as you finish it"))
        hint.setStyleSheet("font-size: 15px; color: #455a64;")
        outer.addWidget(hint)
        self.history = QListWidget()
        self.history.setObjectName("scan_history")
        self.history.setFocusPolicy(Qt.NoFocus)
        self.history.setStyleSheet("font-size: 16px;")
        self.history.setMaximumHeight(210)
        outer.addWidget(self.history, 2)
        self.show_outcome("idle", tr("Scan the card of your step to begin."))
        self._update_header()

    # -- input: taken at once, processed in order on the database worker -------
    def take_line(self) -> None:
        text = self.input.text()
        self.input.clear()
        if text.strip():
            self.queue.append(text)
            self.ctx.ops.write(self._handle, text, changes=self._changes, done=self.show_event,
                               failed=self._refused)

    def _handle(self, db, text: str):
        """On the worker: the station's logic with the worker's connection."""
        return self.logic.handle(text, db=db)

    @staticmethod
    def _changes(event) -> Changes:
        counted = event.kind == station_logic.SCAN and event.outcome == "counted"
        return Changes("scans") if counted else Changes()

    def _refused(self, exc) -> None:
        self.show_event(station_logic.StationEvent(station_logic.NOTICE, "other", str(exc)))

    def process(self, text: str) -> None:
        """Handle one line here and now (on the GUI thread): for tests and tools."""
        try:
            event = self.logic.handle(text, db=self.ctx.db)
        except SmedeskError as exc:
            event = station_logic.StationEvent(station_logic.NOTICE, "other", str(exc))
        self.queue.append(text)
        self.show_event(event)
        if self._changes(event):
            self.ctx.bus.changed.emit(self._changes(event), self)

    def show_event(self, event) -> None:
        """Paint the answer to the oldest line waiting. The window broadcasts
        the scan only after this returns, and the flash is painted here and
        now: what the operator waits for never queues behind a page's refresh."""
        if self.queue:
            self.queue.popleft()
        self._update_header()
        kind = shown_as(self.ctx.db, event.outcome, event.result if event.kind == station_logic.SCAN else None)
        self.show_outcome(kind, event.message)
        if event.kind == station_logic.SCAN:
            self._remember(event)
        if self.isVisible():
            self.flash.repaint()
        self.sounds.play(kind)
        self.processed.emit(event.outcome)

    # -- display --------------------------------------------------------------
    def show_outcome(self, outcome: str, message: str) -> None:
        colours = COLOURS.get(outcome, COLOURS["other"])
        if colours != getattr(self, "_colours", None):
            # one style sheet for the flash and its two labels, set only when the colours
            # change: re-styling is the dearest part of painting an answer
            self._colours = colours
            background, foreground = colours
            self.flash.setStyleSheet(
                f"#flash {{ background: {background}; border-radius: 8px; }}"
                f" #flash_title {{ color: {foreground}; font-size: 54px; font-weight: 800; }}"
                f" #flash_reason {{ color: {foreground}; font-size: 26px; }}")
        self.title.setText(tr(TITLES.get(outcome, TITLES["other"])))
        self.reason.setText(message)
        self.flash.setProperty("outcome", outcome)

    def _update_header(self) -> None:
        self.step_label.setText(tr("Step: {step}", step=self.logic.step or "—"))
        name = self.logic.operator["name"] if self.logic.operator else "—"
        self.operator_label.setText(tr("Operator: {name}", name=name))

    def _remember(self, event) -> None:
        result = event.result
        when = clock.to_lima(clock.now()).strftime("%H:%M:%S")
        item = QListWidgetItem(f"{when}  {result.code}  {result.order}  {event.message}")
        background, foreground = COLOURS.get(shown_as(self.ctx.db, event.outcome, result), COLOURS["other"])
        from PySide6.QtGui import QBrush, QColor

        item.setBackground(QBrush(QColor(background)))
        item.setForeground(QBrush(QColor(foreground)))
        self.history.insertItem(0, item)
        while self.history.count() > 12:
            self.history.takeItem(self.history.count() - 1)

    def undo_last(self) -> None:
        actor = self.ctx.actor

        def done(event):
            self.show_outcome(event.outcome, event.message)
            self.input.setFocus()

        self.ctx.ops.write(lambda db: self.logic.undo_last(actor=actor, db=db), changes=Changes("scans"),
                           done=done, failed=lambda exc: done(station_logic.StationEvent(
                               station_logic.NOTICE, "other", str(exc))))

    def showEvent(self, event):  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.input.setFocus()


class StationWindow(QWidget):
    """The station alone, full screen; Esc closes it."""

    def __init__(self, ctx):
        super().__init__()
        self.setWindowTitle(tr("Scan station"))
        layout = QVBoxLayout(self)
        self.station = StationWidget(ctx, self)
        layout.addWidget(self.station)
        QShortcut(QKeySequence(Qt.Key_Escape), self, activated=self.close)


class ScanPage(Page):
    areas = ()

    def __init__(self, ctx):
        super().__init__(ctx, tr("Scan station"),
                         tr("For the floor: works with the scanner alone. F11 opens it full screen; Esc leaves."))
        full = QPushButton(tr("Full screen (F11)"))
        full.setObjectName("full_screen")
        full.setFocusPolicy(Qt.NoFocus)
        full.clicked.connect(self.open_full_screen)
        self.body.addWidget(full, 0, Qt.AlignLeft)
        self.station = StationWidget(ctx, self)
        self.body.addWidget(self.station, 1)
        QShortcut(QKeySequence(Qt.Key_F11), self, activated=self.open_full_screen)
        self.full_window = None

    def open_full_screen(self) -> None:
        self.full_window = StationWindow(self.ctx)
        self.full_window.showFullScreen()

    def refresh(self) -> None:
        pass


PAGE = PageInfo("scan", N_("Scanning"), 40, ScanPage, permission="scan")
