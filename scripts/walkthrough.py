"""The owner's walkthrough, run by scripts/walkthrough on an X display.

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

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QTimer  # noqa: E402
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


def stories(walk: Walk):
    """The owner's stories, one generator step at a time (run on the event loop)."""
    from smedesk.ui.main_window import MainWindow
    from smedesk.ui.welcome import WelcomeDialog

    walk.story = "1 primer inicio"
    yield from walk.until(lambda: isinstance(QApplication.activeModalWidget(), WelcomeDialog), "the welcome")
    welcome = QApplication.activeModalWidget()
    yield from walk.shot("bienvenida")
    for key, value in (("name", "Confecciones Rosa"), ("ruc", "20100070970"), ("address", "Jr. Gamarra 123, La Victoria"),
                       ("owner", "Rosa"), ("pin", "2580")):
        yield from walk.type_into(walk.find(f"field_{key}", within=welcome), value)
    yield from walk.shot("datos-del-negocio")
    yield from walk.click(walk.find("create_business", within=welcome))
    yield from walk.until(lambda: QApplication.activeModalWidget() is not None
                  and QApplication.activeModalWidget() is not welcome, "the login")
    yield from walk.shot("quien-es")
    yield from walk.type_into(walk.find("pin"), "2580")
    yield from walk.key("Return")
    yield from walk.until(lambda: any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()),
                  "the main window")
    walk.main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    yield 800
    yield from walk.shot("ventana-principal")
    yield

    walk.story = "2 materiales producto costo"
    yield from walk.page("Catálogo")
    page = walk.current
    bar = page.tabs.tabBar()
    yield from walk.click_at(bar.mapToGlobal(bar.tabRect(1).center()))
    yield 250
    materials = page.materials
    for key, value in (("code", "TEL-01"), ("name", "Tela jersey algodon"), ("price", "18.50"), ("waste_pct", "8"),
                       ("supplier", "Textil San Juan"), ("valid_from", "28/02/2026")):
        yield from walk.type_into(walk.find(f"field_{key}", within=materials), value)
    yield from walk.choose(materials.unit, "m ")
    yield from walk.shot("material")
    yield from walk.click(walk.find("save_material", within=materials))
    yield from walk.shot("material-guardado")
    yield from walk.click_at(bar.mapToGlobal(bar.tabRect(0).center()))
    yield 250
    yield from walk.click(walk.button("Nuevo producto", page))
    editor = page.editor
    for key, value in (("sku", "POL-01"), ("name", "Polo basico cuello redondo")):
        yield from walk.type_into(walk.find(f"field_{key}", within=editor), value)
    tabs = editor.tabs.tabBar()
    yield from walk.click_at(tabs.mapToGlobal(tabs.tabRect(1).center()))
    yield from walk.click(editor.materials.add_button)
    yield 250
    yield from walk.choose(editor.materials.table.cellWidget(0, 0), "TEL-01")
    cell = editor.materials.table.visualItemRect(editor.materials.table.item(0, 1))
    yield from walk.click_at(editor.materials.table.viewport().mapToGlobal(cell.center()))
    yield from walk.click_at(editor.materials.table.viewport().mapToGlobal(cell.center()))
    yield from walk.type_text("1.2")
    yield from walk.key("Return")
    yield from walk.shot("materiales-del-producto")
    yield from walk.click_at(tabs.mapToGlobal(tabs.tabRect(2).center()))
    yield from walk.click(editor.steps.add_button)
    steps = editor.steps.table
    first = steps.visualItemRect(steps.item(0, 0))
    yield from walk.click_at(steps.viewport().mapToGlobal(first.center()))
    yield from walk.click_at(steps.viewport().mapToGlobal(first.center()))
    for text in ("Costura", "12", "8"):
        yield from walk.type_text(text)
        yield from walk.key("Tab")
    yield from walk.shot("pasos-del-producto")
    yield from walk.click(walk.find("save_product", within=editor))
    yield 500
    yield from walk.shot("producto-guardado")
    yield from walk.page("Costos")
    yield 500
    yield from walk.shot("costo")
    yield

    walk.story = "3 importar hoja de calculo"
    sheet = walk.work / "Documentos" / "materiales.csv"
    sheet.write_text("Código;Nombre;Unidad;Precio;Moneda;Merma %\nBOT-01;Botón blanco;unid.;0,15;PEN;2\n"
                     "HIL-01;Hilo poliéster;unid.;3,50;PEN;0\n", encoding="utf-8")
    yield from walk.page("Catálogo")
    page = walk.current
    yield from walk.choose(walk.find("import_kind", within=page), "Materiales")
    yield from walk.click(walk.button("Importar", page))
    yield from walk.file_dialog(sheet)
    yield from walk.shot("importado")
    yield

    walk.story = "4 pedido con etiquetas"
    yield from walk.page("Pedidos")
    page = walk.current
    yield from walk.click(walk.find("go_new_order", within=page))
    form = page.new_form
    yield from walk.type_into(walk.find("field_number", within=form), "P-0001")
    customer = form.customer
    if customer.isEditable():
        yield from walk.type_into(customer.lineEdit(), "Tiendas Lima SAC")
    yield from walk.type_into(walk.find("field_id_number", within=form), "20100070970")
    yield from walk.shot("pedido-nuevo")
    table = form.lines
    yield from walk.choose(table.cellWidget(0, 0), "POL-01")
    yield from walk.type_into(table.cellWidget(0, 2), "12")
    yield from walk.click(walk.button("Guardar pedido", form))
    yield 600
    yield from walk.shot("pedido-guardado")
    orders = page.table
    if orders.rowCount():
        yield from walk.click_at(orders.viewport().mapToGlobal(orders.visualItemRect(orders.item(0, 0)).center()))
        yield from walk.click(page.buttons["release"])
        yield from walk.yes_if_asked()
        yield 600
        yield from walk.click(page.buttons["labels_a4"])
        yield 800
    yield from walk.shot("etiquetas")
    yield

    walk.story = "5 estacion de escaneo"
    yield from walk.page("Usuarios")
    users = walk.current
    for key, value in (("name", "Jorge"), ("pin", "1357"), ("badge", "OP01")):
        yield from walk.type_into(walk.find(f"field_{key}", within=users.form), value)
    yield from walk.click(walk.find("add_user", within=users))
    yield 400
    yield from walk.click(walk.find("logout", within=walk.main))
    yield from walk.until(lambda: QApplication.activeModalWidget() is not None, "the login")
    login = QApplication.activeModalWidget()
    people = login.findChild(QListWidget, "people")
    row = next(n for n in range(people.count()) if people.item(n).text() == "Jorge")
    yield from walk.click_at(people.viewport().mapToGlobal(people.visualItemRect(people.item(row)).center()))
    yield from walk.type_into(walk.find("pin", within=login), "1357")
    yield from walk.key("Return")
    yield from walk.until(lambda: any(isinstance(w, MainWindow) and w.isVisible() and w is not walk.main
                              for w in QApplication.topLevelWidgets()), "the staff window")
    walk.main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    yield 600
    yield from walk.shot("estacion")
    from smedesk.core.db import rows

    codes = [r["code"] for r in rows(walk.main.ctx.db, "SELECT code FROM track_units ORDER BY id LIMIT 2")]
    yield from walk.page("Escaneo")
    scan = walk.find("scan_input", within=walk.main)
    # what the scanner types: the step card, the badge, a label, the same label
    # again, and a label of another workshop
    from smedesk.tracking import trackcodes

    for label, code in (("tarjeta-del-paso", trackcodes.step_card_code("Costura")), ("fotocheck", "OP01"),
                        ("etiqueta", codes[0]), ("etiqueta-repetida", codes[0]),
                        ("etiqueta-de-otro-taller", trackcodes.make_code("ZZZ", 5))):
        yield from walk.type_into(scan, code)
        yield from walk.key("Return")
        yield 400
        yield from walk.shot(label)
    yield from walk.click(walk.find("logout", within=walk.main))
    yield from walk.until(lambda: QApplication.activeModalWidget() is not None, "the login")
    login = QApplication.activeModalWidget()
    people = login.findChild(QListWidget, "people")
    row = next(n for n in range(people.count()) if people.item(n).text() == "Rosa")
    yield from walk.click_at(people.viewport().mapToGlobal(people.visualItemRect(people.item(row)).center()))
    yield from walk.type_into(walk.find("pin", within=login), "2580")
    yield from walk.key("Return")
    yield from walk.until(lambda: any(isinstance(w, MainWindow) and w.isVisible() and w is not walk.main
                              for w in QApplication.topLevelWidgets()), "the owner's window")
    walk.main = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    yield

    walk.story = "6 factura"
    yield from walk.page("Ventas y compras")
    page = walk.current
    yield from walk.choose(page.doc_type, "01")
    yield 250
    # the customer came in with the order: chosen from the list
    yield from walk.choose(page.party, "Tiendas Lima")
    for key, value in (("date", "28/02/2026"), ("description", "Polo basico cuello redondo"), ("qty", "12"),
                       ("unit_price", "25,00")):
        found = page.form.fields.get(key)
        if found is not None and found.isVisible():
            yield from walk.type_into(found, value)
    yield from walk.shot("factura")
    yield from walk.click(walk.find("save_doc", within=page))
    yield 600
    yield from walk.shot("factura-registrada")
    yield

    walk.story = "7 copia y restauracion"
    yield from walk.page("Copias")
    page = walk.current
    yield from walk.click(walk.find("backup_usb", within=page))
    yield from walk.file_dialog(walk.stick)
    yield 600
    yield from walk.shot("copia-en-usb")
    copy = sorted(walk.stick.glob("*.smedesk"))[-1]
    yield from walk.click(walk.find("restore_other", within=page))
    yield from walk.file_dialog(copy)
    yield from walk.answer_yes()
    yield 800
    yield from walk.shot("restaurada")
    yield

    walk.story = "8 viaje con usb"
    from tests.sync.wcserver import Shop

    shop = Shop(key="ck_taller", secret="cs_taller").start()
    os.environ["REQUESTS_CA_BUNDLE"] = shop.ca_file
    yield from walk.page("Sincronizar")
    page = walk.current
    yield from walk.shot("sin-tienda")
    for key, value in (("base_url", shop.url), ("consumer_key", "ck_taller"), ("consumer_secret", "cs_taller")):
        yield from walk.type_into(walk.find(f"field_{key}", within=page.form), value)
    yield from walk.click(walk.find("save_connection", within=page))
    yield 400
    yield from walk.click(walk.find("write_bundle", within=page))
    yield from walk.file_dialog(walk.stick)
    yield 500
    yield from walk.shot("cambios-en-usb")
    # at the cabina: smedesk opened from the stick, no business file there
    cabina_start = WelcomeDialog(walk.stick / "cabina.smedesk")
    cabina_start.show()
    yield 600
    yield from walk.click(walk.find("open_cabina", within=cabina_start))
    yield from walk.until(lambda: QApplication.activeModalWidget() is not None, "the cabina window")
    cabina = QApplication.activeModalWidget()
    yield 400
    yield from walk.shot("cabina")
    if not walk.find("cabina_send", within=cabina).isEnabled():
        # not started from the stick itself here: the owner points at the file
        yield from walk.click(walk.find("cabina_choose", within=cabina))
        yield from walk.file_dialog(walk.stick / "smedesk-envio.zip")
        yield from walk.shot("cabina-archivo")
    yield from walk.click(walk.find("cabina_send", within=cabina))
    yield from walk.until(lambda: cabina.result.banner.isVisible(), "the cabina's answer", 30)
    yield from walk.shot("cabina-enviado")
    yield from walk.click(walk.button("Cerrar", cabina))
    cabina_start.close()
    yield 300
    yield from walk.page("Sincronizar")
    page = walk.current
    yield from walk.click(walk.find("read_bundle", within=page))
    yield from walk.file_dialog(walk.stick)
    yield 500
    yield from walk.shot("respuestas-leidas")
    shop.stop()
    yield


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "walkthrough-out").resolve()
    work = Path(tempfile.mkdtemp(prefix="smedesk-recorrido-"))
    os.environ["SMEDESK_CREDENTIALS_DIR"] = str(work / "USB" / "claves")
    os.environ["SMEDESK_NO_KEYRING"] = "1"
    from smedesk.ui import app as smedesk_app

    walk = Walk(out, work)
    qt = smedesk_app.application()
    steps = stories(walk)
    result = {"error": None}

    def advance():
        try:
            wanted = next(steps)
        except StopIteration:
            for w in QApplication.topLevelWidgets():
                w.close()
            qt.quit()
            return
        except Exception as exc:  # report where it stopped, then stop
            result["error"] = f"{walk.story}: {exc!r}"
            subprocess.run(["import", "-window", "root", str(walk.out / "error.png")], check=False)
            import traceback

            traceback.print_exc()
            os._exit(_report(walk, result))
        if isinstance(wanted, tuple):
            test, what = wanted
            deadline = time.monotonic() + 30

            def poll():
                if test():
                    QTimer.singleShot(100, advance)
                elif time.monotonic() > deadline:
                    result["error"] = f"{walk.story}: {what} did not happen"
                    subprocess.run(["import", "-window", "root", str(walk.out / "error.png")], check=False)
                    os._exit(_report(walk, result))
                else:
                    QTimer.singleShot(100, poll)

            QTimer.singleShot(100, poll)
        else:
            QTimer.singleShot(int(wanted or 50), advance)

    QTimer.singleShot(300, advance)
    smedesk_app.run_window(str(walk.db_path))
    return _report(walk, result)


def _report(walk: Walk, result: dict) -> int:
    summary = {"steps_per_story": walk.steps, "screenshots": len(walk.shots), "problems": walk.problems,
               "error": result["error"]}
    (walk.out / "resumen.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if result["error"] or walk.problems else 0


if __name__ == "__main__":
    sys.exit(main())
