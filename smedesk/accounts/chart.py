"""Chart of accounts (PCGE numbering) and the dated tax-rate table.

The owner may add sub-accounts (a code that extends an existing one, e.g. 10412
Yape under 1041). Tax rates are data with a start date, never constants.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smedesk.core import audit, clock, dates
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import N_, tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical
from smedesk.core.roles import Actor, require

# (code, Spanish name, English name, is_money)
PCGE = (
    ("10", "Efectivo y equivalentes de efectivo", "Cash and cash equivalents", 0),
    ("1011", "Caja", "Cash on hand", 1),
    ("1041", "Cuentas corrientes operativas", "Bank current accounts", 1),
    ("10411", "Banco – cuenta corriente", "Bank – current account", 1),
    ("10412", "Yape", "Yape wallet", 1),
    ("10413", "Plin", "Plin wallet", 1),
    ("12", "Cuentas por cobrar comerciales – terceros", "Trade receivables", 0),
    ("1212", "Facturas, boletas y otros comprobantes por cobrar – emitidas en cartera", "Invoices receivable", 0),
    ("20", "Mercaderías", "Goods for resale", 0),
    ("2011", "Mercaderías manufacturadas", "Manufactured goods", 0),
    ("21", "Productos terminados", "Finished goods", 0),
    ("2111", "Productos manufacturados", "Manufactured products", 0),
    ("24", "Materias primas", "Raw materials", 0),
    ("2411", "Materias primas para productos manufacturados", "Raw materials", 0),
    ("33", "Inmuebles, maquinaria y equipo", "Property, plant and equipment", 0),
    ("3331", "Maquinarias y equipos de explotación", "Machinery and equipment", 0),
    ("40", "Tributos por pagar", "Taxes payable", 0),
    ("40111", "IGV – cuenta propia", "IGV (VAT) – own account", 0),
    ("40112", "IPM – Impuesto de Promoción Municipal", "IPM – municipal promotion tax", 0),
    ("4017", "Impuesto a la renta", "Income tax", 0),
    ("42", "Cuentas por pagar comerciales – terceros", "Trade payables", 0),
    ("4212", "Facturas emitidas por pagar", "Invoices payable", 0),
    ("50", "Capital", "Capital", 0),
    ("5011", "Acciones / participaciones", "Share capital", 0),
    ("59", "Resultados acumulados", "Retained earnings", 0),
    ("5911", "Utilidades acumuladas", "Retained profits", 0),
    ("60", "Compras", "Purchases", 0),
    ("6011", "Mercaderías", "Purchases of goods", 0),
    ("6021", "Materias primas", "Purchases of raw materials", 0),
    ("6031", "Materiales auxiliares", "Purchases of supplies", 0),
    ("62", "Gastos de personal", "Staff costs", 0),
    ("6211", "Sueldos y salarios", "Wages and salaries", 0),
    ("63", "Gastos de servicios prestados por terceros", "Services from third parties", 0),
    ("6311", "Transporte de carga", "Freight", 0),
    ("6351", "Alquiler de terrenos", "Rent of land", 0),
    ("6352", "Alquiler de edificaciones", "Rent of premises", 0),
    ("6361", "Energía eléctrica", "Electricity", 0),
    ("6362", "Gas", "Gas", 0),
    ("6363", "Agua", "Water", 0),
    ("6365", "Internet y teléfono", "Internet and phone", 0),
    ("6391", "Otros servicios", "Other services", 0),
    ("65", "Otros gastos de gestión", "Other operating expenses", 0),
    ("6591", "Otros gastos de gestión", "Other operating expenses", 0),
    ("67", "Gastos financieros", "Finance costs", 0),
    ("6761", "Pérdida por diferencia de cambio", "Exchange losses", 0),
    ("69", "Costo de ventas", "Cost of sales", 0),
    ("6911", "Costo de ventas – mercaderías", "Cost of goods sold", 0),
    ("70", "Ventas", "Sales", 0),
    ("70111", "Ventas – mercaderías, terceros (mercado local)", "Sales – local market", 0),
    ("70112", "Ventas – mercaderías, relacionadas", "Sales – related parties", 0),
    ("70121", "Ventas – exportación", "Sales – exports", 0),
    ("70122", "Ventas – exportación, relacionadas", "Sales – exports, related parties", 0),
    ("77", "Ingresos financieros", "Finance income", 0),
    ("7761", "Ganancia por diferencia de cambio", "Exchange gains", 0),
)

# (kind, valid_from, igv, ipm, note). The total stays 18% (standard); Ley 32387 moves
# 0.5 points a year from IGV to IPM from 2026. The reduced rate (Ley 31556) is for
# small restaurants and hotels. Exports carry no IGV (tax treatment 'export').
TAX_RATES = (
    ("standard", "2011-03-01", "16", "2", "IGV 16% + IPM 2%"),
    ("standard", "2026-01-01", "15.5", "2.5", "Ley 32387"),
    ("standard", "2027-01-01", "15", "3", "Ley 32387"),
    ("standard", "2028-01-01", "14.5", "3.5", "Ley 32387"),
    ("standard", "2029-01-01", "14", "4", "Ley 32387"),
    ("reduced", "2022-09-01", "8", "2", "Ley 31556: restaurantes y hoteles MYPE"),
)

KINDS = ("standard", "reduced")

# What was bought → the PCGE 2019 purchases account (60): goods for resale,
# materials for production, auxiliary materials, containers and packaging.
PURCHASE_CLASSES = {
    "raw": ("6021", N_("Raw material (fabric, timber)")),
    "auxiliary": ("6031", N_("Auxiliary material (thread, glue, varnish)")),
    "containers": ("6041", N_("Containers (bottles, cans)")),
    "packaging": ("6042", N_("Packaging (boxes, bags, film)")),
    "goods": ("6011", N_("Goods for resale")),
}


def purchase_account(bought: str | None, is_material: bool = False) -> str:
    """The purchases account for a line; a catalogue material is raw material unless told."""
    key = (bought or ("raw" if is_material else "goods")).strip().lower()
    if key not in PURCHASE_CLASSES:
        raise ValidationError(tr("Unknown kind of purchase «{kind}» ({kinds}).", kind=key,
                                 kinds=", ".join(PURCHASE_CLASSES)), field="bought")
    return PURCHASE_CLASSES[key][0]


def seed(db) -> None:
    """Load the PCGE chart and the rate table (called by the migration)."""
    now = clock.now_iso()
    for code, name, name_en, is_money in PCGE:
        parent = _longest_prefix(code, [c for c, *_ in PCGE])
        db.execute(
            "INSERT INTO accounts (code, name, name_en, parent, is_money, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [code, name, name_en, parent, is_money, now, new_uid(), now],
        )
    for kind, day, igv, ipm, note in TAX_RATES:
        db.execute("INSERT INTO tax_rates (kind, valid_from, igv_rate, ipm_rate, note) VALUES (?, ?, ?, ?, ?)",
                   [kind, day, igv, ipm, note])


def _longest_prefix(code: str, codes) -> str | None:
    best = None
    for other in codes:
        if other != code and code.startswith(other) and (best is None or len(other) > len(best)):
            best = other
    return best


def get_account(db, code: str) -> dict | None:
    return row(db, "SELECT * FROM accounts WHERE code = ?", [str(code).strip()])


def account_name(acc: dict, lang: str | None = None) -> str:
    from smedesk.core import i18n

    if (lang or i18n.current()) == "en" and acc.get("name_en"):
        return acc["name_en"]
    return acc["name"]


def list_accounts(db, *, money_only: bool = False) -> list[dict]:
    where = "WHERE active = 1 AND is_money = 1" if money_only else "WHERE active = 1"
    return rows(db, f"SELECT * FROM accounts {where} ORDER BY code")


def money_accounts(db) -> list[dict]:
    """Cash, bank and wallet accounts (Yape/Plin behave like bank accounts)."""
    return rows(db, "SELECT * FROM accounts WHERE is_money = 1 AND active = 1 "
                    "AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.parent = accounts.code) ORDER BY code")


def add_account(db, code: str, name: str, *, actor: Actor, name_en: str = "", is_money: bool | None = None) -> str:
    """Add a sub-account under an existing account (its code extends the parent's)."""
    require(actor, "accounts.post")
    code, name = (code or "").strip(), (name or "").strip()
    if not code.isdigit() or not 3 <= len(code) <= 10:
        raise ValidationError(tr("An account code has 3 to 10 digits; «{code}» does not.", code=code), field="code")
    if not name:
        raise ValidationError(tr("The name cannot be empty."), field="name")
    if get_account(db, code):
        raise ValidationError(tr("The account {code} already exists.", code=code), field="code")
    parent = _longest_prefix(code, [r["code"] for r in rows(db, "SELECT code FROM accounts")])
    if parent is None:
        raise ValidationError(
            tr("{code} does not extend any account of the chart: a sub-account starts with its parent's code.", code=code),
            field="code",
        )
    parent_row = get_account(db, parent)
    money = parent_row["is_money"] if is_money is None else int(bool(is_money))
    now = clock.now_iso()
    with tx(db):
        db.execute(
            "INSERT INTO accounts (code, name, name_en, parent, is_money, created_at, uid, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [code, name, name_en or name, parent, money, now, new_uid(), now],
        )
        audit.record(db, actor, "account.create", "accounts", code, name=name, parent=parent)
    return code


def rates_on(db, day: dt.date | str, kind: str = "standard") -> tuple[Decimal, Decimal]:
    """(IGV rate, IPM rate) in percent in force on `day`."""
    day = day.isoformat() if isinstance(day, dt.date) else str(day)[:10]
    found = row(db, "SELECT igv_rate, ipm_rate FROM tax_rates WHERE kind = ? AND valid_from <= ?"
                    " ORDER BY valid_from DESC LIMIT 1", [kind, day])
    if found is None:
        raise ValidationError(tr("There is no tax rate for {day}.", day=day), field="date")
    return Decimal(found["igv_rate"]), Decimal(found["ipm_rate"])


def add_tax_rate(db, kind: str, valid_from: str, igv, ipm, *, actor: Actor, note: str = "") -> None:
    """Date a new rate (a law changed it); earlier documents keep the rate of their date."""
    require(actor, "accounts.post")
    if kind not in KINDS:
        raise ValidationError(tr("Unknown rate kind «{kind}».", kind=kind), field="kind")
    valid_from = dates.read_date(valid_from, field="valid_from").isoformat()
    igv, ipm = Decimal(str(igv)), Decimal(str(ipm))
    with tx(db):
        db.execute("INSERT OR REPLACE INTO tax_rates (kind, valid_from, igv_rate, ipm_rate, note) VALUES (?, ?, ?, ?, ?)",
                   [kind, valid_from, canonical(igv), canonical(ipm), note])
        audit.record(db, actor, "tax_rate.set", "tax_rates", kind, valid_from=valid_from, igv=str(igv), ipm=str(ipm))
