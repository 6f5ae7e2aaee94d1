"""Detracciones (SPOT), retenciones and percepciones on documents.

SPOT (RS 183-2004/SUNAT): a taxed sale or purchase of a good or service in the
annexes whose total (IGV included) exceeds the code's threshold (S/ 700) is
subject to a deposit of the code's rate in the seller's Banco de la Nación
account. The deposit is in whole soles (rounded half up). On a sale the
receivable splits: the customer pays the rest and deposits the detracción into
the business's BN account (10711), whose money can only pay taxes. On a purchase
(madera, 008) the owner deposits into the supplier's account, and the IGV credit
counts in the month the deposit is recorded.

Retenciones (RS 037-2002/SUNAT): a customer designated agente de retención keeps
3% of a factura above S/ 700 (not subject to SPOT) and sends a comprobante de
retención (type 20) that closes that part of the receivable (40114).
Percepciones (RS 058-2006/SUNAT): the supplier charges them with the purchase
(40113). Both are credits against the month's IGV.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from smedesk.accounts import journal
from smedesk.accounts.journal import Line
from smedesk.core import audit, clock, settings
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import dec_str, from_cents, to_cents, to_decimal
from smedesk.core.roles import Actor, require, require_view
from smedesk.einvoice.catalogs import LEGEND_SPOT, OP_SPOT

settings.define("accounts.bn_account", "", "text",
                "Banco de la Nación account for detracciones (SPOT), printed on comprobantes subject to it")
settings.define("accounts.regime", "rmt", "choice:rmt,rer,general",
                "Income-tax regime: rmt (Régimen MYPE Tributario), rer (Régimen Especial), general")
settings.define("accounts.ir_coefficient", "0", "decimal",
                "Income-tax coefficient for payments on account (a fraction such as 0.0200; 0 = none)")

BN_ACCOUNT, PERCEPTION_ACCOUNT, RETENTION_ACCOUNT = "10711", "40113", "40114"
RECEIVABLE, PAYABLE, TAX_ACCOUNT = "1212", "4212", "40111"
RETENTION_RATE, RETENTION_THRESHOLD = Decimal("3"), 70000
SPOT_OPERATION_TYPE, SPOT_LEGEND_CODE = OP_SPOT, LEGEND_SPOT   # catálogo 51 and catálogo 52
# The month a purchase's credit (and its RCE line) counts in: its own month, or the month its
# SPOT deposit was recorded ('' while pending: not yet). Use with documents d LEFT JOIN document_taxes t.
CREDIT_MONTH_SQL = "CASE WHEN t.credit_month = '' THEN NULL ELSE COALESCE(t.credit_month, substr(d.date, 1, 7)) END"
SPOT_LEGEND = "Operación sujeta al Sistema de Pago de Obligaciones Tributarias con el Gobierno Central"


def spot_code(db, code: str, day: str) -> dict:
    """The SPOT row in force on `day`, or a refusal naming the code."""
    code = str(code or "").strip()
    found = row(db, "SELECT * FROM spot_codes WHERE code = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1",
                [code, str(day)[:10]])
    if found is None:
        raise ValidationError(tr("There is no SPOT code «{code}» in SUNAT's annexes (for example 025 fabricación por "
                                 "encargo, 020 mantenimiento y reparación, 037 demás servicios, 008 madera).",
                                 code=code), field="spot_code")
    return found


def set_product_spot(db, product_id: int, code: str | None, *, actor: Actor) -> None:
    """Mark a product or service with its SPOT code (None clears it)."""
    require(actor, "accounts.post")
    with tx(db):
        if code:
            spot_code(db, code, clock.today_lima().isoformat())
            db.execute("INSERT OR REPLACE INTO product_spot (product_id, spot_code) VALUES (?, ?)", [product_id, code])
        else:
            db.execute("DELETE FROM product_spot WHERE product_id = ?", [product_id])
        audit.record(db, actor, "product.spot", "products", product_id, spot_code=code or "")


def set_retention_agent(db, party_id: int, agent: bool, *, actor: Actor) -> None:
    require(actor, "accounts.post")
    with tx(db):
        db.execute("INSERT INTO party_tax (party_id, retention_agent) VALUES (?, ?) ON CONFLICT(party_id)"
                   " DO UPDATE SET retention_agent = excluded.retention_agent", [party_id, int(bool(agent))])
        audit.record(db, actor, "party.retention_agent", "parties", party_id, agent=bool(agent))


def is_retention_agent(db, party_id: int | None) -> bool:
    return bool(party_id and scalar(db, "SELECT retention_agent FROM party_tax WHERE party_id = ?", [party_id]))


def plan(db, kind: str, doc_type: str, clean: list[dict], party: dict, total_pen: int, day: str,
         *, spot: str | None = None, perception=None, perception_from: str | None = None) -> dict | None:
    """What a new document carries besides its lines, checked before anything is written.
    Returns None when it carries nothing."""
    codes = {str(spot).strip()} if spot else set()
    for c in clean:
        if c.get("spot_code"):
            codes.add(str(c["spot_code"]).strip())
        elif c.get("product_id"):
            found = scalar(db, "SELECT spot_code FROM product_spot WHERE product_id = ?", [c["product_id"]])
            if found:
                codes.add(found)
    if len(codes) > 1:
        raise ValidationError(tr("One comprobante carries one SPOT code; this one has {codes}: issue one per code.",
                                 codes=", ".join(sorted(codes))), field="spot_code")
    out = {"spot_code": None, "spot_rate": None, "detraccion": 0, "retention": 0, "perception": 0,
           "perception_from": None, "credit_month": None}
    taxed = any(c["tax"] == "igv" for c in clean)
    if codes and doc_type in ("01", "03", "08"):
        found = spot_code(db, codes.pop(), day)
        if taxed and total_pen > found["threshold_cents"]:
            rate = Decimal(found["rate"])
            whole = (Decimal(total_pen) * rate / 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            out.update(spot_code=found["code"], spot_rate=found["rate"], detraccion=int(whole) * 100)
            if kind == "purchase":
                out["credit_month"] = ""   # pending until the deposit is recorded
    if (kind == "sale" and doc_type == "01" and not out["detraccion"] and total_pen > RETENTION_THRESHOLD
            and is_retention_agent(db, party.get("id"))):
        out["retention"] = to_cents(from_cents(total_pen) * RETENTION_RATE / 100)
    if perception not in (None, "", 0):
        if kind != "purchase":
            raise ValidationError(tr("Percepciones are recorded on purchases."), field="perception")
        value = to_decimal(perception, field="perception")
        if value <= 0 or value.as_tuple().exponent < -2:
            raise ValidationError(tr("The percepción is an amount above zero with at most two decimals."),
                                  field="perception")
        acc = row(db, "SELECT is_money FROM accounts WHERE code = ? AND active = 1", [str(perception_from or "")])
        if acc is None or not acc["is_money"]:
            raise ValidationError(tr("Say which cash, bank or wallet account paid the percepción."),
                                  field="perception_from")
        out.update(perception=to_cents(value), perception_from=str(perception_from))
    if not any((out["detraccion"], out["retention"], out["perception"])):
        return None
    return out


def save(db, doc_id: int, day: str, label: str, p: dict | None, *, actor: Actor) -> None:
    """Inside the document's transaction: store what `plan` decided and post the percepción."""
    if p is None:
        return
    db.execute("INSERT INTO document_taxes (document_id, spot_code, spot_rate, detraccion_cents, retention_cents,"
               " perception_cents, credit_month) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [doc_id, p["spot_code"], p["spot_rate"], p["detraccion"], p["retention"], p["perception"],
                p["credit_month"]])
    if p["perception"]:
        entry = journal.post(db, day, [Line(PERCEPTION_ACCOUNT, debit_cents=p["perception"]),
                                       Line(p["perception_from"], credit_cents=p["perception"])],
                             memo=tr("Percepción on {doc}", doc=label), actor=actor, source="perception",
                             source_ref=str(doc_id))
        _move(db, doc_id, "perception", day, p["perception"], entry)


def _move(db, doc_id, kind, day, cents, entry_id, doc_type="", series="", number="") -> int:
    now = clock.now_iso()
    return db.execute("INSERT INTO withholding_moves (document_id, kind, date, doc_type, series, number,"
                      " amount_pen_cents, entry_id, created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [doc_id, kind, day, doc_type, series, number, cents, entry_id, now, new_uid(), now]).lastrowid


def taxes_of(db, doc_id: int) -> dict:
    require_view(db, "accounts.view")
    found = row(db, "SELECT * FROM document_taxes WHERE document_id = ?", [doc_id])
    return found or {"document_id": doc_id, "spot_code": None, "spot_rate": None, "detraccion_cents": 0,
                     "retention_cents": 0, "perception_cents": 0, "credit_month": None}


def _moved(db, doc_id: int, kind: str) -> int:
    return scalar(db, "SELECT COALESCE(SUM(amount_pen_cents), 0) FROM withholding_moves WHERE document_id = ?"
                      " AND kind = ? AND deleted_at IS NULL", [doc_id, kind])


def detraccion_for_invoice(db, doc_id: int) -> dict | None:
    """What the comprobante (XML and printout) shows for a sale subject to SPOT, or None:
    operation type 1001 (catálogo 51), legend 2006 (catálogo 52), the BN account, the
    code, rate and amount (soles)."""
    t = taxes_of(db, doc_id)
    doc = row(db, "SELECT kind FROM documents WHERE id = ?", [doc_id])
    if not t["detraccion_cents"] or doc is None or doc["kind"] != "sale":
        return None
    return {"operation_type": SPOT_OPERATION_TYPE, "legend_code": SPOT_LEGEND_CODE, "legend": SPOT_LEGEND,
            "bn_account": settings.get(db, "accounts.bn_account", "") or "", "code": t["spot_code"],
            "rate": Decimal(t["spot_rate"]), "amount": from_cents(t["detraccion_cents"]), "currency": "PEN"}


def reserved_cents(db, doc: dict) -> int:
    """The part of a sale's receivable the customer does not pay in money (detracción still
    to deposit, retención still to receive), in the document's currency."""
    require_view(db, "accounts.view")
    if doc["kind"] != "sale":
        return 0
    t = taxes_of(db, doc["id"])
    pen = (max(t["detraccion_cents"] - _moved(db, doc["id"], "spot_deposit"), 0)
           + max(t["retention_cents"] - _moved(db, doc["id"], "retention"), 0))
    return in_currency(pen, doc["currency"], doc["fx"])


def in_currency(pen_cents: int, currency: str, fx) -> int:
    """An amount fixed in soles (a detracción, a retención) in the document's currency, at
    the document's exchange rate (PEN per unit), to the cent."""
    return pen_cents if currency == "PEN" else to_cents(from_cents(pen_cents) / Decimal(fx))


def receivable_split(db, doc_id: int) -> dict:
    """A sale's total split into what the customer pays, deposits (SPOT) and retains, in PEN."""
    require_view(db, "accounts.view")
    doc = row(db, "SELECT * FROM documents WHERE id = ?", [doc_id])
    t = taxes_of(db, doc_id)
    total = doc["total_pen_cents"]
    return {"total": from_cents(total), "detraccion": from_cents(t["detraccion_cents"]),
            "retention": from_cents(t["retention_cents"]),
            "customer_pays": from_cents(total - t["detraccion_cents"] - t["retention_cents"]),
            "deposited": from_cents(_moved(db, doc_id, "spot_deposit")),
            "retained": from_cents(_moved(db, doc_id, "retention"))}


def _document(db, ref, kind: str) -> dict:
    from smedesk.accounts.documents import find_document

    doc = row(db, "SELECT * FROM documents WHERE id = ?", [ref]) if isinstance(ref, int) else find_document(
        db, kind, str(ref or ""))
    if doc is None or doc["kind"] != kind:
        raise ValidationError(tr("There is no such document ({ref}).", ref=ref), field="document")
    return doc


def _pay_row(db, doc, day, account, pen_cents, entry_id, reference) -> None:
    """The part closed counts as paid on the document (what is still owed goes down)."""
    cents = in_currency(pen_cents, doc["currency"], doc["fx"])
    now = clock.now_iso()
    db.execute("INSERT INTO payments (document_id, date, account, amount_cents, fx, amount_pen_cents, reference,"
               " entry_id, created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [doc["id"], day, account, cents, doc["fx"], pen_cents, reference, entry_id, now, new_uid(), now])


def record_spot_deposit(db, ref, *, actor: Actor, date=None, constancia: str = "", paid_from: str | None = None) -> int:
    """The detracción deposited. A sale: the customer deposited into the business's BN
    account (Dr 10711 / Cr 1212). A purchase: the owner deposited into the supplier's
    account from `paid_from` (Dr 4212 / Cr paid_from); the IGV credit counts from this month."""
    require(actor, "accounts.post")
    day = journal.parse_date(date or clock.today_lima())
    kind = "purchase" if paid_from else "sale"
    doc = _document(db, ref, kind)
    t = taxes_of(db, doc["id"])
    move = "spot_deposit" if kind == "sale" else "spot_paid"
    if not t["detraccion_cents"]:
        raise ValidationError(tr("{doc} is not subject to a detracción.", doc=_label(doc)), field="document")
    if _moved(db, doc["id"], move):
        raise ValidationError(tr("The detracción of {doc} is already recorded.", doc=_label(doc)), field="document")
    cents = t["detraccion_cents"]
    if kind == "sale":
        lines = [Line(BN_ACCOUNT, debit_cents=cents), Line(RECEIVABLE, credit_cents=cents)]
    else:
        acc = row(db, "SELECT is_money FROM accounts WHERE code = ? AND active = 1", [paid_from])
        if acc is None or not acc["is_money"]:
            raise ValidationError(tr("Choose a cash, bank or wallet account."), field="paid_from")
        lines = [Line(PAYABLE, debit_cents=cents), Line(paid_from, credit_cents=cents)]
    with tx(db):
        entry = journal.post(db, day, lines, memo=tr("Detracción of {doc}", doc=_label(doc)), actor=actor,
                             source="spot", source_ref=str(doc["id"]))
        _pay_row(db, doc, day, lines[0].account if kind == "sale" else paid_from, cents, entry,
                 f"SPOT {constancia}".strip())
        move_id = _move(db, doc["id"], move, day, cents, entry, "", "", constancia)
        if kind == "purchase":
            db.execute("UPDATE document_taxes SET credit_month = ? WHERE document_id = ?", [day[:7], doc["id"]])
        audit.record(db, actor, "spot.deposit", "documents", doc["id"], amount=dec_str(from_cents(cents)), date=day)
    return move_id


def record_retention(db, ref, amount, *, series: str, number, actor: Actor, date=None) -> int:
    """The comprobante de retención (type 20) a customer sent: closes that part of the receivable."""
    require(actor, "accounts.post")
    day = journal.parse_date(date or clock.today_lima())
    doc = _document(db, ref, "sale")
    series = (series or "").strip().upper()
    if len(series) != 4 or not str(number or "").strip().isdigit():
        raise ValidationError(tr("A comprobante de retención has a series of 4 characters and a number."),
                              field="series")
    value = to_decimal(amount, field="amount")
    cents = to_cents(value)
    if cents <= 0 or value.as_tuple().exponent < -2:
        raise ValidationError(tr("The retención is an amount above zero with at most two decimals."), field="amount")
    if cents > doc["total_pen_cents"]:
        raise ValidationError(tr("The retención ({amount}) is larger than the factura {doc} ({total}).",
                                 amount=dec_str(value), doc=_label(doc), total=dec_str(from_cents(doc["total_pen_cents"]))),
                              field="amount")
    from smedesk.accounts.payments import outstanding_cents

    owed_pen = to_cents(from_cents(outstanding_cents(db, doc)) * Decimal(doc["fx"]))
    if cents > owed_pen:
        raise ValidationError(tr("Only {owed} is still owed on {doc}.", owed=dec_str(from_cents(owed_pen)),
                                 doc=_label(doc)), field="amount")
    with tx(db):
        entry = journal.post(db, day, [Line(RETENTION_ACCOUNT, debit_cents=cents), Line(RECEIVABLE, credit_cents=cents)],
                             memo=tr("Retención {series}-{number} on {doc}", series=series, number=number,
                                     doc=_label(doc)), actor=actor, source="retention", source_ref=str(doc["id"]))
        _pay_row(db, doc, day, RETENTION_ACCOUNT, cents, entry, f"20 {series}-{number}")
        try:
            move_id = _move(db, doc["id"], "retention", day, cents, entry, "20", series, str(int(number)))
        except Exception as exc:
            if "UNIQUE" not in str(exc):
                raise
            raise ValidationError(tr("The comprobante de retención {series}-{number} is already recorded.",
                                     series=series, number=number), field="number") from None
        audit.record(db, actor, "retention.create", "documents", doc["id"], amount=dec_str(value))
    return move_id


def _label(doc: dict) -> str:
    return f"{doc['series']}-{doc['number']:08d}"


def bn_balance(db, day=None) -> Decimal:
    """What is in the Banco de la Nación detracciones account (it can only pay taxes)."""
    require_view(db, "accounts.view")
    return journal.balance(db, BN_ACCOUNT, date_to=str(day) if day else None)


def pay_taxes_from_bn(db, amount, *, actor: Actor, date=None, account: str = TAX_ACCOUNT, memo: str = "") -> int:
    """Pay a tax (IGV 40111, income tax 4017…) from the BN account; refused beyond its balance."""
    require(actor, "accounts.post")
    if not str(account).startswith("40"):
        raise ValidationError(tr("The Banco de la Nación account can only pay taxes (accounts 40)."),
                              field="account")
    day = journal.parse_date(date or clock.today_lima())
    cents = to_cents(to_decimal(amount, field="amount"))
    balance = to_cents(journal.balance(db, BN_ACCOUNT, date_to=day))
    if cents <= 0 or cents > balance:
        raise ValidationError(tr("The Banco de la Nación account holds {balance}.", balance=dec_str(from_cents(balance))),
                              field="amount")
    return journal.post(db, day, [Line(account, debit_cents=cents), Line(BN_ACCOUNT, credit_cents=cents)],
                        memo=memo or tr("Taxes paid from the Banco de la Nación account"), actor=actor, source="spot")


def pending_spot_purchases(db) -> list[dict]:
    """Reminders: purchases subject to SPOT whose deposit to the supplier is not recorded."""
    require_view(db, "accounts.view")
    return rows(db, "SELECT d.id, d.date, d.party_name, d.party_doc, printf('%s-%08d', d.series, d.number) AS label,"
                    " t.spot_code, t.spot_rate, t.detraccion_cents FROM document_taxes t JOIN documents d"
                    " ON d.id = t.document_id WHERE d.kind = 'purchase' AND t.credit_month = '' ORDER BY d.date")


def month_credits(db, month: str) -> dict[str, int]:
    """Percepciones and retenciones of a month (by the date of their comprobante), PEN céntimos."""
    require_view(db, "accounts.view")
    found = {r["kind"]: r["c"] for r in rows(db, "SELECT kind, SUM(amount_pen_cents) AS c FROM withholding_moves"
                                                 " WHERE substr(date, 1, 7) = ? AND deleted_at IS NULL GROUP BY kind",
                                             [month])}
    return {"perceptions": found.get("perception", 0), "retentions": found.get("retention", 0)}


def first_day(month: str) -> dt.date:
    return dt.date.fromisoformat(month + "-01")
