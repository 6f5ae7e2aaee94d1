from decimal import Decimal

from smedesk.einvoice.preview import preview


def test_preview_adds_up_as_issuing_would(db):
    got = preview(db, [{"qty": "2", "unit_price": "590", "tax": "igv"},
                       {"qty": "4", "unit_price": "29.50", "tax": "igv", "discount": "8"},
                       {"qty": "1", "unit_price": "40", "tax": "exonerado"},
                       {"qty": "x", "unit_price": "1"}], date="2026-03-05")
    # 1180 + 110 (=4 × 29.50 − 8) with IGV: bases 1000.00 + 93.22, tax 180.00 + 16.78; exonerado 40.00
    assert [li["total"] for li in got["lines"]] == [Decimal("1180.00"), Decimal("110.00"), Decimal("40.00"),
                                                    Decimal(0)]
    assert got["lines"][3]["problem"]
    assert (got["subtotal"], got["igv"], got["total"]) == (Decimal("1133.22"), Decimal("196.78"), Decimal("1330.00"))
    assert got["words"] == "MIL TRESCIENTOS TREINTA CON 00/100 SOLES" and got["percent"] == Decimal(18)
