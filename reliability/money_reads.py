"""Money figures refused in the domain to a staff session and to a connection
nobody is bound to (roles.require_view, closed by default).

The reads are found by reading the source, not from a list kept by hand: every
public top-level function outside smedesk/ui, smedesk/printouts and the CLI,
demo and migration modules, whose first parameter is `db` and which takes no
`actor` (a read), and whose SQL selects a money column of the business (a
`*_cents`, `price`, `unit_price`, `rate_per_hour` or `piece_rate` column of a
table in the schema, named or through `*` / `alias.*`). Each must either call
`require_view` (it is then called as staff and unbound: both refused, and as
the owner: answered) or hand its rows through `roles.redact` (money fields
emptied for whoever may not see them). SEACE tables (`seace_*`) hold public
procurement data that the state publishes, and PUBLIC_TABLES hold figures the
law publishes (the UIT, SPOT rates): neither is the business's money.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import smedesk
from reliability.report import Result
from smedesk.core.errors import PermissionDenied
from smedesk.core.roles import MONEY_FIELD, bind

ROOT = Path(smedesk.__file__).parent
SKIP_PACKAGES = {"ui", "printouts"}
SKIP_MODULES = ("cli", "demo", "demo_photos")
PUBLIC_TABLE_PREFIX = "seace_"
# tables of figures the law publishes, the same for every business (not its money)
PUBLIC_TABLES = {"uit_values": "the UIT of each year, set by decree",
                 "spot_codes": "SUNAT's SPOT annex: rates and thresholds"}
STAR = re.compile(r"SELECT\s+(?:DISTINCT\s+)?\*", re.IGNORECASE)
ALIAS_STAR = re.compile(r"\b(\w+)\.\*")
TABLES = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b|ORDER\b|GROUP\b)(\w+))?",
                    re.IGNORECASE)


def money_tables(db) -> dict[str, list[str]]:
    """{table: its money columns} of the business's own tables, from the schema."""
    out = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table.startswith(PUBLIC_TABLE_PREFIX) or table in PUBLIC_TABLES:
            continue
        columns = [r[1] for r in db.execute(f"PRAGMA table_info('{table}')")]
        money = [c for c in columns if MONEY_FIELD.search(c)]
        if money:
            out[table] = money
    return out


def _sql_texts(node, constants: dict[str, str]) -> list[str]:
    """SQL strings in a function, with module-level string constants it splices
    into f-strings (PRICE_ON_DAY) read in."""
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.append(sub.value)
        elif isinstance(sub, ast.JoinedStr):
            parts = []
            for v in sub.values:
                if isinstance(v, ast.Constant):
                    parts.append(str(v.value))
                elif isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name):
                    parts.append(constants.get(v.value.id, ""))
            found.append(" ".join(parts))
    return [t for t in found if re.search(r"\bSELECT\b", t, re.IGNORECASE)]


def _private_calls(node, privates: dict) -> list:
    """The module's private functions this function calls by name."""
    return [privates[c.func.id] for c in ast.walk(node)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in privates]


def _constants(trees) -> dict[str, str]:
    out = {}
    for tree in trees:
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                out[node.targets[0].id] = node.value.value
    return out


def _selects_money(sql: str, tables: dict[str, list[str]]) -> str | None:
    """What money the SQL reads: a money column of a money table it reads from,
    or `*` / `alias.*` over one; None when it reads no money of the business."""
    aliases = {}
    for table, alias in TABLES.findall(sql):
        aliases[table] = table
        if alias:
            aliases[alias] = table
    read = {t for t in aliases.values() if t in tables}
    if not read:
        return None
    columns = {c for t in read for c in tables[t]}
    for name in re.findall(r"\b\w+\b", sql):
        if name in columns:
            return name
    if STAR.search(sql):
        return "*"
    for alias in ALIAS_STAR.findall(sql):
        if aliases.get(alias) in tables:
            return f"{alias}.*"
    return None


def money_reads(db) -> list[tuple[str, str, str, str]]:
    """(module, function, what it selects, guard) for every money read found;
    guard is "require_view", "redact" or "" (none: a leak)."""
    tables = money_tables(db)
    found = []
    modules = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        if rel.parts[1] in SKIP_PACKAGES or rel.parts[-1] in SKIP_MODULES or rel.parts[-1].startswith("migrations"):
            continue
        modules.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    constants = _constants(tree for _rel, tree in modules)
    for rel, tree in modules:
        privates = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("_")}
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            params = [a.arg for a in node.args.args + node.args.kwonlyargs]
            if not params or params[0] != "db" or "actor" in params:
                continue
            texts = _sql_texts(node, constants)
            for called in _private_calls(node, privates):  # a public read that hands over to `_read`
                texts += _sql_texts(called, constants)
            what = next((hit for hit in (_selects_money(s, tables) for s in texts) if hit), None)
            if what is None:
                continue
            calls = {getattr(c.func, "id", getattr(c.func, "attr", "")) for c in ast.walk(node)
                     if isinstance(c, ast.Call)}
            guard = "require_view" if "require_view" in calls else "redact" if "redact" in calls else ""
            found.append((".".join(rel.parts), node.name, what, guard))
    return found


def _placeholder(name: str, tmp: Path):
    if any(word in name for word in ("path", "folder", "file", "dest", "out")):
        return tmp / "read-attempt"
    if name in ("month",):
        return "2026-11"
    if name.endswith(("_id", "id", "_no")) or name in ("n", "limit"):
        return 1
    if name.endswith("s") and name not in ("status", "address"):
        return []
    return "1"


def call_for(module: str, name: str, db, tmp: Path):
    """A call of the read with placeholder arguments (what it finds does not matter)."""
    func = getattr(importlib.import_module(module), name)
    args, kwargs = [db], {}
    for p in list(inspect.signature(func).parameters.values())[1:]:
        if p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        value = _placeholder(p.name, tmp)
        if p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    return lambda: func(*args, **kwargs)


def check_money_reads(tmp: Path) -> Result:
    from reliability.security import _fresh

    db, owner, staff = _fresh(tmp)
    found = money_reads(db)
    unguarded = [f"{m.removeprefix('smedesk.')}.{n} ({what})" for m, n, what, guard in found if not guard]
    leaked, broken = [], []
    checked = [(m, n) for m, n, _w, guard in found if guard == "require_view"]
    for module, name in checked:
        call = call_for(module, name, db, tmp)
        label = f"{module.removeprefix('smedesk.')}.{name}"
        for who in (staff, None):
            bind(db, who)
            try:
                call()
                leaked.append(f"{label} ({'staff' if who else 'unbound'})")
            except PermissionDenied:
                pass
            except Exception:  # noqa: BLE001  any other answer came after the figures were read
                leaked.append(f"{label} ({'staff' if who else 'unbound'})")
        bind(db, owner)
        try:
            call()
        except PermissionDenied:
            broken.append(label)
        except Exception:  # noqa: BLE001  placeholder arguments may be refused otherwise: still answered
            pass
    db.close()
    ok = not unguarded and not leaked and not broken
    redacted = sum(1 for *_x, guard in found if guard == "redact")
    detail = (f"{len(found)} money reads found in the source: {len(checked)} refused to staff and to an unbound"
              f" connection and answered to the owner, {redacted} hand their figures only to the owner (redact)"
              if ok else f"no guard: {unguarded}; staff or unbound allowed: {leaked}; owner refused: {broken}")
    return Result("security", "money figures refused to staff and to nobody", len(found), ok, detail)
