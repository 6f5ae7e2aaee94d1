"""Generated OCDS releases in the structure Peru's portal publishes, for the
demo businesses and the benchmark (tests build their own)."""

from __future__ import annotations

import datetime as dt
import random

GOODS = {
    "furniture": [
        ("56121502", "CARPETA ESCOLAR UNIPERSONAL DE MADERA", "UNIDAD", (120, 210)),
        ("56121502", "CARPETA ESCOLAR BIPERSONAL DE MELAMINA", "UNIDAD", (180, 300)),
        ("56101519", "MESA DE MADERA PARA COMEDOR", "UNIDAD", (250, 480)),
        ("56101504", "SILLA DE MADERA TORNILLO", "UNIDAD", (60, 130)),
        ("56101702", "ESTANTE DE MADERA DE 5 NIVELES", "UNIDAD", (300, 650)),
        ("30171500", "PUERTA CONTRAPLACADA DE MADERA", "UNIDAD", (280, 520)),
    ],
    "garments": [
        ("53101604", "POLO DE ALGODON JERSEY 30/1 MANGA CORTA", "UNIDAD", (12, 28)),
        ("53101805", "BUZO DEPORTIVO ESCOLAR DE FRANELA", "UNIDAD", (45, 90)),
        ("53101902", "CHOMPA DE ALPACA CUELLO V", "UNIDAD", (70, 130)),
        ("53102710", "UNIFORME INSTITUCIONAL DE DRIL", "UNIDAD", (80, 160)),
        ("53102503", "MANDIL DE DRIL PARA LABORATORIO", "UNIDAD", (25, 55)),
    ],
    "other": [
        ("50192100", "ADQUISICION DE VIVERES PARA PROGRAMA SOCIAL", "KILOGRAMO", (4, 12)),
        ("80101505", "CONSULTORIA PARA ELABORACION DE EXPEDIENTE TECNICO", "SERVICIO", (20000, 90000)),
        ("78181501", "SERVICIO DE MANTENIMIENTO PREVENTIVO DE MOTOCICLETA", "SERVICIO", (150, 400)),
    ],
}
BUYERS = [
    ("UNIDAD DE GESTION EDUCATIVA LOCAL 01 SAN JUAN DE MIRAFLORES", "LIMA", "UGEL"),
    ("UNIDAD DE GESTION EDUCATIVA LOCAL HUANCAYO", "JUNIN", "UGEL"),
    ("GOBIERNO REGIONAL DE CUSCO", "CUSCO", "GRDC"),
    ("MUNICIPALIDAD DISTRITAL DE VILLA EL SALVADOR", "LIMA", "MDVS"),
    ("HOSPITAL REGIONAL DE PIURA", "PIURA", "HRDP"),
    ("PROGRAMA NACIONAL DE ALIMENTACION ESCOLAR - QALI WARMA", "LIMA", "PNAE"),
    ("GOBIERNO REGIONAL DE AREQUIPA", "AREQUIPA", "GRDA"),
    ("MUNICIPALIDAD PROVINCIAL DE TRUJILLO", "LA LIBERTAD", "MPDT"),
]
METHODS = [("Subasta Inversa Electrónica", "SIE"), ("Adjudicación Simplificada", "AS"),
           ("Licitación Pública", "LP"), ("Comparación de Precios", "COMPRE")]
SUPPLIERS = {
    "furniture": [("MUEBLES Y DISEÑOS VILLA S.A.C.", "20454400071"), ("CARPINTERIA EL ROBLE E.I.R.L.", "20601234561"),
                  ("MUEBLES HUAMAN E.I.R.L.", "20605145745")],
    "garments": [("TEXTILES ANDINOS DEL SUR S.R.L.", "20255966163"), ("CONFECCIONES GAMARRA PERU S.A.C.", "20512345671"),
                 ("CONFECCIONES KILLA S.A.C.", "20548726213")],
    "other": [("SERVICIOS GENERALES NORTE S.A.C.", "20480012341")],
}


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=-5))).isoformat(timespec="seconds")


def release(n: int, kind: str, now: dt.datetime, rng: random.Random) -> dict:
    """One release: a call published in the last months; older ones are awarded."""
    unspsc, item, unit, (low, high) = rng.choice(GOODS[kind])
    buyer, department, short = rng.choice(BUYERS)
    method, prefix = rng.choice(METHODS)
    published = now - dt.timedelta(days=rng.randint(-3, 150), hours=rng.randint(0, 23))
    tender_end = published + dt.timedelta(days=rng.randint(7, 20))
    quantity = rng.choice([10, 25, 40, 60, 100, 150, 300, 500])
    estimate = round(rng.uniform(low, high) * quantity, 1)
    amount = 0.0 if rng.random() < 0.15 else estimate
    awarded = tender_end < now and rng.random() < 0.7
    stage = rng.choice(["ADJUDICADO", "CONTRATADO", "CONSENTIDO"]) if awarded else (
        "CONVOCADO" if tender_end >= now else rng.choice(["DESIERTO", "NULO", "CONVOCADO"]))
    cubso = unspsc + f"{rng.randint(0, 99999999):08d}"
    ocid = f"ocds-dgv273-seacev3-{1400000 + n}"
    date = _iso(published)
    body = {
        "ocid": ocid, "id": f"{ocid}-{date}", "date": date, "tag": ["tender"], "initiationType": "tender",
        "language": "es", "buyer": {"id": f"PE-CONSUCODE-{short}", "name": buyer},
        "tender": {
            "id": str(1400000 + n), "title": f"{prefix}-SM-{n % 97 + 1}-{published.year}-{short}-1",
            "description": f"{item} PARA {buyer}",
            "procuringEntity": {"id": f"PE-CONSUCODE-{short}", "name": buyer},
            "datePublished": date, "procurementMethod": "open", "procurementMethodDetails": method,
            "mainProcurementCategory": "services" if unit == "SERVICIO" else "goods",
            "value": {"amount": amount, "currency": "PEN", "currencyName": "Soles"},
            "tenderPeriod": {"startDate": date, "endDate": _iso(tender_end)},
            "enquiryPeriod": {"startDate": _iso(published + dt.timedelta(days=1)),
                              "endDate": _iso(published + dt.timedelta(days=4))},
            "items": [{
                "id": str(21400000 + n), "position": "1", "description": item, "statusDetails": stage,
                "status": "cancelled" if stage in ("DESIERTO", "NULO") else "active",
                "classification": {"id": cubso, "description": item, "scheme": "CUBSO"},
                "additionalClassifications": [{"id": unspsc, "description": item.title(), "scheme": "UNSPSC"}],
                "quantity": float(quantity),
                "totalValue": {"amount": amount, "currency": "PEN", "currencyName": "Soles"},
                "unit": {"id": "40", "name": unit, "scheme": "PE-SEACE3-UnidadMedida"},
            }],
            "hasTenderInformationProtectedByLaw": False,
            "documents": [{"id": f"{n:016d}", "format": "pdf", "documentType": "biddingDocuments",
                           "url": f"https://prod1.seace.gob.pe/SeaceWeb-PRO/SdescargarArchivoAlfresco?fileCode={n:016x}",
                           "datePublished": date, "title": "Bases Administrativas", "language": "es"}],
        },
        "parties": [{
            "id": f"PE-CONSUCODE-{short}", "name": buyer,
            "additionalIdentifiers": [{"id": f"20{rng.randint(100000000, 999999999)}", "scheme": "PE-RUC",
                                       "legalName": buyer}],
            "address": {"department": department, "region": department, "countryName": "PERU"},
            "roles": ["buyer", "procuringEntity"],
        }],
    }
    if awarded:
        supplier, ruc = rng.choice(SUPPLIERS[kind])
        unit_price = round(rng.uniform(low, high) * 0.92, 2)
        when = _iso(tender_end + dt.timedelta(days=rng.randint(3, 12)))
        award_id = f"{1400000 + n}-{ruc}"
        body["tag"] = ["award"]
        body["awards"] = [{
            "id": award_id, "status": "active", "date": when,
            "value": {"amount": round(unit_price * quantity, 2), "currency": "PEN"},
            "suppliers": [{"id": f"PE-RUC-{ruc}", "name": supplier}],
            "items": [{"id": str(21400000 + n), "description": item, "quantity": float(quantity),
                       "classification": {"id": cubso, "description": item, "scheme": "CUBSO"},
                       "unit": {"id": "40", "name": unit, "value": {"amount": unit_price, "currency": "PEN"}}}],
        }]
        if stage == "CONTRATADO":
            body["contracts"] = [{"id": f"C-{1400000 + n}", "awardID": award_id, "status": "active",
                                  "dateSigned": when, "value": {"amount": round(unit_price * quantity, 2),
                                                                "currency": "PEN"}}]
    return body


def release_package(releases: list[dict]) -> dict:
    return {"version": "1.1", "uri": "https://contratacionesabiertas.oece.gob.pe/api/v1/releasesAfter",
            "publishedDate": releases[-1]["date"] if releases else "",
            "publisher": {"name": "Organismo Especializado para las Contrataciones Públicas Eficientes"},
            "license": "https://creativecommons.org/licenses/by/4.0/", "releases": releases,
            "links": {"next": None}}


def generate(kind: str, count: int, now: dt.datetime, *, seed: int = 7, start: int = 0,
             other_share: float = 0.25) -> list[dict]:
    """`count` releases for a kind of workshop, about a quarter of other things."""
    rng = random.Random(seed)
    return [release(start + n, "other" if rng.random() < other_share else kind, now, rng) for n in range(count)]
