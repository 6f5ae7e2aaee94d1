"""Sales and purchase documents (factura 01, boleta 03, nota de crédito 07, nota de
débito 08) that post themselves to the journal.

Sales series: 4 characters, F… for facturas and their notes, B… for boletas and
theirs; correlatives are gapless per (type, series). Purchases keep the
supplier's series and number (unique per supplier). Amounts go to the journal in
PEN at the document's exchange rate.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from smedesk.accounts import chart, doclabel, journal, withholdings
from smedesk.accounts.journal import Line
from smedesk.accounts.tax import TREATMENTS, line_amounts, spread, to_pen
from smedesk.core import audit, clock, hooks, parties, settings
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import (
    canonical,
    check_currency,
    from_cents,
    round_cents,
    to_cents,
    to_decimal,
)
from smedesk.core.roles import Actor, require, require_view
from smedesk.einvoice.catalogs import DEFAULT_UNIT, UNITS

DOC_TYPES = {"01": N_("Factura"), "03": N_("Boleta"), "07": N_("Credit note"), "08": N_("Debit note")}
KINDS = ("sale", "purchase")
SERIES_RE = re.compile(r"^[A-Z0-9]{4}$")
RECEIVABLE, PAYABLE = "1212", "4212"
SALES_LOCAL, SALES_EXPORT = "70111", "70121"
# IGV and IPM both in 40111 «IGV – cuenta propia» (PCGE 2019); the split stays on the document.
IGV_ACCOUNT = IPM_ACCOUNT = "40111"


def _amount(value, field: str) -> Decimal:
    number = to_decimal(value, field=field)
    if number.as_tuple().exponent < -2 and field not in ("unit_price", "fx"):
        raise ValidationError(tr("«{value}» has more than two decimals.", value=value), field=field)
    return number


def check_series(kind: str, doc_type: str, series: str, ref: dict | None = None) -> str:
    series = (series or "").strip().upper()
    if not SERIES_RE.match(series):
        raise ValidationError(tr("A series has 4 letters or digits (F001, B001); «{series}» does not.", series=series),
                              field="series")
    if kind == "sale":
        from smedesk.einvoice.rules import letter_for, series_mode

        letter = letter_for(doc_type, ref)
        if series_mode(doc_type, series, ref) is None and series[0] in "FB":
            raise ValidationError(
                tr("A {what} series starts with {letter}; «{series}» does not.",
                   what=tr(DOC_TYPES[doc_type]).lower(), letter=letter, series=series), field="series")
    return series


def find_document(db, kind: str, ref: str, party_doc: str | None = None) -> dict | None:
    """A document by 'SERIES-NUMBER' (F001-123 or F001-00000123)."""
    require_view(db, "accounts.view")
    return _find_document(db, kind, ref, party_doc)


def _find_document(db, kind: str, ref: str, party_doc: str | None = None) -> dict | None:
    """The read behind `find_document`, for a write that has already checked its actor."""
    series, _, number = (ref or "").strip().upper().partition("-")
    if not number.isdigit():
        return None
    sql = "SELECT * FROM documents WHERE kind = ? AND series = ? AND number = ? AND doc_type IN ('01', '03')"
    params = [kind, series, int(number)]
    if party_doc:
        sql += " AND party_doc = ?"
        params.append(party_doc)
    return row(db, sql + " ORDER BY id LIMIT 1", params)


def find_sale(db, ref: str) -> dict:
    """A sale of any type by 'SERIES-NUMBER', or a refusal."""
    require_view(db, "accounts.view")
    series, _, number = (ref or "").strip().upper().partition("-")
    found = row(db, "SELECT * FROM documents WHERE kind = 'sale' AND series = ? AND number = ? ORDER BY id LIMIT 1",
                [series, int(number) if number.isdigit() else -1])
    if found is None:
        raise ValidationError(tr("There is no sale {doc}.", doc=ref), field="document")
    return found


def next_number(db, doc_type: str, series: str) -> int:
    return (scalar(db, "SELECT last_number FROM doc_series WHERE doc_type = ? AND series = ?", [doc_type, series]) or 0) + 1


def _party(db, kind, doc_type, party_id, tax_kinds) -> dict:
    party = parties.get(db, party_id) if party_id else None
    if party_id and party is None:
        raise ValidationError(tr("There is no party {id}.", id=party_id), field="party_id")
    if doc_type == "01" and (party is None or party["id_type"] != "ruc") and not (
            kind == "sale" and party is not None and party["id_type"] == "foreign" and tax_kinds == {"export"}):
        raise ValidationError(tr("A factura needs a party with a RUC (or a foreign buyer for an export)."),
                              field="party_id")
    if kind == "purchase" and party is None:
        raise ValidationError(tr("A purchase needs its supplier."), field="party_id")
    if kind == "sale" and party is not None and party["id_type"] == "ruc":
        own = scalar(db, "SELECT ruc FROM business WHERE id = 1")
        if own and party["id_number"] == own:
            raise ValidationError(tr("The customer's RUC {ruc} is this business's own: a business does not"
                                     " invoice itself.", ruc=own), field="party_id")
    return party or {"id": None, "name": tr("Customer without id"), "id_number": "", "id_type": "none"}


def create_document(db, kind: str, doc_type: str, series: str, lines: list[dict], *, actor: Actor,
                    date=None, party_id: int | None = None, currency: str | None = None, fx=None,
                    prices_include_igv: bool = True, number: int | None = None, ref: str | int | None = None,
                    due_date=None, rate_kind: str = "standard", notes: str = "", order_id: int | None = None,
                    spot_code: str | None = None, perception=None, perception_from: str | None = None,
                    cuotas: list | None = None, reason_code: str = "", reason: str = "") -> int:
    """Issue (sale) or record (purchase) a document and post it; returns its id.

    lines: dicts with description, qty, unit_price, tax (igv|exonerado|inafecto|export),
    and optionally unit (catálogo 03), discount (an amount off the line, on the same
    footing as the price), sku, account or bought (purchases: raw, auxiliary, containers,
    packaging, goods), material_id, product_id, spot_code. A USD document without `fx`
    takes the SBS rate of its date (`exchange.rate_for`). spot_code / perception: see
    `withholdings`.
    A sale is checked against SUNAT's rules and, on an electronic series, built as UBL,
    validated and signed inside the numbering transaction (`smedesk.einvoice.issue`).
    Facturas are Contado unless `cuotas` [(amount, date), …] or a later `due_date`
    (one cuota for the whole) make them Crédito. A nota takes its original's customer
    and currency; `reason_code` is catálogo 09/10.
    """
    require(actor, "accounts.post")
    # every check (numbering, the credit-note ceiling, the original of a note) and
    # every write in one transaction: a second window cannot slip between them
    with tx(db):
        if kind not in KINDS:
            raise ValidationError(tr("Unknown document kind «{kind}».", kind=kind), field="kind")
        if doc_type not in DOC_TYPES:
            raise ValidationError(tr("Unknown document type «{type}» (01, 03, 07, 08).", type=doc_type), field="doc_type")
        day = journal.parse_date(date or clock.today_lima())
        if not lines:
            raise ValidationError(tr("A document needs at least one line."), field="lines")
        ref_doc = None
        if doc_type in ("07", "08"):
            ref_doc = (row(db, "SELECT * FROM documents WHERE id = ?", [ref]) if isinstance(ref, int)
                       else find_document(db, kind, str(ref or "")))
            if ref_doc is None:
                raise ValidationError(tr("A credit or debit note must name the document it modifies (SERIES-NUMBER)."),
                                      field="ref")
            if party_id is None:
                party_id = ref_doc["party_id"]
            if currency in (None, ""):
                currency = ref_doc["currency"]
                fx = ref_doc["fx"] if fx in (None, "") else fx
        currency = check_currency(currency or "PEN")
        if currency != "PEN" and fx in (None, ""):
            from smedesk.accounts.exchange import rate_for

            fx = rate_for(db, day, currency)
        fx = Decimal(1) if currency == "PEN" else _amount(fx if fx not in (None, "") else "0", "fx")
        if fx <= 0:
            raise ValidationError(tr("A document in {currency} needs its exchange rate (PEN per unit).",
                                     currency=currency), field="fx")
        series = check_series(kind, doc_type, series, ref_doc)
        igv_rate, ipm_rate = chart.rates_on(db, day, rate_kind)
        clean = []
        for n, line in enumerate(lines, start=1):
            qty = to_decimal(line.get("qty", 1), field="qty")
            price = _amount(line.get("unit_price", 0), "unit_price")
            if qty <= 0 or price < 0:
                raise ValidationError(tr("Line {n}: quantity above zero and a price not negative.", n=n), field="lines")
            tax = (line.get("tax") or "igv").strip().lower()
            discount = _amount(line.get("discount") or 0, "discount")
            if discount < 0 or (discount and discount >= round_cents(qty * price)):
                raise ValidationError(tr("Line {n}: the discount must be less than the line's amount.", n=n),
                                      field="lines")
            unit = (line.get("unit") or DEFAULT_UNIT).strip().upper()
            if unit not in UNITS:
                raise ValidationError(tr("Line {n}: unknown unit «{unit}» (SUNAT catálogo 03: NIU, ZZ, KGM, MTR…).",
                                         n=n, unit=unit), field="unit")
            amounts = line_amounts(qty, price, tax, igv_rate, ipm_rate, prices_include_igv, discount=discount)
            if amounts.total == 0:
                raise ValidationError(tr("Line {n}: the amount is zero.", n=n), field="lines")
            account = str(line.get("account") or chart.purchase_account(line.get("bought"), bool(line.get("material_id"))))
            if kind == "purchase" and chart.get_account(db, account) is None:
                raise ValidationError(tr("Line {n}: there is no account {code}.", n=n, code=account), field="account")
            clean.append({"n": n, "description": (line.get("description") or "").strip() or tr("Sale"),
                          "qty": qty, "price": price, "tax": tax, "a": amounts, "account": account,
                          "material_id": line.get("material_id"), "product_id": line.get("product_id"),
                          "unit": unit, "discount": to_cents(discount), "sku": (line.get("sku") or "").strip(),
                          "spot_code": line.get("spot_code")})
        taxes = {c["tax"] for c in clean}
        party = _party(db, kind, doc_type, party_id, taxes)
        if kind == "sale" and "export" in taxes and doc_type == "03":
            raise ValidationError(tr("An export is invoiced with a factura, not a boleta."), field="doc_type")
        by_tax = {t: sum(c["a"].base for c in clean if c["tax"] == t) for t in TREATMENTS}
        igv = sum(c["a"].igv for c in clean)
        ipm = sum(c["a"].ipm for c in clean)
        total = sum(c["a"].total for c in clean)
        total_pen, tax_pen = to_pen(total, fx), to_pen(igv + ipm, fx)
        igv_pen = to_pen(igv, fx) if ipm else tax_pen
        taxable_pen = to_pen(by_tax["igv"], fx)
        untaxed_pen = total_pen - tax_pen - taxable_pen
        due = journal.parse_date(due_date, "due_date") if due_date else day
        extra = withholdings.plan(db, kind, doc_type, clean, party, total_pen, day, spot=spot_code,
                                  perception=perception, perception_from=perception_from)
        plan: list[tuple[int, str]] = []
        mode = None
        if kind == "sale":
            from smedesk.einvoice import issue, rules

            # a Crédito is what the customer pays the business: the total less the detracción
            # or the retención (SUNAT's "monto neto pendiente de pago", RS 193-2020/SUNAT)
            spot = withholdings.in_currency(extra["detraccion"], currency, fx) if extra else 0
            kept = issue.retention_in_currency(extra["retention"], currency, fx) if extra else 0
            plan = _cuotas(cuotas, total - spot - kept, day, due if due > day and doc_type == "01" else None)
            if plan:
                due = max(d for _c, d in plan)
            credited = scalar(db, "SELECT COALESCE(SUM(total_cents), 0) FROM documents WHERE ref_document_id = ?"
                                  " AND doc_type = '07'", [ref_doc["id"]]) if ref_doc else 0
            mode = issue.check(db, rules.Sale(
                doc_type, series, parties.get(db, party["id"]) if party["id"] else None, frozenset(taxes), total,
                total_pen, currency, day, ref_doc, tuple(plan), credited, detraccion_cents=spot, retention_cents=kept,
                bn_account=settings.get(db, "accounts.bn_account", "") or ""))
        party_doc = party["id_number"] if kind == "purchase" else ""
        now = clock.now_iso()
        with tx(db):
            if kind == "sale" and mode != "electronic":
                if number is None or not 1 <= int(number) <= 99999999:
                    raise ValidationError(tr("Write the number printed on the document (contingency or SUNAT portal)."),
                                          field="number")
                if scalar(db, "SELECT 1 FROM documents WHERE kind = 'sale' AND doc_type = ? AND series = ? AND number = ?",
                          [doc_type, series, int(number)]):
                    raise ValidationError(tr("{series}-{number} already exists.", series=series, number=number),
                                          field="number")
            elif kind == "sale":
                expected = next_number(db, doc_type, series)
                if number is None:
                    number = expected
                elif int(number) < expected:
                    raise ValidationError(tr("{series}-{number} already exists.", series=series, number=number), field="number")
                elif int(number) > expected:
                    raise ValidationError(tr("{series}-{number} would leave a gap: the next number is {expected}.",
                                             series=series, number=number, expected=expected), field="number")
                db.execute("INSERT INTO doc_series (doc_type, series, last_number) VALUES (?, ?, ?)"
                           " ON CONFLICT(doc_type, series) DO UPDATE SET last_number = excluded.last_number",
                           [doc_type, series, int(number)])
            else:
                if number is None or not 1 <= int(number) <= 99999999:
                    raise ValidationError(tr("Write the supplier's document number."), field="number")
                if scalar(db, "SELECT 1 FROM documents WHERE kind = 'purchase' AND doc_type = ? AND series = ?"
                              " AND number = ? AND party_doc = ?", [doc_type, series, int(number), party_doc]):
                    raise ValidationError(tr("{series}-{number} of this supplier is already recorded.",
                                             series=series, number=number), field="number")
            cur = db.execute(
                "INSERT INTO documents (kind, doc_type, series, number, date, due_date, party_id, party_name, party_doc,"
                " party_doc_type, currency, fx, prices_include_igv, taxable_cents, exonerado_cents, inafecto_cents,"
                " export_cents, igv_cents, ipm_cents, total_cents, taxable_pen_cents, untaxed_pen_cents, tax_pen_cents,"
                " total_pen_cents, ref_document_id, order_id, notes, created_at, uid, updated_at)"
                " VALUES (" + ", ".join("?" * 30) + ")",
                [kind, doc_type, series, int(number), day, due, party["id"], party["name"], party["id_number"],
                 party["id_type"], currency, canonical(fx), int(prices_include_igv), by_tax["igv"], by_tax["exonerado"],
                 by_tax["inafecto"], by_tax["export"], igv, ipm, total, taxable_pen, untaxed_pen, tax_pen, total_pen,
                 ref_doc["id"] if ref_doc else None, order_id, notes, now, new_uid(), now],
            )
            doc_id = cur.lastrowid
            for c in clean:
                a = c["a"]
                db.execute(
                    "INSERT INTO document_lines (document_id, line_no, description, product_id, material_id, account,"
                    " qty, unit_price, tax, base_cents, igv_cents, ipm_cents, total_cents, unit, discount_cents, sku)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [doc_id, c["n"], c["description"], c["product_id"], c["material_id"],
                     c["account"] if kind == "purchase" else None, canonical(c["qty"]), canonical(c["price"]), c["tax"],
                     a.base, a.igv, a.ipm, a.total, c["unit"], c["discount"], c["sku"]],
                )
            label = doclabel.label(series, number)
            postings = _postings(kind, doc_type, clean, fx, total_pen, tax_pen, igv_pen)
            entry_id = journal.post(db, day, postings, memo=f"{tr(DOC_TYPES[doc_type])} {label} {party['name']}",
                                    actor=actor, source=kind, source_ref=str(doc_id))
            db.execute("UPDATE documents SET entry_id = ? WHERE id = ?", [entry_id, doc_id])
            withholdings.save(db, doc_id, day, label, extra, actor=actor)
            if kind == "purchase" and doc_type == "01":
                _update_material_prices(db, clean, currency, day, actor, prices_include_igv, igv_rate + ipm_rate)
            if kind == "sale":
                from smedesk.einvoice import issue

                issue.record(db, doc_id, mode, cuotas=plan, reason_code=reason_code, reason=reason,
                             percent=igv_rate + ipm_rate, actor=actor)
            hooks.emit(db, "document_created", document_id=doc_id, actor=actor)
            audit.record(db, actor, f"{kind}.create", "documents", doc_id, doc=f"{doc_type} {label}",
                         total=str(from_cents(total)), currency=currency)
        return doc_id


def _cuotas(cuotas, total: int, day: str, single_due: str | None) -> list[tuple[int, str]]:
    """The payment plan as (céntimos, ISO date); one cuota for the whole when only a
    later due date is given."""
    if not cuotas:
        return [(total, single_due)] if single_due else []
    plan = []
    for item in cuotas:
        amount, due = (item["amount"], item["due"]) if isinstance(item, dict) else item
        plan.append((to_cents(_amount(amount, "cuotas")), journal.parse_date(due, "cuotas")))
    return plan


def _postings(kind, doc_type, clean, fx, total_pen, tax_pen, igv_pen) -> list[Line]:
    """Journal lines in PEN. A sale: receivable against sales and taxes; a purchase:
    expense accounts and tax credit against payables. Credit notes mirror them."""
    lines: list[tuple[str, int]] = []  # (account, signed cents: + debit, - credit) for an ordinary document
    net_pen = total_pen - tax_pen
    if kind == "sale":
        groups = {}
        for c in clean:
            acc = SALES_EXPORT if c["tax"] == "export" else SALES_LOCAL
            groups[acc] = groups.get(acc, 0) + c["a"].base
        accs = sorted(groups)
        lines.append((RECEIVABLE, total_pen))
        for acc, cents in zip(accs, spread(net_pen, [groups[a] for a in accs]), strict=True):
            lines.append((acc, -cents))
        lines.append((IGV_ACCOUNT, -tax_pen))
    else:
        groups = {}
        for c in clean:
            groups[c["account"]] = groups.get(c["account"], 0) + c["a"].base
        accs = sorted(groups)
        for acc, cents in zip(accs, spread(net_pen, [groups[a] for a in accs]), strict=True):
            lines.append((acc, cents))
        lines += [(IGV_ACCOUNT, tax_pen), (PAYABLE, -total_pen)]
    sign = -1 if doc_type == "07" else 1
    out = []
    for acc, cents in lines:
        cents *= sign
        if cents > 0:
            out.append(Line(acc, debit_cents=cents))
        elif cents < 0:
            out.append(Line(acc, credit_cents=-cents))
    return out


def _update_material_prices(db, clean, currency, day, actor, prices_include_igv: bool, rate: Decimal) -> None:
    from smedesk.production import catalogue

    for c in clean:
        if c["material_id"]:
            catalogue.set_material_price(db, c["material_id"], net_unit_price(c, prices_include_igv, rate), currency,
                                         actor=actor, valid_from=day, source="purchase")


def net_unit_price(line: dict, prices_include_igv: bool, rate: Decimal) -> Decimal:
    """The unit price net of IGV a purchase line dates for its material, exact: the
    line's own price when it is net (S/ 0.0025 a metre stays 0.0025), else the price
    ÷ (1 + rate), kept to 6 decimals (not the rounded line base ÷ quantity)."""
    if line["tax"] != "igv" or not prices_include_igv:
        return line["price"]
    return (line["price"] / (1 + rate / 100)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def get_document(db, doc_id: int) -> dict | None:
    require_view(db, "accounts.view")
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    if doc is not None:
        doc["lines"] = rows(db, "SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no", [doc_id])
        doc["label"] = doclabel.label(doc["series"], doc["number"])
    return doc


def list_documents(db, kind: str | None = None, *, date_from=None, date_to=None, limit: int = 1000) -> list[dict]:
    require_view(db, "accounts.view")
    where, params = ["d.deleted_at IS NULL"], []
    if kind:
        where.append("d.kind = ?")
        params.append(kind)
    if date_from:
        where.append("d.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("d.date <= ?")
        params.append(date_to)
    return rows(db, f"SELECT d.*, {doclabel.sql('d')} AS label,"
                    " (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.document_id = d.id) AS paid_cents,"
                    " e.state, e.hash FROM documents d LEFT JOIN einvoice_documents e ON e.document_id = d.id"
                    f" WHERE {' AND '.join(where)} ORDER BY d.date DESC, d.id DESC LIMIT ?",
                [*params, limit])
