"""Issuing speed: build + check (+ the UBL XSD when SMEDESK_SUNAT_DIR or ../shared has
SUNAT's files) + sign one 20-line factura, median and p95 (goal: median under 50 ms so
issuing feels instant); the whole create_document (rules, numbering, journal, XML,
signature, commit); and a resumen diario (RC) of 500 boletas.

Usage: python benchmarks/einvoice.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

RUC = "20100123453"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "sunat"


def pfx(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"BENCH {RUC}")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(dt.datetime(2025, 1, 1)).not_valid_after(dt.datetime(2030, 1, 1))
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"b", key, cert, None, BestAvailableEncryption(b"pw")))


def stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms ({len(ms)} runs)"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="smedesk-bench-einvoice-"))
    os.environ.setdefault("SMEDESK_CREDENTIALS_DIR", str(tmp / "keys"))
    os.environ["SMEDESK_NO_KEYRING"] = "1"
    os.environ["SMEDESK_NOW"] = "2026-03-20T15:00:00Z"
    if "SMEDESK_SUNAT_DIR" not in os.environ and (SHARED / "commons").is_dir():
        os.environ["SMEDESK_SUNAT_DIR"] = str(SHARED)

    from smedesk.accounts import documents
    from smedesk.core import business, parties, users
    from smedesk.einvoice import api, certificate, checks, issue, signing, ubl

    db = business.create(tmp / "bench.smedesk", business.NewBusiness("Taller Bench S.A.C.", RUC, "Rosa", "1234",
                                                                     "Av. Lima 123"))
    owner = users.owner_actor(db)
    pfx(tmp / "c.pfx")
    certificate.install(db, tmp / "c.pfx", "pw", actor=owner)
    customer = parties.save(db, {"name": "Tiendas Lima S.A.C.", "id_number": "20100070970"}, actor=owner)
    lines = [{"description": f"Producto {n}", "qty": n % 5 + 1, "unit_price": f"{10 + n * 3}.90",
              "tax": "exonerado" if n % 7 == 0 else "igv", "discount": "1.00" if n % 4 == 0 else "0"}
             for n in range(1, 21)]
    doc_id = documents.create_document(db, "sale", "01", "F001", lines, party_id=customer, date="2026-03-19",
                                       actor=owner)
    plain = issue.comprobante(db, doc_id)
    key, cert_pem = certificate.signer(db)
    xsd = "with the UBL XSD" if checks.rules_dir() else "without the XSD (SUNAT's files absent)"
    checks.xsd_problems(ubl.build(plain))  # load the schema once, as a running program has it
    samples = []
    for _ in range(args.runs):
        start = time.perf_counter()
        root = issue.checked_xml(plain)
        signing.sign(root, key, cert_pem)
        samples.append(time.perf_counter() - start)
    print(f"20-line factura, build + check {xsd} + sign: {stats(samples)}")

    whole = []
    for n in range(args.runs):
        start = time.perf_counter()
        documents.create_document(db, "sale", "01", "F001", lines, party_id=customer, date="2026-03-19",
                                  actor=owner)
        whole.append(time.perf_counter() - start)
        del n
    print(f"20-line factura, whole create_document (rules, number, journal, XML, signature, commit): {stats(whole)}")

    for n in range(500):
        documents.create_document(db, "sale", "03", "B001",
                                  [{"description": "Polo", "qty": 1 + n % 3, "unit_price": str(Decimal("35.50"))}],
                                  date="2026-03-19", actor=owner)
    start = time.perf_counter()
    name, xml = api.build_summary(db, "2026-03-19", actor=owner)
    took = time.perf_counter() - start
    print(f"resumen diario of 500 boletas ({name}, {len(xml) // 1024} KiB), build + sign + keep: {took * 1000:.0f} ms")
    if (SHARED / "validate.py").exists():
        sys.path.insert(0, str(SHARED))
        from validate import validate

        path = tmp / f"{name}.xml"
        path.write_bytes(xml)
        start = time.perf_counter()
        verdict = validate(path)
        print(f"  SUNAT's validator (XSD + XSL rules + signature) on it: {verdict['status']}, "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        fact = tmp / f"{plain.file_name}.xml"
        fact.write_bytes(api.signed_xml(db, doc_id)[1])
        start = time.perf_counter()
        verdict = validate(fact)
        print(f"  SUNAT's validator on the 20-line factura: {verdict['status']}, "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
