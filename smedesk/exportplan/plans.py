"""Export plans: create from a template, edit step by step, read back with
what the catalogue and costing already know. Every save validates the whole
change first and writes it in one transaction, so a refused change leaves
the plan exactly as it was."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal

from smedesk.core import audit, clock
from smedesk.core.dates import read_iso
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.ids import new_uid
from smedesk.core.money import canonical, check_currency, from_cents, grouped, to_cents, to_decimal
from smedesk.core.roles import Actor, require, require_view
from smedesk.exportplan import pricing, rates, templates

MONEY_COSTS = ("packing_per_unit", "inland_freight", "customs_agent", "documents",
               "port_handling", "main_freight_usd")
RATE_COSTS = ("margin_pct", "insurance_rate_pct", "fx_usd_pen")


def _text(value, field: str, *, required: bool = False, max_len: int = 4000) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(tr("The plan needs a title."), field=field)
    if len(text) > max_len:
        raise ValidationError(tr("The text is too long (at most {n} characters).", n=max_len), field=field)
    return text


def _product_id(db, value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):
        found = row(db, "SELECT id FROM products WHERE id = ? AND deleted_at IS NULL", [value])
    else:
        found = row(db, "SELECT id FROM products WHERE sku = ? AND deleted_at IS NULL", [str(value).strip()])
    if found is None:
        raise ValidationError(tr("There is no product «{sku}» in the catalogue.", sku=value), field="product")
    return found["id"]


def _template(value) -> str:
    value = str(value or "blank").strip()
    if value not in templates.TEMPLATES:
        raise ValidationError(tr("Unknown template «{name}» (use garments, furniture or blank).", name=value),
                              field="template")
    return value


def create_plan(db, title: str, *, template: str = "blank", product=None, country: str = "",
                actor: Actor) -> int:
    """A new plan whose texts start from the template."""
    require(actor, "exportplan.edit")
    title = _text(title, "title", required=True, max_len=120)
    template = _template(template)
    product_id = _product_id(db, product)
    country = _text(country, "country", max_len=60)
    now = clock.now_iso()
    with tx(db):
        plan_id = db.execute(
            "INSERT INTO export_plans (title, template, product_id, country, hours_per_month, texts,"
            " created_at, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [title, template, product_id, country, "192",
             json.dumps(templates.starting_texts(template), ensure_ascii=False), now, new_uid(), now],
        ).lastrowid
        audit.record(db, actor, "exportplan.create", "export_plans", plan_id, title=title, template=template)
    return plan_id


def list_plans(db) -> list[dict]:
    return rows(
        db,
        "SELECT p.id, p.title, p.template, p.country, p.incoterm, p.qty, p.updated_at,"
        " pr.sku AS sku, pr.name AS product_name FROM export_plans p"
        " LEFT JOIN products pr ON pr.id = p.product_id"
        " WHERE p.deleted_at IS NULL ORDER BY p.title, p.id",
    )


def get_plan(db, plan_id) -> dict:
    """The plan with its texts, cost lines (as text), actions and budget."""
    require_view(db)
    return _get_plan(db, plan_id)


def _get_plan(db, plan_id) -> dict:
    """The read behind `get_plan`, for a write that has already checked its actor."""
    found = None
    if str(plan_id).strip().isdigit():
        found = row(db, "SELECT * FROM export_plans WHERE id = ? AND deleted_at IS NULL", [int(plan_id)])
    if found is None:
        found = row(db, "SELECT * FROM export_plans WHERE title = ? AND deleted_at IS NULL", [str(plan_id).strip()])
    if found is None:
        raise ValidationError(tr("There is no export plan «{plan}».", plan=plan_id), field="plan")
    plan = dict(found)
    texts = {key: "" for key in templates.all_text_keys()}
    texts.update(json.loads(found["texts"] or "{}"))
    plan["texts"] = texts
    plan["costs"] = costs_of(found)
    plan["product"] = (row(db, "SELECT * FROM products WHERE id = ?", [found["product_id"]])
                       if found["product_id"] else None)
    plan["actions"] = rows(db, "SELECT seq, what, who, due, done FROM export_plan_actions"
                               " WHERE plan_id = ? ORDER BY seq", [found["id"]])
    plan["budget"] = [
        {"item": b["item"], "amount": from_cents(b["amount_cents"]), "currency": b["currency"]}
        for b in rows(db, "SELECT item, amount_cents, currency FROM export_plan_budget"
                          " WHERE plan_id = ? ORDER BY seq", [found["id"]])
    ]
    return plan


def costs_of(plan_row: dict) -> dict[str, str]:
    """The stored cost lines as text ('' where not entered yet)."""
    out = {}
    for name in MONEY_COSTS:
        cents = plan_row.get(f"{name}_cents")
        out[name] = "" if cents is None else str(from_cents(cents))
    for name in RATE_COSTS:
        out[name] = plan_row.get(name) or ""
    return out


def _clean_actions(items) -> list[dict]:
    clean = []
    for n, item in enumerate(items or [], start=1):
        what = str(item.get("what") or "").strip()
        if not what:
            raise ValidationError(tr("Action {n}: say what has to be done.", n=n), field="actions")
        due = read_iso(item.get("due"), field="actions", where=tr("Action {n}", n=n))
        clean.append({"seq": n, "what": what[:300], "who": str(item.get("who") or "").strip()[:80],
                      "due": due, "done": 1 if item.get("done") else 0})
    return clean


def _clean_budget(items) -> list[dict]:
    clean = []
    for n, item in enumerate(items or [], start=1):
        name = str(item.get("item") or "").strip()
        if not name:
            raise ValidationError(tr("Budget line {n}: say what the money is for.", n=n), field="budget")
        amount = to_decimal(item.get("amount") or "0", field="budget")
        if amount < 0:
            raise ValidationError(tr("Budget line {n}: the amount cannot be negative.", n=n), field="budget")
        clean.append({"seq": n, "item": name[:200], "amount_cents": to_cents(amount),
                      "currency": check_currency(item.get("currency") or "PEN", field="budget")})
    return clean


def _clean_changes(db, current: dict, data: dict) -> dict:
    """Validate a change against the plan as it is; return the columns to write."""
    out: dict = {}
    if "title" in data:
        out["title"] = _text(data["title"], "title", required=True, max_len=120)
    if "template" in data:
        out["template"] = _template(data["template"])
    if "product" in data:
        out["product_id"] = _product_id(db, data["product"])
    if "country" in data:
        out["country"] = _text(data["country"], "country", max_len=60)
    if "people" in data:
        people = to_decimal(data["people"] or "0", field="people")
        if people < 0 or people != people.to_integral():
            raise ValidationError(tr("The number of people is a whole number, zero or more."), field="people")
        out["people"] = int(people)
    if "hours_per_month" in data:
        hours = to_decimal(data["hours_per_month"] or "0", field="hours_per_month")
        if hours < 0 or hours > 744:
            raise ValidationError(tr("Hours per month must be between 0 and 744."), field="hours_per_month")
        out["hours_per_month"] = canonical(hours)
    if "incoterm" in data:
        out["incoterm"] = pricing.clean_incoterm(data["incoterm"])
    if "qty" in data:
        out["qty"] = pricing.clean_qty(data["qty"])
    if "costs" in data:
        costs = pricing.clean_costs(data["costs"] or {})
        for name in MONEY_COSTS:
            out[f"{name}_cents"] = to_cents(getattr(costs, name))
        for name in RATE_COSTS:
            out[name] = canonical(getattr(costs, name))
    if "texts" in data:
        texts = dict(current["texts"])
        for key, value in (data["texts"] or {}).items():
            if key not in texts:
                raise ValidationError(tr("Unknown plan section «{key}».", key=key), field="texts")
            texts[key] = _text(value, key)
        out["texts"] = json.dumps(texts, ensure_ascii=False)
    return out


def save_plan(db, plan_id, data: dict, *, actor: Actor) -> dict:
    """Change the plan; keys absent from `data` stay as they are. When the
    price inputs change, the price is built up first and any refusal (no unit
    cost, margin of 100% or more…) leaves the plan untouched."""
    require(actor, "exportplan.edit")
    current = _get_plan(db, plan_id)
    changes = _clean_changes(db, current, data)
    actions = _clean_actions(data["actions"]) if "actions" in data else None
    budget = _clean_budget(data["budget"]) if "budget" in data else None
    merged = {**current, **changes}
    if {"costs", "qty", "product"} & set(data) and merged.get("fx_usd_pen"):
        price_of(db, merged)  # raises before anything is written
    with tx(db):
        # updated_at moves on any change, actions and budget included, so the plan syncs
        sets = "".join(f"{k} = ?, " for k in changes)
        db.execute(f"UPDATE export_plans SET {sets}updated_at = ? WHERE id = ?",
                   [*changes.values(), clock.now_iso(), current["id"]])
        if actions is not None:
            db.execute("DELETE FROM export_plan_actions WHERE plan_id = ?", [current["id"]])
            for a in actions:
                db.execute("INSERT INTO export_plan_actions (plan_id, seq, what, who, due, done)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           [current["id"], a["seq"], a["what"], a["who"], a["due"], a["done"]])
        if budget is not None:
            db.execute("DELETE FROM export_plan_budget WHERE plan_id = ?", [current["id"]])
            for b in budget:
                db.execute("INSERT INTO export_plan_budget (plan_id, seq, item, amount_cents, currency)"
                           " VALUES (?, ?, ?, ?, ?)",
                           [current["id"], b["seq"], b["item"], b["amount_cents"], b["currency"]])
        audit.record(db, actor, "exportplan.save", "export_plans", current["id"],
                     fields=sorted(set(changes) | ({"actions"} if actions is not None else set())
                                   | ({"budget"} if budget is not None else set())))
    return _get_plan(db, current["id"])


def delete_plan(db, plan_id, *, actor: Actor) -> None:
    require(actor, "exportplan.edit")
    plan = _get_plan(db, plan_id)
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE export_plans SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, plan["id"]])
        audit.record(db, actor, "exportplan.delete", "export_plans", plan["id"], title=plan["title"])


@dataclass(frozen=True)
class PlanPrice:
    """The plan's build-up and what is shown beside it. Attributes: build
    (pricing.BuildUp), drawback_rate (Decimal or None), drawback_pen,
    exporta_facil_limit (US$), warnings (plain sentences)."""

    build: pricing.BuildUp
    drawback_rate: Decimal | None
    drawback_pen: Decimal | None
    exporta_facil_limit: Decimal
    warnings: list[str]


def price_inputs(plan: dict) -> dict[str, str]:
    """The plan's stored cost lines as the costs file would give them."""
    return {k: v for k, v in costs_of(plan).items() if v != ""}


def price_of(db, plan: dict, *, day=None) -> PlanPrice:
    """Build up the plan's price from its product's unit cost."""
    if not plan.get("product_id"):
        raise ValidationError(tr("Choose the product first (step 2)."), field="product")
    costs = pricing.clean_costs(price_inputs(plan))
    unit_cost = rates.unit_cost(db, plan["product_id"])
    return price_with(db, unit_cost, plan.get("qty"), costs, plan.get("incoterm") or "FOB", day=day)


def price_with(db, unit_cost, qty, costs: pricing.CostLines, incoterm: str, *, day=None) -> PlanPrice:
    build = pricing.build_up(unit_cost, qty, costs, incoterm)
    rate = rates.drawback_rate_on(db, day)
    limit = rates.exporta_facil_limit(db)
    warnings = list(build.warnings)
    if pricing.exceeds_limit(build, limit):
        warnings.append(tr(
            "This shipment (FOB US$ {value}) is above the Exporta Fácil limit of US$ {limit}: "
            "it cannot go by postal export; use a customs agent.",
            value=grouped(build.total_usd_at("FOB")), limit=grouped(limit)))
    return PlanPrice(build, rate, pricing.drawback(build, rate), limit, warnings)


def monthly_capacity(db, plan: dict) -> int | None:
    """Units per month: people × hours × 60 ÷ the standard minutes of all the
    product's steps. None when the product has no steps or no one is counted."""
    if not plan.get("product_id"):
        return None
    minutes = sum((Decimal(s["std_minutes"]) for s in rows(
        db, "SELECT std_minutes FROM routing_steps WHERE product_id = ?", [plan["product_id"]])), Decimal(0))
    people, hours = int(plan.get("people") or 0), Decimal(plan.get("hours_per_month") or "0")
    if minutes <= 0 or people <= 0 or hours <= 0:
        return None
    return math.floor(people * hours * 60 / minutes)
