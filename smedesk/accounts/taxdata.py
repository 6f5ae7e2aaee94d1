"""Dated tax data loaded into a new or migrated file: SPOT codes and rates, the
UIT, and SUNAT's due-date schedule. All of it lives in tables the owner can
update (a new resolution is a new row), never in constants the code reads.
"""

from __future__ import annotations

# SPOT (detracciones), RS 183-2004/SUNAT Anexos 2 and 3 as amended; rates in force
# since RS 071-2018/SUNAT (1 April 2018). Codes are SUNAT's catálogo 54.
# (code, valid_from, rate %, threshold in céntimos, name)
SPOT_CODES = (
    ("001", "2018-04-01", "10", 70000, "Azúcar y melaza de caña"),
    ("004", "2018-04-01", "4", 70000, "Recursos hidrobiológicos"),
    ("005", "2018-04-01", "4", 70000, "Maíz amarillo duro"),
    ("008", "2018-04-01", "4", 70000, "Madera"),
    ("009", "2018-04-01", "10", 70000, "Arena y piedra"),
    ("010", "2018-04-01", "15", 70000, "Residuos, subproductos, desechos, recortes y desperdicios"),
    ("012", "2018-04-01", "12", 70000, "Intermediación laboral y tercerización"),
    ("019", "2018-04-01", "10", 70000, "Arrendamiento de bienes muebles"),
    ("020", "2018-04-01", "12", 70000, "Mantenimiento y reparación de bienes muebles"),
    ("021", "2018-04-01", "10", 70000, "Movimiento de carga"),
    ("022", "2018-04-01", "12", 70000, "Otros servicios empresariales"),
    ("024", "2018-04-01", "10", 70000, "Comisión mercantil"),
    ("025", "2018-04-01", "10", 70000, "Fabricación de bienes por encargo"),
    ("026", "2018-04-01", "10", 70000, "Servicio de transporte de personas"),
    ("030", "2018-04-01", "4", 70000, "Contratos de construcción"),
    ("037", "2018-04-01", "12", 70000, "Demás servicios gravados con el IGV"),
)

# UIT by year (set by decreto supremo each December), in céntimos; the owner adds a new year.
UIT = (
    (2024, 515000, "UIT 2024"),
    (2025, 535000, "UIT 2025"),
    (2026, 550000, "UIT 2026"),
)

# SUNAT's schedule for the monthly obligations of 2026 (RS 000281-2022/SUNAT, table
# published for the year): period → due dates for RUCs ending in 0, 1, 2–3, 4–5, 6–7, 8–9.
CALENDAR_SOURCE = "SUNAT cronograma de obligaciones mensuales 2026 (RS 000281-2022/SUNAT)"
CALENDAR = """
2026-01 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-23
2026-02 2026-03-16 2026-03-17 2026-03-18 2026-03-19 2026-03-20 2026-03-23
2026-03 2026-04-17 2026-04-20 2026-04-21 2026-04-22 2026-04-23 2026-04-24
2026-04 2026-05-18 2026-05-19 2026-05-20 2026-05-21 2026-05-22 2026-05-25
2026-05 2026-06-15 2026-06-16 2026-06-17 2026-06-18 2026-06-19 2026-06-22
2026-06 2026-07-15 2026-07-16 2026-07-17 2026-07-20 2026-07-21 2026-07-22
2026-07 2026-08-18 2026-08-19 2026-08-20 2026-08-21 2026-08-24 2026-08-25
2026-08 2026-09-15 2026-09-16 2026-09-17 2026-09-18 2026-09-21 2026-09-22
2026-09 2026-10-16 2026-10-19 2026-10-20 2026-10-21 2026-10-22 2026-10-23
2026-10 2026-11-16 2026-11-17 2026-11-18 2026-11-19 2026-11-20 2026-11-23
2026-11 2026-12-17 2026-12-18 2026-12-21 2026-12-22 2026-12-23 2026-12-24
2026-12 2027-01-18 2027-01-19 2027-01-20 2027-01-21 2027-01-22 2027-01-25
"""
DIGIT_GROUPS = ("0", "1", "23", "45", "67", "89")


def calendar_rows(text: str = CALENDAR) -> list[tuple[str, str, str]]:
    """(period, digit, due date) for every digit 0–9."""
    out = []
    for line in text.strip().splitlines():
        period, *dates = line.split()
        for group, day in zip(DIGIT_GROUPS, dates, strict=True):
            out.extend((period, digit, day) for digit in group)
    return out


def seed(db) -> None:
    for code, day, rate, threshold, name in SPOT_CODES:
        db.execute("INSERT OR IGNORE INTO spot_codes (code, valid_from, rate, threshold_cents, name, note)"
                   " VALUES (?, ?, ?, ?, ?, 'RS 183-2004/SUNAT; RS 071-2018/SUNAT')",
                   [code, day, rate, threshold, name])
    for year, cents, note in UIT:
        db.execute("INSERT OR IGNORE INTO uit_values (year, amount_cents, note) VALUES (?, ?, ?)", [year, cents, note])
    for period, digit, day in calendar_rows():
        db.execute("INSERT OR IGNORE INTO tax_calendar (period, digit, due_date, source) VALUES (?, ?, ?, ?)",
                   [period, digit, day, CALENDAR_SOURCE])
