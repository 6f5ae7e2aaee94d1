"""UBL 2.1 XML of a factura (01), boleta (03), nota de crédito (07) and nota de débito
(08), as SUNAT's "Anexo" for UBL 2.1 lays it out, built with lxml from a `Comprobante`.

The tax is the combined rate (18 %): the IGV/IPM split stays in the books. Element
order follows the UBL 2.1 schemas (a child out of order fails the XSD). The signature
goes into the one `ext:UBLExtension` (`signing.sign` fills the placeholder).
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from smedesk.einvoice.catalogs import LEGEND_SPOT, LEGEND_SPOT_TEXT, LEGEND_WORDS, TREATMENTS
from smedesk.einvoice.model import Comprobante, Line
from smedesk.einvoice.words import amount_in_words

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
ROOTS = {
    "01": ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "Invoice", "InvoiceLine", "InvoicedQuantity",
           "LegalMonetaryTotal"),
    "03": ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "Invoice", "InvoiceLine", "InvoicedQuantity",
           "LegalMonetaryTotal"),
    "07": ("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2", "CreditNote", "CreditNoteLine",
           "CreditedQuantity", "LegalMonetaryTotal"),
    "08": ("urn:oasis:names:specification:ubl:schema:xsd:DebitNote-2", "DebitNote", "DebitNoteLine",
           "DebitedQuantity", "RequestedMonetaryTotal"),
}
SUNAT = "PE:SUNAT"
CAT = "urn:pe:gob:sunat:cpe:see:gem:catalogos:catalogo{:02d}"
UNECE = "United Nations Economic Commission for Europe"
SIGNATURE_ID = "SignatureSP"
RETENTION_CODE = "62"  # catálogo 53: Retención del IGV


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"


def decimal_text(value: Decimal) -> str:
    """Plain positional text, no exponent, no trailing zeros beyond what is needed."""
    text = format(Decimal(value).normalize(), "f")
    return text


def _el(parent, ns: str, name: str, text: str | None = None, **attrs) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ns}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = text
    return node


def cbc(parent, name, text=None, **attrs):
    return _el(parent, CBC, name, text, **attrs)


def cac(parent, name):
    return _el(parent, CAC, name)


def amount(parent, name: str, cents: int, currency: str):
    return cbc(parent, name, money(cents), currencyID=currency)


def signature_block(root, ruc: str, name: str) -> None:
    """cac:Signature: who signs, pointing at the ds:Signature in the extension."""
    sig = cac(root, "Signature")
    cbc(sig, "ID", SIGNATURE_ID)
    party = cac(sig, "SignatoryParty")
    cbc(cac(party, "PartyIdentification"), "ID", ruc)
    cbc(cac(party, "PartyName"), "Name", name)
    cbc(cac(cac(sig, "DigitalSignatureAttachment"), "ExternalReference"), "URI", "#" + SIGNATURE_ID)


def extensions(root) -> None:
    """ext:UBLExtensions with the empty ds:Signature signxml fills in place."""
    content = _el(_el(_el(root, EXT, "UBLExtensions"), EXT, "UBLExtension"), EXT, "ExtensionContent")
    _el(content, DS, "Signature", Id="placeholder")


def build(c: Comprobante) -> etree._Element:
    """The unsigned document (with the signature placeholder)."""
    ns, root_name, line_name, qty_name, total_name = ROOTS[c.doc_type]
    root = etree.Element(f"{{{ns}}}{root_name}", nsmap={None: ns, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS})
    extensions(root)
    cbc(root, "UBLVersionID", "2.1")
    cbc(root, "CustomizationID", "2.0")
    cbc(root, "ID", c.document_id)
    cbc(root, "IssueDate", c.date)
    if c.doc_type in ("01", "03"):
        cbc(root, "InvoiceTypeCode", c.doc_type, listID=c.operation, listAgencyName=SUNAT,
            listName="Tipo de Documento", listURI=CAT.format(1))
    cbc(root, "Note", amount_in_words(c.total_cents, c.currency), languageLocaleID=LEGEND_WORDS)
    if c.detraccion is not None:
        cbc(root, "Note", LEGEND_SPOT_TEXT, languageLocaleID=LEGEND_SPOT)  # 4265 without it
    cbc(root, "DocumentCurrencyCode", c.currency, listID="ISO 4217 Alpha", listName="Currency",
        listAgencyName=UNECE)
    if c.ref is not None:
        discrepancy = cac(root, "DiscrepancyResponse")
        cbc(discrepancy, "ReferenceID", f"{c.ref.series}-{c.ref.number:08d}")
        cbc(discrepancy, "ResponseCode", c.ref.reason_code)
        cbc(discrepancy, "Description", c.ref.reason)
        billed = cac(cac(root, "BillingReference"), "InvoiceDocumentReference")
        cbc(billed, "ID", f"{c.ref.series}-{c.ref.number:08d}")
        cbc(billed, "DocumentTypeCode", c.ref.doc_type)
    signature_block(root, c.issuer.ruc, c.issuer.name)
    _supplier(root, c)
    _customer(root, c)
    if c.detraccion is not None:
        _detraccion(root, c)
    if c.doc_type == "01":
        _payment_terms(root, c)
    if c.retencion is not None:
        _retencion(root, c)
    _tax_total(root, c.by_treatment(), c.currency, lines=c.lines)
    totals = cac(root, total_name)
    amount(totals, "LineExtensionAmount", c.base_cents, c.currency)
    amount(totals, "TaxInclusiveAmount", c.total_cents, c.currency)
    amount(totals, "PayableAmount", c.total_cents, c.currency)
    for li in c.lines:
        _line(root, li, c.currency, line_name, qty_name)
    return root


def _supplier(root, c: Comprobante) -> None:
    party = cac(cac(root, "AccountingSupplierParty"), "Party")
    cbc(cac(party, "PartyIdentification"), "ID", c.issuer.ruc, schemeID="6", schemeName="Documento de Identidad",
        schemeAgencyName=SUNAT, schemeURI=CAT.format(6))
    cbc(cac(party, "PartyName"), "Name", c.issuer.name)
    legal = cac(party, "PartyLegalEntity")
    cbc(legal, "RegistrationName", c.issuer.name)
    address = cac(legal, "RegistrationAddress")
    if c.issuer.ubigeo:
        cbc(address, "ID", c.issuer.ubigeo, schemeName="Ubigeos", schemeAgencyName="PE:INEI")
    cbc(address, "AddressTypeCode", c.issuer.establishment, listAgencyName=SUNAT, listName="Establecimientos anexos")
    if c.issuer.address:
        cbc(cac(address, "AddressLine"), "Line", c.issuer.address)
    cbc(cac(address, "Country"), "IdentificationCode", "PE", listID="ISO 3166-1", listAgencyName=UNECE,
        listName="Country")


def _customer(root, c: Comprobante) -> None:
    party = cac(cac(root, "AccountingCustomerParty"), "Party")
    cbc(cac(party, "PartyIdentification"), "ID", c.customer.doc_number, schemeID=c.customer.doc_type,
        schemeName="Documento de Identidad", schemeAgencyName=SUNAT, schemeURI=CAT.format(6))
    legal = cac(party, "PartyLegalEntity")
    cbc(legal, "RegistrationName", c.customer.name)
    if c.customer.address or c.customer.country != "PE":
        address = cac(legal, "RegistrationAddress")
        if c.customer.address:
            cbc(cac(address, "AddressLine"), "Line", c.customer.address)
        cbc(cac(address, "Country"), "IdentificationCode", c.customer.country, listID="ISO 3166-1",
            listAgencyName=UNECE, listName="Country")


def _detraccion(root, c: Comprobante) -> None:
    """SPOT: where the customer deposits (PaymentMeans: catálogo 59 and the business's
    Banco de la Nación account, 3034) and what (PaymentTerms: the catálogo 54 code, 3127,
    its percent and the amount, in soles whatever the document's currency, 3208)."""
    d = c.detraccion
    means = cac(root, "PaymentMeans")
    cbc(means, "ID", "Detraccion")
    cbc(means, "PaymentMeansCode", d.means, listName="Medio de pago", listAgencyName=SUNAT, listURI=CAT.format(59))
    cbc(cac(means, "PayeeFinancialAccount"), "ID", d.account)
    terms = cac(root, "PaymentTerms")
    cbc(terms, "ID", "Detraccion")
    cbc(terms, "PaymentMeansID", d.code, schemeName="Codigo de detraccion", schemeAgencyName=SUNAT,
        schemeURI=CAT.format(54))
    cbc(terms, "PaymentPercent", decimal_text(d.percent))
    amount(terms, "Amount", d.amount_cents, "PEN")


def _payment_terms(root, c: Comprobante) -> None:
    """Forma de pago: Contado, or Crédito with the amount due (the total less the
    detracción or the retención: SUNAT's "monto neto pendiente de pago") and one block per cuota."""
    terms = cac(root, "PaymentTerms")
    cbc(terms, "ID", "FormaPago")
    if not c.cuotas:
        cbc(terms, "PaymentMeansID", "Contado")
        return
    cbc(terms, "PaymentMeansID", "Credito")
    amount(terms, "Amount", sum(q.amount_cents for q in c.cuotas), c.currency)
    for n, q in enumerate(c.cuotas, start=1):
        block = cac(root, "PaymentTerms")
        cbc(block, "ID", "FormaPago")
        cbc(block, "PaymentMeansID", f"Cuota{n:03d}")
        amount(block, "Amount", q.amount_cents, c.currency)
        cbc(block, "PaymentDueDate", q.due)


def _retencion(root, c: Comprobante) -> None:
    """Retención del IGV: a global AllowanceCharge after the forma de pago (UBL 2.1 puts
    AllowanceCharge after PaymentTerms and before TaxTotal), catálogo 53 code 62, indicator
    false (3114), the factor 0.03 (3025), the amount and its base, the total with IGV
    (3263: amount = base × factor; 3264: base not above the total), in the document's
    currency (2071 exempts only the percepciones 51-53 from it). It is not a discount:
    it enters neither AllowanceTotalAmount nor PayableAmount (4307, 4312)."""
    r = c.retencion
    block = cac(root, "AllowanceCharge")
    cbc(block, "ChargeIndicator", "false")
    cbc(block, "AllowanceChargeReasonCode", RETENTION_CODE, listAgencyName=SUNAT, listName="Cargo/descuento",
        listURI=CAT.format(53))
    cbc(block, "MultiplierFactorNumeric", decimal_text(r.factor))
    amount(block, "Amount", r.amount_cents, c.currency)
    amount(block, "BaseAmount", r.base_cents, c.currency)


def _tax_scheme(category, treatment: str) -> None:
    code, name, kind = TREATMENTS[treatment][1]
    scheme = cac(category, "TaxScheme")
    cbc(scheme, "ID", code, schemeName="Codigo de tributos", schemeAgencyName=SUNAT, schemeURI=CAT.format(5))
    cbc(scheme, "Name", name)
    cbc(scheme, "TaxTypeCode", kind)


def _tax_total(parent, groups: dict[str, tuple[int, int]], currency: str, lines=None, line: Line | None = None):
    total = cac(parent, "TaxTotal")
    amount(total, "TaxAmount", sum(tax for _b, tax in groups.values()), currency)
    for treatment, (base, tax) in groups.items():
        sub = cac(total, "TaxSubtotal")
        amount(sub, "TaxableAmount", base, currency)
        amount(sub, "TaxAmount", tax, currency)
        category = cac(sub, "TaxCategory")
        if line is not None:
            cbc(category, "Percent", decimal_text(line.percent if treatment == "igv" else Decimal(0)))
            cbc(category, "TaxExemptionReasonCode", TREATMENTS[treatment][0], listAgencyName=SUNAT,
                listName="Afectacion del IGV", listURI=CAT.format(7))
        _tax_scheme(category, treatment)


def _line(root, li: Line, currency: str, line_name: str, qty_name: str) -> None:
    node = cac(root, line_name)
    cbc(node, "ID", str(li.n))
    cbc(node, qty_name, decimal_text(li.qty), unitCode=li.unit, unitCodeListID="UN/ECE rec 20",
        unitCodeListAgencyName=UNECE)
    amount(node, "LineExtensionAmount", li.base_cents, currency)
    alternative = cac(cac(node, "PricingReference"), "AlternativeConditionPrice")
    cbc(alternative, "PriceAmount", decimal_text(li.unit_price), currencyID=currency)
    cbc(alternative, "PriceTypeCode", "01", listName="Tipo de Precio", listAgencyName=SUNAT, listURI=CAT.format(16))
    if li.discount_cents:
        allowance = cac(node, "AllowanceCharge")
        cbc(allowance, "ChargeIndicator", "false")
        cbc(allowance, "AllowanceChargeReasonCode", "00", listAgencyName=SUNAT, listName="Cargo/descuento",
            listURI=CAT.format(53))
        gross = li.base_cents + li.discount_cents
        factor = (Decimal(li.discount_cents) / Decimal(gross)).quantize(Decimal("0.00001"))
        cbc(allowance, "MultiplierFactorNumeric", decimal_text(factor))
        amount(allowance, "Amount", li.discount_cents, currency)
        amount(allowance, "BaseAmount", gross, currency)
    _tax_total(node, {li.treatment: (li.base_cents, li.tax_cents)}, currency, line=li)
    item = cac(node, "Item")
    cbc(item, "Description", li.description)
    if li.sku:
        cbc(cac(item, "SellersItemIdentification"), "ID", li.sku)
    cbc(cac(node, "Price"), "PriceAmount", decimal_text(li.unit_value), currencyID=currency)


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
