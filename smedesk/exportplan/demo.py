"""Demo export plans: the furniture workshop sends tornillo chairs (SIL-TOR-01)
to the United States; the garment workshop sends polos (POL-JER-01) to Chile."""

from __future__ import annotations

import datetime as dt

from smedesk.core import clock
from smedesk.core.errors import ValidationError
from smedesk.exportplan import plans, rates

PLANS = {
    "furniture": {
        "title": "Sillas de tornillo a Estados Unidos",
        "template": "furniture", "sku": "SIL-TOR-01", "country": "Estados Unidos",
        "people": 4, "hours": "192", "incoterm": "FOB", "qty": 120,
        "costs": {"margin_pct": "30", "packing_per_unit": "12", "inland_freight": "450",
                  "customs_agent": "600", "documents": "250", "port_handling": "380",
                  "main_freight_usd": "1450", "insurance_rate_pct": "0.8", "fx_usd_pen": "3.75"},
        "texts": {"market_why": "Estados Unidos compra muebles de madera sólida y el Acuerdo de Promoción "
                                "Comercial Perú–EE. UU. deja entrar las sillas sin arancel.",
                  "market_why_en": "The United States buys solid-wood furniture, and the Peru–US Trade "
                                   "Promotion Agreement lets the chairs in duty-free."},
        "actions": [("Pedir cotización de flete marítimo a Miami", "Rosa Huamán", 10),
                    ("Certificado de origen y guía forestal", "Rosa Huamán", 25),
                    ("Enviar fotos y muestra de acabado al importador", "Jorge Quispe", 40),
                    ("Primer embarque de 120 sillas", "Rosa Huamán", 90)],
        "budget": [("Muestra y envío por courier", "650"), ("Catálogo en inglés", "400"),
                   ("Certificado de origen", "120")],
    },
    "garments": {
        "title": "Polos de algodón a Chile",
        "template": "garments", "sku": "POL-JER-01", "country": "Chile",
        "people": 3, "hours": "200", "incoterm": "CIF", "qty": 600,
        "costs": {"margin_pct": "28", "packing_per_unit": "0.80", "inland_freight": "180",
                  "customs_agent": "350", "documents": "150", "port_handling": "220",
                  "main_freight_usd": "380", "insurance_rate_pct": "0.5", "fx_usd_pen": "3.75"},
        "texts": {"market_why": "Chile está cerca, el Acuerdo de Libre Comercio Perú–Chile deja entrar las "
                                "prendas sin arancel y sus tiendas compran algodón peruano.",
                  "market_why_en": "Chile is close, the Peru–Chile Free Trade Agreement lets the garments in "
                                   "duty-free and its shops buy Peruvian cotton."},
        "actions": [("Tabla de tallas y etiquetas en español para Chile", "Marisol Condori", 7),
                    ("Enviar 10 polos de muestra a la tienda en Santiago", "Ana Ticona", 20),
                    ("Primer pedido de 600 polos", "Marisol Condori", 60)],
        "budget": [("Muestras y courier", "380"), ("Etiquetas y bolsas", "540"), ("Feria en Santiago", "2500")],
    },
}


def populate(db, kind: str, owner) -> None:
    spec = PLANS.get(kind)
    if spec is None:
        return
    rates.set_drawback_rate(db, "2017-01-01", "4", note="D.S. 282-2016-EF", actor=owner)
    rates.set_drawback_rate(db, "2019-01-01", "3", note="Verificar la tasa vigente con SUNAT", actor=owner)
    product = db.execute("SELECT id FROM products WHERE sku = ?", [spec["sku"]]).fetchone()
    plan_id = plans.create_plan(db, spec["title"], template=spec["template"],
                                product=product[0] if product else None, country=spec["country"], actor=owner)
    today = clock.today_lima()
    plans.save_plan(db, plan_id, {
        "people": spec["people"], "hours_per_month": spec["hours"], "incoterm": spec["incoterm"],
        "texts": spec["texts"],
        "actions": [{"what": w, "who": who, "due": (today + dt.timedelta(days=d)).isoformat()}
                    for w, who, d in spec["actions"]],
        "budget": [{"item": item, "amount": amount} for item, amount in spec["budget"]],
    }, actor=owner)
    try:  # the price needs the product's unit cost; without one the plan waits for it
        plans.save_plan(db, plan_id, {"qty": spec["qty"], "costs": spec["costs"]}, actor=owner)
    except ValidationError:
        pass
