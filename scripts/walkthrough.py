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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QListWidget,
)
from walkdriver import Walk  # noqa: E402


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
        # the product's own fields (the Variantes tab has a «SKU tienda» field_sku too)
        yield from walk.type_into(walk.find(f"field_{key}", within=editor.form), value)
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
    from smedesk.production import catalogue

    walk.expect(lambda: any(p["sku"] == "POL-01" for p in catalogue.list_products(walk.main.ctx.db)),
                "the product was not saved")
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
    yield from walk.type_into(walk.find("field_id_number", within=form), "20607182931")
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
    # the customer came in with the order: chosen from the list; the date stays today's
    yield from walk.choose(page.party, "Tiendas Lima")
    lines = page.lines.table
    # the line: the product from the catalogue (its description comes with it), then
    # the quantity and the price typed into their cells
    yield from walk.choose(lines.cellWidget(0, 0), "POL-01")
    for column, value in ((3, "12"), (4, "25.00")):
        yield from walk.edit_cell(lines, 0, column, value)
    yield from walk.shot("factura")
    yield from walk.click(walk.find("save_doc", within=page))
    yield from walk.answer_yes()
    yield 600
    yield from walk.shot("factura-registrada")
    from smedesk.accounts import documents

    walk.expect(lambda: any(d["doc_type"] == "01" and d["party_name"] == "Tiendas Lima SAC"
                            for d in documents.list_documents(walk.main.ctx.db, "sale")), "the factura was not recorded")
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
