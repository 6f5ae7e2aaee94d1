"""When each kind of comprobante must reach SUNAT, as dated data.

Each rule says from which issue date it applies, how many calendar days after
the issue date are allowed, and where it comes from. The day counts from the
day after the issue date ("contado desde el día calendario siguiente").

- Facturas and their notes: up to 1 calendar day after the issue date under
  RS 193-2020/SUNAT (from 2021-01-01); 3 calendar days under RS
  000003-2023/SUNAT (El Peruano, 2023-01-05), for facturas issued from that
  date (as reported by Cuatrecasas, Gestión and Sovos, January 2023; still the
  rule in force in 2026: nothing later was found).
- Boletas and their notes, in the resumen diario or one by one: up to the
  seventh calendar day after the issue date (RS 097-2012/SUNAT art. 12 as
  amended by RS 193-2020/SUNAT; as summarised by misha.pe, "Plazos de emisión
  de los comprobantes de pago").
- Comunicación de baja (and voiding a boleta in the resumen): up to the
  seventh calendar day after the voided document's issue date (same source).
  After that, only a nota de crédito undoes a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smedesk.core.i18n import N_


@dataclass(frozen=True)
class Rule:
    """Attributes: kind (factura, boleta, baja), valid_from (issue dates from),
    days (calendar days after the issue date), source."""

    kind: str
    valid_from: dt.date
    days: int
    source: str


RULES = (
    Rule("factura", dt.date(2021, 1, 1), 1, "RS 193-2020/SUNAT"),
    Rule("factura", dt.date(2023, 1, 5), 3, "RS 000003-2023/SUNAT"),
    Rule("boleta", dt.date(2021, 1, 1), 7, "RS 097-2012/SUNAT art. 12 (RS 193-2020/SUNAT)"),
    Rule("baja", dt.date(2021, 1, 1), 7, "RS 097-2012/SUNAT art. 12 (RS 193-2020/SUNAT)"),
)
KIND_NAMES = {"factura": N_("factura"), "boleta": N_("boleta")}


def kind_of(doc_type: str, series: str) -> str:
    """factura for facturas and the notes that modify them (series F…), boleta otherwise."""
    return "factura" if doc_type == "01" or (series[:1] == "F") else "boleta"


def rule_for(kind: str, issued: dt.date) -> Rule:
    found = [r for r in RULES if r.kind == kind and r.valid_from <= issued]
    return max(found, key=lambda r: r.valid_from) if found else min(
        (r for r in RULES if r.kind == kind), key=lambda r: r.valid_from)


def deadline(doc_type: str, series: str, issued) -> dt.date:
    """The last day SUNAT takes the document."""
    issued = issued if isinstance(issued, dt.date) else dt.date.fromisoformat(str(issued)[:10])
    return issued + dt.timedelta(days=rule_for(kind_of(doc_type, series), issued).days)


def void_deadline(issued) -> dt.date:
    """The last day a comunicación de baja (or a boleta's voiding) is taken."""
    issued = issued if isinstance(issued, dt.date) else dt.date.fromisoformat(str(issued)[:10])
    return issued + dt.timedelta(days=rule_for("baja", issued).days)
