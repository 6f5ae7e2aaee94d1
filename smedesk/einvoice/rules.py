"""SUNAT's rules, checked in the domain before a sales document is numbered.

Pure functions over plain values returning problems `(field, message)`, never
raising (Beancount's validation style); `first_problem` turns them into a refusal.
Sources: SUNAT's "Reglas de validación" of the UBL 2.1 comprobantes (error codes in
brackets, as `CatalogoErrores.xml` names them) and the Reglamento de Comprobantes de Pago.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from smedesk.core.codes import ruc_check_digit
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr

ELECTRONIC, CONTINGENCY, PORTAL = "electronic", "contingency", "portal"
BOLETA_ID_LIMIT_CENTS = 70000  # S/ 700: above it a boleta names its buyer (RC rule 2514)
_ELECTRONIC = re.compile(r"^[FB][A-Z0-9]{3}$")
_PORTAL = {"F": re.compile(r"^E\d{3}$"), "B": re.compile(r"^EB\d{2}$")}


@dataclass(frozen=True)
class Sale:
    """What the rules look at. Attributes: doc_type, series, party (dict of
    the parties row or None), treatments (set), total_cents, total_pen_cents, currency,
    date, ref (the modified document's row, notas), cuotas [(amount_cents, due ISO)],
    credited_cents (what earlier credit notes already took from ref), detraccion_cents (the
    SPOT deposit in the document's currency, 0 when none), bn_account (the business's Banco
    de la Nación account for detracciones), retention_cents (the retención del IGV an agente de
    retención keeps, in the document's currency, 0 when none)."""

    doc_type: str
    series: str
    party: dict | None
    treatments: frozenset
    total_cents: int
    total_pen_cents: int
    currency: str
    date: str
    ref: dict | None = None
    cuotas: tuple = field(default_factory=tuple)
    credited_cents: int = 0
    detraccion_cents: int = 0
    bn_account: str = ""
    retention_cents: int = 0


def letter_for(doc_type: str, ref: dict | None) -> str:
    """F for facturas and their notas, B for boletas and theirs."""
    if doc_type in ("01", "03"):
        return "F" if doc_type == "01" else "B"
    return "B" if ref is not None and ref["doc_type"] == "03" else "F"


def series_mode(doc_type: str, series: str, ref: dict | None) -> str | None:
    """electronic (F###/B###), contingency (0001…, paper), portal (E001 / EB01, SEE-SOL), or None."""
    letter = letter_for(doc_type, ref)
    if _ELECTRONIC.match(series) and series[0] == letter:
        return ELECTRONIC
    if series.isdigit() and len(series) == 4 and series != "0000":
        return CONTINGENCY
    if _PORTAL[letter].match(series):
        return PORTAL
    return None


def _valid_ruc(number: str) -> bool:
    return (len(number) == 11 and number.isdigit() and number[:2] in ("10", "15", "17", "20")
            and ruc_check_digit(number[:10]) == int(number[10]))


def problems(s: Sale) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    letter = letter_for(s.doc_type, s.ref)
    if series_mode(s.doc_type, s.series, s.ref) is None:
        out.append(("series", tr("The series «{series}» is not valid here: electronic series are {letter} and three "
                                 "letters or digits ({letter}001), contingency (paper) series are four digits "
                                 "(0001), and SUNAT portal series are {portal}.",
                                 series=s.series, letter=letter, portal="E001" if letter == "F" else "EB01")))
    party = s.party
    export = "export" in s.treatments
    foreign = party is not None and party["id_type"] == "foreign"
    if s.doc_type == "01":
        if party is None or (party["id_type"] != "ruc" and not (foreign and s.treatments == {"export"})):
            out.append(("party_id", tr("A factura needs a customer with a RUC (a DNI is for boletas) [2800].")))
        elif party["id_type"] == "ruc" and not _valid_ruc(party["id_number"]):
            out.append(("party_id", tr("The customer's RUC «{ruc}» is not valid.", ruc=party["id_number"])))
    if s.doc_type == "03":
        if export:
            out.append(("doc_type", tr("An export is invoiced with a factura, not a boleta.")))
        if s.total_pen_cents > BOLETA_ID_LIMIT_CENTS and (party is None or party["id_type"] == "none"
                                                           or not party["id_number"]):
            out.append(("party_id", tr("A boleta above S/ 700.00 needs the buyer's DNI, foreigner's card or passport "
                                       "[2514].")))
    if export and not foreign:
        out.append(("tax", tr("Export lines are only for a foreign customer.")))
    if (s.detraccion_cents and s.doc_type in ("01", "03") and not s.bn_account.strip()
            and series_mode(s.doc_type, s.series, s.ref) == ELECTRONIC):
        out.append(("spot_code", tr("This sale is subject to detracción (SPOT): the comprobante must show the "
                                    "business's Banco de la Nación account. Write it on the Negocio page "
                                    "(accounts.bn_account) and issue again [3034].")))
    if s.doc_type in ("07", "08"):
        out += _note_problems(s)
    out += _cuota_problems(s)
    return out


def _note_problems(s: Sale) -> list[tuple[str, str]]:
    out = []
    ref = s.ref
    if ref is None:
        return [("ref", tr("A credit or debit note must name the document it modifies (SERIES-NUMBER)."))]
    if ref["kind"] != "sale" or ref["doc_type"] not in ("01", "03"):
        out.append(("ref", tr("A note modifies a factura or a boleta of this business.")))
    if s.party is not None and ref["party_id"] is not None and s.party["id"] != ref["party_id"]:
        out.append(("party_id", tr("A note takes the customer of the document it modifies ({name}).",
                                   name=ref["party_name"])))
    if s.currency != ref["currency"]:
        out.append(("currency", tr("A note is in the currency of the document it modifies ({currency}).",
                                   currency=ref["currency"])))
    if s.date < ref["date"]:
        out.append(("date", tr("A note cannot be dated before the document it modifies ({date}).", date=ref["date"])))
    if s.doc_type == "07" and s.credited_cents + s.total_cents > ref["total_cents"]:
        out.append(("lines", tr("The credit notes would exceed the original document's total.")))
    return out


def _cuota_problems(s: Sale) -> list[tuple[str, str]]:
    if not s.cuotas:
        return []
    if s.doc_type != "01":
        return [("cuotas", tr("Only a factura carries a payment plan (cuotas); a boleta or a note does not [3128]."))]
    out = []
    for n, (cents, due) in enumerate(s.cuotas, start=1):
        if cents <= 0:
            out.append(("cuotas", tr("Cuota {n}: the amount must be more than zero.", n=n)))
        if due <= s.date:
            out.append(("cuotas", tr("Cuota {n}: its date ({due}) must come after the issue date [3267].", n=n, due=due)))
    total = sum(c for c, _d in s.cuotas)
    # the Crédito is the "monto neto pendiente de pago": the total less the detracción
    # the customer deposits in the Banco de la Nación or the retención an agente de
    # retención keeps (RS 193-2020/SUNAT; 3265, 3266)
    net = s.total_cents - s.detraccion_cents - s.retention_cents
    if total != net:
        from smedesk.core.money import from_cents

        if s.retention_cents:
            out.append(("cuotas", tr("The cuotas add up to {sum}, but the amount to be paid is {net}: the total "
                                     "{total} less the retención del IGV of {retention} the customer (an agente "
                                     "de retención) keeps.", sum=from_cents(total), net=from_cents(net),
                                     total=from_cents(s.total_cents), retention=from_cents(s.retention_cents))))
        elif s.detraccion_cents:
            out.append(("cuotas", tr("The cuotas add up to {sum}, but the amount to be paid is {net}: the total "
                                     "{total} less the detracción of {detraccion}.", sum=from_cents(total),
                                     net=from_cents(net), total=from_cents(s.total_cents),
                                     detraccion=from_cents(s.detraccion_cents))))
        else:
            out.append(("cuotas", tr("The cuotas add up to {sum}, but the amount to be paid is {total}.",
                                     sum=from_cents(total), total=from_cents(s.total_cents))))
    return out


def first_problem(found: list[tuple[str, str]]) -> None:
    if found:
        field_name, message = found[0]
        raise ValidationError(message, field=field_name)
