"""Printing several comprobantes at once: one PDF or one file each, and a
cancelled batch leaves nothing behind."""

import re

import pytest

from smedesk.accounts import documents as d
from smedesk.accounts.printing import batch_data, write_batch
from smedesk.core.errors import PermissionDenied, ValidationError
from smedesk.core.i18n import translator
from smedesk.core.roles import bind
from smedesk.printouts import batch


def pages(path) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", path.read_bytes()))


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "documentos"  # the business file lives in tmp_path itself
    out.mkdir()
    return out


@pytest.fixture
def three(db, owner, customer, supplier):
    sale = [{"description": "Mesa", "qty": 1, "unit_price": "590.00"}]
    return [d.create_document(db, "sale", "01", "F001", sale, party_id=customer, date="2026-03-05", actor=owner),
            d.create_document(db, "sale", "01", "F001", sale, party_id=customer, date="2026-03-06", actor=owner),
            d.create_document(db, "purchase", "01", "F555", sale, party_id=supplier, number=77, date="2026-03-06",
                              actor=owner)]


def test_the_batch_is_gathered_in_the_order_chosen_with_a_name_each(db, three):
    items = batch_data(db, [three[2], three[0], three[2]])  # a document chosen twice prints once
    assert [i["name"] for i in items] == ["compra-F555-00000077", "venta-F001-00000001"]
    # the sale was issued electronically: its printed representation; the supplier's is a plain comprobante
    assert [i["kind"] for i in items] == ["comprobante", "einvoice"]


def test_a_boleta_asked_as_a_ticket_stays_a_ticket_and_a_factura_stays_a4(db, owner, customer, three):
    boleta = d.create_document(db, "sale", "03", "B001", [{"description": "Polo", "qty": 1, "unit_price": "59"}],
                               party_id=customer, date="2026-03-06", actor=owner)
    items = batch_data(db, [boleta, three[0]], ticket=True)
    assert [(i["kind"], i["layout"]) for i in items] == [("einvoice", "ticket"), ("einvoice", "a4")]


def test_nothing_selected_is_refused(db):
    with pytest.raises(ValidationError):
        batch_data(db, [])


def test_staff_may_not_print_the_books(db, staff, three):
    bind(db, staff)
    with pytest.raises(PermissionDenied):
        batch_data(db, three)


def test_three_documents_in_one_pdf_each_on_its_own_page(db, three, folder):
    out = write_batch(db, three, folder / "lote.pdf", lang="es")
    assert out == folder / "lote.pdf" and pages(out) == 3
    assert [p.name for p in folder.iterdir()] == ["lote.pdf"]


def test_one_file_each_never_writes_over_a_file(db, three, folder):
    (folder / "venta-F001-00000001.pdf").write_bytes(b"kept")
    out = write_batch(db, three, folder, lang="en", one_file=False)
    assert [p.name for p in out] == ["venta-F001-00000001-2.pdf", "venta-F001-00000002.pdf",
                                     "compra-F555-00000077.pdf"]
    assert (folder / "venta-F001-00000001.pdf").read_bytes() == b"kept"
    assert all(pages(p) == 1 for p in out)


def test_progress_is_told_as_the_pages_are_laid_out(db, three, folder):
    seen = []
    write_batch(db, three, folder / "lote.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] and all(a <= b for (a, _), (b, _) in zip(seen, seen[1:], strict=False))


def test_a_cancelled_single_pdf_leaves_no_file_not_even_half_of_one(db, three, folder):
    told = []

    def cancelled():
        return len(told) >= 2  # stop while the pages are being laid out

    out = batch.one_pdf(batch_data(db, three), folder / "lote.pdf", tr=translator("es"),
                        progress=lambda done, total: told.append(done), cancelled=cancelled)
    assert out is None and list(folder.iterdir()) == []


def test_a_cancelled_folder_batch_removes_what_it_had_written(db, three, folder):
    (folder / "antes.pdf").write_bytes(b"mine")
    told = []

    def cancelled():
        return len(told) >= 2  # after the first document is written whole

    out = batch.one_file_each(batch_data(db, three), folder, tr=translator("es"),
                              progress=lambda done, total: told.append(done), cancelled=cancelled)
    assert out is None and [p.name for p in folder.iterdir()] == ["antes.pdf"]


def test_a_big_batch_drawn_in_a_child_process_is_the_same_pdf(db, three, folder):
    from smedesk.printouts.process import render_in_process

    out = render_in_process("batch:one_pdf", batch_data(db, three), path=folder / "lote.pdf", tr=translator("es"))
    assert out == folder / "lote.pdf" and pages(out) == 3
