"""Audit log: every write made through the domain layer says who, what, when."""

from __future__ import annotations

import json

from smedesk.core import clock
from smedesk.core.db import rows


def record(db, actor, action: str, entity: str, entity_id=None, **detail) -> None:
    """Write one audit row; call inside the same transaction as the change."""
    db.execute(
        "INSERT INTO audit_log (at, user_id, user_name, action, entity, entity_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            clock.now_iso(),
            getattr(actor, "user_id", None),
            getattr(actor, "name", "system"),
            action,
            entity,
            None if entity_id is None else str(entity_id),
            json.dumps(detail, default=str, ensure_ascii=False, sort_keys=True),
        ),
    )


def recent(db, limit: int = 100, entity: str | None = None, search: str = "",
           user: str | None = None) -> list[dict]:
    """The latest audit rows, newest first, optionally filtered."""
    where, params = [], []
    if entity:
        where.append("entity = ?")
        params.append(entity)
    if user:
        where.append("user_name = ?")
        params.append(user)
    if search:
        where.append("(action LIKE ? OR detail LIKE ? OR entity_id LIKE ?)")
        params += [f"%{search}%"] * 3
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    return rows(db, f"SELECT * FROM audit_log {clause} ORDER BY id DESC LIMIT ?", [*params, limit])


def entities(db) -> list[str]:
    return [r["entity"] for r in rows(db, "SELECT DISTINCT entity FROM audit_log ORDER BY entity")]
