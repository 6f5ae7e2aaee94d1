import re
import zipfile

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts import registers
from smedesk.accounts import sire_layouts as lay
from smedesk.core import parties
from smedesk.core.errors import ValidationError


def month(db, owner, customer, supplier, buyer):
    d.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": 2, "unit_price": "590"}],
                      party_id=customer, date="2026-03-05", actor=owner)  # 1180 = 1000 + 180
    d.create_document(db, "sale", "01", "F001", [{"qty": 10, "unit_price": "50", "tax": "export"}],
                      party_id=buyer, currency="USD", fx="3.75", date="2026-03-07", actor=owner)  # 500 USD
    d.create_document(db, "sale", "07", "F001", [{"qty": 1, "unit_price": "590"}], party_id=customer, ref="F001-1",
                      date="2026-03-08", actor=owner)  # −590 = −500 − 90
    d.create_document(db, "purchase", "01", "F002", [{"qty": 1, "unit_price": "2360"}], party_id=supplier,
                      number=345, date="2026-03-10", actor=owner)  # 2360 = 2000 + 360


def fields(line: str, count: int) -> dict[int, str]:
    """Annex numbering (1-based), independent of the code's parser."""
    assert line.endswith("|\r\n") and "\n" not in line[:-2]
    cells = line[:-3].split("|")
    assert len(cells) == count
    return dict(enumerate(cells, start=1))


def test_layouts_have_the_annexes_field_counts():
    assert len(lay.RVIE) == 33 and len(lay.RCE) == 41
    assert [f.n for f in lay.RCE] == list(range(1, 42))
    # RCE: DUA year at 9, supplier at 12–14, three base/IGV pairs at 15–20
    assert [f.key for f in lay.RCE[8:20]] == ["dua_year", "number", "number_to", "party_doc_type", "party_doc",
                                             "party_name", "taxable_dg", "tax_dg", "taxable_dgng", "tax_dgng",
                                             "taxable_dng", "tax_dng"]
    assert lay.RVIE[32].key == "project_id"


def test_rvie_lines_field_by_field(db, owner, customer, supplier, buyer):
    month(db, owner, customer, supplier, buyer)
    lines = registers.sire_lines(db, "sale", "2026-03")
    first, export, note = (fields(li, 33) for li in lines)
    assert [first[i] for i in range(1, 10)] == ["20100123453", "Taller Prueba S.A.C.", "202603", "", "05/03/2026",
                                                "", "01", "F001", "1"]
    assert (first[11], first[12], first[15], first[17], first[26], first[27], first[28]) == (
        "6", "20100070970", "1000.00", "180.00", "1180.00", "PEN", "1.000")
    # the export in its own currency: 500.00 USD at 3.750 (SIRE converts)
    assert (export[11], export[12], export[14], export[15], export[26], export[27], export[28]) == (
        "0", "US-778812", "500.00", "0.00", "500.00", "USD", "3.750")
    assert (note[15], note[17], note[26]) == ("-500.00", "-90.00", "-590.00")
    assert [note[i] for i in range(29, 34)] == ["05/03/2026", "01", "F001", "1", ""]
    for line in lines:
        parsed = lay.parse_line(lay.RVIE, line)
        assert all(re.fullmatch(lay.FORMATS[f.fmt], parsed[f.key]) for f in lay.RVIE)


def test_rce_lines_field_by_field(db, owner, customer, supplier, buyer):
    month(db, owner, customer, supplier, buyer)
    (line,) = registers.sire_lines(db, "purchase", "2026-03")
    f = fields(line, 41)
    assert [f[i] for i in (5, 6, 7, 8, 9, 10)] == ["10/03/2026", "", "01", "F002", "", "345"]
    assert (f[12], f[14]) == ("6", "Maderera Pucallpa E.I.R.L.")
    assert [f[i] for i in range(15, 22)] == ["2000.00", "360.00", "0.00", "0.00", "0.00", "0.00", "0.00"]
    assert (f[25], f[26], f[27]) == ("2360.00", "PEN", "1.000")
    assert all(f[i] == "" for i in range(33, 42))
    lay.parse_line(lay.RCE, line)


def test_text_is_ascii_and_buyers_without_document_use_catalogue_06(db, owner):
    person = parties.save(db, {"name": 'José "Pepe" Núñez | Taller «Peñalosa»', "id_number": "45678912"},
                          actor=owner)
    d.create_document(db, "sale", "03", "B001", [{"qty": 1, "unit_price": "50"}], party_id=person,
                      date="2026-03-02", actor=owner)
    d.create_document(db, "sale", "03", "B001", [{"qty": 1, "unit_price": "30"}], date="2026-03-03", actor=owner)
    named, anonymous = (fields(li, 33) for li in registers.sire_lines(db, "sale", "2026-03"))
    assert (named[11], named[12], named[13]) == ("1", "45678912", "Jose Pepe Nunez Taller Penalosa")
    assert (anonymous[11], anonymous[12]) == ("-", "-")


def test_files_are_zipped_ascii_crlf_named_as_sunat_names_them(db, owner, customer, supplier, buyer, tmp_path):
    month(db, owner, customer, supplier, buyer)
    written = {p.name: p for p in registers.write_all(db, "2026-03", tmp_path)}
    for base, count, n in (("LE2010012345320260300140400021112", 33, 3), ("LE2010012345320260300080400021112", 41, 1)):
        with zipfile.ZipFile(written[base + ".zip"]) as zf:
            assert zf.namelist() == [base + ".TXT"]
            raw = zf.read(base + ".TXT")
        text = raw.decode("ascii")
        assert text.count("\r\n") == text.count("\n") == n
        assert all(len(li.split("|")) == count + 1 for li in text.split("\r\n")[:-1])
    assert not any(name.startswith("LE") and name.endswith("11.TXT") for name in written)  # PLE only when asked


def test_empty_month_names_say_without_content(db, owner, tmp_path):
    written = {p.name for p in registers.write_all(db, "2026-03", tmp_path, ple=True)}
    assert {"LE2010012345320260300140400021012.zip", "LE2010012345320260300080400021012.zip",
            "LE2010012345320260300140100001011.TXT", "LE2010012345320260300080100001011.TXT"} <= written
    with zipfile.ZipFile(tmp_path / "LE2010012345320260300140400021012.zip") as zf:
        assert zf.read("LE2010012345320260300140400021012.TXT") == b""


def test_ple_layouts_have_their_field_counts(db, owner, customer, supplier, buyer):
    month(db, owner, customer, supplier, buyer)
    sales = registers.ple_rows(db, "sale", "2026-03")
    purchases = registers.ple_rows(db, "purchase", "2026-03")
    assert all(len(r) == 35 for r in sales) and len(purchases[0]) == 42
    assert sales[0][0] == "20260300" and sales[0][2].startswith("M") and sales[0][34] == "1"
    p = purchases[0]
    assert (p[5], p[6], p[8], p[10], p[13], p[14], p[23]) == ("01", "F002", "345", "6", "2000.00", "360.00", "2360.00")
    # PLE amounts in soles: 500 USD × 3.75 = 1875.00
    assert sales[1][12] == "1875.00"


def test_a_line_that_breaks_the_layout_is_refused():
    with pytest.raises(ValidationError, match="33"):
        lay.parse_line(lay.RVIE, "a|b|\r\n")
    good = lay.format_line(lay.RCE, {"ruc": "20100123453", "period": "202603", "total": "1.00", "taxable_dg": "0.00",
                                     **{f.key: "0.00" for f in lay.RCE if f.fmt == "amount"}})
    with pytest.raises(ValidationError, match="campo 1 "):
        lay.parse_line(lay.RCE, "x" + good)


def test_a_foreign_tax_id_with_spaces_is_cleaned():
    line = lay.format_line(lay.RVIE, {"ruc": "20100123453", "period": "202603", "party_doc": "GB 123/45 ñ",
                                      **{f.key: "0.00" for f in lay.RVIE if f.fmt == "amount"}})
    assert line.split("|")[11] == "GB12345n"
