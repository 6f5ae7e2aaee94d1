"""Demo books: a few months of sales, purchases, payments and expenses for the
furniture workshop and the garment workshop, ending today."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from smedesk.accounts import documents, journal, payments, quotations
from smedesk.accounts.journal import Line
from smedesk.core import clock, parties
from smedesk.core.codes import ruc_check_digit
from smedesk.core.db import row, rows


def _ruc(first_ten: str) -> str:
    return first_ten + str(ruc_check_digit(first_ten))


DATA = {
    "furniture": {
        "customers": [("Hotel Los Andes S.A.C.", "2051234567"), ("Inmobiliaria Costa Sur S.A.", "2060011122"),
                      ("Colegio San Martín de Porres", "2013579246")],
        "buyer": ("Nordic Home AB", "SE556677", "SE"),
        "suppliers": [("Maderera Ucayali S.A.C.", "2045678901", "6021"), ("Ferretería El Tornillo E.I.R.L.", "2060987654", "6031")],
        "items": [("Mesa de comedor de tornillo", "1450.00"), ("Silla tapizada", "280.00"), ("Ropero de 3 puertas", "1890.00"),
                  ("Escritorio escolar", "320.00")],
        "export": ("Sillas de madera tornillo (FOB Callao)", "95.00", (24, 40, 60)),
        "buys": [("Tablones de tornillo 2\"x10\"x10'", "3200.00"), ("Tornillos, bisagras y jaladores", "450.00")],
        "capital": "25000.00",
        "rent": "1800.00",
    },
    "garments": {
        "customers": [("Boutique Miraflores S.A.C.", "2052468013"), ("Distribuidora Norte Moda E.I.R.L.", "2060112233"),
                      ("Uniformes Corporativos Lima S.A.", "2010203040")],
        "buyer": ("Andes Apparel LLC", "US-4471190", "US"),
        "suppliers": [("Textil San Cristóbal S.A.", "2010020003", "6021"), ("Hilos y Avíos Gamarra S.A.C.", "2054321098", "6031")],
        "items": [("Polo de algodón pima", "45.00"), ("Casaca cortavientos", "120.00"), ("Jean clásico", "89.90"),
                  ("Uniforme escolar completo", "135.00")],
        "export": ("Polos pima cuello redondo (FOB Callao)", "9.50", (240, 400, 600)),
        "buys": [("Tela jersey algodón pima (kg)", "2800.00"), ("Hilos, etiquetas y botones", "380.00")],
        "capital": "18000.00",
        "rent": "1500.00",
    },
}


def populate(db, kind: str, owner) -> None:
    data = DATA[kind]
    rnd = random.Random(f"smedesk-accounts-{kind}")
    today = clock.today_lima()
    start = (today.replace(day=1) - dt.timedelta(days=95)).replace(day=1)
    customers = [parties.save(db, {"name": n, "id_number": _ruc(r)}, actor=owner) for n, r in data["customers"]]
    name, number, country = data["buyer"]
    buyer = parties.save(db, {"name": name, "id_type": "foreign", "id_number": number, "country": country}, actor=owner)
    walk_in = parties.save(db, {"name": "Carmen Quispe Huamán", "id_type": "dni", "id_number": "41234567"},
                           actor=owner)
    suppliers = [(parties.save(db, {"name": n, "id_number": _ruc(r), "is_supplier": True, "is_customer": False},
                               actor=owner), acc) for n, r, acc in data["suppliers"]]
    journal.post(db, start, [Line("10411", debit_cents=int(Decimal(data["capital"]) * 100)),
                             Line("5011", credit_cents=int(Decimal(data["capital"]) * 100))],
                 memo="Aporte de capital", actor=owner, source="demo")
    bought = _material_bought(db, kind)
    day, invoice_no = start, 1000
    wallets = ["1011", "10411", "10412", "10413"]
    while day <= today:
        if day.weekday() < 5 and rnd.random() < 0.45:
            item, price = rnd.choice(data["items"])
            if rnd.random() < 0.5:
                doc = documents.create_document(
                    db, "sale", "01", "F001", [{"description": item, "qty": rnd.randint(2, 6), "unit_price": price}],
                    party_id=rnd.choice(customers), date=day, actor=owner)
                if day < today - dt.timedelta(days=20) or rnd.random() < 0.3:
                    _pay(db, doc, rnd, ["10411", "10411", "10412"], day, today, owner)
            else:
                qty = rnd.randint(1, 3)
                # above S/ 700 a boleta names its buyer (SUNAT)
                doc = documents.create_document(
                    db, "sale", "03", "B001", [{"description": item, "qty": qty, "unit_price": price}],
                    party_id=walk_in if Decimal(price) * qty > 700 else None, date=day, actor=owner)
                owed = payments.outstanding_cents(db, documents.get_document(db, doc))
                payments.record_payment(db, doc, Decimal(owed) / 100, account=rnd.choice(wallets), date=day,
                                        actor=owner)
        if day.day in (5, 20):
            desc, amount = data["buys"][0 if day.day == 5 else 1]
            supplier, account = suppliers[0 if day.day == 5 else 1]
            invoice_no += rnd.randint(3, 40)
            line = {"description": desc, "qty": 1, "unit_price": amount, "account": account}
            if bought and day.day == 5:
                # the main material, at its catalogue price (IGV included on the invoice),
                # so the purchase dates the price history without moving costs
                material, qty = bought
                from smedesk.production import catalogue

                price, _currency = catalogue.price_on(db, material["id"], day)
                with_igv = (price * Decimal("1.18")).quantize(Decimal("0.01"))
                line.update({"description": material["name"], "material_id": material["id"], "qty": qty,
                             "unit_price": with_igv})
            doc = documents.create_document(db, "purchase", "01", "F001", [line], party_id=supplier,
                                            number=invoice_no, date=day, actor=owner)
            if day < today - dt.timedelta(days=10):
                _pay(db, doc, rnd, ["10411"], day, today, owner)
        if day.day == 1:
            payments.record_expense(db, data["rent"], account="6352", paid_from="10411", description="Alquiler del taller",
                                    date=day, actor=owner)
        if day.day == 12:
            payments.record_expense(db, f"{rnd.randint(180, 420)}.00", account="6361", paid_from="1011",
                                    description="Luz del taller", date=day, actor=owner)
        if day.day == 15 and day.month % 2 == 0:
            item, price, sizes = data["export"]
            documents.create_document(db, "sale", "01", "F002", [{"description": item, "qty": rnd.choice(sizes),
                                                                  "unit_price": price, "tax": "export"}],
                                      party_id=buyer, currency="USD", fx="3.745", prices_include_igv=False,
                                      date=day, actor=owner)
        day += dt.timedelta(days=1)
    closing = (today.replace(day=1) - dt.timedelta(days=40)).strftime("%Y-%m")
    if closing >= start.strftime("%Y-%m"):
        journal.close_month(db, closing, actor=owner)
    _invoice_finished_orders(db, today, owner)
    line = {"description": data["items"][0][0], "qty": 10, "unit_price": Decimal(data["items"][0][1])}
    product = rows(db, "SELECT id, price_cents FROM products WHERE price_cents > 0 ORDER BY id LIMIT 1") \
        if _has_table(db, "products") else []
    if product:
        line = {"product_id": product[0]["id"], "qty": 10, "unit_price": Decimal(product[0]["price_cents"]) / 100}
    q = quotations.create_quotation(db, customers[0], [line],
                                    notes="Entrega en 20 días útiles.", actor=owner)
    quotations.set_quotation_state(db, q, "sent", actor=owner)
    quotations.create_quotation(db, buyer, [{"description": data["export"][0], "qty": data["export"][2][1],
                                             "unit_price": Decimal(data["export"][1])}],
                                currency="USD", incoterm="FOB", actor=owner)


def _invoice_finished_orders(db, today, owner) -> None:
    """Orders the tracking demo has finished or delivered get their factura or boleta."""
    if not _has_table(db, "orders"):
        return
    from smedesk.accounts.from_orders import invoice_from_order

    for order in rows(db, "SELECT o.number, o.currency, p.id_type FROM orders o JOIN parties p ON p.id = o.customer_id"
                          " WHERE o.state IN ('finished', 'delivered') ORDER BY o.id"):
        doc_type, series = ("01", "F001") if order["id_type"] in ("ruc", "foreign") else ("03", "B001")
        invoice_from_order(db, order["number"], doc_type, series, actor=owner, date=today,
                           fx="3.745" if order["currency"] == "USD" else None)


def _pay(db, doc, rnd, wallets, day, today, owner) -> None:
    owed = payments.outstanding_cents(db, documents.get_document(db, doc))
    when = min(day + dt.timedelta(days=rnd.randint(0, 25)), today)
    part = owed if rnd.random() < 0.7 else owed // 2
    if part > 0:
        payments.record_payment(db, doc, Decimal(part) / 100, account=rnd.choice(wallets), date=when, actor=owner)


def _has_table(db, name: str) -> bool:
    return bool(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))


# What each demo workshop buys every month: material code and quantity in its unit.
MATERIAL_BOUGHT = {"furniture": ("TOR", "1.5"), "garments": ("JER", "100")}


def _material_bought(db, kind: str):
    if not _has_table(db, "materials"):
        return None
    code, qty = MATERIAL_BOUGHT[kind]
    material = row(db, "SELECT * FROM materials WHERE code = ?", [code])
    return (material, qty) if material else None
