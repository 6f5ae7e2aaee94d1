"""Demo data for tracking: customers, orders in every state and about three
weeks of scans by the demo staff, for both demo businesses. Catalogue entries
the orders need are created only when missing (the costing demo, when present,
has made them first)."""

from __future__ import annotations

import datetime as dt
import random

from smedesk.core import clock, parties, users
from smedesk.core.db import tx
from smedesk.core.roles import Actor
from smedesk.production import catalogue
from smedesk.tracking import forecast, orders, release, scanning, worktime

PRODUCTS = {
    "SIL-TOR-01": ("Silla torneada de tornillo", "240", [("Pata", 4), ("Asiento", 1), ("Respaldo", 1)],
                   [("Preparado", "8", "1.00"), ("Corte", "12", "1.50"), ("Armado", "25", "3.00"),
                    ("Acabado", "20", "2.50")], []),
    "MES-CED-01": ("Mesa de cedro 6 sillas", "1450", [("Tablero", 1), ("Pata", 4)],
                   [("Preparado", "20", "3.00"), ("Corte", "30", "4.00"), ("Armado", "45", "6.00"),
                    ("Acabado", "60", "8.00")], []),
    "ROP-CAP-01": ("Ropero de capirona 3 puertas", "1900", [],
                   [("Preparado", "40", "5.00"), ("Corte", "60", "8.00"), ("Armado", "120", "15.00"),
                    ("Acabado", "90", "12.00")], []),
    "CAR-ESC-01": ("Carpeta escolar unipersonal", "180", [("Tablero", 1), ("Asiento", 1), ("Estructura", 1)],
                   [("Corte", "10", "1.20"), ("Armado", "15", "1.80"), ("Acabado", "10", "1.20")], []),
    "POL-JER-01": ("Polo de jersey peinado", "18", [],
                   [("Corte", "1.5", "0.15"), ("Costura", "6", "0.60"), ("Acabado", "2", "0.20"),
                    ("Planchado", "1", "0.10"), ("Empaque", "0.5", "0.05")], ["S", "M", "L", "XL"]),
    "HOO-FRA-01": ("Polera de franela con capucha", "45", [],
                   [("Corte", "3", "0.30"), ("Costura", "14", "1.40"), ("Acabado", "4", "0.40"),
                    ("Planchado", "2", "0.20"), ("Empaque", "1", "0.10")], ["S", "M", "L"]),
    "CON-NIN-02": ("Conjunto de niño (polo y short)", "32", [],
                   [("Corte", "2.5", "0.25"), ("Costura", "10", "1.00"), ("Acabado", "3", "0.30"),
                    ("Planchado", "1.5", "0.15"), ("Empaque", "1", "0.10")], ["4", "6", "8"]),
}

CUSTOMERS = {
    "furniture": [{"name": "Restaurante El Olivar S.A.C.", "id_number": "20100123453"},
                  {"name": "Hotel Costa Verde E.I.R.L.", "id_number": "20607182931"},
                  {"name": "I.E. Santa Rosa de Lima", "id_number": ""},
                  {"name": "Carmen Salazar Ríos", "id_number": "41526374"}],
    "garments": [{"name": "Tiendas Moda Sur S.A.C.", "id_number": "20551938477"},
                 {"name": "Boutique Lucía", "id_number": "10415263746"},
                 {"name": "Andes Knit LLC", "id_type": "foreign", "id_number": "US-88-1234567", "country": "US"}],
}

# number, customer index, lines [(sku, qty, size)], due in working days, state,
# start (working days ago), share of units done per step
ORDERS = {
    "furniture": [
        ("P-0001", 0, [("SIL-TOR-01", 36, "")], -6, "delivered", 15, [1, 1, 1, 1]),
        ("P-0002", 1, [("MES-CED-01", 3, "")], 2, "finished", 11, [1, 1, 1, 1]),
        ("P-0003", 0, [("SIL-TOR-01", 18, "")], 5, "in_production", 7, [1, 0.8, 0.5, 0.2]),
        ("P-0004", 3, [("ROP-CAP-01", 4, "")], 3, "in_production", 4, [1, 0.5, 0, 0]),
        ("P-0005", 2, [("CAR-ESC-01", 30, "")], 22, "released", 0, []),
        ("P-0006", 1, [("SIL-TOR-01", 12, ""), ("MES-CED-01", 2, "")], 30, "draft", 0, []),
        ("P-0007", 3, [("MES-CED-01", 1, "")], 12, "cancelled", 0, []),
    ],
    "garments": [
        ("G-0001", 0, [("POL-JER-01", 36, "S"), ("POL-JER-01", 48, "M"), ("POL-JER-01", 36, "L")], -4,
         "delivered", 15, [1, 1, 1, 1, 1]),
        ("G-0002", 1, [("HOO-FRA-01", 24, "M"), ("HOO-FRA-01", 24, "L")], 1, "finished", 10, [1, 1, 1, 1, 1]),
        ("G-0003", 2, [("POL-JER-01", 60, "M"), ("POL-JER-01", 60, "L"), ("POL-JER-01", 36, "XL")], 6,
         "in_production", 6, [1, 0.75, 0.5, 0.25, 0]),
        ("G-0004", 0, [("CON-NIN-02", 48, "4"), ("CON-NIN-02", 48, "6")], 2, "in_production", 3,
         [1, 0.4, 0, 0, 0]),
        ("G-0005", 1, [("HOO-FRA-01", 36, "S"), ("HOO-FRA-01", 36, "M")], 18, "released", 0, []),
        ("G-0006", 2, [("POL-JER-01", 200, "M")], 35, "draft", 0, []),
        ("G-0007", 1, [("CON-NIN-02", 24, "8")], 10, "cancelled", 0, []),
    ],
}
BUNDLE = {"furniture": None, "garments": 12}
DAY_START, DAY_END = 8, 12  # tracked orders take the mornings; the rest is other work


def ensure_product(db, sku: str, owner: Actor) -> None:
    """Create the product when missing; a product made elsewhere only gets
    steps when it has none (an order cannot be released without them)."""
    name, price, parts, steps, sizes = PRODUCTS[sku]
    found = catalogue.get_product(db, sku)
    if found is not None:
        if not catalogue.steps(db, found["id"]):
            catalogue.set_routing(db, found["id"], [{"name": n, "std_minutes": m, "piece_rate": r}
                                                    for n, m, r in steps], actor=owner)
        return
    product_id = catalogue.save_product(db, {"sku": sku, "name": name, "price": price}, actor=owner)
    if parts:
        catalogue.set_parts(db, product_id, parts, actor=owner)
    catalogue.set_routing(db, product_id, [{"name": n, "std_minutes": m, "piece_rate": r, "rate_per_hour": "7.50"}
                                           for n, m, r in steps], actor=owner)
    for size in sizes:
        catalogue.save_variant(db, product_id, size=size, actor=owner)


class Shift:
    """Working hours on working days, in Lima time."""

    def __init__(self, cal: forecast.Calendar):
        self.cal = cal

    def start_of(self, day: dt.date) -> dt.datetime:
        while not self.cal.is_working(day):
            day += dt.timedelta(days=1)
        return dt.datetime.combine(day, dt.time(DAY_START), clock.LIMA)

    def add(self, moment: dt.datetime, minutes: float) -> dt.datetime:
        end = moment + dt.timedelta(minutes=minutes)
        if end.hour >= DAY_END or end.date() != moment.date():
            return self.start_of(moment.date() + dt.timedelta(days=1)) + dt.timedelta(minutes=minutes)
        return end


def _simulate(db, number: str, start: dt.datetime, shares: list[float], staff: list[dict], clocks: dict,
              shift: Shift, now: dt.datetime, rng: random.Random, owner: Actor) -> None:
    order = orders.get_order(db, number)
    units = release.order_units(db, number)
    jobs = {j["id"]: release.job_steps(db, j["id"]) for j in release.jobs(db, order["id"])}
    ready = {u["code"]: start for u in units}
    for index, share in enumerate(shares):
        todo = units[: round(len(units) * share)]
        person = staff[index % len(staff)]
        for u in todo:
            steps = jobs[u["job_id"]]
            if index >= len(steps):
                continue
            step = steps[index]
            minutes = float(step["std_minutes"]) * _pieces(u) * rng.uniform(0.8, 1.35)
            begin = max(clocks.get(person["id"], start), ready[u["code"]], start)
            end = shift.add(begin, minutes)
            if end >= now:
                return
            scanning.record_scan(db, u["code"], step["name"], person, at=end, source="demo", actor=owner)
            clocks[person["id"]] = end
            ready[u["code"]] = end


def _pieces(unit: dict) -> float:
    if unit["is_bundle"]:
        return unit["qty"]
    per_piece = unit.get("per_piece") or 1
    return 1 / per_piece


def populate(db, kind: str, owner: Actor) -> None:
    rng = random.Random(4 if kind == "furniture" else 5)
    cal = forecast.Calendar(db)
    shift = Shift(cal)
    today = clock.today_lima()
    now = clock.now().astimezone(clock.LIMA)
    staff = [u for u in users.list_users(db) if u["role"] == "staff"] or [users.list_users(db)[0]]
    staff = [users.get_user(db, u["id"]) for u in staff]
    with tx(db):
        for sku in {line[0] for o in ORDERS[kind] for line in o[2]}:
            ensure_product(db, sku, owner)
        customers = [parties.ensure(db, c, actor=owner) for c in CUSTOMERS[kind]]
        clocks: dict = {}
        for number, cust, lines, due_in, state, started, shares in ORDERS[kind]:
            due = _working_day(cal, today, due_in)
            lines_in = [{"sku": sku, "qty": qty, "variant_id": _variant(db, sku, size),
                         "unit_price": PRODUCTS[sku][1]} for sku, qty, size in lines]
            orders.create_order(db, number, customers[cust], lines_in, max(due, today), actor=owner)
            if due < today:
                db.execute("UPDATE orders SET due_date = ? WHERE number = ?", [due.isoformat(), number])
            if state in ("draft", "cancelled"):
                if state == "cancelled":
                    orders.set_state(db, number, "cancelled", actor=owner)
                continue
            # the demo's stock is bought afterwards (accounts), so materials may be short now
            release.release(db, number, bundle=BUNDLE[kind], accept_short=True, actor=owner)
            if shares:
                start = shift.start_of(_working_day(cal, today, -started))
                _simulate(db, number, start, shares, staff, clocks, shift, now, rng, owner)
            if state == "delivered":
                if orders.get_order(db, number)["state"] != "finished":
                    orders.set_state(db, number, "finished", actor=owner)
                orders.set_state(db, number, "delivered", actor=owner)
        _extras(db, kind, owner)


def _variant(db, sku: str, size: str) -> int | None:
    """The first variant of that size, whatever its colour (the catalogue demo
    makes several colours per size; a catalogue made elsewhere may have none)."""
    product = catalogue.get_product(db, sku)
    for variant in catalogue.variants(db, product["id"]):
        if variant["size"] == size:
            return variant["id"]
    return None


def _working_day(cal: forecast.Calendar, today: dt.date, offset: int) -> dt.date:
    day, step = today, (1 if offset >= 0 else -1)
    count = 0
    while count < abs(offset):
        day += dt.timedelta(days=step)
        if cal.is_working(day):
            count += 1
    return day


def _extras(db, kind: str, owner: Actor) -> None:
    """One undone scan (a mistake the owner corrected) and a time typed from a worksheet."""
    number = "P-0003" if kind == "furniture" else "G-0003"
    last = db.execute("SELECT s.id FROM scans s JOIN track_units u ON u.id = s.unit_id JOIN orders o"
                      " ON o.id = u.order_id WHERE o.number = ? AND s.undone_at IS NULL ORDER BY s.at DESC LIMIT 1",
                      [number]).fetchone()
    if last:
        try:
            scanning.undo_scan(db, last[0], reason="escaneado por error", actor=owner)
        except Exception:  # noqa: BLE001 - a later step may hold it; the demo goes on without
            pass
    step = db.execute("SELECT js.id FROM job_steps js JOIN jobs j ON j.id = js.job_id JOIN orders o"
                      " ON o.id = j.order_id WHERE o.number = ? ORDER BY js.seq LIMIT 1", [number]).fetchone()
    if step:
        minutes, pieces = ("55", 6) if kind == "furniture" else ("40", 24)
        worktime.add_step_time(db, step[0], minutes, pieces, note="hoja de trabajo", actor=owner)
