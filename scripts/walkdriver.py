"""The walkthrough's driver (scripts/walkthrough.py runs it) on an X display.

The real window is started as `smedesk` starts it (smedesk.ui.app.run_window,
welcome and login included) on a new business file. A driver on the window's
own event loop finds each button or field, then moves the real mouse and types
on the real keyboard with xdotool, so every event comes through the X server and
the window manager like a person's. After each step: a screenshot of the whole
screen (ImageMagick `import`), and three checks —
  * no English on screen: no visible text is an English source string whose
    Spanish differs, nor holds a word from ENGLISH;
  * nothing off screen: every window, frame included, inside the screen's free
    area, and no page needs a sideways scroll;
  * no command typed: only fields of the window are typed into (by design).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from smedesk.core import i18n  # noqa: E402

# English words that are not also Spanish (nor names: WooCommerce, PDF, RUC…)
ENGLISH = {"the", "and", "with", "save", "cancel", "open", "look", "files", "type", "name", "per", "unit",
           "bundle", "pending", "failed", "sent", "foreign", "fields", "choose", "directory", "folder", "detail",
           "view", "create", "new", "yes", "file", "date", "size", "modified", "back", "forward", "receipts",
           "payments", "settings", "backup", "restore", "order", "orders", "product", "products", "step", "steps",
           "cost", "costs", "price", "sales", "purchases", "scan", "labels", "worksheet", "customer", "connectionerror", "feed", "shop", "keys"}
WORD = re.compile(r"[A-Za-záéíóúñÁÉÍÓÚÑ]+")
TAGS = re.compile(r"<[^>]+>")


class Walk:
    def __init__(self, out: Path, work: Path):
        self.out, self.work = out, work
        self.out.mkdir(parents=True, exist_ok=True)
        self.db_path = work / "Documentos" / "mi-taller.smedesk"
        self.stick = work / "USB"
        self.stick.mkdir(parents=True, exist_ok=True)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.story = ""
        self.steps: dict[str, int] = {}
        self.shots: list[dict] = []
        self.problems: list[str] = []
        self.english = {en for en, es in i18n.catalog("es").items() if en != es and len(en) > 3}

    # ---- the real mouse and keyboard --------------------------------------
    # Every action is a generator: it yields to the window's event loop (a number
    # of milliseconds, or a test to wait for), so the click is handled by the
    # window's own loop — and a dialog it opens runs as it would for a person.

    def _x(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True)

    def step(self) -> None:
        self.steps[self.story] = self.steps.get(self.story, 0) + 1

    def click_at(self, point: QPoint):
        self._x("mousemove", str(point.x()), str(point.y()), "click", "1")
        self.step()
        yield 250

    def click(self, widget: QWidget):
        yield from self._reveal(widget)
        yield from self.click_at(widget.mapToGlobal(widget.rect().center()))

    def type_into(self, widget: QWidget, text: str):
        yield from self._reveal(widget)
        point = widget.mapToGlobal(widget.rect().center())
        self._x("mousemove", str(point.x()), str(point.y()), "click", "1")
        yield 300
        self._x("key", "--clearmodifiers", "ctrl+a")
        yield 100
        # ASCII only: xdotool remaps the keyboard for other letters, which Xvfb garbles
        self._x("type", "--delay", "12", text)
        self.step()
        yield 250

    def key(self, *names: str):
        self._x("key", "--clearmodifiers", *names)
        self.step()
        yield 300

    def type_text(self, text: str):
        self._x("type", "--delay", "8", text)
        yield 150

    def choose(self, combo: QComboBox, text: str):
        """Open the dropdown with a click and click the entry that starts with `text`."""
        index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
        yield from self.click(combo)
        yield 300
        view = combo.view()
        rect = view.visualRect(view.model().index(index, 0))
        yield from self.click_at(view.viewport().mapToGlobal(rect.center()))

    def edit_cell(self, table: QTableWidget, row: int, column: int, text: str):
        """Double-click a cell of a table and type over what it holds."""
        item = table.item(row, column)
        table.scrollToItem(item)
        yield 150
        point = table.viewport().mapToGlobal(table.visualItemRect(item).center())
        self._x("mousemove", str(point.x()), str(point.y()), "click", "--repeat", "2", "--delay", "80", "1")
        yield 300
        self._x("key", "--clearmodifiers", "ctrl+a")
        self._x("type", "--delay", "12", text)
        yield from self.key("Return")

    def _reveal(self, widget: QWidget):
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QTabWidget):
                for n in range(parent.count()):
                    if parent.widget(n).isAncestorOf(widget) and parent.currentIndex() != n:
                        tab = parent.tabBar()
                        yield from self.click_at(tab.mapToGlobal(tab.tabRect(n).center()))
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                parent.ensureWidgetVisible(widget, 20, 20)
            parent = parent.parentWidget()
        yield 100

    # ---- finding things ------------------------------------------------------

    def top(self) -> QWidget:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        return QApplication.activeWindow() or windows[-1]

    def find(self, name: str, kind=QWidget, within: QWidget | None = None) -> QWidget:
        roots = [within] if within else [self.top(), *QApplication.topLevelWidgets()]
        for root in roots:
            found = root if root.objectName() == name else root.findChild(kind, name)
            if found is not None:
                return found
        raise LookupError(f"{name} not on screen ({self.story})")

    def button(self, text: str, within: QWidget | None = None) -> QAbstractButton:
        root = within or self.top()
        for candidate in root.findChildren(QAbstractButton):
            if candidate.text().replace("&", "").startswith(text) and candidate.isVisibleTo(root.window()):
                return candidate
        raise LookupError(f"button «{text}» not on screen ({self.story})")

    def page(self, title: str):
        window = self.main
        sidebar = window.sidebar
        row = next(n for n in range(sidebar.count()) if sidebar.item(n).text().startswith(title))
        sidebar.scrollToItem(sidebar.item(row))
        yield 100
        yield from self.click_at(sidebar.viewport().mapToGlobal(sidebar.visualItemRect(sidebar.item(row)).center()))
        yield 400
        self.current = window.page(list(window.pages)[row])

    def until(self, test, what: str, seconds: float = 30):
        yield (test, what)

    def modal(self, kind=QDialog):
        return lambda: isinstance(QApplication.activeModalWidget(), kind)

    def file_dialog(self, path: Path):
        """In Qt's own file dialog (in Spanish): type where, then Enter."""
        yield from self.until(self.modal(QFileDialog), "the file dialog")
        yield 500
        yield from self.shot("dialogo-de-archivos")
        self._x("key", "--clearmodifiers", "ctrl+a")
        self._x("type", "--delay", "8", str(path))
        yield from self.key("Return")
        yield 700

    def yes_if_asked(self):
        """A question may come (materials short for an order): answer «Sí» to it."""
        yield 800
        if isinstance(QApplication.activeModalWidget(), QMessageBox):
            yield from self.shot("pregunta")
            yield from self.click(self.button("Sí", QApplication.activeModalWidget()))
            yield 600

    def answer_yes(self):
        yield from self.until(self.modal(QMessageBox), "the question")
        yield 300
        yield from self.shot("pregunta")
        yield from self.click(self.button("Sí", QApplication.activeModalWidget()))
        yield 800

    def expect(self, test, what: str) -> None:
        """What the story did must be in the business file, not only on screen."""
        if not test():
            self.problems.append(f"{self.story}: {what}")

    # ---- what is on screen ---------------------------------------------------

    def visible_texts(self) -> list[str]:
        texts = []
        for window in QApplication.topLevelWidgets():
            if not window.isVisible():
                continue
            texts.append(window.windowTitle())
            for w in window.findChildren(QWidget):
                if not w.isVisible() or w.visibleRegion().isEmpty():
                    continue
                if isinstance(w, QLabel):
                    texts.append(TAGS.sub(" ", w.text()))
                elif isinstance(w, QAbstractButton):
                    texts.append(w.text().replace("&", ""))
                elif isinstance(w, QGroupBox):
                    texts.append(w.title())
                elif isinstance(w, QTabWidget):
                    texts += [w.tabText(n) for n in range(w.count())]
                elif isinstance(w, QComboBox):
                    texts.append(w.currentText())
                elif isinstance(w, QLineEdit) and not w.text():
                    texts.append(w.placeholderText())
                elif isinstance(w, QHeaderView):
                    model = w.model()
                    if model is not None:
                        orient = w.orientation()
                        count = model.columnCount() if orient == 1 else model.rowCount()
                        texts += [str(model.headerData(n, orient) or "") for n in range(count)]
                elif isinstance(w, (QTableWidget, QListWidget)):
                    texts += _item_texts(w)
        return [t.strip() for t in texts if t and t.strip()]

    def check(self, label: str) -> list[str]:
        found = []
        for text in self.visible_texts():
            if text in self.english:
                found.append(f"English on screen: «{text}»")
                continue
            words = {w.lower() for w in WORD.findall(text)}
            if words & ENGLISH and not _data(text):
                found.append(f"English word on screen: «{text[:80]}»")
        screen = QApplication.primaryScreen().availableGeometry()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and window.isWindow() and not window.frameGeometry().isEmpty():
                frame = window.frameGeometry()
                if not screen.contains(frame) and frame.width() > 1 and not window.inherits("QMenu"):
                    found.append(f"off screen: {window.windowTitle() or type(window).__name__} {frame.getRect()}")
                for area in window.findChildren(QScrollArea):
                    if area.isVisible() and area.horizontalScrollBar().isVisible() and area.objectName().startswith("page_"):
                        found.append(f"sideways scroll on {area.objectName()}")
        return sorted(set(found))

    def shot(self, label: str):
        yield 300
        n = len(self.shots) + 1
        path = self.out / f"{n:02d}-{_slug(self.story)}-{_slug(label)}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        problems = self.check(label)
        self.shots.append({"file": path.name, "story": self.story, "problems": problems})
        self.problems += [f"{path.name}: {p}" for p in problems]


def _xy(point: QPoint) -> tuple[int, int]:
    return point.x(), point.y()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def _data(text: str) -> bool:
    """Texts that are the owner's data or file names, not the window's words."""
    return bool(re.search(r"\.(smedesk|pdf|csv|zip|png)\b|/", text))


def _item_texts(view: QAbstractItemView) -> list[str]:
    out = []
    if isinstance(view, QTableWidget):
        for r in range(min(view.rowCount(), 30)):
            for c in range(view.columnCount()):
                item = view.item(r, c)
                if item is not None:
                    out.append(item.text())
    else:
        out += [view.item(n).text() for n in range(min(view.count(), 30))]
    return out


