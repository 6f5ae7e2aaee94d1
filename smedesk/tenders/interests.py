"""Interests: saved searches. After each pull or import, the processes that
are new or changed and match a saved search are marked for it; the owner
clears the marks once seen. Deadlines come from the saved searches too."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from smedesk.core import audit, clock
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.roles import Actor, require
from smedesk.tenders.search import Criteria, cents_or_none, clean_codes, search

LISTS = ("codes", "departments", "categories", "methods")


def _list(value) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    return [str(v).strip() for v in value or [] if str(v).strip()]


def clean(data: dict) -> dict:
    name = str(data.get("name") or "").strip()
    if not name:
        raise ValidationError(tr("The saved search needs a name"), field="name")
    if len(name) > 80:
        raise ValidationError(tr("The name is too long (80 characters at most)"), field="name")
    cleaned = {"name": name, "words": str(data.get("words") or "").strip()}
    for key in LISTS:
        cleaned[key] = _list(data.get(key))
    cleaned["codes"] = clean_codes(cleaned["codes"])
    cleaned["min_cents"] = cents_or_none(data.get("min"), "min")
    cleaned["max_cents"] = cents_or_none(data.get("max"), "max")
    if cleaned["min_cents"] is not None and cleaned["max_cents"] is not None \
            and cleaned["min_cents"] > cleaned["max_cents"]:
        raise ValidationError(tr("The lowest amount is higher than the highest"), field="min")
    if not (cleaned["words"] or any(cleaned[k] for k in LISTS)
            or cleaned["min_cents"] is not None or cleaned["max_cents"] is not None):
        raise ValidationError(tr("Say what to look for: words, a code, a department or an amount"),
                              field="words")
    cleaned["product_id"] = data.get("product_id") or None
    return cleaned


def save(db, data: dict, *, actor: Actor, interest_id: int | None = None) -> int:
    """Create (or with interest_id, change) a saved search; marks what it matches
    already as new, so the owner sees them once."""
    require(actor, "seace")
    cleaned = clean(data)
    values = dict(cleaned)
    for key in LISTS:
        values[key] = json.dumps(cleaned[key], ensure_ascii=False)
    now = clock.now_iso()
    with tx(db):
        if interest_id is None:
            values.update(created_at=now, uid=uuid.uuid4().hex, updated_at=now)
            cur = db.execute(f"INSERT INTO seace_interests ({', '.join(values)})"
                             f" VALUES ({', '.join('?' * len(values))})", list(values.values()))
            interest_id = cur.lastrowid
            action = "seace.interest.add"
        else:
            if get(db, interest_id) is None:
                raise ValidationError(tr("There is no such saved search"), field="name")
            values["updated_at"] = now
            db.execute(f"UPDATE seace_interests SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                       [*values.values(), interest_id])
            db.execute("DELETE FROM seace_marks WHERE interest_id = ?", [interest_id])
            action = "seace.interest.edit"
        audit.record(db, actor, action, "seace_interests", interest_id, name=cleaned["name"])
    return interest_id


def delete(db, interest_id: int, *, actor: Actor) -> None:
    require(actor, "seace")
    with tx(db):
        found = get(db, interest_id)
        if found is None:
            raise ValidationError(tr("There is no such saved search"))
        db.execute("DELETE FROM seace_marks WHERE interest_id = ?", [interest_id])
        db.execute("UPDATE seace_interests SET deleted_at = ?, updated_at = ? WHERE id = ?",
                   [clock.now_iso(), clock.now_iso(), interest_id])
        audit.record(db, actor, "seace.interest.delete", "seace_interests", interest_id, name=found["name"])


def _decode(found: dict) -> dict:
    for key in LISTS:
        found[key] = json.loads(found[key] or "[]")
    return found


def get(db, interest_id: int) -> dict | None:
    found = row(db, "SELECT * FROM seace_interests WHERE id = ? AND deleted_at IS NULL", [interest_id])
    return None if found is None else _decode(found)


def list_interests(db) -> list[dict]:
    """Saved searches with how many new and changed processes each has."""
    found = rows(db, "SELECT s.*,"
                     " (SELECT count(*) FROM seace_marks m WHERE m.interest_id = s.id AND kind = 'new') AS new,"
                     " (SELECT count(*) FROM seace_marks m WHERE m.interest_id = s.id AND kind = 'changed')"
                     " AS changed FROM seace_interests s WHERE deleted_at IS NULL ORDER BY s.name")
    return [_decode(f) for f in found]


def criteria(interest: dict, **extra) -> Criteria:
    return Criteria(words=interest["words"], codes=interest["codes"], departments=interest["departments"],
                    categories=interest["categories"], methods=interest["methods"],
                    min_cents=interest["min_cents"], max_cents=interest["max_cents"], **extra)


def results(db, interest_id: int, *, limit: int | None = 500) -> list[dict]:
    interest = get(db, interest_id)
    if interest is None:
        raise ValidationError(tr("There is no such saved search"))
    return search(db, criteria(interest), limit=limit, interest_id=interest_id)


def mark(db, new: list[str], changed: list[str]) -> None:
    """Mark, for every saved search, the new and changed processes it matches.
    A process still marked new stays new when it changes again."""
    if not (new or changed):
        return
    db.execute("CREATE TEMP TABLE IF NOT EXISTS seace_touched (id INTEGER PRIMARY KEY, kind TEXT NOT NULL)")
    db.execute("DELETE FROM temp.seace_touched")
    for kind, ocids in (("new", new), ("changed", changed)):
        for start in range(0, len(ocids), 500):
            chunk = ocids[start:start + 500]
            db.execute(f"INSERT OR IGNORE INTO temp.seace_touched (id, kind) SELECT id, ? FROM seace_processes"
                       f" WHERE ocid IN ({', '.join('?' * len(chunk))})", [kind, *chunk])
    now = clock.now_iso()
    fresh = set(new)
    for interest in list_interests(db):
        for found in search(db, criteria(interest, within="seace_touched"), limit=None):
            kind = "new" if found["ocid"] in fresh else "changed"
            db.execute("INSERT INTO seace_marks (interest_id, process_id, kind, at) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT(interest_id, process_id) DO UPDATE SET at = excluded.at,"
                       " kind = CASE WHEN seace_marks.kind = 'new' THEN 'new' ELSE excluded.kind END",
                       [interest["id"], found["id"], kind, now])
    db.execute("DELETE FROM temp.seace_touched")


def mark_seen(db, interest_id: int, *, actor: Actor) -> int:
    """Clear the new/changed marks of a saved search; returns how many."""
    require(actor, "seace")
    with tx(db):
        cur = db.execute("DELETE FROM seace_marks WHERE interest_id = ?", [interest_id])
    return cur.rowcount


def deadlines(db, *, days: int = 14, limit: int = 20) -> list[dict]:
    """Enquiry and tender ends in the coming days for processes the saved
    searches match (all processes when there is no saved search), soonest first."""
    now = clock.now()
    start, end = clock.iso(now), clock.iso(now + dt.timedelta(days=days))
    saved = list_interests(db)
    found: dict[int, dict] = {}
    for crit in ([criteria(i, ending_after=start) for i in saved] or [Criteria(ending_after=start)]):
        for proc in search(db, crit, limit=None):
            found[proc["id"]] = proc
    events = []
    for proc in found.values():
        for kind, when in (("enquiry", proc["enquiry_end"]), ("tender", proc["tender_end"])):
            if when and start <= when <= end:
                events.append({"kind": kind, "when": when, **proc})
    return sorted(events, key=lambda e: e["when"])[:limit]
