"""The amount in words SUNAT's legend 1000 carries: 'CIENTO DIECIOCHO CON 00/100 SOLES'."""

from __future__ import annotations

from decimal import Decimal

from num2words import num2words

from smedesk.einvoice.catalogs import CURRENCY_WORDS


def amount_in_words(cents: int, currency: str = "PEN") -> str:
    """Whole units in Spanish words (num2words), céntimos as NN/100, the currency's name."""
    if cents < 0:
        raise ValueError("negative amount")
    whole, part = divmod(int(cents), 100)
    text = num2words(whole, lang="es").upper()
    return f"{text} CON {part:02d}/100 {CURRENCY_WORDS[currency]}"


def amount_in_words_decimal(amount: Decimal, currency: str = "PEN") -> str:
    return amount_in_words(int((amount * 100).to_integral_value()), currency)
