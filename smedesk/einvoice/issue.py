"""The electronic side of a sales document: checked, built, validated and signed
inside the transaction that numbers it (`documents.create_document` calls `check`
before and `record` within), so a document that fails is never numbered.

Without a certificate loaded, an electronic document is still checked (rules, XML
structure, XSD where present) and recorded `pending`; it is signed, once, when its
XML is first asked for (`signed_xml`) and kept unchanged from then on.
"""

from __future__ import annotations

from decimal import Decimal

from smedesk.accounts import chart, withholdings
from smedesk.core import audit, business, clock, parties, settings
from smedesk.core.db import row, rows, scalar
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import round_cents, to_cents
from smedesk.core.roles import SYSTEM, require_view
from smedesk.einvoice import catalogs, certificate, checks, rules, signing, ubl
from smedesk.einvoice.model import (
    Comprobante,
    Cuota,
    Customer,
    Detraccion,
    Issuer,
    Line,
    Reference,
    Retencion,
)

MODE_STATE = {rules.ELECTRONIC: "pending", rules.CONTINGENCY: "contingency", rules.PORTAL: "portal"}


def issuer(db) -> Issuer:
    biz = business.get(db)
    address = settings.get(db, "business.address") or biz["address"]
    return Issuer(biz["ruc"], biz["name"], address, settings.get(db, "business.ubigeo") or "",
                  settings.get(db, "business.establishment") or "0000")


def customer_doc_type(party: dict | None, export: bool) -> str:
    """Catálogo 06 for a party: RUC 6, DNI 1; a foreign party: foreign tax id 0 for an
    export, foreigner's card 4 when they live in Peru, passport 7 otherwise."""
    if party is None or party["id_type"] == "none" or not party["id_number"]:
        return catalogs.DOC_NONE
    if party["id_type"] == "ruc":
        return catalogs.DOC_RUC
    if party["id_type"] == "dni":
        return catalogs.DOC_DNI
    if export:
        return catalogs.DOC_FOREIGN_TAX
    return catalogs.DOC_CE if party.get("country", "PE") == "PE" else catalogs.DOC_PASSPORT


def check(db, sale: rules.Sale) -> str:
    """SUNAT's rules; returns the series mode (electronic, contingency, portal) or refuses."""
    rules.first_problem(rules.problems(sale))
    return rules.series_mode(sale.doc_type, sale.series, sale.ref)


def record(db, doc_id: int, mode: str, *, cuotas=(), reason_code: str = "", reason: str = "", percent: Decimal,
           actor) -> str | None:
    """Within the numbering transaction: keep the electronic side; for an electronic
    series build, validate and (with a certificate) sign. Returns the hash or None."""
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    export = scalar(db, "SELECT count(*) FROM document_lines WHERE document_id = ? AND tax = 'export'", [doc_id]) > 0
    if doc["doc_type"] in ("07", "08") and not reason_code:
        reason_code = _default_reason(db, doc)
    table = catalogs.CREDIT_REASONS if doc["doc_type"] == "07" else catalogs.DEBIT_REASONS
    if doc["doc_type"] in ("07", "08"):
        if reason_code not in table:
            raise ValidationError(tr("Unknown reason code «{code}» for this note.", code=reason_code), field="reason")
        reason = (reason or "").strip() or table[reason_code]
    now = clock.now_iso()
    name = f"{business.get(db)['ruc']}-{doc['doc_type']}-{doc['series']}-{doc['number']:08d}"
    db.execute(
        "INSERT INTO einvoice_documents (document_id, state, file_name, operation, payment, tax_percent, reason_code,"
        " reason, state_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [doc_id, MODE_STATE[mode], name, _operation(db, doc, export),
         "credito" if cuotas else ("contado" if doc["doc_type"] == "01" else ""), str(percent), reason_code, reason,
         now])
    for n, (cents, due) in enumerate(cuotas, start=1):
        db.execute("INSERT INTO einvoice_cuotas (document_id, n, amount_cents, due_date) VALUES (?, ?, ?, ?)",
                   [doc_id, n, cents, due])
    db.execute("INSERT INTO einvoice_events (document_id, at, state, user_name) VALUES (?, ?, ?, ?)",
               [doc_id, now, MODE_STATE[mode], actor.name])
    if mode != rules.ELECTRONIC:
        return None
    root = checked_xml(_comprobante(db, doc_id))
    if certificate.has_certificate(db):
        return _sign_and_keep(db, doc_id, root)
    return None


def _operation(db, doc, export: bool) -> str:
    """Catálogo 51: 0200 exportación, 1001 a factura or boleta subject to SPOT, else 0101."""
    if export:
        return catalogs.OP_EXPORT
    if doc["doc_type"] in ("01", "03") and _spot(db, doc["id"]) is not None:
        return catalogs.OP_SPOT
    return catalogs.OP_DOMESTIC


def _spot(db, doc_id: int) -> dict | None:
    return row(db, "SELECT spot_code, spot_rate, detraccion_cents FROM document_taxes WHERE document_id = ?"
                   " AND detraccion_cents > 0", [doc_id])


def _detraccion(db, doc) -> Detraccion | None:
    """The SPOT deposit the books decided (`withholdings.plan`), as the comprobante shows it:
    the code and its wording in force on the document's date, the percent, the amount in
    soles and in the document's currency, the business's Banco de la Nación account."""
    found = _spot(db, doc["id"]) if doc["doc_type"] in ("01", "03") else None
    if found is None:
        return None
    code = withholdings.spot_code(db, found["spot_code"], doc["date"])
    cents = found["detraccion_cents"]
    return Detraccion(found["spot_code"], code["name"], Decimal(found["spot_rate"]), cents,
                      (settings.get(db, "accounts.bn_account", "") or "").strip(),
                      withholdings.in_currency(cents, doc["currency"], doc["fx"]), catalogs.MEANS_DEPOSIT)


def retention_in_currency(retention_pen_cents: int, currency: str, fx) -> int:
    """The retención as the comprobante states it, in the document's currency (SUNAT rule
    2071 exempts only percepciones): the books' amount in soles at the document's exchange
    rate, to the cent — the part of the receivable the customer does not pay in money
    (`withholdings.reserved_cents`), so the Crédito is what the books expect. Within a cent
    of 3% of the total, well inside SUNAT's one-unit tolerance (3263)."""
    return withholdings.in_currency(retention_pen_cents, currency, fx) if retention_pen_cents else 0


def _retencion(db, doc, cuotas: tuple) -> Retencion | None:
    """The retención the books decided (`withholdings.plan`: a factura above S/ 700 to an
    agente de retención, not subject to SPOT). A Crédito recorded before the comprobante
    carried it (its cuotas add up to the whole total) is built as it was issued."""
    cents = scalar(db, "SELECT retention_cents FROM document_taxes WHERE document_id = ?", [doc["id"]]) or 0
    if doc["doc_type"] != "01" or doc["kind"] != "sale" or not cents:
        return None
    amount = retention_in_currency(cents, doc["currency"], doc["fx"])
    if cuotas and sum(q.amount_cents for q in cuotas) == doc["total_cents"]:
        return None
    return Retencion(withholdings.RETENTION_RATE, doc["total_cents"], amount)


def _default_reason(db, doc) -> str:
    """ND: 02 aumento en el valor; NC: 01 anulación when it takes the whole original, else
    09 disminución en el valor (catálogos 10 and 09)."""
    if doc["doc_type"] == "08":
        return "02"
    original = scalar(db, "SELECT total_cents FROM documents WHERE id = ?", [doc["ref_document_id"]])
    return "01" if original == doc["total_cents"] else "09"


def checked_xml(c: Comprobante):
    """Build the XML and refuse it when smedesk's checks or the XSD find a problem."""
    root = ubl.build(c)
    found = checks.structural_problems(root, c.doc_type) or checks.xsd_problems(root)
    if found:
        raise ValidationError(tr("The electronic document failed its checks: {reason}", reason="; ".join(found)),
                              field="lines")
    return root


def _sign_and_keep(db, doc_id: int, root) -> str:
    key, cert_pem = certificate.signer(db)
    signed = signing.sign(root, key, cert_pem)
    db.execute("UPDATE einvoice_documents SET xml = ?, hash = ?, signed_at = ? WHERE document_id = ?",
               [signed.xml, signed.hash, clock.now_iso(), doc_id])
    return signed.hash


def comprobante(db, doc_id: int) -> Comprobante:
    """The plain data of a recorded sales document, as its XML carries it."""
    require_view(db, "accounts.view")
    return _comprobante(db, doc_id)


def _comprobante(db, doc_id: int) -> Comprobante:
    """`comprobante` for a write that has already checked its actor (issuing)."""
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    side = row(db, "SELECT * FROM einvoice_documents WHERE document_id = ?", [doc_id])
    if doc is None or side is None:
        raise ValidationError(tr("Document {id} is not an electronic sales document.", id=doc_id), field="document")
    percent = Decimal(side["tax_percent"])
    export = side["operation"] == catalogs.OP_EXPORT
    party = parties.get(db, doc["party_id"]) if doc["party_id"] else None
    doc_type = customer_doc_type(party, export)
    customer = Customer(doc_type, doc["party_doc"] if doc_type != catalogs.DOC_NONE else "-", doc["party_name"],
                        party["address"] if party else "", party["country"] if party else "PE")
    lines = []
    for li in rows(db, "SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no", [doc_id]):
        qty = Decimal(li["qty"])
        tax = li["igv_cents"] + li["ipm_cents"]
        discount = li["discount_cents"]
        if discount and li["tax"] == "igv" and doc["prices_include_igv"]:
            gross = round_cents(qty * Decimal(li["unit_price"]))
            discount = to_cents(round_cents(gross / (1 + percent / 100))) - li["base_cents"]
        lines.append(Line(li["line_no"], li["description"], li["unit"], qty, li["tax"], li["base_cents"], tax,
                          li["total_cents"], discount, percent, li["sku"]))
    ref = None
    if doc["ref_document_id"]:
        original = row(db, "SELECT doc_type, series, number FROM documents WHERE id = ?", [doc["ref_document_id"]])
        ref = Reference(original["doc_type"], original["series"], original["number"], side["reason_code"],
                        side["reason"])
    cuotas = tuple(Cuota(q["amount_cents"], q["due_date"]) for q in
                   rows(db, "SELECT * FROM einvoice_cuotas WHERE document_id = ? ORDER BY n", [doc_id]))
    spot = _detraccion(db, doc)
    operation = catalogs.OP_SPOT if spot is not None and side["operation"] == catalogs.OP_DOMESTIC \
        else side["operation"]
    return Comprobante(doc["doc_type"], doc["series"], doc["number"], doc["date"], doc["currency"], issuer(db),
                       customer, tuple(lines), operation, cuotas, ref, spot,
                       None if spot is not None else _retencion(db, doc, cuotas))


def rate_percent(db, day: str, rate_kind: str) -> Decimal:
    igv, ipm = chart.rates_on(db, day, rate_kind)
    return igv + ipm


def signed_xml(db, doc_id: int) -> tuple[str, bytes]:
    side = row(db, "SELECT * FROM einvoice_documents WHERE document_id = ?", [doc_id])
    if side is None:
        raise ValidationError(tr("Document {id} is not an electronic sales document.", id=doc_id), field="document")
    if side["xml"] is not None:
        return side["file_name"], bytes(side["xml"])
    if side["state"] == "portal":
        raise ValidationError(tr("This document was issued in SUNAT's portal; smedesk records it but does not "
                                 "issue it again."), field="document")
    if side["state"] == "contingency":
        raise ValidationError(tr("This is a contingency (paper) document; it has no electronic XML."),
                              field="document")
    from smedesk.core.db import tx

    with tx(db):
        root = checked_xml(comprobante(db, doc_id))
        digest = _sign_and_keep(db, doc_id, root)
        audit.record(db, SYSTEM, "einvoice.sign", "documents", doc_id, hash=digest)
    side = row(db, "SELECT file_name, xml FROM einvoice_documents WHERE document_id = ?", [doc_id])
    return side["file_name"], bytes(side["xml"])
