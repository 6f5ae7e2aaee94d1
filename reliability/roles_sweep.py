"""Every domain function that asks for an owner permission, found by reading
the source, is called once as staff: each must refuse with PermissionDenied
before it reads or writes anything. New functions are covered as they land."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import smedesk
from smedesk.core.errors import PermissionDenied
from smedesk.core.roles import STAFF_PERMISSIONS

ROOT = Path(smedesk.__file__).parent
# functions staff may call for themselves: the case that needs the owner
OVERRIDES = {"tracking.worktime.add_step_time": {"user_id": -1}}  # time for someone else


def guarded_functions() -> list[tuple[str, str, str]]:
    """(module, function, permission) for each top-level function whose body
    calls require(actor, "<permission staff lack>")."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        if rel.parts[1] == "ui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "require" and len(call.args) == 2
                        and isinstance(call.args[1], ast.Constant)
                        and call.args[1].value not in STAFF_PERMISSIONS):
                    found.append((".".join(rel.parts), node.name, call.args[1].value))
                    break
    return found


def _placeholder(name: str, db, staff, tmp: Path):
    if name == "db":
        return db
    if name in ("actor", "by"):
        return staff
    if any(word in name for word in ("path", "folder", "file", "dest", "to", "out")):
        return tmp / "staff-attempt"
    if name.endswith(("_id", "id", "_no", "n")):
        return 1
    if name.endswith("s") and name not in ("status", "address"):
        return []
    return "1"


def attempts(db, staff, tmp: Path) -> dict:
    """{"module.function (permission)": callable} for every guarded function."""
    cases = {}
    for module, name, permission in guarded_functions():
        func = getattr(importlib.import_module(module), name)
        params = inspect.signature(func).parameters.values()
        args, kwargs = [], {}
        for p in params:
            if p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                if p.name == "actor":
                    kwargs["actor"] = staff
                continue
            value = _placeholder(p.name, db, staff, tmp)
            if p.kind == p.KEYWORD_ONLY:
                kwargs[p.name] = value
            else:
                args.append(value)
        kwargs.update(OVERRIDES.get(f"{module.removeprefix('smedesk.')}.{name}", {}))
        cases[f"{module.removeprefix('smedesk.')}.{name} ({permission})"] = (
            lambda func=func, args=args, kwargs=kwargs: func(*args, **kwargs))
    return cases


def refused_all(db, staff, tmp: Path) -> tuple[int, list[str]]:
    leaks = []
    cases = attempts(db, staff, tmp)
    for label, attempt in cases.items():
        try:
            attempt()
        except PermissionDenied:
            continue
        except Exception as exc:  # anything else means work began before the role check
            leaks.append(f"{label}: {type(exc).__name__}")
            continue
        leaks.append(f"{label}: allowed")
    return len(cases), leaks
