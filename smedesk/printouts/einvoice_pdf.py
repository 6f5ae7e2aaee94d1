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

from smedesk.core.i18n import Translator, translator
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
    with_discount = any(li["discount"] for li in data["lines"])
    head = [tr("Qty"), tr("Unit"), tr("Description"), tr("Unit price")] + ([tr("Discount")] if with_discount else []) + \
        [tr("Amount")]
    rows = [head]
    for li in data["lines"]:
        rows.append([quantity(li["qty"]), li["unit"], li["description"], price(li["unit_price"])] +
                    ([number(li["discount"]) if li["discount"] else ""] if with_discount else []) +
                    [number(li["amount"])])
    totals = _totals(data, tr)
    for label, value in totals:
        rows.append(["", "", label, ""] + ([""] if with_discount else []) + [number(value)])
    usable = width / mm - (8 if width <= TICKET_WIDTH else 30)
    if width <= TICKET_WIDTH:
        widths = [9, 8, usable - 9 - 8 - 14 - 14 - (10 if with_discount else 0), 14] + \
            ([10] if with_discount else []) + [14]
    else:
        widths = [16, 14, usable - 16 - 14 - 26 - 26 - (22 if with_discount else 0), 26] + \
            ([22] if with_discount else []) + [26]
    story.append(grid(rows, widths, numeric_from=3, total_rows=len(totals)))
    story += [Spacer(1, 5), Paragraph(esc(data["words"]), style)]
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


def page_of(data: dict, layout: str) -> tuple[tuple[float, float], float]:
    """The page size and margin of a layout: a4, or ticket (80 mm roll: the page grows with the lines)."""
    from reportlab.lib.pagesizes import A4

    if layout == "ticket":
        height = (130 + 9 * len(data["lines"]) + 5 * len(data["cuotas"])) * mm
        return (TICKET_WIDTH, height), 4 * mm
    return A4, 15 * mm


def story(data: dict, tr: Translator, layout: str = "a4") -> list:
    return _story(data, tr, page_of(data, layout)[0][0])


def write_representation(data: dict, path: Path | str, *, layout: str = "a4", translate: Translator | None = None,
                         progress=None, cancelled=None) -> Path | None:
    """layout a4 or ticket; `translate` renders the labels (the current language when None; the
    parameters named `tr` above are that translator, so the strings are found for translation).
    None, and no file, when cancelled."""
    translate = translate or translator()
    page, margin = page_of(data, layout)
    return build_doc(path, _story(data, translate, page[0]), title=f"{data['title']} {data['document']}",
                     pagesize=page, margins=(margin,) * 4, progress=progress, cancelled=cancelled)
