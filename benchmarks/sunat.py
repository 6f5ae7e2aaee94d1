"""SUNAT sending figures against the strict local SUNAT (tests/einvoice/sunat_server.py)
on 127.0.0.1: drain 500 queued facturas (sendBill one by one, each answered with
its CDR) and 100 boletas (one resumen diario, one ticket); documents per second,
requests and bytes (request URL + body and answer body, as the transport counts
them; HTTP headers not counted) per document. The documents are part 1's real
ones (UBL built, checked and signed at issue with a throw-away certificate of
the business's RUC), sent with part1.current(), as the program sends them.

Usage: python benchmarks/sunat.py [N]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SMEDESK_LANG", "en")
os.environ.setdefault("SMEDESK_NOW", "2026-03-20T15:00:00Z")
os.environ.setdefault("SMEDESK_NO_KEYRING", "1")

from smedesk.accounts import documents  # noqa: E402
from smedesk.core import business, parties, users  # noqa: E402
from smedesk.core.db import tx  # noqa: E402
from smedesk.einvoice import certificate, part1, sending  # noqa: E402
from smedesk.einvoice.client import SunatClient  # noqa: E402
from tests.einvoice.conftest import CERT_PASSWORD, make_pfx  # noqa: E402
from tests.einvoice.sunat_server import FakeSunat, Server  # noqa: E402

USER, PASSWORD = "20100123453MODDATOS", "moddatos"


def queue(db, owner, facturas: int, boletas: int) -> None:
    customer = parties.save(db, {"name": "Tiendas Lima S.A.C.", "id_number": "20100070970"}, actor=owner)
    with tx(db):
        for n in range(facturas):
            documents.create_document(db, "sale", "01", "F001", [{"description": f"Silla {n}", "qty": "2",
                                                                  "unit_price": "118.00"}],
                                      actor=owner, party_id=customer)
        for n in range(boletas):
            documents.create_document(db, "sale", "03", "B001", [{"description": f"Banco {n}", "qty": "1",
                                                                  "unit_price": "35.40"}], actor=owner)


def drain(db, owner, client, part1) -> tuple[float, int]:
    start = time.perf_counter()
    result = sending.run(db, client, part1, actor=owner, sleep=lambda s: None)
    elapsed = time.perf_counter() - start
    assert result.left == 0, result.lines[-1]
    return elapsed, len(result.lines)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SMEDESK_CREDENTIALS_DIR"] = str(Path(folder) / "claves")
        db = business.create(Path(folder) / "bench.smedesk",
                             business.NewBusiness("Bench S.A.C.", "20100123453", "Rosa", "1234"))
        owner = users.owner_actor(db)
        (Path(folder) / "firma.pfx").write_bytes(make_pfx())
        certificate.install(db, Path(folder) / "firma.pfx", CERT_PASSWORD, actor=owner)
        t0 = time.perf_counter()
        queue(db, owner, count, 100)
        queued = time.perf_counter() - t0
        fake = FakeSunat({USER: PASSWORD}, today=dt.date(2026, 3, 20))
        with Server(fake) as server:
            client = SunatClient(server.url + "/billService", user=USER, password=PASSWORD,
                                 consult_endpoint=server.url + "/billConsultService")
            bill_requests_before = client.requests
            elapsed, _lines = drain(db, owner, client, part1.current())
        docs = count + 100
        print(f"queued {count} facturas + 100 boletas in {queued:.2f} s (issue, check, sign + outbox, one "
              f"transaction)")
        print(f"drained {docs} documents in {elapsed:.2f} s: {docs / elapsed:.1f} documents/s "
              f"({count} sendBill + 1 resumen diario with 100 boletas)")
        print(f"requests: {client.requests - bill_requests_before} in all, "
              f"{(client.requests - bill_requests_before) / docs:.3f} per document")
        print(f"bytes: {client.bytes_moved:,} in all, {client.bytes_moved / docs:,.0f} per document "
              f"(sent {client.bill.bytes_sent:,}, received {client.bill.bytes_received:,})")
        print(f"SUNAT registered each once: {sorted(set(fake.registrations.values())) == [1]}")
        db.close()


if __name__ == "__main__":
    main()
