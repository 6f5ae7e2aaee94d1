"""What an operation changed: a small value the window broadcasts once.

A write names the kinds of data it touched (`Changes("orders", "scans")`);
the window broadcasts that value once and every page that follows one of
those kinds refreshes itself (now if shown, when next shown otherwise). The
names are a closed list, so a typo is an error at once instead of a page that
silently never refreshes. An area with data of its own adds its name with
`define("name", "what it covers")` when its module is imported.
"""

from __future__ import annotations

from collections.abc import Iterable

# name -> what it covers (documentation for whoever picks names for a page)
KINDS: dict[str, str] = {
    "business": "the business's name, RUC, address and logo",
    "settings": "business settings: labour and overhead rates, language, numbering, rules",
    "catalogue": "materials, products, bills of materials, routings and their prices",
    "orders": "orders, their lines, state, due dates, release (jobs and labels)",
    "scans": "scans at the station and their undoing, worked times",
    "users": "users, roles, PINs and badges",
    "parties": "customers and suppliers",
    "accounts": "documents, payments, journal entries, periods",
    "quotations": "requests for quotation and quotations",
    "exportplan": "export plans",
    "seace": "SEACE tenders, searches and prices",
    "sync": "outbox, inbox, marketplace connection",
    "backup": "backups taken or restored",
    "einvoice": "electronic comprobantes: XML, signature, certificate",
    "sunat": "comprobantes queued for SUNAT, their sending, CDRs and deadlines",
    "stock": "stock of materials and its movements",
}


def define(name: str, covers: str) -> None:
    """Add a kind of change (idempotent for the same name)."""
    KINDS.setdefault(name, covers)


def check(names: Iterable[str]) -> frozenset[str]:
    found = frozenset(names)
    unknown = sorted(found - KINDS.keys())
    if unknown:
        raise ValueError(f"unknown kind of change {unknown!r}: one of {sorted(KINDS)} (or changes.define it)")
    return found


class Changes:
    """Attributes: kinds (frozenset of names in KINDS), everything (True after
    a restore or a language switch: every page refreshes)."""

    __slots__ = ("kinds", "everything")

    def __init__(self, *kinds: str, everything: bool = False):
        object.__setattr__(self, "kinds", check(kinds))
        object.__setattr__(self, "everything", bool(everything))

    def __setattr__(self, name, value):
        raise AttributeError("Changes is immutable")

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def touches(self, kinds: Iterable[str]) -> bool:
        """True when a page following `kinds` must refresh (an empty `kinds`
        follows nothing)."""
        return self.everything or bool(self.kinds & frozenset(kinds))

    def __or__(self, other: Changes) -> Changes:
        return Changes(*(self.kinds | other.kinds), everything=self.everything or other.everything)

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)

    def __eq__(self, other) -> bool:
        return isinstance(other, Changes) and (self.kinds, self.everything) == (other.kinds, other.everything)

    def __hash__(self) -> int:
        return hash((self.kinds, self.everything))

    def __repr__(self) -> str:
        return "Changes(everything=True)" if self.everything else f"Changes{tuple(sorted(self.kinds))!r}"


NOTHING = Changes()
