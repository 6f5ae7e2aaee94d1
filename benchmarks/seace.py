"""SEACE at scale: import 50,000 generated releases (50 release packages of
1,000, as the portal's downloads come), then search latency over them.

Prints: generation and import time, input and business-file size, the time
of importing the same files again (nothing changes), and median/worst search
latency for typical queries. Usage: python benchmarks/seace.py [--releases N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smedesk.core import business, users  # noqa: E402
from smedesk.tenders import importer, interests, samples  # noqa: E402
from smedesk.tenders.search import Criteria, search  # noqa: E402

QUERIES = {
    "words 'carpeta escolar'": Criteria(words="carpeta escolar"),
    "words 'polos algodon' (accents, plural)": Criteria(words="polos algodón"),
    "CUBSO prefix 5612": Criteria(codes=["5612"]),
    "department JUNIN + amount 5k-50k": Criteria(departments=["Junín"], min_cents=500_000, max_cents=5_000_000),
    "everything, newest 500": Criteria(),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--releases", type=int, default=50_000)
    parser.add_argument("--per-file", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        now = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
        started = time.perf_counter()
        files = []
        for start in range(0, args.releases, args.per_file):
            count = min(args.per_file, args.releases - start)
            kind = "furniture" if (start // args.per_file) % 2 == 0 else "garments"
            releases = samples.generate(kind, count, now, seed=start, start=start)
            path = tmp / f"releases-{start // args.per_file:03d}.json"
            path.write_text(json.dumps(samples.release_package(releases), ensure_ascii=False), encoding="utf-8")
            files.append(path)
        generated = time.perf_counter() - started
        input_mb = sum(p.stat().st_size for p in files) / 1e6

        db_path = tmp / "bench.smedesk"
        db = business.create(db_path, business.NewBusiness("Bench", "20100123453", "Rosa", "1234"))
        owner = users.owner_actor(db)
        interests.save(db, {"name": "Carpetas", "codes": ["56121502"]}, actor=owner)
        interests.save(db, {"name": "Polos", "words": "polo"}, actor=owner)
        started = time.perf_counter()
        report = importer.import_files(db, files, actor=owner)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        again = importer.import_files(db, files, actor=owner)
        reimported = time.perf_counter() - started
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        file_mb = db_path.stat().st_size / 1e6

        print(f"releases generated: {args.releases:,} in {len(files)} files, {input_mb:.1f} MB JSON"
              f" ({generated:.1f} s to generate)")
        print(f"import: {imported:.1f} s ({args.releases / imported:,.0f} releases/s);"
              f" new {len(report.new):,}, problems {len(report.problems)}")
        print(f"same files again: {reimported:.1f} s; new {len(again.new)}, changed {len(again.changed)},"
              f" unchanged {again.unchanged:,}")
        print(f"business file after import: {file_mb:.1f} MB")
        for label, criteria in QUERIES.items():
            times, hits = [], 0
            for _ in range(15):
                started = time.perf_counter()
                hits = len(search(db, criteria, limit=500))
                times.append((time.perf_counter() - started) * 1000)
            print(f"search {label}: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms"
                  f" ({hits} results, limit 500)")
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
