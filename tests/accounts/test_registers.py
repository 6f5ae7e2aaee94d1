from smedesk.accounts import documents as d
from smedesk.accounts import registers


def month(db, owner, customer, supplier, buyer):
    d.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 2, "unit_price": "590"}],
                      party_id=customer, date="2026-03-05", actor=owner)  # 1180 = 1000 + 180
    d.create_document(db, "sale", "01", "F001", [{"qty": 10, "unit_price": "50", "tax": "export"}],
                      party_id=buyer, currency="USD", fx="3.75", date="2026-03-07", actor=owner)  # 500 USD
    d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer, ref="F001-1",
                      date="2026-03-08", actor=owner)  # −590 = −500 − 90
    d.create_document(db, "purchase", "01", "F002", [{"qty": 1, "unit_price": "2360"}], party_id=supplier,
                      number=345, date="2026-03-10", actor=owner)  # 2360 = 2000 + 360


def test_sire_sales_lines_in_soles(db, owner, customer, supplier, buyer):
    month(db, owner, customer, supplier, buyer)
    lines = registers.sire_rows(db, "sale", "2026-03")
    assert len(lines) == 3 and all(len(r) == 32 for r in lines)
    first, export, note = lines
    assert first[4:9] == ["05/03/2026", "05/03/2026", "01", "F001", "1"]  # Contado: due on its date
    assert (first[14], first[16], first[25]) == ("1000.00", "180.00", "1180.00")
    # 500 USD × 3.75 = 1875.00 PEN as export value and total, currency and rate alongside
    assert (export[13], export[25], export[26], export[27]) == ("1875.00", "1875.00", "USD", "3.750")
    assert (export[10], export[11]) == ("0", "US-778812")
    assert (note[14], note[16], note[25]) == ("-500.00", "-90.00", "-590.00")
    assert note[28:32] == ["05/03/2026", "01", "F001", "1"]


def test_ple_layouts_have_their_field_counts(db, owner, customer, supplier, buyer):
    month(db, owner, customer, supplier, buyer)
    sales = registers.ple_rows(db, "sale", "2026-03")
    purchases = registers.ple_rows(db, "purchase", "2026-03")
    assert all(len(r) == 35 for r in sales) and len(purchases[0]) == 42
    assert sales[0][0] == "20260300" and sales[0][2].startswith("M") and sales[0][34] == "1"
    p = purchases[0]
    assert (p[5], p[6], p[8], p[10], p[13], p[14], p[23]) == ("01", "F002", "345", "6", "2000.00", "360.00", "2360.00")


def test_register_files_are_named_as_sunat_names_them(db, owner, tmp_path):
    written = {p.name for p in registers.write_all(db, "2026-03", tmp_path)}
    # no documents: content indicator 0
    assert "LE2010012345320260300140400021012.txt" in written
    assert "LE2010012345320260300080100001011.txt" in written
    assert "registro_compras_2026-03.xlsx" in written
