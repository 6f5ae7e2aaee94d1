"""Line and document arithmetic: IGV (split IGV/IPM by the dated rate), exonerado,
inafecto, export; prices with or without IGV; conversion to PEN."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.money import round_cents, to_cents

# The tax treatments of a line, listed once: code -> name (English source, shown with tr()).
TREATMENT_NAMES = {"igv": N_("With IGV"), "exonerado": N_("Exonerated"), "inafecto": N_("Unaffected"),
                   "export": N_("Export")}
TREATMENTS = tuple(TREATMENT_NAMES)
HUNDRED = Decimal(100)


@dataclass
class LineAmounts:
    """A line's amounts in the document's currency, in céntimos."""

    base: int
    igv: int
    ipm: int
    total: int


def line_amounts(qty: Decimal, unit_price: Decimal, tax: str, igv_rate: Decimal, ipm_rate: Decimal,
                 prices_include_igv: bool, discount: Decimal = Decimal(0)) -> LineAmounts:
    """Price × quantity less the line's discount (an amount on the same footing as
    the price), split into base and tax. With IGV included the total is
    the rounded gross and the base is total ÷ (1 + rate); the tax (IGV + IPM) is
    split in the proportion of the two rates."""
    if tax not in TREATMENTS:
        raise ValidationError(tr("Unknown tax treatment «{tax}» (igv, exonerado, inafecto, export).", tax=tax),
                              field="tax")
    gross = round_cents(qty * unit_price) - round_cents(discount)
    if tax != "igv":
        cents = to_cents(gross)
        return LineAmounts(cents, 0, 0, cents)
    rate = (igv_rate + ipm_rate) / HUNDRED
    if prices_include_igv:
        total = gross
        base = round_cents(total / (1 + rate))
    else:
        base = gross
        total = base + round_cents(base * rate)
    tax_amount = total - base
    igv = round_cents(tax_amount * igv_rate / (igv_rate + ipm_rate)) if igv_rate + ipm_rate else Decimal(0)
    return LineAmounts(to_cents(base), to_cents(igv), to_cents(tax_amount - igv), to_cents(total))


def to_pen(cents: int, fx: Decimal) -> int:
    """Céntimos of the document currency → céntimos of PEN at `fx` PEN per unit."""
    return to_cents(Decimal(cents) / 100 * fx)


def spread(total: int, parts: list[int]) -> list[int]:
    """Split `total` céntimos in proportion to `parts`, exactly (largest remainders)."""
    whole = sum(parts)
    if whole == 0:
        return [0] * len(parts)
    raw = [Decimal(total) * p / whole for p in parts]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(parts)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out
