"""The product editor: data and photo, materials, steps, parts and variants,
with the unit cost recomputed as the owner types."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smedesk.core import units
from smedesk.core.changes import Changes
from smedesk.core.errors import SmedeskError
from smedesk.core.i18n import tr
from smedesk.core.money import dec_str, from_cents, rate_str
from smedesk.production import catalogue as cat
from smedesk.production.sheet import preview_cost, save_product_sheet
from smedesk.ui.costing.grids import Grid
from smedesk.ui.costing.materials_view import unit_choice, unit_label
from smedesk.ui.costing.variants_panel import VariantsPanel
from smedesk.ui.widgets import ERROR_STYLE, OK_STYLE, Form

PHOTO_MAX = 600  # pixels: enough for a catalogue, small in the file


def image_bytes(path: str) -> bytes:
    """A picture file as PNG bytes no larger than PHOTO_MAX on its longer side."""
    image = QImage(path)
    if image.isNull():
        raise SmedeskError(tr("That file is not a picture that can be opened."), field="photo")
    if max(image.width(), image.height()) > PHOTO_MAX:
        image = image.scaled(PHOTO_MAX, PHOTO_MAX, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class ProductEditor(QWidget):
    saved = Signal(int)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.can_edit = ctx.actor.can("catalogue.edit")
        self.can_money = ctx.actor.can("money.view")
        self.photo: bytes | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._data_tab(), tr("Data"))
        unit_choices = [(u, unit_label(u)) for u in units.UNITS]
        self.materials = Grid([("material_code", tr("Material"), 0), ("qty", tr("Quantity"), 80),
                               ("unit", tr("Unit"), 70)], combos={"material_code": [], "unit": unit_choices})
        self.tabs.addTab(self.materials, tr("Materials"))
        step_cols = [("name", tr("Step"), 0), ("std_minutes", tr("Standard minutes"), 110)]
        if self.can_money:
            step_cols += [("rate_per_hour", tr("Rate per hour"), 100), ("piece_rate", tr("Piece rate"), 90)]
        self.steps = Grid(step_cols)
        self.tabs.addTab(self.steps, tr("Steps"))
        self.parts = Grid([("name", tr("Part"), 0), ("qty", tr("Quantity"), 80)])
        self.tabs.addTab(self.parts, tr("Parts"))
        self.variants = VariantsPanel(ctx)
        self.variants.changed.connect(lambda: self.saved.emit(self.product_id))
        self.tabs.addTab(self.variants, tr("Variants"))
        self.cost_label = QLabel("")
        self.cost_label.setObjectName("live_cost")
        self.cost_label.setWordWrap(True)
        self.cost_label.setStyleSheet("font-weight: 600;")
        self.cost_label.setVisible(self.can_money)
        layout.addWidget(self.cost_label)
        self.message = QLabel("")
        self.message.setObjectName("editor_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("Save product"))
        self.save_button.setObjectName("save_product")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for grid in (self.materials, self.steps):
            grid.changed.connect(self.update_cost)
        for grid in (self.materials, self.steps, self.parts):
            grid.set_editable(self.can_edit)
        self.save_button.setVisible(self.can_edit)
        self.product_id: int | None = None
        self.reload_choices()
        self.clear()

    # ---- building ------------------------------------------------------------
    def _data_tab(self) -> QWidget:
        tab = QWidget()
        row = QHBoxLayout(tab)
        self.form = Form()
        for key, label in (("sku", tr("SKU")), ("name", tr("Name")), ("name_en", tr("Name in English"))):
            self.form.add(key, label)
        self.unit = QComboBox()
        for u in units.UNITS:
            self.unit.addItem(unit_choice(u), u)
        self.form.add("unit", tr("Unit"), self.unit)
        self.form.add("hs_code", tr("Tariff code (10 digits)"))
        self.form.add("gtin", tr("GTIN (optional)"))
        self.form.add("min_order", tr("Minimum order"))
        self.active = QCheckBox(tr("Active: offered in the catalogue"))
        self.form.add("active", "", self.active)
        price = self.form.add("price", tr("List price without IGV (S/)"))
        if not self.can_money:
            price.setEnabled(False)
            self.form.layout_.setRowVisible(price.parentWidget(), False)
        self.form.finish()
        row.addWidget(self.form, 1)
        side = QVBoxLayout()
        self.photo_label = QLabel(tr("No photo"))
        self.photo_label.setObjectName("photo")
        self.photo_label.setFixedSize(120, 120)
        self.photo_label.setAlignment(Qt.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #c8d0d8; background: #f5f7f9;")
        side.addWidget(self.photo_label)
        self.photo_button = QPushButton(tr("Choose photo…"))
        self.photo_button.clicked.connect(self.choose_photo)
        side.addWidget(self.photo_button)
        self.photo_button.setVisible(self.can_edit)
        side.addStretch(1)
        row.addLayout(side)
        for field in self.form.fields.values():
            field.setEnabled(self.can_edit and field.isEnabled())
        return tab

    def reload_choices(self) -> None:
        found = cat.list_materials(self.ctx.db, prices=False)
        choices = [(m["code"], f"{m['code']} — {m['name']} ({unit_label(m['unit'])})") for m in found]
        self.materials.set_choices("material_code", choices)
        bought_by = {m["code"]: m["unit"] for m in found}
        self.materials.follow["material_code"] = ("unit", bought_by.get)
        self.variants.reload_choices(choices)

    # ---- loading -------------------------------------------------------------
    def clear(self) -> None:
        self.product_id = None
        self.photo = None
        for key in ("sku", "name", "name_en", "hs_code", "gtin", "min_order", "price"):
            self.form.fields[key].setText("")
        self.active.setChecked(True)
        self.form.fields["sku"].setEnabled(self.can_edit)
        self.unit.setCurrentIndex(self.unit.findData("unit"))
        self.form.clear_errors()
        self._show_photo()
        self.materials.set_rows([])
        self.steps.set_rows([])
        self.parts.set_rows([])
        self.variants.load(None)

    def load(self, product_id: int) -> None:
        db = self.ctx.db
        p = cat.get_product(db, product_id)
        self.clear()
        self.product_id = product_id
        for key in ("sku", "name", "name_en", "hs_code", "gtin"):
            self.form.fields[key].setText(p[key] or "")
        self.form.fields["sku"].setEnabled(False)
        self.form.fields["min_order"].setText(str(p["min_order"]))
        self.active.setChecked(bool(p["active"]))
        if self.can_money and p["price_cents"] is not None:
            self.form.fields["price"].setText(dec_str(from_cents(p["price_cents"])))
        self.unit.setCurrentIndex(max(self.unit.findData(p["unit"]), 0))
        self.photo = p["photo"]
        self._show_photo()
        self.materials.set_rows([{"material_code": ln["material_code"], "qty": ln["qty"], "unit": ln["unit"]}
                                 for ln in cat.bom(db, product_id)])
        self.steps.set_rows([{"name": s["name"], "std_minutes": s["std_minutes"],
                              "rate_per_hour": rate_str(s["rate_per_hour"]) if self.can_money else "",
                              "piece_rate": "" if s.get("piece_rate") is None else rate_str(s["piece_rate"])}
                             for s in cat.steps(db, product_id, rates=self.can_money)])
        self.parts.set_rows([{"name": p["name"], "qty": str(p["qty"])} for p in cat.parts(db, product_id)])
        self.variants.load(product_id)
        self.update_cost()

    def _show_photo(self) -> None:
        if self.photo:
            pixmap = QPixmap()
            pixmap.loadFromData(self.photo)
            self.photo_label.setPixmap(pixmap.scaled(116, 116, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(tr("No photo"))

    # ---- actions -------------------------------------------------------------
    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose photo…"), str(Path(self.ctx.db_path).parent),
                                              tr("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            self.set_photo_file(path)

    def set_photo_file(self, path: str) -> None:
        try:
            self.photo = image_bytes(path)
        except SmedeskError as exc:
            self.form.show_error(exc)
            return
        self._show_photo()

    def data(self) -> dict:
        out = {key: self.form.text(key) for key in ("sku", "name", "name_en", "hs_code", "gtin", "min_order")}
        out["unit"] = self.unit.currentData()
        if self.can_money:
            out["price"] = self.form.text("price")
        out["photo"] = self.photo
        return out

    def bom_lines(self) -> list[dict]:
        return [{"material_code": r["material_code"], "qty": r["qty"], "unit": r["unit"]}
                for r in self.materials.rows()]

    def step_rows(self) -> list[dict]:
        return self.steps.rows()

    def part_rows(self) -> list[tuple[str, str]]:
        return [(r["name"], r["qty"]) for r in self.parts.rows()]

    def update_cost(self) -> None:
        if not self.can_money:
            return
        cost, problems = preview_cost(self.ctx.db, self.bom_lines(), self.steps.rows(),
                                      sku=self.form.text("sku"), name=self.form.text("name"))
        text = tr("Unit cost: S/ {total} (materials S/ {materials} · labour S/ {labour} · overhead S/ {overhead})",
                  total=cost.unit_cost, materials=cost.materials, labour=cost.labour, overhead=cost.overhead)
        if problems:
            text += "\n" + tr("Not counted yet: {problem}", problem=problems[0])
        self.cost_label.setText(text)

    def say(self, text: str, *, ok: bool = False) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)

    def save(self) -> None:
        """Saved on the database worker; a refusal opens the tab of its field
        and everything typed stays."""
        self.form.clear_errors()
        self.say("")
        data, lines, steps, parts = self.data(), self.bom_lines(), self.step_rows(), self.part_rows()
        active, actor = self.active.isChecked(), self.ctx.actor
        self.ctx.ops.write(lambda db: save_product_sheet(db, data, bom_lines=lines, steps=steps, parts=parts,
                                                         active=active, actor=actor),
                           changes=Changes("catalogue"), done=self._saved, failed=self._refused)

    def _refused(self, exc: SmedeskError) -> None:
        if exc.field in self.form.fields:
            self.form.show_error(exc)
            self.tabs.setCurrentIndex(0)
        else:
            tab = {"material_code": 1, "qty": 1, "unit": 1, "steps": 2, "step": 2, "seq": 2,
                   "std_minutes": 2, "rate_per_hour": 2, "piece_rate": 2, "part": 3}.get(exc.field or "")
            if tab is not None:
                self.tabs.setCurrentIndex(tab)
        self.say(str(exc))

    def _saved(self, product_id: int) -> None:
        self.load(product_id)
        self.say(tr("Product saved."), ok=True)
        self.saved.emit(product_id)
