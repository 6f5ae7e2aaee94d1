"""The plain data of a comprobante's printed representation (A4 or 80 mm ticket),
as SUNAT's Resolución 097-2012 and its annexes ask: the title, the legend, issuer,
customer, lines whose columns multiply as printed, one IGV figure at the combined
rate, the total in words, forma de pago and cuotas, the hash and the QR text; a sale
subject to SPOT adds the legend RS 183-2004/SUNAT asks for, the code, percent and amount
of the detracción, the Banco de la Nación account and what the customer pays the business;
a factura to an agente de retención adds the retención del IGV (3%) and the net pending payment."""

from __future__ import annotations

from decimal import Decimal

from smedesk.accounts.withholdings import SPOT_LEGEND
from smedesk.core.db import row, rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents
from smedesk.core.roles import require_view
from smedesk.einvoice import catalogs, certificate, issue
from smedesk.einvoice.words import amount_in_words

TITLES = {"01": "FACTURA ELECTRÓNICA", "03": "BOLETA DE VENTA ELECTRÓNICA", "07": "NOTA DE CRÉDITO ELECTRÓNICA",
          "08": "NOTA DE DÉBITO ELECTRÓNICA"}
LEGENDS = {"01": "Representación impresa de la Factura Electrónica",
           "03": "Representación impresa de la Boleta de Venta Electrónica",
           "07": "Representación impresa de la Nota de Crédito Electrónica",
           "08": "Representación impresa de la Nota de Débito Electrónica"}


def qr_text(ruc: str, doc_type: str, series: str, number: int, tax_cents: int, total_cents: int, date: str,
            customer_doc_type: str, customer_doc: str, digest: str) -> str:
    """RUC|TIPO|SERIE|NUMERO|IGV|TOTAL|FECHA|TIPO DOC ADQUIRENTE|NUMERO DOC ADQUIRENTE|HASH|"""
    from smedesk.einvoice.ubl import money

    fields = [ruc, doc_type, series, f"{number:08d}", money(tax_cents), money(total_cents), date, customer_doc_type,
              customer_doc, digest]
    return "|".join(fields) + "|"


def printable(db, doc_id: int) -> dict:
    """Everything the representation prints, as plain values (Decimal amounts)."""
    require_view(db, "accounts.view")
    side = row(db, "SELECT * FROM einvoice_documents WHERE document_id = ?", [doc_id])
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    if side is None or doc is None:
        raise ValidationError(tr("Document {id} is not an electronic sales document.", id=doc_id), field="document")
    if side["hash"] is None and side["state"] not in ("portal", "contingency") and certificate.has_certificate(db):
        issue.signed_xml(db, doc_id)  # sign now: the representation prints the hash
        side = row(db, "SELECT * FROM einvoice_documents WHERE document_id = ?", [doc_id])
    c = issue.comprobante(db, doc_id)
    includes = bool(doc["prices_include_igv"])
    lines = []
    for li in rows(db, "SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no", [doc_id]):
        shown = li["total_cents"] if includes or li["tax"] != "igv" else li["base_cents"]
        lines.append({"qty": Decimal(li["qty"]), "unit": li["unit"], "description": li["description"],
                      "unit_price": Decimal(li["unit_price"]), "discount": from_cents(li["discount_cents"]),
                      "amount": from_cents(shown), "treatment": li["tax"]})
    groups = c.by_treatment()
    cuotas = [{"n": n, "amount": from_cents(q.amount_cents), "due": q.due} for n, q in enumerate(c.cuotas, start=1)]
    customer_doc = "" if c.customer.doc_type == catalogs.DOC_NONE else c.customer.doc_number
    ref = None
    if c.ref is not None:
        ref = {"document": f"{c.ref.series}-{c.ref.number:08d}", "doc_type": c.ref.doc_type, "reason": c.ref.reason}
    digest = side["hash"] or ""
    return {
        "doc_type": c.doc_type, "title": TITLES[c.doc_type], "legend": LEGENDS[c.doc_type],
        "document": c.document_id, "date": c.date, "currency": c.currency, "state": side["state"],
        "issuer": {"ruc": c.issuer.ruc, "name": c.issuer.name, "address": c.issuer.address,
                   "establishment": c.issuer.establishment},
        "customer": {"name": c.customer.name, "doc_type": c.customer.doc_type if customer_doc else "",
                     "doc_name": catalogs.DOC_NAMES.get(c.customer.doc_type, "") if customer_doc else "",
                     "doc": customer_doc, "address": c.customer.address},
        "prices_include_igv": includes, "lines": lines,
        "totals": {"taxed": from_cents(groups.get("igv", (0, 0))[0]),
                   "exonerado": from_cents(groups.get("exonerado", (0, 0))[0]),
                   "inafecto": from_cents(groups.get("inafecto", (0, 0))[0]),
                   "export": from_cents(groups.get("export", (0, 0))[0]),
                   "igv": from_cents(c.tax_cents), "igv_percent": Decimal(side["tax_percent"]),
                   "total": from_cents(c.total_cents)},
        "words": "SON: " + amount_in_words(c.total_cents, c.currency),
        "payment": ("Crédito" if c.cuotas else "Contado") if c.doc_type == "01" else "",
        "cuotas": cuotas, "ref": ref, "hash": digest, "detraccion": _detraccion(c),
        "retencion": _retencion(c),
        "qr": qr_text(c.issuer.ruc, c.doc_type, c.series, c.number, c.tax_cents, c.total_cents, c.date,
                      c.customer.doc_type if customer_doc else "-", customer_doc or "-", digest),
    }


def _detraccion(c) -> dict | None:
    d = c.detraccion
    if d is None:
        return None
    return {"legend": SPOT_LEGEND, "code": d.code, "name": d.name, "percent": d.percent,
            "amount": from_cents(d.amount_cents), "account": d.account, "currency": c.currency,
            "net": from_cents(c.net_cents)}


def _retencion(c) -> dict | None:
    r = c.retencion
    if r is None:
        return None
    return {"percent": r.percent, "amount": from_cents(r.amount_cents), "currency": c.currency,
            "net": from_cents(c.net_cents), "credit": bool(c.cuotas)}
