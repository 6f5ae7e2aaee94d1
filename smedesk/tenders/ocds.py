"""Reading OCDS 1.1 releases into plain process dicts.

Only what smedesk shows is read; unknown fields and extensions are ignored.
Numbers arrive as Decimal (the JSON is parsed with parse_float=Decimal), and
an amount of 0.0, or one the law protects, means "not published": None.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from smedesk.core import clock, money
from smedesk.core.i18n import tr


class BadRelease(ValueError):
    """A release that cannot be read; the message says why."""


def loads(data: bytes | str):
    """Parse JSON with every number as Decimal, never float."""
    return json.loads(data, parse_float=Decimal, parse_int=Decimal)


def fold(text: str) -> str:
    """Upper case without accents: 'Junín' -> 'JUNIN'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper().strip()


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _text(value) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _date(value) -> str | None:
    """An OCDS date (with offset) as UTC ISO, or None when absent or unreadable."""
    text = _text(value)
    return _utc(text) if text else None


@lru_cache(maxsize=8192)
def _utc(text: str) -> str | None:
    # the same dates repeat across a release (published, periods, documents)
    try:
        return clock.iso(clock.parse(text))
    except ValueError:
        return None


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool | dict | list):
        return None
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        return None
    # no tender is worth 10^15 soles: larger figures are garbage (and overflow céntimos)
    return result if result.is_finite() and abs(result) < Decimal(10) ** 15 else None


def amount_cents(value: dict | None, *, protected: bool = False) -> int | None:
    """céntimos of an OCDS Value, None when 0.0, missing, negative or protected."""
    if protected:
        return None
    amount = _decimal(_dict(value).get("amount"))
    if amount is None or amount <= 0:
        return None
    return money.to_cents(amount)


def _quantity(value) -> str | None:
    number = _decimal(value)
    return None if number is None or number < 0 else money.canonical(number)


def _codes(item: dict) -> tuple[str, str]:
    """(CUBSO, UNSPSC) of an item; UNSPSC is the CUBSO's first 8 digits when not given."""
    cubso = unspsc = ""
    classification = _dict(item.get("classification"))
    for entry in [classification, *map(_dict, _list(item.get("additionalClassifications")))]:
        scheme = _text(entry.get("scheme")).upper()
        code = _text(entry.get("id"))
        if scheme == "CUBSO" and not cubso:
            cubso = code
        elif scheme == "UNSPSC" and not unspsc:
            unspsc = code
    if not unspsc and len(cubso) >= 8:
        unspsc = cubso[:8]
    return cubso, unspsc


def _department(release: dict) -> tuple[str, str]:
    """(department, RUC) of the buyer, read from the parties list."""
    buyer_id = _text(_dict(release.get("buyer")).get("id"))
    parties = [_dict(p) for p in _list(release.get("parties"))]
    chosen = None
    for party in parties:
        roles = _list(party.get("roles"))
        if (buyer_id and _text(party.get("id")) == buyer_id) or "buyer" in roles:
            chosen = party
            break
    if chosen is None:
        for party in parties:
            if "procuringEntity" in _list(party.get("roles")):
                chosen = party
                break
    if chosen is None:
        return "", ""
    address = _dict(chosen.get("address"))
    department = _text(address.get("department")) or _text(address.get("region"))
    ruc = ""
    for ident in [_dict(chosen.get("identifier")), *map(_dict, _list(chosen.get("additionalIdentifiers")))]:
        if _text(ident.get("scheme")).upper() == "PE-RUC":
            ruc = _text(ident.get("id"))
            break
    return fold(department), ruc


def _status(items: list[dict], tender: dict) -> str:
    found = []
    for item in items:
        value = item["status_details"] or item["status"]
        if value and value not in found:
            found.append(value)
    if found:
        return " / ".join(found)
    return _text(tender.get("status"))


def _supplier_ruc(supplier: dict) -> str:
    ident = _text(_dict(supplier.get("identifier")).get("id"))
    if ident:
        return ident
    sid = _text(supplier.get("id"))
    return sid.rsplit("-", 1)[-1] if sid.upper().startswith("PE-RUC-") else ""


def read_release(release) -> dict:
    """A release (or a record's compiledRelease) as a process dict.

    Sections the release does not carry are left out of the dict (not empty),
    so a later partial release updates only what it brings."""
    if not isinstance(release, dict):
        raise BadRelease(tr("a release is not an object"))
    ocid = _text(release.get("ocid"))
    if not ocid:
        raise BadRelease(tr("a release has no ocid"))
    process: dict = {"ocid": ocid, "release_date": _date(release.get("date"))}
    if "tender" in release:
        tender = _dict(release.get("tender"))
        protected = tender.get("hasTenderInformationProtectedByLaw") is True
        items = []
        for pos, raw in enumerate(_list(tender.get("items")), start=1):
            raw = _dict(raw)
            cubso, unspsc = _codes(raw)
            items.append({
                "position": pos,
                "item_id": _text(raw.get("id")),
                "description": _text(raw.get("description")),
                "cubso": cubso,
                "unspsc": unspsc,
                "quantity": _quantity(raw.get("quantity")),
                "unit": _text(_dict(raw.get("unit")).get("name")),
                "status": _text(raw.get("status")),
                "status_details": _text(raw.get("statusDetails")),
                "total_cents": amount_cents(raw.get("totalValue"), protected=protected),
            })
        enquiry, period = _dict(tender.get("enquiryPeriod")), _dict(tender.get("tenderPeriod"))
        process.update(
            title=_text(tender.get("title")),
            description=_text(tender.get("description")),
            method=_text(tender.get("procurementMethodDetails")) or _text(tender.get("procurementMethod")),
            category=_text(tender.get("mainProcurementCategory")),
            status=_status(items, tender),
            amount_cents=amount_cents(tender.get("value"), protected=protected),
            currency=_text(_dict(tender.get("value")).get("currency")) or "PEN",
            published=_date(tender.get("datePublished")),
            enquiry_start=_date(enquiry.get("startDate")),
            enquiry_end=_date(enquiry.get("endDate")),
            tender_start=_date(period.get("startDate")),
            tender_end=_date(period.get("endDate")),
            items=items,
            documents=[_document(_dict(d)) for d in _list(tender.get("documents"))],
        )
    buyer = _dict(release.get("buyer"))
    if buyer or "parties" in release:
        department, ruc = _department(release)
        process["buyer"] = _text(buyer.get("name")) or _text(
            _dict(_dict(release.get("tender")).get("procuringEntity")).get("name"))
        process["buyer_ruc"] = ruc
        process["department"] = department
    if "awards" in release:
        process["awards"] = [_award(_dict(a)) for a in _list(release.get("awards"))]
    if "contracts" in release:
        process["contracts"] = [
            {
                "contract_id": _text(c.get("id")),
                "award_id": _text(c.get("awardID")),
                "status": _text(c.get("status")),
                "date_signed": _date(c.get("dateSigned")),
                "value_cents": amount_cents(c.get("value")),
            }
            for c in map(_dict, _list(release.get("contracts")))
        ]
    return process


def _document(doc: dict) -> dict:
    return {
        "doc_id": _text(doc.get("id")),
        "doc_type": _text(doc.get("documentType")),
        "title": _text(doc.get("title")),
        "url": _text(doc.get("url")),
        "format": _text(doc.get("format")),
        "published": _date(doc.get("datePublished")),
    }


def _award(award: dict) -> dict:
    suppliers = [_dict(s) for s in _list(award.get("suppliers"))]
    items = []
    for raw in map(_dict, _list(award.get("items"))):
        cubso, unspsc = _codes(raw)
        unit = _dict(raw.get("unit"))
        items.append({
            "description": _text(raw.get("description")),
            "cubso": cubso,
            "unspsc": unspsc,
            "quantity": _quantity(raw.get("quantity")),
            "unit": _text(unit.get("name")),
            "unit_price_cents": amount_cents(unit.get("value")),
        })
    return {
        "award_id": _text(award.get("id")),
        "status": _text(award.get("status")),
        "date": _date(award.get("date")),
        "supplier": ", ".join(_text(s.get("name")) for s in suppliers if _text(s.get("name"))),
        "supplier_ruc": ", ".join(r for r in (_supplier_ruc(s) for s in suppliers) if r),
        "value_cents": amount_cents(award.get("value")),
        "items": items,
    }
