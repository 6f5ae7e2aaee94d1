"""Small widgets shared by pages: forms that show errors next to the field,
page headers, message banners, named buttons and rows of them, read-only lists."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr

ERROR_STYLE = "color: #b00020; font-weight: 600;"
OK_STYLE = "color: #1b5e20; font-weight: 600;"


class Form(QWidget):
    """A form whose fields each have an error line beneath them.

    `show_error(exc)` puts a SmedeskError's message under the field it names
    (or in the form's banner); the typed text is never cleared.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.hide()

    def add(self, key: str, label: str, widget: QWidget | None = None, *, wide: bool = False) -> QWidget:
        """A labelled field; `wide` puts the label on its own line and lets the
        field take the form's whole width (a table of lines, say)."""
        widget = widget or QLineEdit()
        widget.setObjectName(f"field_{key}")
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel("")
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        if wide:
            self.layout_.addRow(QLabel(label))
            self.layout_.addRow(holder)
        else:
            self.layout_.addRow(label, holder)
        self.fields[key] = widget
        self.errors[key] = error
        # once the field is changed its old error no longer applies
        for signal in ("textChanged", "currentIndexChanged", "valueChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_, key=key: self.clear_error(key))
                break
        return widget

    def clear_error(self, key: str) -> None:
        label = self.errors.get(key)
        if label is not None:
            label.hide()
            label.setText("")

    def finish(self) -> None:
        self.layout_.addRow(self.banner)

    def text(self, key: str) -> str:
        return self.fields[key].text()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.setText("")
        self.banner.hide()

    def show_error(self, exc: SmedeskError) -> None:
        self.clear_errors()
        label = self.errors.get(exc.field or "")
        if label is None:
            self.banner.setStyleSheet(ERROR_STYLE)
            self.banner.setText(str(exc))
            self.banner.show()
            return
        label.setText(str(exc))
        label.show()
        self.fields[exc.field].setFocus()

    def show_ok(self, message: str) -> None:
        self.clear_errors()
        self.banner.setStyleSheet(OK_STYLE)
        self.banner.setText(message)
        self.banner.show()


def header(text: str, subtitle: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    title = QLabel(text)
    title.setStyleSheet("font-size: 20px; font-weight: 700;")
    title.setObjectName("page_title")
    layout.addWidget(title)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setWordWrap(True)
        sub.setStyleSheet("color: #555;")
        layout.addWidget(sub)
    return box


def info(parent, message: str) -> None:
    QMessageBox.information(parent, "smedesk", message)


def error_box(parent, exc: Exception) -> None:
    QMessageBox.warning(parent, tr("Could not do that"), str(exc))


def wrap_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def button(text: str, name: str, slot) -> QPushButton:
    """A push button with an object name (tests and the walkthrough find it by it)."""
    push = QPushButton(text)
    push.setObjectName(name)
    push.clicked.connect(slot)
    return push


def row(*widgets) -> QWidget:
    """The widgets side by side, left-aligned, without margins."""
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return holder


def list_table(headers: list[str], min_height: int | None = None, table: QTableWidget | None = None) -> QTableWidget:
    """A read-only list: `headers` already translated, whole rows chosen one at a
    time, the last column stretched, no row numbers (or set up `table` so)."""
    table = table if table is not None else QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    if min_height is not None:
        table.setMinimumHeight(min_height)
    return table


class _EmptyHint(QObject):
    """Keeps the hint over the whole viewport of its table, shown while the
    table has no rows (a slot of a QObject: disconnected when it goes)."""

    def __init__(self, hint: QLabel, model):
        super().__init__(hint)
        self.hint, self.model = hint, model

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Resize:
            self.hint.setGeometry(watched.rect())
        return False

    def update(self, *_args) -> None:
        try:
            self.hint.setVisible(self.model.rowCount() == 0)
        except RuntimeError:  # the table is being taken down with its window
            pass


def say_when_empty(table, text: str) -> QLabel:
    """A grey sentence in the middle of `table` while it has no rows: what to do
    to fill it, instead of a blank box."""
    hint = QLabel(text, table.viewport())
    hint.setObjectName("empty_hint")
    hint.setWordWrap(True)
    hint.setAlignment(Qt.AlignCenter)
    hint.setStyleSheet("color: #667; padding: 12px;")
    hint.setAttribute(Qt.WA_TransparentForMouseEvents)
    follow = _EmptyHint(hint, table.model())
    table.viewport().installEventFilter(follow)
    hint.setGeometry(table.viewport().rect())
    model = table.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
        signal.connect(follow.update)
    follow.update()
    return hint
