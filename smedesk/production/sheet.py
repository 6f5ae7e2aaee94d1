"""A product's whole sheet (data, materials, steps, parts) saved in one
transaction, and its cost previewed from unsaved lines as the owner types."""

from __future__ import annotations

from smedesk.core.db import tx
from smedesk.core.errors import ValidationError
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue as cat
from smedesk.production import costing


def save_product_sheet(db, data: dict, *, bom_lines: list[dict], steps: list[dict],
                       parts: list[tuple[str, int]] | None = None, actor: Actor) -> int:
    """Create or update the product and replace its materials, steps and parts:
    all of it or, if anything is wrong, none of it."""
    require(actor, "catalogue.edit")
    cat.clean_product(data)
    for line in bom_lines:
        cat.clean_bom_line(db, line)
    cat.clean_steps(steps)
    with tx(db):
        product_id = cat.save_product(db, data, actor=actor)
        cat.set_bom(db, product_id, bom_lines, actor=actor)
        cat.set_routing(db, product_id, steps, actor=actor)
        if parts is not None:
            cat.set_parts(db, product_id, parts, actor=actor)
    return product_id


def preview_cost(db, bom_lines: list[dict], steps: list[dict], *, sku: str = "", name: str = "",
                 overrides: dict | None = None) -> tuple[costing.CostBreakdown, list[str]]:
    """Cost of lines not saved yet. Lines that cannot be read yet (a half-typed
    number, an unknown material) are left out and their problems returned."""
    problems: list[str] = []
    clean_bom = []
    for line in bom_lines:
        if not any(str(v or "").strip() for v in line.values()):
            continue
        try:
            c = cat.clean_bom_line(db, line)
        except ValidationError as exc:
            problems.append(exc.message)
            continue
        clean_bom.append({"variant_id": None, "material_id": c["material_id"], "qty": c["qty"], "unit": c["unit"]})
    route = []
    for n, step in enumerate(steps, start=1):
        if not any(str(v or "").strip() for k, v in step.items() if k != "seq"):
            continue
        try:
            (c,) = cat.clean_steps([{**step, "seq": n}])
        except ValidationError as exc:
            problems.append(exc.message)
            continue
        route.append(c)
    ids = ",".join(str(int(line["material_id"])) for line in clean_bom) or "0"
    ctx = costing.context(db, overrides=overrides, where=f"WHERE m.id IN ({ids})")
    product = {"id": 0, "sku": sku, "name": name}
    return costing.compute(ctx, product, clean_bom, route), problems
