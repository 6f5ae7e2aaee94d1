"""Searching the stored processes: words through the FTS5 index (accents and
capitals do not matter), CUBSO/UNSPSC prefixes, departments, amount range,
categories and methods."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from smedesk.core import money
from smedesk.core.db import rows
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import format_money
from smedesk.tenders.ocds import fold


def _forms(token: str) -> list[str]:
    """The word and its Spanish singular: 'carpetas' also finds 'CARPETA'."""
    forms = [token]
    lower = token.lower()
    if len(lower) > 4 and lower.endswith("es"):
        forms.append(token[:-2])
    if len(lower) > 3 and lower.endswith("s"):
        forms.append(token[:-1])
    return forms


def fts_query(words: str) -> str:
    """Every word must appear, each as a prefix ('carpeta' finds 'CARPETAS')."""
    clauses = []
    for token in re.findall(r"\w+", words or ""):
        forms = " OR ".join(f'"{f}"*' for f in _forms(token))
        clauses.append(f"({forms})")
    return " AND ".join(clauses)


def clean_codes(codes) -> list[str]:
    found = []
    for code in codes or []:
        code = str(code).strip()
        if not code:
            continue
        if not code.isdigit():
            raise ValidationError(tr("«{code}» is not a CUBSO or UNSPSC code: use digits only", code=code),
                                  field="codes")
        found.append(code)
    return found


@dataclass
class Criteria:
    """What to look for. Attributes: words, codes (CUBSO/UNSPSC prefixes),
    departments, categories, methods, min_cents, max_cents, ending_after
    (UTC ISO: only processes whose tender ends after it), ids (limit to these
    process ids, a temp table name)."""

    words: str = ""
    codes: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    min_cents: int | None = None
    max_cents: int | None = None
    ending_after: str | None = None
    within: str | None = None

    def check(self) -> Criteria:
        self.codes = clean_codes(self.codes)
        if self.min_cents is not None and self.max_cents is not None and self.min_cents > self.max_cents:
            raise ValidationError(tr("The lowest amount is higher than the highest"), field="min")
        return self


def cents_or_none(value, field: str) -> int | None:
    if value in (None, ""):
        return None
    amount = money.to_decimal(value, field=field, allow_negative=False)
    return money.to_cents(amount)


def _where(criteria: Criteria) -> tuple[list[str], list]:
    where, params = [], []
    query = fts_query(criteria.words)
    if query:
        where.append("p.id IN (SELECT rowid FROM seace_fts WHERE seace_fts MATCH ?)")
        params.append(query)
    if criteria.codes:
        likes = " OR ".join("i.cubso LIKE ? OR i.unspsc LIKE ?" for _ in criteria.codes)
        where.append(f"EXISTS (SELECT 1 FROM seace_items i WHERE i.process_id = p.id AND ({likes}))")
        for code in criteria.codes:
            params += [code + "%", code + "%"]
    if criteria.departments:
        names = [fold(d) for d in criteria.departments if d.strip()]
        where.append(f"p.department IN ({', '.join('?' * len(names))})")
        params += names
    if criteria.categories:
        where.append(f"p.category IN ({', '.join('?' * len(criteria.categories))})")
        params += list(criteria.categories)
    if criteria.methods:
        where.append(f"lower(p.method) IN ({', '.join('lower(?)' for _ in criteria.methods)})")
        params += list(criteria.methods)
    if criteria.min_cents is not None:
        where.append("p.amount_cents >= ?")
        params.append(criteria.min_cents)
    if criteria.max_cents is not None:
        where.append("p.amount_cents <= ?")
        params.append(criteria.max_cents)
    if criteria.ending_after:
        where.append("p.tender_end >= ?")
        params.append(criteria.ending_after)
    return where, params


def process_view(found: dict) -> dict:
    found["amount"] = None if found["amount_cents"] is None else money.from_cents(found["amount_cents"])
    return found


def search(db, criteria: Criteria, *, limit: int | None = 500, interest_id: int | None = None) -> list[dict]:
    """Matching processes, newest call first; `mark` is new/changed for the
    interest (or for any saved search when none is given), else None."""
    criteria.check()
    where, params = _where(criteria)
    # without a saved search, a process shows the mark any saved search gave it
    mark_sql = ("(SELECT CASE WHEN max(kind = 'new') THEN 'new' ELSE 'changed' END"
                " FROM seace_marks m WHERE m.process_id = p.id HAVING count(*) > 0)")
    mark_params = []
    if interest_id is not None:
        mark_sql = "(SELECT kind FROM seace_marks m WHERE m.interest_id = ? AND m.process_id = p.id)"
        mark_params = [interest_id]
    # `within` (a temp table of ids, after an import) drives the query from those
    # few rows instead of the whole store
    source = (f"temp.{criteria.within} t CROSS JOIN seace_processes p ON p.id = t.id" if criteria.within
              else "seace_processes p")
    sql = (
        f"SELECT p.id, p.ocid, p.title, p.description, p.buyer, p.buyer_ruc, p.department, p.method,"
        f" p.category, p.status, p.amount_cents, p.currency, p.published, p.enquiry_end, p.tender_end,"
        f" {mark_sql} AS mark FROM {source}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + ("" if criteria.within else " ORDER BY p.published DESC, p.id DESC")
        + (" LIMIT ?" if limit else "")
    )
    return [process_view(r) for r in rows(db, sql, [*mark_params, *params, *([limit] if limit else [])])]


def options(db) -> dict[str, list[str]]:
    """Departments, categories and methods present in the store (methods are open-ended)."""
    def distinct(column: str) -> list[str]:
        return [r["v"] for r in rows(db, f"SELECT DISTINCT {column} AS v FROM seace_processes"
                                         f" WHERE {column} != '' ORDER BY {column}")]
    return {"departments": distinct("department"), "categories": distinct("category"),
            "methods": distinct("method")}


def amount_text(amount: Decimal | None) -> str:
    return tr("not published") if amount is None else format_money(amount)
