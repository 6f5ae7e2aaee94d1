"""The process view as HTML: dates, amounts, items, documents, awards."""

from __future__ import annotations

from html import escape

from smedesk.core import clock, money
from smedesk.core.i18n import tr


def when(value: str | None) -> str:
    if not value:
        return "—"
    return clock.to_lima(value).strftime("%d/%m/%Y %H:%M")


def amount(cents: int | None) -> str:
    if cents is None:
        return tr("not published")
    return money.format_money(int(cents))


def _table(headers: list[str], lines: list[list[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line) + "</tr>" for line in lines)
    return f"<table cellspacing='0' cellpadding='3' border='1' width='100%'><tr>{head}</tr>{body}</table>"


def process_html(process: dict) -> str:
    parts = [
        f"<h3>{escape(process['title'])}</h3>",
        f"<p>{escape(process['description'])}</p>",
        "<p>" + "<br>".join([
            f"<b>{escape(tr('Entity'))}:</b> {escape(process['buyer'])} (RUC {escape(process['buyer_ruc'] or '—')})",
            f"<b>{escape(tr('Department'))}:</b> {escape(process['department'])}",
            f"<b>{escape(tr('Method'))}:</b> {escape(process['method'])}",
            f"<b>{escape(tr('Status'))}:</b> {escape(process['status'])}",
            f"<b>{escape(tr('Estimated amount'))}:</b> {escape(amount(process['amount_cents']))}",
            f"<b>{escape(tr('Published'))}:</b> {when(process['published'])}",
            f"<b>{escape(tr('Questions until'))}:</b> {when(process['enquiry_end'])}",
            f"<b>{escape(tr('Bids until'))}:</b> {when(process['tender_end'])}",
            f"<b>OCID:</b> {escape(process['ocid'])}",
        ]) + "</p>",
        f"<h4>{escape(tr('Items'))}</h4>",
        _table([tr("Tender item"), "CUBSO", tr("Quantity"), tr("Unit"), tr("Status"), tr("Amount")],
               [[escape(i["description"]), escape(i["cubso"]), escape(i["quantity"] or "—"), escape(i["unit"]),
                 escape(i["status_details"] or i["status"]), escape(amount(i["total_cents"]))]
                for i in process["items"]]),
    ]
    if process["documents"]:
        parts.append(f"<h4>{escape(tr('Documents'))}</h4><ul>")
        parts += [f"<li><a href='{escape(d['url'], quote=True)}'>{escape(d['title'] or d['doc_type'])}</a>"
                  f" ({when(d['published'])})</li>" for d in process["documents"]]
        parts.append("</ul>")
    if process["awards"]:
        parts.append(f"<h4>{escape(tr('Awards'))}</h4>")
        lines = []
        for award in process["awards"]:
            for item in award["items"] or [{}]:
                lines.append([when(award["date"]), escape(award["supplier"]), escape(award["supplier_ruc"]),
                              escape(item.get("quantity") or "—"), escape(amount(item.get("unit_price_cents"))),
                              escape(amount(award["value_cents"]))])
        parts.append(_table([tr("Date"), tr("Supplier"), "RUC", tr("Quantity"), tr("Unit price"), tr("Total")],
                            lines))
    if process["contracts"]:
        parts.append(f"<h4>{escape(tr('Contracts'))}</h4>")
        parts.append(_table([tr("Contract"), tr("Signed"), tr("Amount")],
                            [[escape(c["contract_id"]), when(c["date_signed"]), escape(amount(c["value_cents"]))]
                             for c in process["contracts"]]))
    return "".join(parts)
