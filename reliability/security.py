"""Security rules checked at the domain level: PIN hashing and lockout, roles,
parametrised SQL, secrets never in clear text. Areas add checks to CHECKS."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from reliability import money_reads, security_more
from reliability.report import Result
from smedesk.core import backup, business, clock, parties, settings, users
from smedesk.core.db import open_db
from smedesk.core.errors import PermissionDenied
from smedesk.production import catalogue

DISTINCT_PIN = "918273"
HOSTILE = "O'Brien\"; DROP TABLE users; -- ñ ¿?"


def _fresh(tmp: Path):
    db = business.create(tmp / "negocio.smedesk", business.NewBusiness("Seg S.A.C.", "20100123453", "Dueña", "1234"))
    owner = users.owner_actor(db)
    staff_id = users.add_user(db, "Operaria", "staff", DISTINCT_PIN, actor=owner)
    return db, owner, users.actor_for(users.get_user(db, staff_id))


def check_pins(tmp: Path) -> Result:
    db, owner, staff = _fresh(tmp)
    stored = users.get_user(db, staff.user_id)["pin_hash"]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Closed while its bytes are read: open()/close() of a held file would drop
    # this process's SQLite locks (issue 13).
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp.glob("negocio.smedesk*"))
    db = open_db(tmp / "negocio.smedesk")
    ok = stored.startswith("scrypt$16384$") and DISTINCT_PIN.encode() not in raw
    start = dt.datetime(2026, 11, 27, 15, tzinfo=dt.timezone.utc)
    os.environ["SMEDESK_NOW"] = clock.iso(start)
    try:
        for _ in range(5):
            users.login(db, staff.user_id, "000000")
        locked = not users.login(db, staff.user_id, DISTINCT_PIN).ok
        os.environ["SMEDESK_NOW"] = clock.iso(start + dt.timedelta(minutes=5, seconds=1))
        unlocked = users.login(db, staff.user_id, DISTINCT_PIN).ok
    finally:
        os.environ.pop("SMEDESK_NOW", None)
        db.close()
    return Result("security", "PINs: salted scrypt, never in clear, 5 wrong lock 5 min", 3,
                  ok and locked and unlocked,
                  "hash scrypt N=16384; PIN bytes absent from file and WAL; locked, then unlocked after 5 min")


def role_cases(db, staff, tmp: Path) -> dict:
    """Writes or views staff must be refused, keyed by what they are."""
    return {
        "change settings": lambda: settings.set(db, "backup.keep", "1", actor=staff),
        "add users": lambda: users.add_user(db, "X", "owner", "1234", actor=staff),
        "make backups": lambda: backup.backup(db, tmp / "negocio.smedesk", tmp / "c", actor=staff),
        "edit the catalogue": lambda: catalogue.save_product(db, {"sku": "X", "name": "X"}, actor=staff),
        "change material prices": lambda: catalogue.set_material_price(db, 1, "1", actor=staff),
        "edit customers": lambda: parties.save(db, {"name": "X"}, actor=staff),
    }


ROLE_EXTENSIONS: list = []  # functions (db, staff, tmp) -> dict, added by areas


def check_roles(tmp: Path) -> Result:
    db, owner, staff = _fresh(tmp)
    cases = role_cases(db, staff, tmp)
    for extend in ROLE_EXTENSIONS:
        cases.update(extend(db, staff, tmp))
    leaked = []
    for name, attempt in cases.items():
        try:
            attempt()
        except PermissionDenied:
            continue
        except Exception as exc:  # a different refusal is still not a role check
            leaked.append(f"{name} ({type(exc).__name__})")
            continue
        leaked.append(name)
    db.close()
    return Result("security", "staff refused in the domain", len(cases), not leaked,
                  "refused: " + ", ".join(cases) if not leaked else "allowed: " + ", ".join(leaked))


def check_sql_quotes(tmp: Path) -> Result:
    db, owner, _staff = _fresh(tmp)
    users.add_user(db, HOSTILE[:60], "staff", "1234", actor=owner)
    parties.save(db, {"name": HOSTILE, "id_type": "foreign", "id_number": HOSTILE}, actor=owner)
    catalogue.save_material(db, {"code": "Q'1;", "name": HOSTILE, "unit": "kg", "price": "1"}, actor=owner)
    catalogue.save_product(db, {"sku": "P'1\";", "name": HOSTILE}, actor=owner)
    settings.set(db, HOSTILE, HOSTILE, actor=owner)
    ok = (users.find_user(db, HOSTILE[:60]) is not None
          and parties.find_by_name(db, HOSTILE) is not None
          and catalogue.get_material(db, "Q'1;")["name"] == HOSTILE
          and catalogue.get_product(db, "P'1\";")["name"] == HOSTILE
          and settings.get(db, HOSTILE) == HOSTILE
          and db.execute("SELECT count(*) FROM users").fetchone()[0] == 3)
    db.close()
    return Result("security", "names with quotes and semicolons", 5, ok,
                  "stored verbatim, no table touched" if ok else "hostile text changed the database")


CHECKS = [check_pins, check_roles, check_sql_quotes, *security_more.CHECKS, money_reads.check_money_reads]


def run() -> list[Result]:
    results = []
    for check in CHECKS:
        with tempfile.TemporaryDirectory() as tmp:
            results.append(check(Path(tmp)))
    return results
