"""The printed representation of an electronic comprobante, A4 or an 80 mm ticket,
rendered from plain data (`smedesk.einvoice.representation.printable`) and a
translator for the labels; SUNAT's own wording (titles, legend, amount in words)
stays in Spanish in every language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from smedesk.core.i18n import Translator
from smedesk.core.money import format_money
from smedesk.printouts.pdf_common import NORMAL, SMALL, TITLE, build_doc, esc, grid
from smedesk.printouts.qr import qr_drawing

TICKET_WIDTH = 80 * mm
TINY = ParagraphStyle("tiny", parent=SMALL, fontSize=7, leading=8.5)
CENTRE = ParagraphStyle("centre", parent=NORMAL, alignment=1)
CENTRE_BOLD = ParagraphStyle("centre_bold", parent=NORMAL, alignment=1, fontName="Helvetica-Bold", fontSize=10)


def number(value: Decimal, places: int = 2) -> str:
    return format(Decimal(value).quantize(Decimal(1).scaleb(-places)), f",.{places}f")


def quantity(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text


def price(value: Decimal) -> str:
    """A unit price with at least two decimals and as many as it has (exact, 6+ stored)."""
    value = Decimal(value).normalize()
    places = max(2, -value.as_tuple().exponent)
    return number(value, places)


def _facts(data: dict, tr) -> list[tuple[str, str]]:
    cust = data["customer"]
    facts = [(tr("Date"), "/".join(reversed(data["date"].split("-")))),
             (tr("Customer"), cust["name"])]
    if cust["doc"]:
        facts.append((cust["doc_name"], cust["doc"]))
    if cust["address"]:
        facts.append((tr("Address"), cust["address"]))
    facts.append((tr("Currency"), data["currency"]))
    if data["payment"]:
        facts.append((tr("Payment"), data["payment"]))
    if data["ref"]:
        facts.append((tr("Modifies"), data["ref"]["document"]))
        facts.append((tr("Reason"), data["ref"]["reason"]))
    return facts


def _totals(data: dict, tr) -> list[tuple[str, Decimal]]:
    tot = data["totals"]
    shown = [(tr("Taxed sales"), tot["taxed"]), (tr("Exonerated sales"), tot["exonerado"]),
             (tr("Unaffected sales"), tot["inafecto"]), (tr("Export sales"), tot["export"])]
    out = [(label, value) for label, value in shown if value]
    out.append((f"IGV {number(tot['igv_percent'], 0)}%", tot["igv"]))
    out.append((tr("Total {currency}", currency=data["currency"]), tot["total"]))
    return out


def _a4_lines(data: dict, tr, totals: list, width: float):
    """One row a line: quantity, unit, description, unit price, discount (when any), amount."""
    with_discount = any(li["discount"] for li in data["lines"])
    head = [tr("Qty"), tr("Unit"), tr("Description"), tr("Unit price")] + ([tr("Discount")] if with_discount else []) + \
        [tr("Amount")]
    rows = [head]
    for li in data["lines"]:
        rows.append([quantity(li["qty"]), li["unit"], Paragraph(esc(li["description"]), SMALL), price(li["unit_price"])] +
                    ([number(li["discount"]) if li["discount"] else ""] if with_discount else []) +
                    [number(li["amount"])])
    for label, value in totals:
        rows.append(["", "", label, ""] + ([""] if with_discount else []) + [number(value)])
    usable = width / mm - 30
    widths = [16, 14, usable - 16 - 14 - 26 - 26 - (22 if with_discount else 0), 26] + \
        ([22] if with_discount else []) + [26]
    return grid(rows, widths, numeric_from=3, total_rows=len(totals))


def _ticket_lines(data: dict, tr, totals: list):
    """72 mm of paper: each line's description on a row of its own, the whole width, and
    under it quantity with its unit, unit price, discount (when any) and amount, so that
    the columns still multiply as printed and nothing overlaps."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    with_discount = any(li["discount"] for li in data["lines"])
    head = [tr("Qty"), tr("Unit price")] + ([tr("Discount")] if with_discount else []) + [tr("Amount")]
    cols = len(head)
    rows, style = [head], [("FONT", (0, 0), (-1, -1), "Helvetica", 7),
                           ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                           ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                           ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]
    for li in data["lines"]:
        r = len(rows)
        rows.append([Paragraph(esc(li["description"]), TINY)] + [""] * (cols - 1))
        style.append(("SPAN", (0, r), (-1, r)))
        rows.append([f"{quantity(li['qty'])} {li['unit']}", price(li["unit_price"])] +
                    ([number(li["discount"]) if li["discount"] else ""] if with_discount else []) +
                    [number(li["amount"])])
    first_total = len(rows)
    for label, value in totals:
        r = len(rows)
        rows.append([label] + [""] * (cols - 2) + [number(value)])
        style += [("SPAN", (0, r), (-2, r)), ("ALIGN", (0, r), (-2, r), "LEFT"),
                  ("FONT", (0, r), (-1, r), "Helvetica-Bold", 7)]
    style.append(("LINEABOVE", (0, first_total), (-1, first_total), 0.6, colors.black))
    usable = TICKET_WIDTH / mm - 8 - 5  # the margins, and the frame's own 6 pt padding each side
    widths = [18, 18, 16, usable - 52] if with_discount else [22, 22, usable - 44]
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _story(data: dict, tr, width: float) -> list:
    issuer = data["issuer"]
    title_style = TITLE if width > TICKET_WIDTH else CENTRE_BOLD
    story = [Paragraph(f"<b>{esc(issuer['name'])}</b>", CENTRE if width <= TICKET_WIDTH else NORMAL),
             Paragraph(f"RUC {esc(issuer['ruc'])}", CENTRE if width <= TICKET_WIDTH else NORMAL),
             Paragraph(esc(issuer["address"]), TINY if width <= TICKET_WIDTH else SMALL),
             Spacer(1, 4), Paragraph(esc(data["title"]), title_style),
             Paragraph(f"<b>{esc(data['document'])}</b>", CENTRE_BOLD if width <= TICKET_WIDTH else NORMAL),
             Spacer(1, 4)]
    style = TINY if width <= TICKET_WIDTH else NORMAL
    for label, value in _facts(data, tr):
        story.append(Paragraph(f"<b>{esc(label)}:</b> {esc(value)}", style))
    story.append(Spacer(1, 5))
    totals = _totals(data, tr)
    story.append(_ticket_lines(data, tr, totals) if width <= TICKET_WIDTH else _a4_lines(data, tr, totals, width))
    story += [Spacer(1, 5), Paragraph(esc(data["words"]), style)]
    if data.get("detraccion"):
        story += _detraccion(data["detraccion"], tr, style)
    if data.get("retencion"):
        story += _retencion(data["retencion"], tr, style)
    if data["cuotas"]:
        story.append(Spacer(1, 3))
        for q in data["cuotas"]:
            due = "/".join(reversed(q["due"].split("-")))
            story.append(Paragraph(esc(tr("Cuota {n}: {amount} due {date}", n=q["n"], amount=number(q["amount"]),
                                         date=due)), style))
    story += [Spacer(1, 6), qr_drawing(data["qr"], 28 * mm if width <= TICKET_WIDTH else 32 * mm)]
    if data["hash"]:
        story.append(Paragraph(esc(tr("Hash: {hash}", hash=data["hash"])), TINY))
    story.append(Paragraph(esc(data["legend"]), TINY if width <= TICKET_WIDTH else SMALL))
    return story


def _detraccion(d: dict, tr, style) -> list:
    """RS 183-2004/SUNAT: the legend, then the code, percent and amount (soles), the
    Banco de la Nación account the customer deposits in, and what is left to pay."""
    net = tr("Net to pay (total less the detracción): {amount}", amount=format_money(d["net"], d["currency"]))
    out = [Spacer(1, 4), Paragraph(f"<b>{esc(d['legend'])}</b>", style),
           Paragraph(esc(tr("Detracción: code {code} {name}, {percent}%: {amount}", code=d["code"], name=d["name"],
                            percent=quantity(d["percent"]), amount=format_money(d["amount"], "PEN"))), style)]
    if d["account"]:  # a contingency document recorded afterwards may lack it
        out.append(Paragraph(esc(tr("Banco de la Nación account: {account}", account=d["account"])), style))
    return out + [Paragraph(f"<b>{esc(net)}</b>", style)]


def _retencion(r: dict, tr, style) -> list:
    """A factura to an agente de retención: the retención del IGV and what is left to pay
    (the "monto neto pendiente de pago" of a Crédito, RS 193-2020/SUNAT)."""
    kept = tr("Retención del IGV {percent}%: {amount}", percent=quantity(r["percent"]),
              amount=format_money(r["amount"], r["currency"]))
    net = (tr("Net amount pending payment: {amount}", amount=format_money(r["net"], r["currency"])) if r["credit"]
           else tr("Net to pay (total less the retención): {amount}", amount=format_money(r["net"], r["currency"])))
    return [Spacer(1, 4), Paragraph(esc(kept), style), Paragraph(f"<b>{esc(net)}</b>", style)]


def page_of(data: dict, layout: str) -> tuple[tuple[float, float], float]:
    """The page size and margin of a layout: a4, or ticket (80 mm roll: the page grows with the lines)."""
    from reportlab.lib.pagesizes import A4

    if layout == "ticket":
        height = (130 + 9 * len(data["lines"]) + 5 * len(data["cuotas"]) + (30 if data.get("detraccion") else 0) +
                  (12 if data.get("retencion") else 0)) * mm
        return (TICKET_WIDTH, height), 4 * mm
    return A4, 15 * mm


def story(data: dict, tr: Translator, layout: str = "a4") -> list:
    return _story(data, tr, page_of(data, layout)[0][0])


def write_representation(data: dict, path: Path | str, *, layout: str = "a4", translate: Translator,
                         progress=None, cancelled=None) -> Path | None:
    """layout a4 or ticket; `translate` renders the labels in its language (the
    parameters named `tr` above are that translator, so the strings are found for translation).
    None, and no file, when cancelled."""
    page, margin = page_of(data, layout)
    return build_doc(path, _story(data, translate, page[0]), title=f"{data['title']} {data['document']}",
                     pagesize=page, margins=(margin,) * 4, progress=progress, cancelled=cancelled)
