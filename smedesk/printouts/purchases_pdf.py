"""Compras sugeridas as a PDF: one table per supplier with what to buy, the
latest price and the amount. Fed plain data and a translator
(smedesk.core.i18n.Translator); it reads no database."""

from __future__ import annotations

from pathlib import Path

from smedesk.core.i18n import Translator
from smedesk.printouts.pdf_common import (
    NORMAL,
    SMALL,
    TITLE,
    Paragraph,
    Spacer,
    amount,
    build,
    esc,
    grid,
)


def write_suggested_pdf(data: dict, path: Path, tr: Translator, *, progress=None, cancelled=None) -> Path | None:
    """data: business (name, ruc, address), printed (text), lang, groups (supplier,
    ruc, lines of code, name, unit, qty, price, amount, last_bought; total), total."""
    lang = data.get("lang", "es")
    biz = data["business"]
    title = tr("Suggested purchases")
    story = [Paragraph(f"<b>{esc(biz['name'])}</b>", NORMAL), Paragraph(esc(f"RUC {biz['ruc']}"), NORMAL),
             Paragraph(esc(biz.get("address", "")), SMALL), Spacer(1, 6), Paragraph(esc(title), TITLE),
             Paragraph(esc(tr("Printed on {day}", day=data["printed"])), SMALL), Spacer(1, 6)]
    if not data["groups"]:
        story.append(Paragraph(esc(tr("Nothing to buy: the stock covers the open orders.")), NORMAL))
    header = [tr("Code"), tr("Material"), tr("Unit"), tr("Quantity"), tr("Latest price"),
              tr("Amount")]
    for group in data["groups"]:
        who = group["supplier"] + (f" · RUC {group['ruc']}" if group.get("ruc") else "")
        story += [Spacer(1, 8), Paragraph(f"<b>{esc(who)}</b>", NORMAL), Spacer(1, 3)]
        body = [[ln["code"], ln["name"], ln["unit"], amount(ln["qty"], lang), amount(ln["price"], lang, 4),
                 amount(ln["amount"], lang)] for ln in group["lines"]]
        body.append(["", tr("Total"), "", "", "", amount(group["total"], lang)])
        story.append(grid([header] + body, [22, 62, 14, 24, 30, 28], numeric_from=3, total_rows=1))
    if data["groups"]:
        story += [Spacer(1, 8), Paragraph(f"<b>{esc(tr('Total to buy: S/ {amount}', amount=amount(data['total'], lang)))}</b>",
                                          NORMAL)]
    return build(path, story, title, progress=progress, cancelled=cancelled)
