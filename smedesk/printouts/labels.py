"""Label sheets: A4 with 3 × 8 labels (70 × 37 mm) or a 50 × 25 mm thermal
roll, one label a page. Each label: barcode, readable code, order, product,
part and piece n/N or the bundle's quantity, size and colour."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from smedesk.core.i18n import Translator
from smedesk.printouts.barcodes import clip_text, draw
from smedesk.printouts.pdf_common import Cancelled, check, written
from smedesk.tracking import trackcodes

LAYOUTS = ("a4", "roll")
# From this many labels the window draws them in a child process (printouts.process). Measured
# with benchmarks/window.py: for 1,000 labels a render thread leaves the window's longest pause
# shorter (11-16 ms against 20-22 ms) and takes half the time; the child's start (a fresh
# interpreter importing reportlab) pays off only for batches that draw for many seconds.
IN_PROCESS_FROM = 5000
A4_COLS, A4_ROWS = 3, 8
ROLL = (50 * mm, 25 * mm)
FONT, BOLD = "Helvetica", "Helvetica-Bold"


def describe(unit: dict, tr: Translator) -> str:
    """'Pata 2/4 · pieza 3/10', 'Paquete de 10 pzs' or 'Pieza 3/10'."""
    if unit["is_bundle"]:
        return tr("Bundle {n}: {qty} pcs", n=unit["piece_no"], qty=unit["qty"])
    piece = tr("piece {n}/{total}", n=unit["piece_no"], total=unit["job_qty"])
    if unit["part"]:
        return f"{unit['part']} {unit['part_no']}/{unit['part_count']} · {piece}"
    return piece[:1].upper() + piece[1:]


def variant_text(unit: dict, tr: Translator) -> str:
    return " ".join(x for x in (unit.get("size") and tr("Size {size}", size=unit["size"]), unit.get("colour")) if x)


def _label(c: Canvas, unit: dict, order: str, x: float, y: float, w: float, h: float, *, small: bool,
           tr: Translator) -> None:
    pad = 2 * mm if small else 4 * mm  # sheets are printed edge to edge: keep clear of the printer's margin
    inner = w - 2 * pad
    bar_h = h * (0.36 if small else 0.34)
    top = y + h - pad
    draw(c, unit["code"], x + pad, top - bar_h, inner, bar_h)
    line = top - bar_h - (8.5 if small else 12)
    size = 7.5 if small else 10
    c.setFont(BOLD, size)
    c.drawCentredString(x + w / 2, line, trackcodes.pretty(unit["code"]))
    text_size = 6 if small else 8
    line -= text_size + 2
    c.setFont(BOLD, text_size)
    c.drawString(x + pad, line, clip_text(c, f"{order} · {unit['sku']}", BOLD, text_size, inner))
    line -= text_size + 1.5
    c.setFont(FONT, text_size)
    c.drawString(x + pad, line, clip_text(c, unit["product"], FONT, text_size, inner))
    line -= text_size + 1.5
    detail = describe(unit, tr)
    extra = variant_text(unit, tr)
    c.drawString(x + pad, line, clip_text(c, detail + (f" · {extra}" if extra else ""), FONT, text_size, inner))


def render(units: list[dict], order: str, path, *, layout: str = "a4", tr: Translator,
           progress=None, cancelled=None) -> Path | None:
    """Write the labels of `units` (release.order_units rows) to a PDF in the
    language of `tr`. `progress(done, total)` is told every few labels; when
    `cancelled()` turns true nothing is written and None is returned."""
    if layout not in LAYOUTS:
        from smedesk.core.errors import ValidationError

        raise ValidationError(tr("Unknown label layout «{layout}» (a4 or roll).", layout=layout), field="layout")
    path = Path(path)
    try:
        with written(path) as part:
            _draw(Canvas(str(part), pagesize=ROLL if layout == "roll" else A4), units, order, layout, tr,
                  progress, cancelled)
    except Cancelled:
        return None
    if progress:
        progress(len(units), len(units))
    return path


def _draw(c: Canvas, units: list[dict], order: str, layout: str, tr: Translator, progress, cancelled) -> None:
    c.setTitle(tr("Labels {order}", order=order))
    if layout == "roll":
        for n, unit in enumerate(units):
            _stop(n, len(units), progress, cancelled)
            _label(c, unit, order, 0, 0, ROLL[0], ROLL[1], small=True, tr=tr)
            c.showPage()
    else:
        w, h = A4[0] / A4_COLS, A4[1] / A4_ROWS
        per_page = A4_COLS * A4_ROWS
        for n, unit in enumerate(units):
            _stop(n, len(units), progress, cancelled)
            slot = n % per_page
            if n and slot == 0:
                c.showPage()
            col, row = slot % A4_COLS, slot // A4_COLS
            _label(c, unit, order, col * w, A4[1] - (row + 1) * h, w, h, small=False, tr=tr)
    if not units:
        c.setFont(FONT, 10)
        c.drawString(20, 20, tr("No labels: release the order first."))
    if layout == "a4" or not units:
        c.showPage()
    c.save()


def _stop(n: int, total: int, progress, cancelled) -> None:
    """Report every 24 labels (an A4 sheet); raise Cancelled when the job was cancelled."""
    if n % 24 == 0:
        check(progress, cancelled, n, total)
