"""The change log in words: what each recorded action, table and detail means,
so the owner reads "Plan de exportación guardado · campos: título, Incoterm"
instead of `exportplan.save` and `fields: ['incoterm', 'title']`."""

from __future__ import annotations

import re

from smedesk.core.i18n import N_, tr

ACTIONS = {
    "account.create": N_("Account created"),
    "backup.create": N_("Backup made"),
    "certificate.load": N_("Digital certificate loaded"),
    "einvoice.batch_state": N_("SUNAT's answer to a summary or void"),
    "einvoice.ra": N_("Void notice for SUNAT made (comunicación de baja)"),
    "einvoice.rc": N_("Daily boletas summary for SUNAT made"),
    "einvoice.sign": N_("Comprobante signed"),
    "einvoice.state": N_("Comprobante state changed"),
    "fx.import": N_("Exchange rates loaded"),
    "fx.set": N_("Exchange rate of a day saved"),
    "padron.import": N_("SUNAT's padrón loaded"),
    "party.retention_agent": N_("Customer marked as retention agent or not"),
    "product.spot": N_("Product's SPOT code changed"),
    "retention.create": N_("Retention received recorded"),
    "spot.deposit": N_("Detracción deposit recorded"),
    "station.pin_failed": N_("Wrong PIN at the scan station"),
    "stock.consuming_step": N_("Step that takes the materials changed"),
    "stock.count": N_("Stock count recorded"),
    "stock.material": N_("Material's stock details changed"),
    "stock.month_end": N_("Month's stock entry posted"),
    "stock.move": N_("Stock movement recorded"),
    "sunat.answer": N_("SUNAT's answer read"),
    "sunat.contingency": N_("Contingency report made"),
    "sunat.reissue": N_("Comprobante issued again"),
    "sunat.void": N_("Comprobante voided"),
    "tax_calendar.import": N_("SUNAT's due dates loaded"),
    "uit.set": N_("UIT of a year saved"),
    "backup.restore": N_("Backup restored"),
    "business.create": N_("Business created"),
    "business.update": N_("Business details changed"),
    "catalogue.import": N_("Spreadsheet imported"),
    "costing.whatif_apply": N_("What-if prices applied"),
    "drawback.remove": N_("Drawback rate removed"),
    "drawback.set": N_("Drawback rate saved"),
    "expense.create": N_("Expense recorded"),
    "exportplan.create": N_("Export plan created"),
    "exportplan.delete": N_("Export plan deleted"),
    "exportplan.save": N_("Export plan saved"),
    "journal.post": N_("Entry posted"),
    "material.create": N_("Material created"),
    "material.price": N_("Material price changed"),
    "material.update": N_("Material changed"),
    "month.close": N_("Month closed"),
    "order.create": N_("Order created"),
    "order.due_date": N_("Order due date changed"),
    "order.release": N_("Order released (labels)"),
    "order.state": N_("Order state changed"),
    "order.update": N_("Order changed"),
    "overhead.remove": N_("Overhead removed"),
    "overhead.save": N_("Overhead saved"),
    "party.create": N_("Customer or supplier created"),
    "party.delete": N_("Customer or supplier deleted"),
    "party.update": N_("Customer or supplier changed"),
    "payment.create": N_("Payment recorded"),
    "product.active": N_("Product shown or hidden"),
    "product.bom": N_("Product materials changed"),
    "product.create": N_("Product created"),
    "product.parts": N_("Product parts changed"),
    "product.routing": N_("Product steps changed"),
    "product.update": N_("Product changed"),
    "purchase.create": N_("Purchase recorded"),
    "quotation.create": N_("Quotation created"),
    "quotation.order": N_("Quotation turned into an order"),
    "quotation.state": N_("Quotation state changed"),
    "sale.create": N_("Sale recorded"),
    "scan": N_("Piece scanned"),
    "scan.batch": N_("Scans loaded from a file"),
    "scan.undo": N_("Scan undone"),
    "seace.import": N_("SEACE tenders loaded"),
    "seace.interest.add": N_("SEACE search saved"),
    "seace.interest.edit": N_("SEACE search changed"),
    "seace.interest.delete": N_("SEACE search deleted"),
    "settings.set": N_("Setting changed"),
    "step_time.add": N_("Step time recorded"),
    "sync.bundle.read": N_("USB answers read"),
    "sync.bundle.write": N_("USB changes written"),
    "sync.drop": N_("Pending change dropped"),
    "sync.inbox.apply": N_("Shop news applied"),
    "sync.orders_from": N_("Shop orders start date set"),
    "sync.restore": N_("Taken out of the shop's trash"),
    "sync.retry": N_("Sending tried again"),
    "sync.retry_all": N_("All sending tried again"),
    "tax_rate.set": N_("Tax rate dated"),
    "user.add": N_("User added"),
    "user.deactivate": N_("User removed"),
    "user.login": N_("User logged in"),
    "user.login_failed": N_("Wrong PIN typed"),
    "user.set_pin": N_("PIN changed"),
    "user.reset_pin": N_("PIN reset by the owner"),
    "variant.create": N_("Size or colour added"),
    "variant.remove": N_("Size or colour removed"),
}

ENTITIES = {
    "accounts": N_("Accounts"), "backup": N_("Backups"), "business": N_("Business"),
    "bom": N_("Product materials"), "routing": N_("Product steps"), "overhead": N_("Overhead"),
    "einvoice_batches": N_("Summaries and voids for SUNAT"), "sunat_submissions": N_("Sent to SUNAT"),
    "station_pin_lock": N_("Scan station"), "padron": N_("SUNAT's padrón"), "uit_values": N_("UIT by year"),
    "tax_calendar": N_("SUNAT's due dates"), "fx_rates": N_("Exchange rates"), "stock_moves": N_("Stock movements"),
    "stock_month_entries": N_("Month's stock entries"),
    "closed_months": N_("Closed months"), "documents": N_("Sales and purchases"),
    "drawback_rates": N_("Drawback rates"), "expenses": N_("Expenses"), "export_plans": N_("Export plans"),
    "inbox": N_("Shop news"), "journal_entries": N_("Journal"), "materials": N_("Materials"),
    "orders": N_("Orders"), "outbox": N_("Pending to send"), "overhead_items": N_("Overhead"),
    "parties": N_("Customers and suppliers"), "payments": N_("Receipts and payments"),
    "products": N_("Products"), "quotations": N_("Quotations"), "scans": N_("Scans"),
    "seace_interests": N_("SEACE searches"), "seace_package": N_("SEACE tenders"),
    "settings": N_("Settings"), "step_times": N_("Step times"), "sync_bundles": N_("USB trips"),
    "sync_cursors": N_("Shop"), "tax_rates": N_("Tax rates"), "users": N_("Users"), "variants": N_("Sizes and colours"),
}

# detail keys, and the plan's columns named in "fields"
WORDS = {
    "account": N_("account"), "active": N_("active"), "amount": N_("amount"), "bundle": N_("USB file"),
    "changed": N_("changed"), "code": N_("code"), "colour": N_("colour"), "counted": N_("counted"),
    "created": N_("created"), "currency": N_("currency"), "date": N_("date"), "doc": N_("document"),
    "document": N_("document"), "due": N_("due"), "failed": N_("failed"), "fields": N_("fields"),
    "file": N_("file"), "igv": N_("IGV"), "ipm": N_("IPM"), "items": N_("items"), "jobs": N_("jobs"),
    "kind": N_("kind"), "lines": N_("lines"), "locked": N_("locked"), "memo": N_("memo"),
    "minutes": N_("minutes"), "monthly_cents": N_("per month"), "name": N_("name"), "new": N_("new value"),
    "number": N_("number"), "old": N_("old value"), "operator": N_("worker"), "order_id": N_("order"),
    "parent": N_("parent"), "parts": N_("parts"), "pieces": N_("pieces"), "price": N_("price"),
    "rate_pct": N_("rate %"), "reason": N_("reason"), "received": N_("received"), "ref": N_("reference"),
    "refused": N_("refused"), "role": N_("role"), "rows": N_("rows"), "ruc": N_("RUC"), "sent": N_("sent"),
    "since": N_("since"), "size": N_("size"), "sku": N_("SKU"), "source": N_("source"), "step": N_("step"),
    "steps": N_("steps"), "template": N_("template"), "title": N_("title"), "total": N_("total"),
    "units": N_("units"), "updated": N_("updated"), "valid_from": N_("valid from"), "variant_id": N_("size/colour"),
    "aside": N_("set aside"), "actor": N_("by"), "restored": N_("restored"), "safety_copy": N_("safety copy"),
    "product_id": N_("product"), "country": N_("country"), "people": N_("people"),
    "hours_per_month": N_("hours per month"), "incoterm": N_("Incoterm"), "qty": N_("quantity"),
    "costs": N_("cost lines"), "texts": N_("texts"), "actions": N_("tasks"), "budget": N_("budget"),
    "subject": N_("holder"), "not_after": N_("valid until"), "hash": N_("fingerprint"), "month": N_("month"),
    "documents": N_("comprobantes"), "state": N_("state"), "uid": N_("shop code"), "station": N_("station"),
    "spot_code": N_("SPOT code"), "agent": N_("retention agent"), "count": N_("how many"), "last": N_("up to"),
    "sell": N_("selling rate"), "unit": N_("unit"), "day": N_("day"), "material": N_("material"),
    "materials": N_("materials"), "detail": N_("detail"), "entry_id": N_("entry"), "raw": N_("raw materials (24)"),
    "supplies": N_("supplies (25)"), "minimum": N_("minimum"),
}


def action_text(action: str) -> str:
    known = ACTIONS.get(action)
    return tr(known) if known else action


def entity_text(entity: str) -> str:
    known = ENTITIES.get(entity)
    return tr(known) if known else entity


def word(key: str) -> str:
    known = WORDS.get(key)
    if known:
        return tr(known)
    # an export plan's cost columns (customs_agent_cents…) read as the plan names them
    from smedesk.exportplan.pricing import COST_LABELS

    cost = COST_LABELS.get(key.removesuffix("_cents"))
    return tr(cost) if cost else key.replace("_", " ")


DATE_KEYS = {"date", "day", "due", "since", "valid_from", "not_after"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _states(entity: str | None) -> dict:
    """The state names of what `entity` holds: a quotation's «sent» is «Enviada al cliente»."""
    if entity == "quotations":
        from smedesk.accounts.quotations import STATE_NAMES
    elif entity == "orders":
        from smedesk.tracking.orders import STATE_NAMES
    elif entity == "documents":
        from smedesk.einvoice.waiting import STATE_NAMES
    elif entity == "outbox":
        from smedesk.sync.outbox import STATE_NAMES
    else:
        return {}
    return STATE_NAMES


def _code(key: str, value: str, entity: str | None) -> str:
    """A code the file keeps (a date, a unit, a reason, a state) as the owner reads it."""
    from smedesk.core import dates, i18n, units
    from smedesk.stock import moves

    if key in DATE_KEYS and ISO_DAY.match(value):
        return dates.show_date(value)
    if key == "unit" and value in units.NAMES_ES:
        return units.label(value, i18n.current())
    if key == "reason" and value in moves.REASONS:
        return moves.reason_name(value)
    if key in ("new", "old", "state") and value in _states(entity):
        return tr(_states(entity)[value])
    return value


def _value(value, key: str = "", entity: str | None = None) -> str:
    if isinstance(value, list):
        return ", ".join(word(v) if isinstance(v, str) else str(v) for v in value)
    if value is True:
        return tr("yes")
    if value is False:
        return tr("no")
    if value in (None, ""):
        return "—"
    return _code(key, value, entity) if isinstance(value, str) else str(value)


def detail_text(detail: dict, entity: str | None = None) -> str:
    """'campos: título, Incoterm · total: 118.00' from the recorded detail; dates,
    units, reasons and states of `entity` in words."""
    return " · ".join(f"{word(k)}: {_value(v, k, entity)}" for k, v in detail.items())


def who_text(name, user_id=None) -> str:
    """Who made a change: a person's name, or smedesk itself (the automatic
    backups, the SUNAT signature), recorded as «system»."""
    if user_id is None and name == "system":
        return tr("smedesk (automatic)")
    return str(name)


def subject_text(entity: str, entity_id) -> str:
    """What was changed: «Ajustes Moneda de los precios de la tienda», not «sync.shop_currency»."""
    what = "" if entity_id in (None, "") else str(entity_id)
    if entity == "settings" and what:
        from smedesk.core import settings

        what = settings.label(what)
    return f"{entity_text(entity)} {what}".strip()
