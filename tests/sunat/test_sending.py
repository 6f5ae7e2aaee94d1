from smedesk.accounts import journal
from smedesk.core.db import row, scalar
from smedesk.einvoice import sending, store
from smedesk.einvoice.client import SunatClient
from tests.sunat.conftest import USER


def _state(db, doc_id):
    return store.status(db, doc_id)


def test_issuing_a_sale_queues_it_in_the_same_transaction(db, sale):
    doc_id = sale()
    uid = scalar(db, "SELECT uid FROM documents WHERE id = ?", [doc_id])
    assert scalar(db, "SELECT count(*) FROM outbox WHERE kind = 'sunat' AND entity_uid = ? AND state = 'pending'",
                  [uid]) == 1
    assert _state(db, doc_id)["state"] == "pending"


def test_accepted_factura_keeps_its_cdr_and_leaves_the_queue(db, owner, sale, client, part1, fake):
    doc_id = sale()
    result = sending.run(db, client, part1, actor=owner)
    assert [(li.document, li.state, li.code) for li in result.lines] == [("F001-00000001", "accepted", "0")]
    assert result.left == 0
    assert _state(db, doc_id)["description"] == "La Factura numero F001-1, ha sido aceptada"
    sub = row(db, "SELECT * FROM sunat_submissions WHERE document_id = ?", [doc_id])
    assert sub["name"] == "20100123453-01-F001-00000001" and sub["cdr"].startswith(b"PK")
    assert part1.states == [(doc_id, "accepted", "0")]
    assert fake.registrations == {"20100123453-01-F001-00000001": 1}


def test_observations_are_kept_one_by_one(db, owner, sale, client, part1):
    doc_id = sale()
    part1.overrides[doc_id] = {"payment_terms": False}
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "observed"
    assert '"code": "3244"' in _state(db, doc_id)["observations"]


def test_rejected_document_reverses_its_entry(db, owner, sale, client, part1):
    doc_id = sale()
    part1.overrides[doc_id] = {"currency": "BTC"}
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert (line.state, line.code) == ("rejected", "3088")
    entry = scalar(db, "SELECT entry_id FROM documents WHERE id = ?", [doc_id])
    reversal = row(db, "SELECT * FROM journal_entries WHERE reverses_id = ?", [entry])
    assert "3088" in reversal["memo"] and "F001-00000001" in reversal["memo"]
    assert _state(db, doc_id)["reversal_entry_id"] == reversal["id"]
    # the books no longer hold the sale: 118.00 then -118.00 on the receivable
    assert journal.balance(db, "1212") == 0
    assert sending.left(db) == 0


def test_rejection_sent_as_a_fault_is_a_rejection_too(db, owner, sale, client, part1, fake):
    fake.reject_as_fault = True
    doc_id = sale()
    part1.overrides[doc_id] = {"currency": "BTC"}
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert (line.state, line.code) == ("rejected", "3088")


def test_bad_credentials_stop_the_run_and_keep_everything_queued(db, owner, sale, server, part1, fake):
    sale(), sale()
    wrong = SunatClient(server.url + "/billService", user=USER, password="nope")
    result = sending.run(db, wrong, part1, actor=owner)
    assert "0102" in result.stopped
    assert len(result.lines) == 1 and result.left == 2
    assert fake.registered == {}


def test_503_for_a_while_then_accepted_on_the_next_run(db, owner, sale, client, part1, fake):
    sale()
    fake.unavailable = 1
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "pending" and "503" in line.message
    assert sending.left(db) == 1
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "accepted"


def test_http_500_without_soap_is_retried_later(db, owner, sale, client, part1, fake):
    sale()
    fake.errors_500 = 1
    assert sending.run(db, client, part1, actor=owner).lines[0].state == "pending"
    assert sending.run(db, client, part1, actor=owner).lines[0].state == "accepted"


def test_answer_lost_after_registering_fetches_the_cdr_instead_of_sending_again(db, owner, sale, client, part1, fake):
    doc_id = sale()
    fake.cut_after_register = 1
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "pending"
    assert row(db, "SELECT state FROM sunat_submissions WHERE document_id = ?", [doc_id])["state"] == "in_flight"
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "accepted"
    assert fake.registrations == {"20100123453-01-F001-00000001": 1}


def test_resend_answered_1033_fetches_the_cdr(db, owner, sale, server, part1, fake):
    doc_id = sale()
    fake.cut_after_register = 1
    no_consult = SunatClient(server.url + "/billService", user=USER, password="moddatos")
    sending.run(db, no_consult, part1, actor=owner)  # lost answer, and no consult address to ask first
    with_consult = SunatClient(server.url + "/billService", user=USER, password="moddatos",
                               consult_endpoint=server.url + "/billConsultService")
    requests_before = fake.requests
    [line] = sending.run(db, with_consult, part1, actor=owner).lines
    assert line.state == "accepted"
    assert fake.requests - requests_before == 1  # asked first: nothing sent again
    assert _state(db, doc_id)["state"] == "accepted"


def test_1033_on_resend_without_asking_first(db, owner, sale, server, part1, fake):
    sale()
    fake.cut_after_register = 1
    bill_only = SunatClient(server.url + "/billService", user=USER, password="moddatos")
    sending.run(db, bill_only, part1, actor=owner)
    [line] = sending.run(db, bill_only, part1, actor=owner).lines  # resent: 1033, and no consult service
    assert line.state == "pending" and line.code == "1033"
    assert fake.registrations == {"20100123453-01-F001-00000001": 1}


def test_slow_answer_times_out_and_is_asked_again(db, owner, sale, server, part1, fake):
    sale()
    fake.slow = 1.5
    impatient = SunatClient(server.url + "/billService", user=USER, password="moddatos",
                            consult_endpoint=server.url + "/billConsultService", timeout=(1.0, 0.5))
    [line] = sending.run(db, impatient, part1, actor=owner).lines
    assert line.state == "pending"
    fake.slow = 0
    client = SunatClient(server.url + "/billService", user=USER, password="moddatos",
                         consult_endpoint=server.url + "/billConsultService")
    assert sending.run(db, client, part1, actor=owner).lines[0].state == "accepted"
    assert list(fake.registrations.values()) == [1]


def test_after_the_deadline_sunat_refuses_it(db, owner, sale, client, part1):
    doc_id = sale(date="2026-03-16")  # 4 days before the reception date
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert (line.state, line.code) == ("rejected", "2108")
    assert _state(db, doc_id)["state"] == "rejected"


def test_boletas_go_in_the_resumen_diario_and_wait_for_the_ticket(db, owner, sale, client, part1, fake):
    first, second = sale("03", "B001", "50.00"), sale("03", "B001", "20.00")
    fake.summary_polls = 4
    result = sending.run(db, client, part1, actor=owner, sleep=lambda s: None, polls=2)
    assert [li.state for li in result.lines] == ["ticket"]
    assert result.left == 2
    result = sending.run(db, client, part1, actor=owner, sleep=lambda s: None, polls=3)
    assert [(li.document, li.state) for li in result.lines] == [("20100123453-RC-20260320-1", "accepted")]
    assert [_state(db, d)["state"] for d in (first, second)] == ["accepted", "accepted"]
    assert result.left == 0
    assert len(fake.tickets) == 1  # polled, never sent twice


def test_max_limits_the_documents_tried(db, owner, sale, client, part1):
    sale(), sale(), sale()
    result = sending.run(db, client, part1, actor=owner, max_items=2)
    assert [li.document for li in result.lines] == ["F001-00000001", "F001-00000002"]
    assert result.left == 1


def test_staff_cannot_send(db, staff, client, part1):
    import pytest

    from smedesk.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        sending.run(db, client, part1, actor=staff)


def test_garbled_cdr_keeps_the_document_queued(db, owner, sale, client, part1, fake):
    doc_id = sale()
    fake.override["20100123453-01-F001-00000001"] = ("0", "ok", [])
    real = fake._sendBill

    def garbled(fields, user):
        real(fields, user)
        return b'<?xml version="1.0"?><soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/">' \
               b'<soap-env:Body><br:sendBillResponse xmlns:br="http://service.sunat.gob.pe"><applicationResponse>' \
               b"UEsDBAoAAAAAAA==</applicationResponse></br:sendBillResponse></soap-env:Body></soap-env:Envelope>"

    fake._sendBill = garbled
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "pending"
    fake._sendBill = real
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert line.state == "accepted"  # asked with getStatusCdr: registered once
    assert store.status(db, doc_id)["state"] == "accepted"


def test_certificate_expired_since_issue_is_refused_by_sunat(db, owner, sale, client, part1):
    import datetime as dt

    doc_id = sale(date="2026-03-19")
    part1.overrides[doc_id] = {"cert_until": dt.datetime(2026, 3, 19, 23, 0, tzinfo=dt.timezone.utc)}
    [line] = sending.run(db, client, part1, actor=owner).lines
    assert (line.state, line.code) == ("rejected", "2327")
    assert "no se encuentra vigente" in _state(db, doc_id)["description"]
    assert sending.left(db) == 0  # SUNAT said so: rejected, not sent again

