"""A comprobante's label, SERIES-NNNNNNNN (F001-00000123): SUNAT's series of
four characters and a number of up to eight digits, zero-padded. Built here
only, in Python and in SQL, so every screen, register and printout agrees."""

from __future__ import annotations


def label(series: str, number: int | str) -> str:
    """'F001', 123 -> 'F001-00000123'."""
    return f"{series}-{int(number):08d}"


def sql(alias: str = "") -> str:
    """The same label as an SQL expression over `alias`.series and .number."""
    prefix = f"{alias}." if alias else ""
    return f"printf('%s-%08d', {prefix}series, {prefix}number)"
