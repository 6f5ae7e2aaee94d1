"""Import of SUNAT's padrón reducido into the local RUC index: time and size.

Generates a padron_reducido_ruc.zip of realistic size (by default 16 million
lines, about what SUNAT publishes: ISO-8859-1, «|» after each of the 15 fields,
names and addresses of typical length, most RUCs ACTIVO / HABIDO), imports it
with `padron.import_padron` and prints the import time, the rate, the sizes of
the ZIP, the text and the index, and the time of a lookup.
Usage: python benchmarks/padron.py [--rows N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smedesk.accounts import padron  # noqa: E402
from smedesk.core import business, users  # noqa: E402

HEADER = ("RUC|NOMBRE O RAZÓN SOCIAL|ESTADO DEL CONTRIBUYENTE|CONDICIÓN DE DOMICILIO|UBIGEO|TIPO DE VÍA|NOMBRE DE VÍA|"
          "CÓDIGO DE ZONA|TIPO DE ZONA|NÚMERO|INTERIOR|LOTE|DEPARTAMENTO|MANZANA|KILÓMETRO|\r\n")
WORDS = ("QUISPE", "MAMANI", "FLORES", "GARCIA", "RODRIGUEZ", "HUAMAN", "CHAVEZ", "PEÑA", "SANCHEZ", "RAMIREZ",
         "TORRES", "VARGAS", "CONFECCIONES", "INVERSIONES", "MADERERA", "TEXTIL", "COMERCIAL", "SERVICIOS", "GRUPO",
         "CORPORACION", "NUÑEZ", "MUEBLES", "DEL", "PERU", "ANDINA", "SAN", "MARTIN", "LOS", "OLIVOS")
STATES = (("ACTIVO", 80), ("BAJA DE OFICIO", 9), ("BAJA DEFINITIVA", 6), ("SUSPENSION TEMPORAL", 5))
CONDITIONS = (("HABIDO", 85), ("NO HABIDO", 9), ("NO HALLADO", 6))


def generate(path: Path, rows: int) -> int:
    rnd = random.Random(18)
    states = [s for s, w in STATES for _ in range(w)]
    conditions = [c for c, w in CONDITIONS for _ in range(w)]
    people = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 5))) for _ in range(4000)]
    firms = [n + rnd.choice((" S.A.C.", " E.I.R.L.", " S.R.L.", " S.A.")) for n in people]
    tails = [f"{rnd.choice(states)}|{rnd.choice(conditions)}|{150100 + rnd.randint(1, 43):06d}|"
             f"{rnd.choice(('AV.', 'JR.', 'CAL.', '-'))}|{' '.join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3)))}|"
             f"-|-|{rnd.randint(1, 2000)}|-|-|-|-|-|\r\n" for _ in range(4000)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("padron_reducido_ruc.txt", "w", force_zip64=True) as out:
            out.write(HEADER.encode("latin-1"))
            for start in range(0, rows, 20000):
                chunk = []
                for i in range(start, min(start + 20000, rows)):
                    firm = i % 3 == 0
                    name = (firms if firm else people)[(i * 7919) % 4000]
                    chunk.append(f"{ruc_of(i)}|{name}|{tails[(i * 104729) % 4000]}")
                out.write("".join(chunk).encode("latin-1"))
        text_size = zf.getinfo("padron_reducido_ruc.txt").file_size
    return text_size


def ruc_of(i: int) -> str:
    """A distinct 11-digit RUC per line: 20… for firms (one in three), 10… for persons."""
    return f"{'20' if i % 3 == 0 else '10'}{i:08d}{i % 10}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=16_000_000)
    parser.add_argument("--dir", default=None, help="work folder (default: a temporary one, removed after)")
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="padron-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        source = work / "padron_reducido_ruc.zip"
        start = time.perf_counter()
        text_size = generate(source, args.rows)
        print(f"generated {args.rows:,} lines: zip {source.stat().st_size / 1e6:.1f} MB, text {text_size / 1e6:.1f} MB "
              f"({time.perf_counter() - start:.1f} s)")
        db = business.create(work / "negocio.smedesk",
                             business.NewBusiness("Bench", "20100123453", "Rosa", "1234", "Lima"))
        owner = users.owner_actor(db)
        start = time.perf_counter()
        done = padron.import_padron(db, source, actor=owner)
        seconds = time.perf_counter() - start
        print(f"import: {done.count:,} RUCs in {seconds:.1f} s ({done.count / seconds:,.0f} lines/s)")
        print(f"index: {done.size / 1e6:.1f} MB ({done.size / done.count:.1f} bytes per RUC), {done.path.name}")
        probes = [ruc_of(i) for i in random.Random(1).sample(range(args.rows), 200)]
        times = []
        for ruc in probes:
            t = time.perf_counter()
            assert padron.lookup(db, ruc) is not None
            times.append((time.perf_counter() - t) * 1000)
        print(f"lookup: median {statistics.median(times):.2f} ms, p95 {sorted(times)[189]:.2f} ms")
        db.close()
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
