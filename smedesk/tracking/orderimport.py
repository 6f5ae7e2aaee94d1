"""Importing orders from a CSV file with the columns
``order_no,customer,sku,qty,unit_price,due_date`` (optional: size, colour,
currency). Rows of one order_no make one order. The customer is found by its
RUC/DNI or name, and created by name when new. All or nothing: any wrong row
refuses the whole file with each row's line number and reason."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from smedesk.core import parties
from smedesk.core.db import scalar, tx
from smedesk.core.errors import RowErrors, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.tracking import orders

REQUIRED = ("order_no", "customer", "sku", "qty", "unit_price", "due_date")


def read_rows(text: str) -> list[tuple[int, dict]]:
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in headers]
        if missing:
            raise ValidationError(tr("The file lacks the columns: {columns}.", columns=", ".join(missing)))
        reader.fieldnames = headers
        return [(n, {k: (v or "").strip() for k, v in r.items() if k}) for n, r in enumerate(reader, start=2)]
    except csv.Error as exc:  # NUL bytes, stray line breaks in unquoted cells
        raise ValidationError(tr("{path} cannot be read as a table: {reason}", path="CSV", reason=exc),
                              field="file") from None


def import_text(db, text: str, *, actor: Actor) -> list[str]:
    """Create the file's orders; returns their numbers."""
    require(actor, "orders.edit")
    grouped: dict[str, dict] = {}
    errors: list[tuple[int, str]] = []
    for n, r in read_rows(text):
        if not any(r.values()):
            continue
        number = r.get("order_no", "").upper()
        if not number:
            errors.append((n, tr("The order number is empty.")))
            continue
        group = grouped.setdefault(number, {"rows": [], "first": n, "customer": r.get("customer", ""),
                                            "due": r.get("due_date", ""), "currency": r.get("currency") or "PEN"})
        if r.get("customer", "") != group["customer"] or r.get("due_date", "") != group["due"]:
            errors.append((n, tr("Order {number} has another customer or due date on an earlier line.",
                                 number=number)))
        try:
            orders.clean_line(db, {"sku": r.get("sku"), "qty": r.get("qty"), "unit_price": r.get("unit_price"),
                                   "size": r.get("size"), "colour": r.get("colour")}, len(group["rows"]) + 1)
        except ValidationError as exc:
            errors.append((n, str(exc)))
        group["rows"].append((n, r))
    for number, group in grouped.items():
        n = group["first"]
        if scalar(db, "SELECT 1 FROM orders WHERE number = ?", [number]):
            errors.append((n, tr("There is already an order {number}.", number=number)))
        customer = group["customer"]
        if not customer:
            errors.append((n, tr("The customer is empty.")))
        elif customer.isdigit() and len(customer) in (8, 11) and not parties.find_by_id_number(db, customer):
            errors.append((n, tr("No customer has the RUC/DNI {number}: add the customer first.", number=customer)))
        try:
            orders.parse_due(group["due"])
        except ValidationError as exc:
            errors.append((n, str(exc)))
    if errors:
        raise RowErrors(tr("Nothing was imported; fix these lines:"), sorted(errors))
    if not grouped:
        raise ValidationError(tr("The file has no orders."))
    created = []
    with tx(db):
        for number, group in grouped.items():
            customer = group["customer"]
            found = parties.find_by_id_number(db, customer) or parties.find_by_name(db, customer)
            customer_id = found["id"] if found else parties.save(db, {"name": customer}, actor=actor)
            lines = [{"sku": r["sku"], "qty": r["qty"], "unit_price": r["unit_price"], "size": r.get("size"),
                      "colour": r.get("colour")} for _, r in group["rows"]]
            try:
                orders.create_order(db, number, customer_id, lines, group["due"], currency=group["currency"],
                                    actor=actor)
            except ValidationError as exc:
                raise RowErrors(tr("Nothing was imported; fix these lines:"), [(group["first"], str(exc))]) from None
            created.append(number)
    return created


def import_file(db, path, *, actor: Actor) -> list[str]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(tr("Cannot read {path}: {reason}", path=path, reason=exc.strerror)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return import_text(db, text, actor=actor)
