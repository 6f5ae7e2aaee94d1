"""The resumen de comprobantes emitidos en contingencia: the paper comprobantes
of a month, one line each, every field followed by «|», checked field by field
against values worked out by hand from the documents below."""

from __future__ import annotations

import io
import zipfile

import pytest

from smedesk.accounts import documents
from smedesk.cli import main
from smedesk.core import parties
from smedesk.core.db import scalar
from smedesk.core.errors import ValidationError
from smedesk.einvoice import api, contingency, sending, waiting

# Paper comprobantes entered afterwards (numeric series 0001), prices with IGV:
# factura 0001-123 of 05/03: 2 × 59.00 = 118.00 → valor 100.00 + IGV 18.00 (118 / 1.18)
# boleta 0001-45 of 06/03, no buyer's document: 30.00 exonerado → valor 30.00, IGV 0
# nota de crédito 0001-7 of 10/03 on the factura: 59.00 → valor 50.00 + IGV 9.00
FACTURA = "1|01|05/03/2026|01|0001|123||6|20100070970|Tiendas Lima S.A.C.|PEN|100.00|0.00|0.00|0.00|18.00|0.00|118.00||||"
BOLETA = "1|01|06/03/2026|03|0001|45||-|-|-|PEN|0.00|30.00|0.00|0.00|0.00|0.00|30.00||||"
NOTA = "1|01|10/03/2026|07|0001|7||6|20100070970|Tiendas Lima S.A.C.|PEN|50.00|0.00|0.00|0.00|9.00|0.00|59.00|01|0001|123|"


@pytest.fixture
def paper(db, owner, customer):
    def sale(doc_type, number, date, price, tax="igv", qty="1", party=None, ref=None):
        return documents.create_document(db, "sale", doc_type, "0001", [{"description": "Silla", "qty": qty,
                                                                         "unit_price": price, "tax": tax}],
                                         actor=owner, number=number, date=date, party_id=party, ref=ref)
    ids = {"factura": sale("01", 123, "2026-03-05", "59.00", qty="2", party=customer),
           "boleta": sale("03", 45, "2026-03-06", "30.00", tax="exonerado")}
    ids["nota"] = sale("07", 7, "2026-03-10", "59.00", ref="0001-123")
    sale("03", 46, "2026-04-01", "20.00")  # another month
    documents.create_document(db, "sale", "01", "F001", [{"description": "Mesa", "qty": "1", "unit_price": "236"}],
                              actor=owner, party_id=customer, date="2026-03-05")  # electronic: not in the file
    return ids


def test_the_file_has_one_line_per_paper_comprobante_of_the_month(db, paper):
    text, found = contingency.build(db, "2026-03", "1")
    assert text.split("\r\n") == [FACTURA, BOLETA, NOTA, ""]
    assert found == [paper["factura"], paper["boleta"], paper["nota"]]


NOTA_FIELDS = {  # the nota de crédito, field by field
    "motivo de contingencia": "1", "tipo de operación": "01", "fecha de emisión": "10/03/2026",
    "tipo de comprobante": "07", "serie": "0001", "número": "7", "número final del rango": "",
    "tipo de documento del adquirente": "6", "número de documento del adquirente": "20100070970",
    "nombre o razón social del adquirente": "Tiendas Lima S.A.C.", "moneda": "PEN",
    "total valor de venta gravadas": "50.00", "total valor de venta exoneradas": "0.00",
    "total valor de venta inafectas": "0.00", "ISC": "0.00", "IGV": "9.00", "otros tributos y cargos": "0.00",
    "importe total": "59.00", "tipo de comprobante que modifica": "01", "serie que modifica": "0001",
    "número que modifica": "123"}


def test_each_field_of_a_nota_holds_its_value(db, paper):
    nota = contingency.build(db, "2026-03", "1")[0].split("\r\n")[2]
    *values, after_last = nota.split("|")
    assert after_last == ""  # every field, the last too, ends with «|»
    assert dict(zip([f.name for f in contingency.FIELDS], values, strict=True)) == NOTA_FIELDS


def test_a_boleta_without_the_buyers_document_says_varios(db, paper):
    boleta = contingency.build(db, "2026-03", "1")[0].split("\r\n")[1].split("|")
    names = [f.name for f in contingency.FIELDS]
    got = {n: boleta[names.index(n)] for n in ("tipo de documento del adquirente",
                                                "número de documento del adquirente",
                                                "nombre o razón social del adquirente",
                                                "total valor de venta exoneradas", "IGV", "importe total")}
    assert got == {"tipo de documento del adquirente": "-", "número de documento del adquirente": "-",
                   "nombre o razón social del adquirente": "-", "total valor de venta exoneradas": "30.00",
                   "IGV": "0.00", "importe total": "30.00"}


def test_the_layout_is_kept_as_data(db):
    assert [f.name for f in contingency.FIELDS] == [
        "motivo de contingencia", "tipo de operación", "fecha de emisión", "tipo de comprobante", "serie",
        "número", "número final del rango", "tipo de documento del adquirente", "número de documento del adquirente",
        "nombre o razón social del adquirente", "moneda", "total valor de venta gravadas",
        "total valor de venta exoneradas", "total valor de venta inafectas", "ISC", "IGV", "otros tributos y cargos",
        "importe total", "tipo de comprobante que modifica", "serie que modifica", "número que modifica"]


def test_writing_the_file_takes_the_documents_off_the_sunat_queue(db, owner, paper, tmp_path):
    assert sending.left(db) == 5  # the 4 paper ones wait, and the electronic factura
    done = contingency.write(db, "2026-03", "1", tmp_path / "contingencia-2026-03.txt", actor=owner)
    assert done["documents"] == 3
    assert (tmp_path / "contingencia-2026-03.txt").read_bytes().decode("latin-1").split("\r\n")[0] == FACTURA
    assert sending.left(db) == 2  # April's boleta and the electronic factura
    state = api.state_of(db, paper["boleta"])
    assert state["state"] == "contingency" and "contingencia-2026-03.txt" in state["description"]
    shown = {d["document"]: d for d in waiting.documents(db)}
    assert shown["0001-00000045"]["waiting"] is False and shown["0001-00000046"]["waiting"] is True
    assert shown["0001-00000046"]["deadline"] is None  # not the web services' deadline


def test_a_zip_holds_the_text_file(db, owner, paper, tmp_path):
    contingency.write(db, "2026-03", "7", tmp_path / "contingencia.zip", actor=owner)
    with zipfile.ZipFile(io.BytesIO((tmp_path / "contingencia.zip").read_bytes())) as zf:
        assert zf.namelist() == ["contingencia.txt"]
        assert zf.read("contingencia.txt").decode("latin-1").startswith("7|01|05/03/2026|01|0001|123|")


def test_sending_says_where_a_paper_document_goes(db, owner, paper, client, part1):
    result = sending.run(db, client, part1, actor=owner)
    paper_lines = [li for li in result.lines if li.document.startswith("0001-")]
    assert len(paper_lines) == 4 and all(li.state == "pending" for li in paper_lines)
    assert "smedesk sunat contingency --month 2026-03" in paper_lines[0].message


def test_refusals(db, owner, paper, tmp_path):
    with pytest.raises(ValidationError, match="AAAA-MM|YYYY-MM"):
        contingency.build(db, "03/2026", "1")
    with pytest.raises(ValidationError, match="1 a 7|1 to 7"):
        contingency.build(db, "2026-03", "9")
    with pytest.raises(ValidationError):
        contingency.build(db, "2026-05", "1")  # nothing on paper in May
    buyer = parties.save(db, {"name": "Oak & Pine Ltd", "id_type": "foreign", "id_number": "US-778812",
                              "country": "US", "address": "12 Main St, Portland"}, actor=owner)
    documents.create_document(db, "sale", "01", "0002", [{"description": "Mesa", "qty": "1", "unit_price": "100",
                                                          "tax": "export"}], actor=owner, number=9,
                              date="2026-03-12", party_id=buyer)
    with pytest.raises(ValidationError, match="0002-00000009"):
        contingency.write(db, "2026-03", "1", tmp_path / "x.txt", actor=owner)
    assert not (tmp_path / "x.txt").exists()
    assert scalar(db, "SELECT count(*) FROM outbox WHERE kind = 'sunat' AND state = 'sent'") == 0


def test_from_the_command_line(db_path, paper, tmp_path, capsys):
    out = tmp_path / "contingencia.txt"
    code = main(["--db", str(db_path), "sunat", "contingency", "--month", "2026-03", "--reason", "1", "-o", str(out)])
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "3" in printed and out.read_bytes().decode("latin-1").split("\r\n")[:3] == [FACTURA, BOLETA, NOTA]
    code = main(["--db", str(db_path), "sunat", "contingency", "--month", "2026-13", "--reason", "1", "-o", str(out)])
    assert code == 1 and "2026-03" in capsys.readouterr().err  # the example in the refusal
