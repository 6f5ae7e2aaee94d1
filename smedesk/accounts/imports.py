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
from smedesk.core.money import round_cents, to_cents, to_decimal
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


HEADER_COLUMNS = ("date", "party_id", "party_name", "currency", "fx", "ref", "price_includes_igv", "due_date")


def _group(records: list[tuple[int, dict]]) -> list[list[tuple[int, dict]]]:
    """Rows sharing kind, doc_type, series and number are one document's lines; a row
    without a number (a sale numbered on import) is a document of its own."""
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for line, r in records:
        key = (r["kind"], r["doc_type"], r["series"].upper(), r["number"].lstrip("0")) if r["number"] else ("row", line)
        groups.setdefault(key, []).append((line, r))
    return list(groups.values())


def import_documents(db, path, *, actor: Actor) -> int:
    """Documents from CSV, one or more rows (lines) each; returns how many were
    recorded. All or nothing: every wrong document is reported by its first line."""
    require(actor, "accounts.post")
    records = _read(path, DOC_COLUMNS)
    errors: list[tuple[int, str]] = []
    groups = _group(records)
    try:
        with tx(db):
            for members in groups:
                try:
                    with tx(db):
                        _import_document(db, members, actor)
                except SmedeskError as exc:
                    errors.append((members[0][0], exc.message))
            if errors:
                raise _Abort
    except _Abort:
        raise RowErrors(tr("Nothing was imported: {count} documents are wrong.", count=len(errors)),
                        errors) from None
    return len(groups)


def _line(r: dict, line: int) -> dict:
    try:
        qty = to_decimal(r.get("qty") or "1", field="qty", allow_negative=False)
        if qty <= 0:
            raise ValidationError(tr("The quantity must be more than zero."), field="qty")
        amount = money_cell(r["amount"], "amount") if r["amount"] else None
        if r.get("unit_price"):
            price = to_decimal(r["unit_price"], field="unit_price", allow_negative=False)
            if amount is not None and round_cents(qty * price) != amount:
                raise ValidationError(tr("qty × unit_price is {value}, but amount says {amount}.",
                                         value=round_cents(qty * price), amount=amount), field="amount")
        elif amount is None:
            raise ValidationError(tr("Give the amount or the unit_price."), field="amount")
        else:
            price = amount / qty
            if round_cents(qty * price) != amount or price.as_tuple().exponent < -6:
                raise ValidationError(tr("{amount} ÷ {qty} is not an exact unit price; give unit_price.",
                                         amount=amount, qty=qty), field="unit_price")
        if price * qty <= 0:
            raise ValidationError(tr("The amount must be more than zero."), field="amount")
    except ValidationError as exc:
        raise ValidationError(tr("line {line}: {reason}", line=line, reason=exc.message), field=exc.field) from None
    return {"description": r["description"], "qty": qty, "unit_price": price, "tax": r["tax"] or "igv",
            "unit": r.get("unit") or "NIU", "sku": r.get("sku") or ""}


def _import_document(db, members: list[tuple[int, dict]], actor: Actor) -> int:
    first = members[0][1]
    for column in HEADER_COLUMNS:
        values = {r.get(column, "") for _line_no, r in members}
        if len(values) > 1:
            raise ValidationError(tr("The lines of {doc} disagree on {column}: {values}.",
                                     doc=f"{first['series']}-{first['number']}", column=column,
                                     values=", ".join(sorted(v or "—" for v in values))), field=column)
    includes = first["price_includes_igv"].lower()
    if includes not in ("yes", "no", "si", "sí", ""):
        raise ValidationError(tr("price_includes_igv is yes or no, not «{value}».", value=first["price_includes_igv"]),
                              field="price_includes_igv")
    number = first["number"]
    if number and not number.isdigit():
        raise ValidationError(tr("«{value}» is not a document number.", value=number), field="number")
    lines = [_material_row(db, r, line_no) if r.get("material") else _line(r, line_no) for line_no, r in members]
    for li in lines:
        if li["sku"]:
            from smedesk.production.catalogue import get_product

            product = get_product(db, li["sku"])
            if product is None:
                raise ValidationError(tr("There is no product {sku}.", sku=li["sku"]), field="sku")
            li["product_id"] = product["id"]
            li["description"] = li["description"] or product["name"]
    party_id = _party_for(db, {**first, "tax": "export" if all(li["tax"] == "export" for li in lines) else "igv"},
                          actor)
    return documents.create_document(
        db, first["kind"], first["doc_type"], first["series"], lines, actor=actor, date=first["date"],
        party_id=party_id, currency=first["currency"] or None, fx=first["fx"] or None,
        prices_include_igv=includes != "no", number=int(number) if number else None, ref=first["ref"] or None,
        due_date=first.get("due_date") or None,
    )


def _material_row(db, r: dict, line: int) -> dict:
    """A purchase row naming a material: its amount, and qty/unit in the material's units."""
    try:
        amount = money_cell(r["amount"], "amount")
        if amount <= 0:
            raise ValidationError(tr("The amount must be more than zero."), field="amount")
        out = {"description": r["description"], "tax": r["tax"] or "igv", "sku": ""}
        out.update(_material_line(db, r, amount))
    except ValidationError as exc:
        raise ValidationError(tr("line {line}: {reason}", line=line, reason=exc.message), field=exc.field) from None
    return out


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
    from smedesk.einvoice.catalogs import FROM_SMEDESK_UNIT

    return {"material_id": material["id"], "qty": qty, "unit_price": amount / qty,
            "unit": FROM_SMEDESK_UNIT.get(units.normalize(material["unit"]), "NIU")}
