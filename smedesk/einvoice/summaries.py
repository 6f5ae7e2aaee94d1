"""The resumen diario of boletas (SummaryDocuments, RC) and the comunicación de baja
(VoidedDocuments, RA), UBL 2.0 as SUNAT's "Resumen diario" and "Comunicación de baja"
layouts ask, built with lxml from plain data. Part 2 sends them."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from smedesk.einvoice.model import Issuer
from smedesk.einvoice.ubl import (
    CAC,
    CBC,
    DS,
    EXT,
    _el,
    amount,
    cac,
    cbc,
    extensions,
    money,
    signature_block,
)

SUMMARY_NS = "urn:sunat:names:specification:ubl:peru:schema:xsd:SummaryDocuments-1"
VOIDED_NS = "urn:sunat:names:specification:ubl:peru:schema:xsd:VoidedDocuments-1"
SAC = "urn:sunat:names:specification:ubl:peru:schema:xsd:SunatAggregateComponents-1"
# Catálogo 11: what a resumen line's amount is.
INSTRUCTION = {"igv": "01", "exonerado": "02", "inafecto": "03", "export": "04"}
# Catálogo 19: a resumen line adds (1), modifies (2) or voids (3) a boleta.
ADD, MODIFY, VOID = "1", "2", "3"


@dataclass(frozen=True)
class SummaryLine:
    """Attributes: doc_type (03, 07, 08), document_id (B001-00000001), customer_doc_type,
    customer_doc (both '' for none), condition (catálogo 19), currency, total_cents,
    bases {treatment: cents}, tax_cents, ref_type, ref_id (notas)."""

    doc_type: str
    document_id: str
    customer_doc_type: str
    customer_doc: str
    condition: str
    currency: str
    total_cents: int
    bases: dict
    tax_cents: int
    ref_type: str = ""
    ref_id: str = ""


@dataclass(frozen=True)
class VoidedLine:
    """Attributes: doc_type, series, number, reason."""

    doc_type: str
    series: str
    number: int
    reason: str


def _head(root, issuer: Issuer, batch_id: str, reference_date: str, issue_date: str, customization: str) -> None:
    extensions(root)
    cbc(root, "UBLVersionID", "2.0")
    cbc(root, "CustomizationID", customization)
    cbc(root, "ID", batch_id)
    cbc(root, "ReferenceDate", reference_date)
    cbc(root, "IssueDate", issue_date)
    signature_block(root, issuer.ruc, issuer.name)
    supplier = cac(root, "AccountingSupplierParty")
    cbc(supplier, "CustomerAssignedAccountID", issuer.ruc)
    cbc(supplier, "AdditionalAccountID", "6")
    cbc(cac(cac(supplier, "Party"), "PartyLegalEntity"), "RegistrationName", issuer.name)


def build_summary(issuer: Issuer, batch_id: str, reference_date: str, issue_date: str,
                  lines: list[SummaryLine]) -> etree._Element:
    root = etree.Element(f"{{{SUMMARY_NS}}}SummaryDocuments",
                         nsmap={None: SUMMARY_NS, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS, "sac": SAC})
    _head(root, issuer, batch_id, reference_date, issue_date, "1.1")
    for n, li in enumerate(lines, start=1):
        node = _el(root, SAC, "SummaryDocumentsLine")
        cbc(node, "LineID", str(n))
        cbc(node, "DocumentTypeCode", li.doc_type)
        cbc(node, "ID", li.document_id)
        if li.customer_doc:
            customer = cac(node, "AccountingCustomerParty")
            cbc(customer, "CustomerAssignedAccountID", li.customer_doc)
            cbc(customer, "AdditionalAccountID", li.customer_doc_type)
        if li.ref_id:
            ref = cac(cac(node, "BillingReference"), "InvoiceDocumentReference")
            cbc(ref, "ID", li.ref_id)
            cbc(ref, "DocumentTypeCode", li.ref_type)
        cbc(cac(node, "Status"), "ConditionCode", li.condition)
        _el(node, SAC, "TotalAmount", money(li.total_cents), currencyID=li.currency)
        for treatment, cents in li.bases.items():
            payment = _el(node, SAC, "BillingPayment")
            amount(payment, "PaidAmount", cents, li.currency)
            cbc(payment, "InstructionID", INSTRUCTION[treatment])
        tax = cac(node, "TaxTotal")
        amount(tax, "TaxAmount", li.tax_cents, li.currency)
        sub = cac(tax, "TaxSubtotal")
        amount(sub, "TaxAmount", li.tax_cents, li.currency)
        scheme = cac(cac(sub, "TaxCategory"), "TaxScheme")
        cbc(scheme, "ID", "1000")
        cbc(scheme, "Name", "IGV")
        cbc(scheme, "TaxTypeCode", "VAT")
    return root


def build_voided(issuer: Issuer, batch_id: str, reference_date: str, issue_date: str,
                 lines: list[VoidedLine]) -> etree._Element:
    root = etree.Element(f"{{{VOIDED_NS}}}VoidedDocuments",
                         nsmap={None: VOIDED_NS, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS, "sac": SAC})
    _head(root, issuer, batch_id, reference_date, issue_date, "1.0")
    for n, li in enumerate(lines, start=1):
        node = _el(root, SAC, "VoidedDocumentsLine")
        cbc(node, "LineID", str(n))
        cbc(node, "DocumentTypeCode", li.doc_type)
        _el(node, SAC, "DocumentSerialID", li.series)
        _el(node, SAC, "DocumentNumberID", str(li.number))
        _el(node, SAC, "VoidReasonDescription", li.reason)
    return root
