"""The local store of processes: merging a release into the process's compiled
release (OCDS merge rules), keeping its read form, loading a process back, and
the full-text index.

Callers hold the transaction; saving returns what happened to the process:
"new", "changed", "unchanged" or "older" (an older release than the one kept).
"""

from __future__ import annotations

import hashlib
import json

from smedesk.core import clock
from smedesk.core.db import row, rows
from smedesk.tenders import merging, ocds

SCALARS = (
    "title", "description", "buyer", "buyer_ruc", "department", "method", "category",
    "status", "amount_cents", "currency", "published", "enquiry_start", "enquiry_end",
    "tender_start", "tender_end",
)
DEFAULTS = {"amount_cents": None, "currency": "PEN", "published": None, "enquiry_start": None,
            "enquiry_end": None, "tender_start": None, "tender_end": None}
SECTIONS = ("items", "documents", "awards", "contracts")


def load(db, ocid: str) -> dict | None:
    """A stored process with its items, documents, awards (with items) and contracts."""
    found = row(db, "SELECT * FROM seace_processes WHERE ocid = ?", [ocid])
    if found is None:
        return None
    pid = found["id"]
    found["items"] = rows(db, "SELECT position, item_id, description, cubso, unspsc, quantity, unit,"
                              " status, status_details, total_cents FROM seace_items"
                              " WHERE process_id = ? ORDER BY position", [pid])
    found["documents"] = rows(db, "SELECT doc_id, doc_type, title, url, format, published"
                                  " FROM seace_documents WHERE process_id = ? ORDER BY id", [pid])
    awards = rows(db, "SELECT id, award_id, status, date, supplier, supplier_ruc, value_cents"
                      " FROM seace_awards WHERE process_id = ? ORDER BY id", [pid])
    for award in awards:
        award["items"] = rows(db, "SELECT description, cubso, unspsc, quantity, unit, unit_price_cents"
                                  " FROM seace_award_items WHERE award_row_id = ? ORDER BY id",
                              [award.pop("id")])
    found["awards"] = awards
    found["contracts"] = rows(db, "SELECT contract_id, award_id, status, date_signed, value_cents"
                                  " FROM seace_contracts WHERE process_id = ? ORDER BY id", [pid])
    return found


def content_hash(process: dict) -> str:
    """What a person would see of the process; the release date is left out."""
    view = {key: process.get(key, DEFAULTS.get(key, "")) for key in SCALARS}
    view.update({key: process.get(key, []) for key in SECTIONS})
    text = json.dumps(view, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _legacy_fill(old: dict, merged: dict) -> dict:
    """A process kept before compiled releases were stored has only its read form:
    what the first merged release leaves empty is taken from it."""
    out = dict(merged)
    for key in SCALARS:
        if out.get(key) in (None, "") and old.get(key) not in (None, ""):
            out[key] = old[key]
    for key in SECTIONS:
        if not out.get(key) and old.get(key):
            out[key] = old[key]
    return out


def release_hash(release: dict) -> str:
    text = json.dumps(release, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save(db, release: dict, source: str = "") -> tuple[str, str]:
    """Merge one OCDS release into its process by the OCDS merge rules; the caller
    holds the transaction. Returns (ocid, outcome). A release older than the one
    last applied changes nothing ("older"); raises ocds.BadRelease if unreadable."""
    read = ocds.read_release(release)
    ocid = read["ocid"]
    kept = row(db, "SELECT id, release_date, release_hash, compiled, content_hash FROM seace_processes"
                   " WHERE ocid = ?", [ocid])
    if kept is not None and kept["release_date"] and read.get("release_date") \
            and read["release_date"] < kept["release_date"]:
        return ocid, "older"
    incoming = release_hash(release)
    if kept is not None and kept["release_hash"] == incoming:
        return ocid, "unchanged"
    compiled = merging.merge_release(ocds.loads(kept["compiled"]) if kept and kept["compiled"] else None, release)
    merged = ocds.read_release(compiled)
    if kept is not None and not kept["compiled"]:
        merged = _legacy_fill(load(db, ocid), merged)
    for key in SCALARS:
        merged.setdefault(key, DEFAULTS.get(key, ""))
    for key in SECTIONS:
        merged.setdefault(key, [])
    digest = content_hash(merged)
    now = clock.now_iso()
    if kept is not None and kept["content_hash"] == digest:
        db.execute("UPDATE seace_processes SET release_date = ?, release_hash = ?, compiled = ? WHERE id = ?",
                   [merged["release_date"], incoming, merging.dumps(compiled), kept["id"]])
        return ocid, "unchanged"
    values = {key: merged[key] for key in SCALARS}
    values.update(release_date=merged["release_date"], content_hash=digest, release_hash=incoming,
                  compiled=merging.dumps(compiled), changed_at=now, source=source)
    if kept is None:
        values.update(ocid=ocid, first_seen=now)
        cols = ", ".join(values)
        cur = db.execute(f"INSERT INTO seace_processes ({cols}) VALUES ({', '.join('?' * len(values))})",
                         list(values.values()))
        pid = cur.lastrowid
    else:
        pid = kept["id"]
        sets = ", ".join(f"{key} = ?" for key in values)
        db.execute(f"UPDATE seace_processes SET {sets} WHERE id = ?", [*values.values(), pid])
        for table in ("seace_items", "seace_documents", "seace_award_items", "seace_awards", "seace_contracts"):
            db.execute(f"DELETE FROM {table} WHERE process_id = ?", [pid])
        db.execute("DELETE FROM seace_fts WHERE rowid = ?", [pid])
    _write_children(db, pid, merged)
    db.execute(
        "INSERT INTO seace_fts (rowid, title, description, buyer, department, items) VALUES (?, ?, ?, ?, ?, ?)",
        [pid, merged["title"], merged["description"], merged["buyer"], merged["department"],
         " ".join(f"{i['description']} {i['cubso']} {i['unspsc']}" for i in merged["items"])],
    )
    return ocid, "new" if kept is None else "changed"


def _write_children(db, pid: int, process: dict) -> None:
    db.conn.executemany(
        "INSERT INTO seace_items (process_id, position, item_id, description, cubso, unspsc, quantity,"
        " unit, status, status_details, total_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(pid, i["position"], i["item_id"], i["description"], i["cubso"], i["unspsc"], i["quantity"],
          i["unit"], i["status"], i["status_details"], i["total_cents"]) for i in process["items"]],
    )
    db.conn.executemany(
        "INSERT INTO seace_documents (process_id, doc_id, doc_type, title, url, format, published)"
        " VALUES (?,?,?,?,?,?,?)",
        [(pid, d["doc_id"], d["doc_type"], d["title"], d["url"], d["format"], d["published"])
         for d in process["documents"]],
    )
    db.conn.executemany(
        "INSERT INTO seace_contracts (process_id, contract_id, award_id, status, date_signed, value_cents)"
        " VALUES (?,?,?,?,?,?)",
        [(pid, c["contract_id"], c["award_id"], c["status"], c["date_signed"], c["value_cents"])
         for c in process["contracts"]],
    )
    for award in process["awards"]:
        cur = db.execute(
            "INSERT INTO seace_awards (process_id, award_id, status, date, supplier, supplier_ruc, value_cents)"
            " VALUES (?,?,?,?,?,?,?)",
            [pid, award["award_id"], award["status"], award["date"], award["supplier"],
             award["supplier_ruc"], award["value_cents"]],
        )
        db.conn.executemany(
            "INSERT INTO seace_award_items (award_row_id, process_id, description, cubso, unspsc, quantity,"
            " unit, unit_price_cents) VALUES (?,?,?,?,?,?,?,?)",
            [(cur.lastrowid, pid, i["description"], i["cubso"], i["unspsc"], i["quantity"], i["unit"],
              i["unit_price_cents"]) for i in award["items"]],
        )


def get_state(db, key: str, default: str | None = None) -> str | None:
    found = row(db, "SELECT value FROM seace_state WHERE key = ?", [key])
    return default if found is None else found["value"]


def set_state(db, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM seace_state WHERE key = ?", [key])
        return
    db.execute(
        "INSERT INTO seace_state (key, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [key, value, clock.now_iso()],
    )
