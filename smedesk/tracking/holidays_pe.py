"""Peru's national public holidays (feriados nacionales, Ley 31788 and earlier
laws), as data for the working calendar. Holy Thursday and Good Friday follow
Easter, listed per year. The owner can add decreed non-working days in the
`holidays` table."""

from __future__ import annotations

import datetime as dt

FIXED = (
    ("01-01", "Año Nuevo"),
    ("05-01", "Día del Trabajo"),
    ("06-07", "Batalla de Arica y Día de la Bandera"),
    ("06-29", "San Pedro y San Pablo"),
    ("07-23", "Día de la Fuerza Aérea del Perú"),
    ("07-28", "Fiestas Patrias"),
    ("07-29", "Fiestas Patrias"),
    ("08-06", "Batalla de Junín"),
    ("08-30", "Santa Rosa de Lima"),
    ("10-08", "Combate de Angamos"),
    ("11-01", "Día de Todos los Santos"),
    ("12-08", "Inmaculada Concepción"),
    ("12-09", "Batalla de Ayacucho"),
    ("12-25", "Navidad"),
)

EASTER = {
    2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
    2028: "2028-04-16", 2029: "2029-04-01", 2030: "2030-04-21",
}


def _build() -> list[tuple[str, str]]:
    out = []
    for year, easter in EASTER.items():
        sunday = dt.date.fromisoformat(easter)
        out.append(((sunday - dt.timedelta(days=3)).isoformat(), "Jueves Santo"))
        out.append(((sunday - dt.timedelta(days=2)).isoformat(), "Viernes Santo"))
        out.extend((f"{year}-{md}", name) for md, name in FIXED)
    return sorted(out)


HOLIDAYS = _build()
