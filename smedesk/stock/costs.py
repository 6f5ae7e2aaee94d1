"""A product's unit cost with its materials at the average stock cost, beside
the list-price cost the Costos page shows. A material with no stock cost yet
keeps its list price."""

from __future__ import annotations

from decimal import Decimal

from smedesk.production import costing
from smedesk.stock.position import average_costs
from smedesk.stock.requirements import PerPiece

ZERO = Decimal(0)


def unit_cost_at_average(db, product_id: int, *, variant_id: int | None = None, as_of=None) -> dict:
    """{list_unit_cost, list_materials, materials, unit_cost, at_list (codes still at list price)}."""
    listed = costing.unit_cost(db, product_id, variant_id=variant_id, as_of=as_of)
    averages = average_costs(db)
    loaded = PerPiece(db, [product_id])
    per_piece = loaded.of(product_id, variant_id)
    codes = {m["code"]: mid for mid, m in loaded.materials.items() if mid in per_piece}
    materials, at_list = ZERO, []
    for line in listed.lines:
        if line.kind != "material":
            continue
        material_id = codes.get(line.reference)
        if material_id is None or material_id not in averages:
            materials += line.amount
            at_list.append(line.reference)
    for material_id, qty in per_piece.items():
        if material_id in averages:
            materials += qty * averages[material_id]
    return {"list_unit_cost": listed.unit_cost, "list_materials": listed.materials, "materials": materials,
            "unit_cost": listed.unit_cost - listed.materials + materials, "at_list": sorted(set(at_list))}
