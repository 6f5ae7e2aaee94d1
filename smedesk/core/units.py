"""Units of measure and exact conversions within each dimension.

1 pie tablar (board foot) = 12 in × 12 in × 1 in = 2,359.737216 cm³ exactly,
so every factor below is an exact Decimal relative to the dimension's base.
"""

from __future__ import annotations

from decimal import Decimal

from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

INCH_M = Decimal("0.0254")

# unit -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, Decimal]] = {
    "unit": ("count", Decimal(1)),
    "doz": ("count", Decimal(12)),
    "m": ("length", Decimal(1)),
    "cm": ("length", Decimal("0.01")),
    "yd": ("length", Decimal("0.9144")),
    "m2": ("area", Decimal(1)),
    "m3": ("volume", Decimal(1)),
    "pt": ("volume", INCH_M * 12 * INCH_M * 12 * INCH_M),
    "l": ("volume", Decimal("0.001")),
    "ml": ("volume", Decimal("0.000001")),
    "kg": ("mass", Decimal(1)),
    "g": ("mass", Decimal("0.001")),
    "lb": ("mass", Decimal("0.45359237")),
}

ALIASES = {
    "u": "unit", "und": "unit", "unidad": "unit", "units": "unit", "pza": "unit",
    "docena": "doz", "dz": "doz", "m²": "m2", "m³": "m3", "p2": "pt", "pie": "pt",
    "pies": "pt", "bf": "pt", "kilo": "kg", "kgs": "kg", "lt": "l", "litro": "l",
    "mt": "m", "metro": "m", "yarda": "yd", "libra": "lb", "gr": "g",
    # as the window and the printouts write them, and their plurals
    "unid": "unit", "unid.": "unit", "unidades": "unit", "und.": "unit", "doc": "doz", "doc.": "doz",
    "docenas": "doz", "metros": "m", "yardas": "yd", "kilos": "kg", "kilogramo": "kg", "kilogramos": "kg",
    "gramo": "g", "gramos": "g", "libras": "lb", "litros": "l", "mililitro": "ml", "mililitros": "ml",
    "centímetro": "cm", "centimetro": "cm", "centímetros": "cm", "pie tablar": "pt", "pies tablares": "pt",
    "m2.": "m2", "m3.": "m3",
}

NAMES_ES = {
    "unit": "unidad", "doz": "docena", "m": "metro", "cm": "centímetro", "yd": "yarda",
    "m2": "m²", "m3": "m³", "pt": "pie tablar", "l": "litro", "ml": "mililitro",
    "kg": "kilo", "g": "gramo", "lb": "libra",
}

# How a unit is written short, per language: what the window's lists and the
# cost sheet show (any unit not listed is written as its code: "kg", "m").
SHORT = {
    "es": {"unit": "unid.", "doz": "doc.", "m3": "m³", "m2": "m²", "pt": "pt", "l": "l", "h": "h"},
    "en": {"unit": "pc", "doz": "doz", "m3": "m³", "m2": "m²", "pt": "bd ft", "l": "l", "h": "h"},
}


def label(unit: str, lang: str) -> str:
    """How `unit` is written short in `lang` ("es" or "en"), whoever asks: the
    window passes its language, a printout its translator's."""
    return SHORT[lang].get(unit, unit)


def normalize(unit: str, *, field: str = "unit") -> str:
    key = (unit or "").strip().lower()
    key = ALIASES.get(key, key)
    if key not in UNITS:
        known = ", ".join(UNITS)
        raise ValidationError(tr("Unknown unit «{unit}» (use one of: {known})", unit=unit, known=known), field=field)
    return key


def dimension(unit: str) -> str:
    return UNITS[normalize(unit)][0]


def compatible(a: str, b: str) -> bool:
    return dimension(a) == dimension(b)


def convert(qty: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Exact conversion; refuses kg into m3 and the like."""
    src, dst = normalize(from_unit), normalize(to_unit)
    if src == dst:
        return Decimal(qty)
    (dim_a, fa), (dim_b, fb) = UNITS[src], UNITS[dst]
    if dim_a != dim_b:
        raise ValidationError(tr("Cannot convert {src} into {dst}: they measure different things", src=src, dst=dst))
    return Decimal(qty) * fa / fb
