"""Builds OCDS record and release packages in the structure Peru's portal
publishes (see DESIGN.md, SEACE), so tests need nothing from outside."""

from __future__ import annotations

import json

PORTAL = "https://contratacionesabiertas.oece.gob.pe"
EXTENSIONS = [
    "https://raw.githubusercontent.com/ocds-peru/ocds_department_extension/master/extension.json",
    "https://raw.githubusercontent.com/ocds-peru/ocds_itemstatus_extension/master/extension.json",
]
STATUS = {"CONVOCADO": "active", "ADJUDICADO": "active", "CONTRATADO": "active",
          "DESIERTO": "cancelled", "NULO": "cancelled"}


def release(n: int, *, date: str = "2026-09-26T11:00:00-05:00", title: str | None = None,
            item: str = "CARPETA ESCOLAR UNIPERSONAL DE MADERA", buyer: str = "UGEL 01 SAN JUAN DE MIRAFLORES",
            department: str = "LIMA", ruc: str = "20330611023", amount: float = 12500.0,
            quantity: float = 100.0, cubso: str = "5610151700000001", stage: str = "CONVOCADO",
            method: str = "Licitación Pública", category: str = "goods", protected: bool = False,
            tender_end: str = "2026-10-05T11:00:00-05:00", enquiry_end: str = "2026-10-01T11:00:00-05:00",
            award: tuple | None = None, tag: str = "tender", extra: dict | None = None) -> dict:
    """One release; `award` is (supplier, ruc, unit_price, quantity, date)."""
    ocid = f"ocds-dgv273-seacev3-{1300000 + n}"
    body = {
        "ocid": ocid, "id": f"{ocid}-{date}", "date": date, "tag": [tag], "initiationType": "tender",
        "language": "es",
        "buyer": {"id": f"PE-CONSUCODE-{n}", "name": buyer},
        "tender": {
            "id": str(1300000 + n), "title": title or f"LP-SM-{n}-2026-UGEL-1",
            "description": f"{item} PARA {buyer}",
            "procuringEntity": {"id": f"PE-CONSUCODE-{n}", "name": buyer},
            "datePublished": date, "procurementMethod": "open", "procurementMethodDetails": method,
            "mainProcurementCategory": category,
            "value": {"amount": amount, "currency": "PEN", "currencyName": "Soles"},
            "tenderPeriod": {"startDate": date, "endDate": tender_end},
            "enquiryPeriod": {"startDate": date, "endDate": enquiry_end},
            "items": [{
                "id": str(21100000 + n), "position": "1", "description": item, "statusDetails": stage,
                "status": STATUS.get(stage, "active"),
                "classification": {"id": cubso, "description": item, "scheme": "CUBSO"},
                "additionalClassifications": [{"id": cubso[:8], "description": item.title(), "scheme": "UNSPSC"}],
                "quantity": quantity,
                "totalValue": {"amount": amount, "currency": "PEN", "currencyName": "Soles"},
                "unit": {"id": "40", "name": "UNIDAD", "scheme": "PE-SEACE3-UnidadMedida"},
            }],
            "hasTenderInformationProtectedByLaw": protected,
            "documents": [{"id": f"DOC{n}", "format": "pdf", "url": f"https://prod1.seace.gob.pe/doc?fileCode={n}",
                           "datePublished": date, "documentType": "biddingDocuments",
                           "title": "Bases Administrativas", "language": "es"}],
        },
        "parties": [{
            "id": f"PE-CONSUCODE-{n}", "name": buyer,
            "identifier": {"id": str(n), "scheme": "PE-CONSUCODE", "legalName": buyer},
            "additionalIdentifiers": [{"id": ruc, "scheme": "PE-RUC", "legalName": buyer}],
            "address": {"locality": department, "region": department, "department": department,
                        "countryName": "PERU"},
            "roles": ["buyer", "procuringEntity"],
        }],
    }
    if award:
        supplier, supplier_ruc, unit_price, qty, when = award
        award_id = f"{1300000 + n}-{supplier_ruc}"
        body["awards"] = [{
            "id": award_id, "status": "active", "date": when,
            "value": {"amount": round(unit_price * qty, 2), "currency": "PEN"},
            "suppliers": [{"id": f"PE-RUC-{supplier_ruc}", "name": supplier}],
            "items": [{"id": str(21100000 + n), "description": item, "quantity": qty,
                       "classification": {"id": cubso, "description": item, "scheme": "CUBSO"},
                       "unit": {"id": "40", "name": "UNIDAD", "value": {"amount": unit_price, "currency": "PEN"}}}],
        }]
        body["contracts"] = [{"id": f"C-{1300000 + n}", "awardID": award_id, "status": "active",
                              "dateSigned": when, "value": {"amount": round(unit_price * qty, 2), "currency": "PEN"}}]
    body.update(extra or {})
    return body


def record(rel: dict) -> dict:
    return {"ocid": rel["ocid"],
            "releases": [{"url": f"{PORTAL}/api/v1/recordsAfter?ocid={rel['ocid']}", "date": rel["date"],
                          "tag": rel["tag"]}],
            "compiledRelease": rel}


def _package(uri: str, next_url: str | None, prev_url: str | None) -> dict:
    return {"version": "1.1", "uri": uri, "publishedDate": "2026-11-20T21:02:00-05:00",
            "publisher": {"name": "Organismo Especializado para las Contrataciones Públicas Eficientes"},
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "publicationPolicy": f"{PORTAL}/downloads/politica_publicacion.pdf",
            "extensions": EXTENSIONS, "links": {"next": next_url, "prev": prev_url}}


def record_package(releases: list[dict], *, uri: str = f"{PORTAL}/api/v1/recordsAfter?page=1",
                   next_url: str | None = None, prev_url: str | None = None) -> dict:
    return {**_package(uri, next_url, prev_url), "records": [record(r) for r in releases]}


def release_package(releases: list[dict], *, uri: str = f"{PORTAL}/api/v1/releasesAfter?page=1",
                    next_url: str | None = None) -> dict:
    return {**_package(uri, next_url, None), "releases": releases}


def dumps(package: dict) -> bytes:
    return json.dumps(package, ensure_ascii=False).encode("utf-8")


def write(path, package: dict):
    path.write_bytes(dumps(package))
    return path
