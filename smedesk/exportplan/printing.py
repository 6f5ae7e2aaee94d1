"""Gathering what the export plan and the proforma show, then writing them
(smedesk.printouts draws plain data; the reading and the checks are done here)."""

from __future__ import annotations

from pathlib import Path

from smedesk.core import business, clock, i18n
from smedesk.core.errors import SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import require_view
from smedesk.exportplan import plans, pricing, rates


def translator_for(lang: str) -> i18n.Translator:
    """The document's translator; an unknown language is refused in the person's words."""
    if lang not in i18n.LANGUAGES:
        raise ValidationError(tr("Unknown language «{lang}» (use es or en).", lang=lang), field="lang")
    return i18n.translator(lang)


def plan_data(db, plan_id, *, lang: str = "es") -> dict:
    """The plan with what its PDF shows beside it: the firm, the product's unit
    cost and monthly capacity, the price build-up (or, for each, why it cannot
    be worked out yet, in `lang`)."""
    translator_for(lang)
    require_view(db)
    with i18n.rendering_in(lang):  # the reasons and price warnings in the document's language
        plan = plans.get_plan(db, plan_id)
        data = {"business": business.get(db) or {}, "plan": plan, "today": clock.today_lima().isoformat(),
                "capacity": plans.monthly_capacity(db, plan), "unit_cost": None, "unit_cost_problem": "",
                "price": None, "price_problem": ""}
        if plan["product"]:
            try:
                data["unit_cost"] = rates.unit_cost(db, plan["product"]["id"])
            except SmedeskError as exc:
                data["unit_cost_problem"] = str(exc)
        try:
            data["price"] = plans.price_of(db, plan)
        except SmedeskError as exc:
            data["price_problem"] = str(exc)
    return data


def write_plan_pdf(db, plan_id, out: Path | str, *, lang: str = "es", progress=None, cancelled=None) -> Path | None:
    """Write the plan to `out` in `lang` ('es' or 'en'); None when cancelled."""
    from smedesk.printouts import exportplan_pdf

    data = plan_data(db, plan_id, lang=lang)
    return exportplan_pdf.render(data, out, tr=translator_for(lang), progress=progress, cancelled=cancelled)


def proforma_data(db, plan_id, buyer, *, lang: str = "en", incoterm: str | None = None, place: str = "",
                  valid_days: int = 30, payment: str = "") -> dict:
    """What the proforma for `buyer` (printouts.proforma_pdf.Buyer) shows at
    `incoterm` (the plan's by default); refused before anything is drawn."""
    from smedesk.printouts.proforma_pdf import DEFAULT_PLACES

    translator_for(lang)
    if not (buyer.name or "").strip():
        raise ValidationError(tr("Write the buyer's name."), field="buyer")
    if valid_days <= 0:
        raise ValidationError(tr("The quotation must be valid for at least one day."), field="valid_days")
    require_view(db)
    with i18n.rendering_in(lang):
        plan = plans.get_plan(db, plan_id)
        term = pricing.clean_incoterm(incoterm or plan["incoterm"])
        price = plans.price_of(db, {**plan, "incoterm": term})
    today = clock.today_lima()
    return {"business": business.get(db) or {}, "plan": plan, "buyer": buyer, "incoterm": term, "price": price,
            "today": today, "number": f"PF-{today:%Y%m%d}-{plan['id']:03d}", "valid_days": valid_days,
            "place": place.strip() or DEFAULT_PLACES.get(term) or plan["country"], "payment": payment.strip()}


def write_proforma_pdf(db, plan_id, out: Path | str, buyer, *, lang: str = "en", incoterm: str | None = None,
                       place: str = "", valid_days: int = 30, payment: str = "", progress=None,
                       cancelled=None) -> Path | None:
    """Quote the plan's product to `buyer`; None when cancelled."""
    from smedesk.printouts import proforma_pdf

    data = proforma_data(db, plan_id, buyer, lang=lang, incoterm=incoterm, place=place, valid_days=valid_days,
                         payment=payment)
    return proforma_pdf.render(data, out, tr=translator_for(lang), progress=progress, cancelled=cancelled)
