"""CSV imports: journal entries and documents. All or nothing: if any row is
wrong, nothing is written and every bad row is reported with its line number."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from smedesk.accounts import documents, journal
from smedesk.accounts.journal import Line
from smedesk.core import parties
from smedesk.core.db import tx
from smedesk.core.errors import RowErrors, SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import to_cents, to_decimal
from smedesk.core.roles import Actor, require
from smedesk.production.tabular import decode

LEDGER_COLUMNS = ("date", "entry", "account", "debit", "credit", "memo")
DOC_COLUMNS = ("kind", "doc_type", "series", "number", "date", "party_id", "party_name", "description", "amount",
               "price_includes_igv", "tax", "currency", "fx", "ref")


class _Abort(Exception):
    pass


def _read(path, columns) -> list[tuple[int, dict]]:
    path = Path(path)
    if not path.is_file():
        raise ValidationError(tr("There is no file {path}.", path=path), field="file")
    reader = csv.DictReader(io.StringIO(decode(path.read_bytes()), newline=""))
    try:
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(tr("The file lacks the columns: {columns}.", columns=", ".join(missing)), field="file")
        return [(n, {k: (v or "").strip() if isinstance(v, str) else "" for k, v in r.items() if k})
                for n, r in enumerate(reader, start=2)]
    except csv.Error as exc:  # NUL bytes, stray line breaks in unquoted cells
        raise ValidationError(tr("{path} cannot be read as a table: {reason}", path=path.name, reason=exc),
                              field="file") from None


def money_cell(text: str, field: str) -> Decimal:
    """A PEN amount: a number, not negative, at most two decimals ('' is zero)."""
    if text == "":
        return Decimal(0)
    value = to_decimal(text, field=field, allow_negative=False)
    if value.as_tuple().exponent < -2:
        raise ValidationError(tr("«{value}» has more than two decimals.", value=text), field=field)
    return value


def import_ledger(db, path, *, actor: Actor) -> int:
    """Rows sharing `entry` form one entry; returns how many entries were posted."""
    require(actor, "accounts.post")
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, r in _read(path, LEDGER_COLUMNS):
        groups.setdefault(r["entry"], []).append((line, r))
    errors: list[tuple[int, str]] = []
    ready = []
    for key, members in groups.items():
        first = members[0][0]
        try:
            dates = {r["date"] for _, r in members}
            if len(dates) != 1:
                raise ValidationError(tr("Entry «{entry}» has rows with different dates.", entry=key))
            day = journal.parse_date(dates.pop())
            lines = []
            for line, r in members:
                try:
                    debit, credit = money_cell(r["debit"], "debit"), money_cell(r["credit"], "credit")
                except ValidationError as exc:
                    raise ValidationError(tr("line {line}: {reason}", line=line, reason=exc.message)) from None
                lines.append(Line(r["account"], to_cents(debit), to_cents(credit), r["memo"]))
            journal.check_lines(db, day, lines)
            ready.append((day, lines, members[0][1]["memo"] or key, key))
        except ValidationError as exc:
            errors.append((first, tr("entry «{entry}»: {reason}", entry=key, reason=exc.message)))
    if errors:
        raise RowErrors(tr("Nothing was imported: {count} entries are wrong.", count=len(errors)), errors)
    with tx(db):
        for day, lines, memo, key in ready:
            journal.post(db, day, lines, memo=memo, actor=actor, source="import", source_ref=key)
    return len(ready)


def _party_for(db, r: dict, actor: Actor) -> int | None:
    number, name = r["party_id"], r["party_name"]
    if not number and not name:
        return None
    data = {"name": name or number, "is_customer": r["kind"] == "sale", "is_supplier": r["kind"] == "purchase"}
    if number.isdigit() and len(number) in (8, 11):
        data["id_number"] = number
    elif number:
        if r["tax"] != "export":
            raise ValidationError(tr("«{value}» is neither a RUC nor a DNI.", value=number), field="party_id")
        data.update({"id_type": "foreign", "id_number": number, "country": "ZZ"})
    return parties.ensure(db, data, actor=actor)


def import_documents(db, path, *, actor: Actor) -> int:
    """One document per row (one line each); returns how many were recorded."""
    require(actor, "accounts.post")
    records = _read(path, DOC_COLUMNS)
    errors: list[tuple[int, str]] = []
    try:
        with tx(db):
            for line, r in records:
                try:
                    with tx(db):
                        _import_row(db, r, actor)
                except SmedeskError as exc:
                    errors.append((line, exc.message))
            if errors:
                raise _Abort
    except _Abort:
        raise RowErrors(tr("Nothing was imported: {count} rows are wrong.", count=len(errors)), errors) from None
    return len(records)


def _import_row(db, r: dict, actor: Actor) -> int:
    amount = money_cell(r["amount"], "amount")
    if amount <= 0:
        raise ValidationError(tr("The amount must be more than zero."), field="amount")
    includes = r["price_includes_igv"].lower()
    if includes not in ("yes", "no", "si", "sí", ""):
        raise ValidationError(tr("price_includes_igv is yes or no, not «{value}».", value=r["price_includes_igv"]),
                              field="price_includes_igv")
    number = r["number"]
    if number and not number.isdigit():
        raise ValidationError(tr("«{value}» is not a document number.", value=number), field="number")
    party_id = _party_for(db, r, actor)
    line = {"description": r["description"], "qty": 1, "unit_price": amount, "tax": r["tax"] or "igv"}
    if r.get("material"):
        line.update(_material_line(db, r, amount))
    return documents.create_document(
        db, r["kind"], r["doc_type"], r["series"], [line],
        actor=actor, date=r["date"], party_id=party_id, currency=r["currency"] or "PEN", fx=r["fx"] or None,
        prices_include_igv=includes != "no", number=int(number) if number else None, ref=r["ref"] or None,
    )


def _material_line(db, r: dict, amount: Decimal) -> dict:
    """Optional columns material (code), qty and unit: a purchase line naming a
    material (it then comes into stock), its quantity converted exactly into
    the material's unit; the unit price is the amount ÷ that quantity."""
    from smedesk.core import units
    from smedesk.production import catalogue

    material = catalogue.get_material(db, r["material"])
    if material is None or material["deleted_at"]:
        raise ValidationError(tr("There is no material «{code}».", code=r["material"]), field="material")
    qty = to_decimal(r.get("qty") or "0", field="qty")
    if qty <= 0:
        raise ValidationError(tr("A row naming a material needs its quantity (qty) above zero."), field="qty")
    unit = units.normalize(r.get("unit") or material["unit"], field="unit")
    if not units.compatible(unit, material["unit"]):
        raise ValidationError(tr("{unit} cannot be used for {code}, which is bought by {material_unit}.", unit=unit,
                                 code=material["code"], material_unit=material["unit"]), field="unit")
    qty = units.convert(qty, unit, material["unit"])
    return {"material_id": material["id"], "qty": qty, "unit_price": amount / qty}
