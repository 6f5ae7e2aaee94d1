"""Plain data a comprobante is built from: no database, no XML. `ubl.build` turns
a `Comprobante` into UBL 2.1; `rules.problems` checks one against SUNAT's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Issuer:
    """Attributes: ruc, name (razón social), address (fiscal), ubigeo (6 digits or ''),
    establishment (código de establecimiento anexo, 0000 for the fiscal address)."""

    ruc: str
    name: str
    address: str = ""
    ubigeo: str = ""
    establishment: str = "0000"


@dataclass(frozen=True)
class Customer:
    """Attributes: doc_type (catálogo 06: 6 RUC, 1 DNI, 4 CE, 7 pasaporte, 0 foreign tax id,
    '-' none), doc_number, name, address, country (ISO 3166 alpha-2)."""

    doc_type: str
    doc_number: str
    name: str
    address: str = ""
    country: str = "PE"


@dataclass(frozen=True)
class Line:
    """One line, amounts in céntimos of the document currency.

    Attributes: n, description, unit (catálogo 03), qty, treatment (igv, exonerado,
    inafecto, export), base_cents (valor de venta, after the discount), tax_cents
    (IGV+IPM at the combined rate), total_cents, discount_cents (off the base, 0 if none),
    percent (the combined IGV rate, e.g. 18), sku.
    """

    n: int
    description: str
    unit: str
    qty: Decimal
    treatment: str
    base_cents: int
    tax_cents: int
    total_cents: int
    discount_cents: int = 0
    percent: Decimal = Decimal(18)
    sku: str = ""

    @property
    def unit_value(self) -> Decimal:
        """Valor unitario: base before the discount ÷ quantity (no tax)."""
        return ((Decimal(self.base_cents + self.discount_cents) / 100) / self.qty).quantize(Decimal("1e-10"))

    @property
    def unit_price(self) -> Decimal:
        """Precio unitario (with tax, after the discount): total ÷ quantity (SUNAT rule 4287)."""
        return ((Decimal(self.total_cents) / 100) / self.qty).quantize(Decimal("1e-10"))


@dataclass(frozen=True)
class Cuota:
    """Attributes: amount_cents, due (ISO date)."""

    amount_cents: int
    due: str


@dataclass(frozen=True)
class Reference:
    """The document a nota modifies. Attributes: doc_type, series, number, reason_code
    (catálogo 09 for 07, 10 for 08), reason (its text)."""

    doc_type: str
    series: str
    number: int
    reason_code: str
    reason: str


@dataclass(frozen=True)
class Detraccion:
    """A sale subject to SPOT (RS 183-2004/SUNAT): what the customer deposits in the
    business's Banco de la Nación account instead of paying it to the business.

    Attributes: code (catálogo 54), name (the annex's wording), percent, amount_cents
    (in soles, whole soles: the deposit), account (the business's Banco de la Nación
    account), document_cents (the same amount in the document's currency, at its
    exchange rate: what the customer does not pay the business), means (catálogo 59:
    001 depósito en cuenta).
    """

    code: str
    name: str
    percent: Decimal
    amount_cents: int
    account: str
    document_cents: int
    means: str = "001"


@dataclass(frozen=True)
class Retencion:
    """A factura to an agente de retención (RS 037-2002/SUNAT): the IGV the customer keeps
    and pays SUNAT, sending the business a comprobante de retención (type 20).

    On the XML it is a global cac:AllowanceCharge, catálogo 53 code 62 "Retención del IGV"
    (SUNAT's ValidaExprRegFactura-2.0.1.xsl, rules 3114, 3025, 3263, 3264; 2071: its amounts
    in the document's currency). Attributes: percent (3), base_cents (the total with IGV,
    in the document's currency), amount_cents (the retención in the document's currency).
    """

    percent: Decimal
    base_cents: int
    amount_cents: int

    @property
    def factor(self) -> Decimal:
        """MultiplierFactorNumeric: the rate as a fraction (0.03)."""
        return self.percent / 100


@dataclass(frozen=True)
class Comprobante:
    """A factura 01, boleta 03, nota de crédito 07 or nota de débito 08, ready to build.

    Attributes: doc_type, series, number, date (ISO), currency, issuer, customer, lines,
    operation (catálogo 51: 1001 when subject to SPOT), cuotas (empty: Contado; they add up
    to `net_cents`), ref (notas only), detraccion (facturas and boletas subject to SPOT),
    retencion (facturas to an agente de retención; never together with a detracción).
    """

    doc_type: str
    series: str
    number: int
    date: str
    currency: str
    issuer: Issuer
    customer: Customer
    lines: tuple[Line, ...]
    operation: str = "0101"
    cuotas: tuple[Cuota, ...] = field(default_factory=tuple)
    ref: Reference | None = None
    detraccion: Detraccion | None = None
    retencion: Retencion | None = None

    @property
    def document_id(self) -> str:
        """SERIE-NUMERO as the XML and the file name carry it (number in 8 digits)."""
        return f"{self.series}-{self.number:08d}"

    @property
    def file_name(self) -> str:
        """SUNAT's name without extension: RUC-TT-SERIE-NUMERO (number as 8 digits)."""
        return f"{self.issuer.ruc}-{self.doc_type}-{self.document_id}"

    @property
    def base_cents(self) -> int:
        return sum(li.base_cents for li in self.lines)

    @property
    def tax_cents(self) -> int:
        return sum(li.tax_cents for li in self.lines)

    @property
    def total_cents(self) -> int:
        return sum(li.total_cents for li in self.lines)

    @property
    def net_cents(self) -> int:
        """What the customer pays the business: the total less the detracción or the
        retención (SUNAT's "monto neto pendiente de pago" of a Crédito, RS 193-2020/SUNAT)."""
        return (self.total_cents - (self.detraccion.document_cents if self.detraccion else 0)
                - (self.retencion.amount_cents if self.retencion else 0))

    def by_treatment(self) -> dict[str, tuple[int, int]]:
        """treatment -> (base, tax) in céntimos, in catalogue order, only those used."""
        out: dict[str, tuple[int, int]] = {}
        for t in ("igv", "exonerado", "inafecto", "export"):
            used = [li for li in self.lines if li.treatment == t]
            if used:
                out[t] = (sum(li.base_cents for li in used), sum(li.tax_cents for li in used))
        return out
