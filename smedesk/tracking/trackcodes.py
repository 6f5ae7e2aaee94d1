"""Label codes: the business's 3-letter code, a 5-character serial and a check
character, all from an alphabet without look-alikes (no I, O, 0, 1), e.g.
``KQX-2A7HM-R`` printed, ``KQX2A7HMR`` in the barcode. Short enough to type by
hand; the check character (weighted over GF(32)) catches any single wrong character
and swapped neighbours; the prefix ties the label to this business's file."""

from __future__ import annotations

import unicodedata

from smedesk.core.business import CODE_ALPHABET

BASE = len(CODE_ALPHABET)  # 32
SERIAL_LEN = 5
CODE_LEN = 3 + SERIAL_LEN + 1
STEP_PREFIX = "PASO"


def _gf_mul(a: int, b: int) -> int:
    """Multiplication in GF(32) (polynomial x^5 + x^2 + 1)."""
    out = 0
    while b:
        if b & 1:
            out ^= a
        b >>= 1
        a <<= 1
        if a & 32:
            a ^= 0b100101
    return out


def _weights(n: int) -> list[int]:
    """Powers α^1 … α^n of the generator α = 2: distinct and non-zero (α has order 31)."""
    out, w = [], 1
    for _ in range(n):
        w = _gf_mul(w, 2)
        out.append(w)
    return out


def check_char(body: str) -> str:
    """Weighted check over GF(32): every single wrong character and every swap of
    neighbouring characters changes it (distinct non-zero weights)."""
    total = 0
    for weight, ch in zip(_weights(len(body)), body, strict=True):
        total ^= _gf_mul(weight, CODE_ALPHABET.index(ch))
    return CODE_ALPHABET[total]


def serial_text(number: int) -> str:
    if not 0 <= number < BASE**SERIAL_LEN:
        raise ValueError("serial out of range")
    chars = []
    for _ in range(SERIAL_LEN):
        number, rest = divmod(number, BASE)
        chars.append(CODE_ALPHABET[rest])
    return "".join(reversed(chars))


def make_code(business_code: str, serial: int) -> str:
    body = business_code.upper() + serial_text(serial)
    return body + check_char(body)


def normalize(text: str) -> str:
    """What a scanner or a hand typed: upper case, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch not in " -_\t\r\n")


def is_well_formed(code: str) -> bool:
    return (
        len(code) == CODE_LEN
        and all(ch in CODE_ALPHABET for ch in code)
        and check_char(code[:-1]) == code[-1]
    )


def pretty(code: str) -> str:
    """Readable form printed under the barcode: KQX-2A7HM-R."""
    return f"{code[:3]}-{code[3:-1]}-{code[-1]}" if len(code) == CODE_LEN else code


def fold(text: str) -> str:
    """Step names compared without accents, case or spaces ('Confección' → 'CONFECCION')."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.upper() if ch.isalnum())


def step_card_code(step: str | int) -> str:
    """Content of a step card or a worksheet's step barcode: PASO + name or number."""
    return STEP_PREFIX + (str(step) if isinstance(step, int) else fold(step))
