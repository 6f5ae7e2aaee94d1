"""Worksheets (one page per job: its steps, standard times, room for the
actual times and the operator, a barcode per step), step cards and operator
badges to scan at the station, and the weekly piece-rate pay sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from smedesk.core import clock, dates
from smedesk.core.i18n import Translator
from smedesk.core.money import canonical, dec_str, rate_str
from smedesk.printouts.barcodes import ReadableBarcode, clip_text, draw, fit_text
from smedesk.printouts.pdf_common import Cancelled, build_doc, check, written
from smedesk.tracking import trackcodes

GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
    ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
])


def _styles():
    sheet = getSampleStyleSheet()
    return sheet["Title"], sheet["Normal"]


def worksheet(path, business: dict, order: dict, jobs: list[dict], *, tr: Translator,
              progress=None, cancelled=None) -> Path | None:
    """`jobs`: release.jobs rows, each with "steps" (job_steps rows); in the
    language of `tr`. None, and no file, when cancelled."""
    title, normal = _styles()
    story = []
    for n, job in enumerate(jobs):
        if progress:
            progress(n, len(jobs))
        if n:
            story.append(PageBreak())
        story.append(Paragraph(tr("Worksheet {job}", job=job["number"]), title))
        variant = " ".join(x for x in (job.get("size"), job.get("colour")) if x)
        facts = [
            [tr("Business"), business["name"], tr("Order"), order["number"]],
            [tr("Customer"), order["customer"], tr("Due date"), dates.show_date(order["due_date"])],
            [tr("Product"), f"{job['sku']} · {job['product']}", tr("Pieces"), str(job["qty"])],
            [tr("Size / colour"), variant or "—", tr("Printed"), clock.to_lima(clock.now()).strftime("%d/%m/%Y")],
        ]
        table = Table(facts, colWidths=[26 * mm, 78 * mm, 32 * mm, 50 * mm])
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                                   ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9),
                                   ("FONT", (2, 0), (2, -1), "Helvetica-Bold", 9)]))
        story += [table, Spacer(1, 5 * mm)]
        head = [tr("No."), tr("Step"), tr("Std. min/pc"), tr("Std. total"), tr("Scan"), tr("Operator"),
                tr("Start"), tr("End"), tr("Actual min")]
        small = ParagraphStyle("head", parent=normal, fontName="Helvetica-Bold", fontSize=8, leading=9)
        body = [[Paragraph(text, small) for text in head]]
        total = Decimal(0)
        for s in job["steps"]:
            std = Decimal(s["std_minutes"])
            total += std * job["qty"]
            body.append([str(s["seq"]), Paragraph(s["name"], normal), canonical(std), canonical(std * job["qty"]),
                         # the step's number, not its name: short enough to stay inside its
                         # column with bars a 203 dpi printer prints evenly, its code under it
                         ReadableBarcode(trackcodes.step_card_code(s["seq"]), 40 * mm, 11 * mm), "", "", "", ""])
        body.append(["", tr("Total"), "", canonical(total), "", "", "", "", ""])
        steps = Table(body, colWidths=[9 * mm, 30 * mm, 16 * mm, 16 * mm, 44 * mm, 26 * mm, 14 * mm, 14 * mm,
                                       17 * mm], rowHeights=[10 * mm] + [13 * mm] * len(job["steps"]) + [7 * mm])
        steps.setStyle(GRID)
        story += [steps, Spacer(1, 4 * mm),
                  Paragraph(tr("Scan the step's barcode at the station, then each label as it finishes the step."),
                            normal)]
    return build_doc(path, story or [Paragraph(tr("No jobs: release the order first."), normal)],
                     title=tr("Worksheet {job}", job=order["number"]), margins=(12 * mm,) * 4,
                     progress=progress, cancelled=cancelled)


def cards(path, steps: list[str], people: list[dict], *, tr: Translator,
          cancelled=None) -> Path | None:
    """Step cards (one per step name) and operator badges, 2 × 5 on A4, in the language of `tr`."""
    try:
        with written(path) as part:
            _cards(Canvas(str(part), pagesize=A4), steps, people, tr, cancelled)
    except Cancelled:
        return None
    return Path(path)


def _cards(c: Canvas, steps: list[str], people: list[dict], tr: Translator, cancelled) -> None:
    c.setTitle(tr("Step cards and badges"))
    items = [(tr("STEP"), name, trackcodes.step_card_code(name)) for name in steps]
    items += [(tr("OPERATOR"), p["name"], p["badge"]) for p in people if p.get("badge")]
    w, h = A4[0] / 2, A4[1] / 5
    for n, (kind, name, code) in enumerate(items):
        slot = n % 10
        if n and slot == 0:
            check(cancelled=cancelled)
            c.showPage()
        x, y = (slot % 2) * w, A4[1] - (slot // 2 + 1) * h
        c.setStrokeColor(colors.lightgrey)
        c.rect(x + 4 * mm, y + 4 * mm, w - 8 * mm, h - 8 * mm)
        c.setFont("Helvetica", 9)
        c.drawString(x + 10 * mm, y + h - 14 * mm, kind)
        size = fit_text(c, name, "Helvetica-Bold", 22, w - 20 * mm)
        c.setFont("Helvetica-Bold", size)
        c.drawString(x + 10 * mm, y + h - 24 * mm, name)
        draw(c, code, x + 10 * mm, y + 14 * mm, w - 20 * mm, 16 * mm)
        c.setFont("Helvetica", 8)
        c.drawCentredString(x + w / 2, y + 9 * mm, code)
    if not items:
        c.drawString(20 * mm, A4[1] - 20 * mm, tr("No steps or badges yet."))
    c.showPage()
    c.save()


def pay_sheet(path, business: dict, pay: dict, *, tr: Translator, cancelled=None) -> Path | None:
    """`pay`: worktime.week_pay result; in the language of `tr`."""
    title, normal = _styles()
    story = [Paragraph(tr("Piece-rate pay, week {week}", week=pay["week"]), title),
             Paragraph(f"{business['name']} · {pay['from']} — {pay['to']}", normal), Spacer(1, 5 * mm)]
    for person in pay["operators"]:
        body = [[tr("Order"), tr("Step"), tr("Pieces"), tr("Rate S/"), tr("Amount S/")]]
        for line in person["lines"]:
            body.append([line["order"], line["step"], canonical(line["pieces"].quantize(Decimal("0.01"))),
                         rate_str(line["rate"]), dec_str(line["amount"])])
        body.append(["", tr("Total"), "", "", dec_str(person["total"])])
        table = Table(body, colWidths=[35 * mm, 55 * mm, 25 * mm, 25 * mm, 30 * mm])
        table.setStyle(GRID)
        table.setStyle(TableStyle([("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                                   ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9)]))
        story += [Paragraph(f"<b>{person['operator'] or '—'}</b>", normal), Spacer(1, 2 * mm), table,
                  Spacer(1, 3 * mm), Paragraph(tr("Signature: ______________________"), normal), Spacer(1, 6 * mm)]
    if not pay["operators"]:
        story.append(Paragraph(tr("No scans this week."), normal))
    story.append(Paragraph(tr("Total for the week: S/ {amount}", amount=dec_str(pay["total"])), normal))
    return build_doc(path, story, title=tr("Piece-rate pay"), margins=(15 * mm,) * 4, cancelled=cancelled)


__all__ = ["worksheet", "cards", "pay_sheet", "clip_text"]
