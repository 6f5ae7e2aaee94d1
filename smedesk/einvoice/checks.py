"""Checks of a built XML before it is signed and numbered.

Always: smedesk's own structural checks (element order of the UBL 2.1 sequence for
what smedesk writes, fixed values SUNAT requires, sums that must agree). Where SUNAT's
validation files are on this machine (folder in SMEDESK_SUNAT_DIR, laid out as SUNAT's
SFS `commons/`): the UBL XSD too. Returns problems as Spanish sentences.
"""

from __future__ import annotations

import copy
import os
import re
from decimal import Decimal
from pathlib import Path

from lxml import etree

from smedesk.core.i18n import tr
from smedesk.einvoice.ubl import CAC, CBC, DS, EXT, ROOTS

# The UBL 2.1 sequence (UBL-Invoice/CreditNote/DebitNote-2.1.xsd) of the children smedesk writes.
ORDER = {
    "Invoice": ["UBLExtensions", "UBLVersionID", "CustomizationID", "ID", "IssueDate", "InvoiceTypeCode", "Note",
                "DocumentCurrencyCode", "Signature", "AccountingSupplierParty", "AccountingCustomerParty",
                "PaymentMeans", "PaymentTerms", "AllowanceCharge", "TaxTotal", "LegalMonetaryTotal", "InvoiceLine"],
    "CreditNote": ["UBLExtensions", "UBLVersionID", "CustomizationID", "ID", "IssueDate", "Note",
                   "DocumentCurrencyCode", "DiscrepancyResponse", "BillingReference", "Signature",
                   "AccountingSupplierParty", "AccountingCustomerParty", "TaxTotal", "LegalMonetaryTotal",
                   "CreditNoteLine"],
    "DebitNote": ["UBLExtensions", "UBLVersionID", "CustomizationID", "ID", "IssueDate", "Note",
                  "DocumentCurrencyCode", "DiscrepancyResponse", "BillingReference", "Signature",
                  "AccountingSupplierParty", "AccountingCustomerParty", "TaxTotal", "RequestedMonetaryTotal",
                  "DebitNoteLine"],
}
REQUIRED = ["UBLExtensions", "UBLVersionID", "CustomizationID", "ID", "IssueDate", "Note", "DocumentCurrencyCode",
            "Signature", "AccountingSupplierParty", "AccountingCustomerParty", "TaxTotal"]
XSD = {"Invoice": "UBL-Invoice-2.1.xsd", "CreditNote": "UBL-CreditNote-2.1.xsd", "DebitNote": "UBL-DebitNote-2.1.xsd",
       "SummaryDocuments": "../../2.0/maindoc/UBLPE-SummaryDocuments-1.0.xsd",
       "VoidedDocuments": "../../2.0/maindoc/UBLPE-VoidedDocuments-1.0.xsd"}
_ID = re.compile(r"^[FB][A-Z0-9]{3}-\d{1,8}$")
_schemas: dict[str, etree.XMLSchema] = {}


def _local(node) -> str:
    return etree.QName(node).localname


def _dec(node) -> Decimal:
    return Decimal((node.text or "0").strip())


def structural_problems(root: etree._Element, doc_type: str) -> list[str]:
    out: list[str] = []
    ns, name, line_name, _q, total_name = ROOTS[doc_type]
    if root.tag != f"{{{ns}}}{name}":
        return [tr("The XML root is {found}, not {name}.", found=root.tag, name=name)]
    names = [_local(c) for c in root if isinstance(c.tag, str)]
    order = ORDER[name]
    positions = [order.index(n) if n in order else -1 for n in names]
    if -1 in positions or positions != sorted(positions):
        out.append(tr("The XML elements are not in the UBL 2.1 order."))
    for required in REQUIRED + [total_name, line_name]:
        if required not in names:
            out.append(tr("The XML lacks {element}.", element=required))
    if out:
        return out

    def text(path: str) -> str:
        node = root.find(path, {"cbc": CBC, "cac": CAC, "ext": EXT})
        return (node.text or "").strip() if node is not None else ""

    if text("cbc:UBLVersionID") != "2.1" or text("cbc:CustomizationID") != "2.0":
        out.append(tr("UBLVersionID must be 2.1 and CustomizationID 2.0."))
    if not _ID.match(text("cbc:ID")):
        out.append(tr("The document id «{id}» is not SERIES-NUMBER.", id=text("cbc:ID")))
    if not re.fullmatch(r"\d{11}", text("cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID")):
        out.append(tr("The issuer's RUC is missing."))
    forma = root.find("cac:PaymentTerms[cbc:ID='FormaPago']", {"cac": CAC, "cbc": CBC})
    if doc_type == "01" and forma is None:
        out.append(tr("A factura carries its forma de pago."))
    if doc_type == "03" and forma is not None:
        out.append(tr("A boleta carries no forma de pago [3128]."))
    out += _spot_problems(root)
    out += _retention_problems(root, payable_text=text("cac:LegalMonetaryTotal/cbc:PayableAmount"))
    lines = root.findall(f"{{{CAC}}}{line_name}")
    line_sum = sum((_dec(li.find(f"{{{CBC}}}LineExtensionAmount")) for li in lines), Decimal(0))
    line_tax = sum((_dec(li.find(f"{{{CAC}}}TaxTotal/{{{CBC}}}TaxAmount")) for li in lines), Decimal(0))
    totals = root.find(f"{{{CAC}}}{total_name}")
    header_base = _dec(totals.find(f"{{{CBC}}}LineExtensionAmount"))
    payable = _dec(totals.find(f"{{{CBC}}}PayableAmount"))
    header_tax = _dec(root.find(f"{{{CAC}}}TaxTotal/{{{CBC}}}TaxAmount"))
    subtotal_tax = sum((_dec(s) for s in root.findall(f"{{{CAC}}}TaxTotal/{{{CAC}}}TaxSubtotal/{{{CBC}}}TaxAmount")),
                       Decimal(0))
    if line_sum != header_base:
        out.append(tr("The lines add up to {lines}, the document says {header}.", lines=line_sum, header=header_base))
    if not (line_tax == header_tax == subtotal_tax):
        out.append(tr("The tax of the lines ({lines}) and of the document ({header}) differ.", lines=line_tax,
                      header=header_tax))
    if header_base + header_tax != payable:
        out.append(tr("Base {base} plus tax {tax} is not the total {total}.", base=header_base, tax=header_tax,
                      total=payable))
    for n, li in enumerate(lines, start=1):
        for sub in li.findall(f"{{{CAC}}}TaxTotal/{{{CAC}}}TaxSubtotal"):
            percent = _dec(sub.find(f"{{{CAC}}}TaxCategory/{{{CBC}}}Percent"))
            base, tax = _dec(sub.find(f"{{{CBC}}}TaxableAmount")), _dec(sub.find(f"{{{CBC}}}TaxAmount"))
            if abs(base * percent / 100 - tax) > 1:  # SUNAT's tolerance is one unit [3103]
                out.append(tr("Line {n}: the tax {tax} is not {percent}% of {base}.", n=n, tax=tax, percent=percent,
                              base=base))
    return out


def _spot_problems(root) -> list[str]:
    """Operation 1001 and the Detraccion blocks come together (SUNAT 3127, 3128, 3034,
    4265), the amount in soles (3208)."""
    ns = {"cac": CAC, "cbc": CBC}
    type_code = root.find("cbc:InvoiceTypeCode", ns)
    spot = type_code is not None and type_code.get("listID") == "1001"
    terms = root.find("cac:PaymentTerms[cbc:ID='Detraccion']", ns)
    if not spot:
        return [tr("Only an operation subject to detracción (1001) carries a SPOT code [3128].")] if terms is not None \
            else []
    out = []
    if terms is None or not (terms.findtext("cbc:PaymentMeansID", "", ns) or "").strip():
        out.append(tr("An operation subject to detracción carries its SPOT code [3127]."))
    elif terms.find("cbc:Amount", ns) is None or terms.find("cbc:Amount", ns).get("currencyID") != "PEN":
        out.append(tr("The detracción is stated in soles [3208]."))
    if not (root.findtext("cac:PaymentMeans[cbc:ID='Detraccion']/cac:PayeeFinancialAccount/cbc:ID", "", ns) or "").strip():
        out.append(tr("An operation subject to detracción carries the Banco de la Nación account [3034]."))
    if root.find("cbc:Note[@languageLocaleID='2006']", ns) is None:
        out.append(tr("An operation subject to detracción carries the legend 2006 [4265]."))
    return out


def _retention_problems(root, payable_text: str) -> list[str]:
    """The retención del IGV (AllowanceCharge 62, SUNAT's ValidaExprRegFactura-2.0.1.xsl):
    only on a factura to a RUC [3262], indicator false [3114], factor 0.03, amount = base ×
    factor to the cent [3263], base not above the total [3264], in the document's currency
    [2071]; never with a detracción (RS 037-2002/SUNAT excludes operations subject to SPOT);
    and a Crédito is the total less the retención (RS 193-2020/SUNAT, [3265])."""
    ns = {"cac": CAC, "cbc": CBC}
    blocks = root.findall("cac:AllowanceCharge[cbc:AllowanceChargeReasonCode='62']", ns)
    if not blocks:
        return []
    if len(blocks) > 1:
        return [tr("A comprobante carries one retención del IGV.")]
    block, out = blocks[0], []
    type_code = root.find("cbc:InvoiceTypeCode", ns)
    if type_code is None or type_code.text != "01":
        return [tr("Only a factura carries the retención del IGV.")]
    if root.findtext("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID", "", ns) and \
            root.find("cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID", ns).get("schemeID") != "6":
        out.append(tr("The retención del IGV is made by a customer with a RUC, an agente de retención [3262]."))
    if type_code.get("listID") == "1001":
        out.append(tr("An operation subject to detracción carries no retención del IGV."))
    if (block.findtext("cbc:ChargeIndicator", "", ns) or "").strip() != "false":
        out.append(tr("The retención del IGV has the indicator false [3114]."))
    currency = (root.findtext("cbc:DocumentCurrencyCode", "", ns) or "").strip()
    nodes = [block.find("cbc:Amount", ns), block.find("cbc:BaseAmount", ns), block.find("cbc:MultiplierFactorNumeric", ns)]
    if any(n is None for n in nodes):
        return out + [tr("The retención del IGV carries its factor, amount and base.")]
    value, base, factor = (_dec(n) for n in nodes)
    if any(n.get("currencyID") != currency for n in nodes[:2]):
        out.append(tr("The retención del IGV is stated in the document's currency [2071]."))
    if factor != Decimal("0.03"):
        out.append(tr("The retención del IGV is 3% (factor 0.03)."))
    if abs(base * factor - value) >= Decimal("0.01"):
        out.append(tr("The retención {amount} is not {factor} × {base} [3263].", amount=value, factor=factor, base=base))
    payable = Decimal(payable_text or "0")
    if base > payable:
        out.append(tr("The base of the retención ({base}) is above the total ({total}) [3264].", base=base,
                      total=payable))
    credit = root.find("cac:PaymentTerms[cbc:ID='FormaPago'][cbc:PaymentMeansID='Credito']", ns)
    if credit is not None and credit.find("cbc:Amount", ns) is not None and _dec(credit.find("cbc:Amount", ns)) != \
            payable - value:
        out.append(tr("The Crédito ({credit}) is not the total {total} less the retención {amount} [3265].",
                      credit=_dec(credit.find("cbc:Amount", ns)), total=payable, amount=value))
    return out


def rules_dir() -> Path | None:
    """SUNAT's validation files (a folder holding commons/xsd), when this machine has them."""
    env = os.environ.get("SMEDESK_SUNAT_DIR")
    if not env:
        return None
    folder = Path(env)
    return folder if (folder / "commons" / "xsd" / "2.1" / "maindoc").is_dir() else None


def xsd_problems(root: etree._Element) -> list[str]:
    """The UBL XSD's complaints, or [] when the schemas are not on this machine."""
    folder = rules_dir()
    name = _local(root)
    if folder is None or name not in XSD:
        return []
    key = f"{folder}:{name}"
    if key not in _schemas:
        _schemas[key] = etree.XMLSchema(etree.parse(str(folder / "commons/xsd/2.1/maindoc" / XSD[name])))
    schema = _schemas[key]
    placeholder = root.find(f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent/{{{DS}}}Signature")
    if placeholder is not None and len(placeholder) == 0:
        # not signed yet: the extension takes any element of another namespace (lax), so
        # stand one in for the signature signxml will write there
        root = copy.deepcopy(root)
        content = root.find(f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent")
        content[0] = etree.Element("{urn:smedesk:unsigned}signature")
    if schema.validate(root):
        return []
    return [tr("UBL schema: {reason}", reason=e.message) for e in list(schema.error_log)[:5]]
