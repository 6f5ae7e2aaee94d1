"""Demo catalogue: a furniture workshop in Villa El Salvador (tornillo, cedro,
capirona) and a garment workshop in Gamarra (jersey 30/1, franela, rib).
Prices are Lima prices of 2026. Other areas' demo data refers to these SKUs."""

from __future__ import annotations

from smedesk.core import settings
from smedesk.core.roles import Actor
from smedesk.production import catalogue as cat

# code, name, unit, price, currency, waste %, supplier
FURNITURE_MATERIALS = [
    ("TOR", "Madera tornillo aserrada", "m3", "1850", "PEN", "18", "Maderera Ucayali S.A.C."),
    ("CED", "Madera cedro aserrada", "m3", "3900", "PEN", "15", "Maderera Ucayali S.A.C."),
    ("CAP", "Madera capirona aserrada", "m3", "2300", "PEN", "15", "Aserradero San Martín"),
    ("TRI", "Triplay lupuna 4 mm 1.22 × 2.44", "m2", "12.50", "PEN", "10", "Maderera Ucayali S.A.C."),
    ("BAR", "Barniz marino", "l", "38", "PEN", "8", "Pinturas Lima"),
    ("SEL", "Sellador para madera", "l", "24", "PEN", "8", "Pinturas Lima"),
    ("LIJ", "Lija de agua 120", "unit", "1.80", "PEN", "0", "Ferretería El Sol"),
    ("TOR-2", "Tornillo autorroscante 2\"", "unit", "0.12", "PEN", "5", "Ferretería El Sol"),
    ("COL", "Cola sintética", "kg", "14", "PEN", "5", "Ferretería El Sol"),
    ("BIS", "Bisagra cangrejo 35 mm", "unit", "0.85", "USD", "0", "Importadora Herrajes Perú"),
    ("JAL", "Jalador de acero", "unit", "4.50", "PEN", "0", "Ferretería El Sol"),
]

GARMENT_MATERIALS = [
    ("JER", "Tela jersey 30/1 algodón peinado", "kg", "28.50", "PEN", "8", "Textil San Cristóbal"),
    ("FRA", "Tela franela perchada", "kg", "32", "PEN", "10", "Textil San Cristóbal"),
    ("RIB", "Rib 1×1 algodón", "kg", "30", "PEN", "8", "Textil San Cristóbal"),
    ("HIL", "Hilo poliéster 40/2 (cono 5000 yd)", "unit", "6.50", "PEN", "0", "Hilos Gamarra"),
    ("BOT", "Botón de 4 huecos", "unit", "0.08", "PEN", "3", "Avíos Gamarra"),
    ("ETQ", "Etiqueta tejida de marca", "unit", "0.15", "PEN", "2", "Avíos Gamarra"),
    ("TAL", "Etiqueta de talla y composición", "unit", "0.05", "PEN", "2", "Avíos Gamarra"),
    ("CIE", "Cierre metálico YKK", "unit", "0.45", "USD", "0", "YKK Perú (importado)"),
    ("CRD", "Cordón plano para capucha", "m", "0.60", "PEN", "5", "Avíos Gamarra"),
    ("BOL", "Bolsa de empaque", "unit", "0.10", "PEN", "0", "Plásticos La Victoria"),
]

FURNITURE_OVERHEAD = [("Alquiler del taller", "2200"), ("Luz trifásica", "850"), ("Mantenimiento de máquinas", "300"),
                      ("Agua", "90"), ("Depreciación de máquinas", "400")]
GARMENT_OVERHEAD = [("Alquiler del stand", "3500"), ("Luz", "620"), ("Mantenimiento de máquinas", "250"),
                    ("Internet y teléfono", "120"), ("Depreciación de máquinas", "350")]

FURNITURE_STEPS = ("Preparado", "Corte", "Armado", "Acabado")
GARMENT_STEPS = ("Corte", "Costura", "Acabado", "Planchado", "Empaque")

# sku, name, name_en, hs_code, min_order, price, bom [(code, qty, unit)], minutes per step, parts
FURNITURE = [
    ("SIL-TOR-01", "Silla de tornillo", "Tornillo wood chair", "9401.69.00.00", 12, "185",
     [("TOR", "9", "pt"), ("COL", "60", "g"), ("TOR-2", "16", "unit"), ("SEL", "0.08", "l"),
      ("BAR", "0.12", "l"), ("LIJ", "2", "unit")],
     ("20", "35", "50", "45"), [("Pata", 4), ("Asiento", 1), ("Espaldar", 1)]),
    ("MES-CED-01", "Mesa de comedor de cedro", "Cedar dining table", "9403.60.90.00", 2, "1450",
     [("CED", "38", "pt"), ("COL", "250", "g"), ("TOR-2", "24", "unit"), ("SEL", "0.4", "l"),
      ("BAR", "0.6", "l"), ("LIJ", "6", "unit")],
     ("60", "90", "150", "120"), [("Pata", 4), ("Tablero", 1), ("Faldón", 4)]),
    ("ROP-CAP-01", "Ropero de capirona", "Capirona wardrobe", "9403.50.00.00", 1, "1980",
     [("CAP", "60", "pt"), ("TRI", "4.5", "m2"), ("COL", "400", "g"), ("TOR-2", "60", "unit"),
      ("BIS", "6", "unit"), ("JAL", "3", "unit"), ("SEL", "0.8", "l"), ("BAR", "1.2", "l"), ("LIJ", "10", "unit")],
     ("90", "150", "240", "180"), [("Lateral", 2), ("Puerta", 3), ("Repisa", 4), ("Techo", 1), ("Base", 1)]),
    ("CAR-ESC-01", "Carpeta escolar unipersonal", "Single school desk", "9403.30.00.00", 30, "260",
     [("TOR", "12", "pt"), ("TRI", "0.3", "m2"), ("COL", "80", "g"), ("TOR-2", "20", "unit"),
      ("SEL", "0.1", "l"), ("BAR", "0.15", "l"), ("LIJ", "2", "unit")],
     ("25", "40", "60", "40"), [("Pata", 4), ("Tablero", 1), ("Asiento", 1), ("Espaldar", 1)]),
]

GARMENTS = [
    ("POL-JER-01", "Polo jersey 30/1 cuello redondo", "Crew-neck T-shirt, 30/1 combed cotton jersey",
     "6109.10.00.31", 100, "24",
     [("JER", "190", "g"), ("RIB", "12", "g"), ("HIL", "0.03", "unit"), ("ETQ", "1", "unit"),
      ("TAL", "1", "unit"), ("BOL", "1", "unit")],
     ("3", "9", "3", "2", "1"), [("Delantero", 1), ("Espalda", 1), ("Manga", 2), ("Cuello", 1)]),
    ("HOO-FRA-01", "Hoodie de franela con capucha", "Fleece hoodie with zipped pocket", "6110.20.90.90", 50, "69",
     [("FRA", "520", "g"), ("RIB", "60", "g"), ("HIL", "0.06", "unit"), ("CRD", "1.4", "m"),
      ("CIE", "1", "unit"), ("ETQ", "1", "unit"), ("TAL", "1", "unit"), ("BOL", "1", "unit")],
     ("6", "22", "6", "4", "2"), [("Delantero", 1), ("Espalda", 1), ("Manga", 2), ("Capucha", 2), ("Bolsillo", 1)]),
    ("CON-NIN-02", "Conjunto para niño polo y short", "Boy's T-shirt and shorts set", "6103.22.00.00", 60, "35",
     [("JER", "210", "g"), ("RIB", "20", "g"), ("HIL", "0.04", "unit"), ("BOT", "2", "unit"),
      ("ETQ", "1", "unit"), ("TAL", "1", "unit"), ("BOL", "1", "unit")],
     ("4", "14", "4", "3", "2"), [("Polo", 1), ("Short", 1)]),
]

# (labour rate per hour, piece rates per step or None)
FURNITURE_RATES = ("9.50", None)
GARMENT_RATES = ("7.50", {"Costura": "0.90", "Acabado": "0.25"})


def populate(db, kind: str, owner: Actor) -> None:
    if kind == "furniture":
        materials, overhead, products, names = FURNITURE_MATERIALS, FURNITURE_OVERHEAD, FURNITURE, FURNITURE_STEPS
        rate, pieces = FURNITURE_RATES
        hours = "1040"  # 5 carpenters × 8 h × 26 days
    else:
        materials, overhead, products, names = GARMENT_MATERIALS, GARMENT_OVERHEAD, GARMENTS, GARMENT_STEPS
        rate, pieces = GARMENT_RATES
        hours = "832"  # 4 operators × 8 h × 26 days
    settings.set(db, "fx.usd_pen", "3.75", actor=owner)
    settings.set(db, "production.hours_per_month", hours, actor=owner)
    for code, name, unit, price, currency, waste, supplier in materials:
        cat.save_material(db, {"code": code, "name": name, "unit": unit, "price": price, "currency": currency,
                               "waste_pct": waste, "supplier": supplier}, actor=owner, valid_from="2026-01-01")
    for name, amount in overhead:
        cat.save_overhead(db, name, amount, actor=owner)
    for sku, name, name_en, hs, minimum, price, lines, minutes, part_list in products:
        pid = cat.save_product(db, {"sku": sku, "name": name, "name_en": name_en, "hs_code": hs,
                                    "min_order": minimum, "price": price}, actor=owner)
        cat.set_bom(db, pid, [{"material_code": c, "qty": q, "unit": u} for c, q, u in lines],
                    actor=owner)
        cat.set_routing(db, pid, [{"name": n, "std_minutes": m, "rate_per_hour": rate,
                                   "piece_rate": (pieces or {}).get(n)} for n, m in zip(names, minutes, strict=True)],
                        actor=owner)
        cat.set_parts(db, pid, part_list, actor=owner)
    if kind == "garments":
        _garment_variants(db, owner)


def _garment_variants(db, owner: Actor) -> None:
    polo = cat.get_product(db, "POL-JER-01")["id"]
    grams = {"S": "170", "M": "190", "L": "210", "XL": "235"}
    for colour in ("Blanco", "Negro"):
        for size, g in grams.items():
            vid = cat.save_variant(db, polo, size=size, colour=colour, actor=owner)
            if size != "M":
                cat.set_bom(db, polo, [{"material_code": "JER", "qty": g, "unit": "g"}], variant_id=vid, actor=owner)
    hoodie = cat.get_product(db, "HOO-FRA-01")["id"]
    for size in ("S", "M", "L", "XL"):
        cat.save_variant(db, hoodie, size=size, colour="Gris jaspeado", actor=owner)
    kids = cat.get_product(db, "CON-NIN-02")["id"]
    for size, g in {"2": "150", "4": "180", "6": "210", "8": "240"}.items():
        vid = cat.save_variant(db, kids, size=size, colour="Azul", actor=owner)
        cat.set_bom(db, kids, [{"material_code": "JER", "qty": g, "unit": "g"}], variant_id=vid, actor=owner)
