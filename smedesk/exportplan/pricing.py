"""The export price built up along the Incoterms, per unit and per shipment.

Pure functions over Decimal, no database: the unit cost comes in already
rounded to the céntimo (from costing) and nothing is rounded until the
figures are shown (`BuildUp.unit_pen_text` etc.).

    EXW = (unit cost + packing per unit) ÷ (1 − margin_pct/100)
    FCA = EXW + (inland freight + customs agent + documents) ÷ qty
    FOB = FCA + port handling ÷ qty
    CFR = FOB + main freight (USD × fx) ÷ qty
    CIF = CFR × (1 + 1.10 × insurance_rate_pct/100)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import dec_str, round_cents, to_decimal

INCOTERMS = ("EXW", "FCA", "FOB", "CFR", "CIF")

INCOTERM_NAMES = {
    "EXW": N_("Ex Works: the buyer collects at the workshop"),
    "FCA": N_("Free Carrier: delivered to the buyer's carrier, cleared for export"),
    "FOB": N_("Free On Board: loaded on the ship at the Peruvian port"),
    "CFR": N_("Cost and Freight: main freight paid to the destination port"),
    "CIF": N_("Cost, Insurance and Freight: freight and insurance paid to the destination port"),
}

# The cost lines of the costs file, in the order the owner meets them.
COST_FIELDS = (
    "margin_pct", "packing_per_unit", "inland_freight", "customs_agent", "documents",
    "port_handling", "main_freight_usd", "insurance_rate_pct", "fx_usd_pen",
)

MONEY_FIELDS = ("packing_per_unit", "inland_freight", "customs_agent", "documents", "port_handling",
                "main_freight_usd")

COST_LABELS = {
    "margin_pct": N_("Margin %"),
    "packing_per_unit": N_("Packing per unit (S/)"),
    "inland_freight": N_("Inland freight to port or airport (S/)"),
    "customs_agent": N_("Customs agent (S/)"),
    "documents": N_("Documents and certificates (S/)"),
    "port_handling": N_("Port or airport handling (S/)"),
    "main_freight_usd": N_("Main freight (US$)"),
    "insurance_rate_pct": N_("Insurance rate %"),
    "fx_usd_pen": N_("Exchange rate (S/ per US$)"),
}

INSURANCE_FACTOR = Decimal("1.10")  # insured value: CFR plus 10%, as is customary
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CostLines:
    """What the owner enters for one shipment. Attributes: margin_pct,
    packing_per_unit, inland_freight, customs_agent, documents, port_handling
    (PEN); main_freight_usd (USD); insurance_rate_pct; fx_usd_pen (S/ per US$)."""

    margin_pct: Decimal
    packing_per_unit: Decimal
    inland_freight: Decimal
    customs_agent: Decimal
    documents: Decimal
    port_handling: Decimal
    main_freight_usd: Decimal
    insurance_rate_pct: Decimal
    fx_usd_pen: Decimal

    def as_strings(self) -> dict[str, str]:
        return {name: format(getattr(self, name), "f") for name in COST_FIELDS}


def label(name: str) -> str:
    return tr(COST_LABELS.get(name, name))


def clean_costs(data: dict) -> CostLines:
    """Validate the owner's cost lines; refuse with the field at fault."""
    values = {}
    for name in COST_FIELDS:
        raw = data.get(name)
        if name == "fx_usd_pen" and (raw is None or str(raw).strip() == ""):
            raise ValidationError(
                tr("The exchange rate (soles per dollar) is missing: enter today's rate, e.g. 3.75."),
                field=name,
            )
        if raw is None or str(raw).strip() == "":
            raw = "0"
        number = to_decimal(raw, field=name)
        if name != "margin_pct" and number < 0:
            raise ValidationError(tr("«{field}» cannot be negative.", field=label(name)), field=name)
        if name in MONEY_FIELDS and number != number.quantize(Decimal("0.01")):
            # stored in céntimos: refuse rather than silently change what was typed
            raise ValidationError(tr("«{field}» is money: at most two decimals.", field=label(name)), field=name)
        values[name] = number
    if values["margin_pct"] >= HUNDRED:
        raise ValidationError(
            tr("The margin must be below 100%: at 100% or more the price would be infinite or negative."),
            field="margin_pct",
        )
    if values["margin_pct"] <= -HUNDRED:
        raise ValidationError(tr("The margin must be above -100%."), field="margin_pct")
    if values["fx_usd_pen"] <= 0:
        raise ValidationError(
            tr("The exchange rate (soles per dollar) must be more than zero."), field="fx_usd_pen"
        )
    if values["insurance_rate_pct"] >= HUNDRED:
        raise ValidationError(tr("The insurance rate must be below 100%."), field="insurance_rate_pct")
    return CostLines(**values)


def clean_qty(value) -> int:
    number = to_decimal(value if value not in (None, "") else "0", field="qty")
    if number != number.to_integral():
        raise ValidationError(tr("The quantity is a whole number of units."), field="qty")
    if number <= 0:
        raise ValidationError(tr("The quantity must be more than zero."), field="qty")
    return int(number)


def clean_incoterm(value) -> str:
    term = str(value or "").strip().upper()
    if term not in INCOTERMS:
        raise ValidationError(
            tr("Unknown Incoterm «{term}» (use EXW, FCA, FOB, CFR or CIF).", term=value), field="incoterm"
        )
    return term


def clean_unit_cost(value) -> Decimal:
    cost = to_decimal(value, field="unit_cost")
    if cost <= 0:
        raise ValidationError(
            tr("The product has no unit cost yet: fill its materials and steps in Costs first."),
            field="unit_cost",
        )
    return cost


@dataclass(frozen=True)
class BuildUp:
    """The exact (unrounded) price per unit at each Incoterm, in PEN and USD.

    Attributes: unit_cost, qty, costs, incoterm (the chosen term), unit_pen and
    unit_usd (dicts EXW…CIF of exact Decimals), warnings (plain sentences)."""

    unit_cost: Decimal
    qty: int
    costs: CostLines
    incoterm: str
    unit_pen: dict[str, Decimal]
    unit_usd: dict[str, Decimal]
    warnings: list[str] = field(default_factory=list)

    def terms(self) -> tuple[str, ...]:
        """EXW up to the chosen term."""
        return INCOTERMS[: INCOTERMS.index(self.incoterm) + 1]

    @property
    def total_pen(self) -> Decimal:
        return round_cents(self.unit_pen[self.incoterm] * self.qty)

    @property
    def total_usd(self) -> Decimal:
        return round_cents(self.unit_usd[self.incoterm] * self.qty)

    def total_usd_at(self, term: str) -> Decimal:
        return round_cents(self.unit_usd[term] * self.qty)

    def total_pen_at(self, term: str) -> Decimal:
        return round_cents(self.unit_pen[term] * self.qty)

    def as_json(self) -> dict:
        """The CLI's contract: incoterm, qty, unit_pen, unit_usd, total_usd."""
        return {
            "incoterm": self.incoterm,
            "qty": self.qty,
            "unit_pen": {t: dec_str(self.unit_pen[t]) for t in self.terms()},
            "unit_usd": {t: dec_str(self.unit_usd[t]) for t in self.terms()},
            "total_usd": dec_str(self.total_usd),
        }


def build_up(unit_cost, qty, costs: CostLines, incoterm: str = "CIF") -> BuildUp:
    """Every term EXW…CIF for one shipment of `qty` units; exact, unrounded."""
    unit_cost = clean_unit_cost(unit_cost)
    qty = clean_qty(qty)
    incoterm = clean_incoterm(incoterm)
    c = costs
    q = Decimal(qty)
    exw = (unit_cost + c.packing_per_unit) / (1 - c.margin_pct / HUNDRED)
    fca = exw + (c.inland_freight + c.customs_agent + c.documents) / q
    fob = fca + c.port_handling / q
    cfr = fob + (c.main_freight_usd * c.fx_usd_pen) / q
    cif = cfr * (1 + INSURANCE_FACTOR * c.insurance_rate_pct / HUNDRED)
    unit_pen = dict(zip(INCOTERMS, (exw, fca, fob, cfr, cif), strict=True))
    unit_usd = {t: v / c.fx_usd_pen for t, v in unit_pen.items()}
    warnings = []
    if exw < unit_cost + c.packing_per_unit:
        warnings.append(tr(
            "The price does not cover the cost: with a negative margin each unit loses money."
        ))
    return BuildUp(unit_cost, qty, c, incoterm, unit_pen, unit_usd, warnings)


def drawback(build: BuildUp, rate_pct: Decimal | None) -> Decimal | None:
    """The drawback refund (restitución) on the shipment's FOB value, in PEN:
    shown apart, never part of the price. None when no rate is in force."""
    if rate_pct is None:
        return None
    return round_cents(build.unit_pen["FOB"] * build.qty * Decimal(rate_pct) / HUNDRED)


def exceeds_limit(build: BuildUp, limit_usd: Decimal | None) -> bool:
    """Whether the shipment's FOB value in US$ is above the Exporta Fácil limit."""
    if limit_usd is None or limit_usd <= 0:
        return False
    return build.total_usd_at("FOB") > limit_usd


def money_text(amount, currency: str = "PEN") -> str:
    """Money as shown on export documents: 'S/ 1,234.50' or 'US$ 1,234.50'
    (the dollar sign alone is ambiguous for buyers in Chile or Canada)."""
    from smedesk.core.money import format_money

    return format_money(amount, currency)
