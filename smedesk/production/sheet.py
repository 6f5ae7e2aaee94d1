"""A product's whole sheet (data, materials, steps, parts) saved in one
transaction, and its cost previewed from unsaved lines as the owner types."""

from __future__ import annotations

from smedesk.core import audit, clock, settings
from smedesk.core.db import tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.numbers import read_number, write_number
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue as cat
from smedesk.production import costing


def set_product_active(db, product_id: int, active: bool, *, actor: Actor) -> None:
    """An inactive product stays in the books and in old orders, but leaves the
    catalogue for buyers and the lists of what is made."""
    require(actor, "catalogue.edit")
    with tx(db):
        db.execute("UPDATE products SET active = ?, updated_at = ? WHERE id = ?",
                   [1 if active else 0, clock.now_iso(), product_id])
        audit.record(db, actor, "product.active", "products", product_id, active=bool(active))


def save_product_sheet(db, data: dict, *, bom_lines: list[dict], steps: list[dict],
                       parts: list[tuple[str, int]] | None = None, active: bool | None = None,
                       actor: Actor) -> int:
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
        if active is not None and bool(cat.get_product(db, product_id)["active"]) != active:
            set_product_active(db, product_id, active, actor=actor)
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


def remove_overhead(db, item_id: int, *, actor: Actor) -> None:
    """Take an overhead item out of the month (kept as a tombstone for sync)."""
    require(actor, "catalogue.edit")
    now = clock.now_iso()
    with tx(db):
        db.execute("UPDATE overhead_items SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, item_id])
        audit.record(db, actor, "overhead.remove", "overhead_items", item_id)


def remove_variant(db, variant_id: int, *, actor: Actor) -> None:
    """Retire a size/colour: its own material lines go, old orders keep their reference."""
    require(actor, "catalogue.edit")
    now = clock.now_iso()
    with tx(db):
        db.execute("DELETE FROM bom_lines WHERE variant_id = ?", [variant_id])
        db.execute("UPDATE variants SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, variant_id])
        audit.record(db, actor, "variant.remove", "variants", variant_id)


def save_cost_settings(db, *, item: tuple[str, object] | None = None, hours_per_month=None, fx=None,
                       actor: Actor) -> dict:
    """What the Costos page saves at once: an overhead item (name, monthly amount),
    the productive hours per month and the exchange rate. Every check and every
    write happens in one transaction: all of it is saved, or none of it, and a
    second window saving at the same moment cannot mix its values with these.
    Returns the values now in force."""
    require(actor, "catalogue.edit")
    with tx(db):
        changed = {}
        for key, value in (("production.hours_per_month", hours_per_month), ("fx.usd_pen", fx)):
            if value in (None, ""):
                continue
            where = tr(settings.help_text(key))
            number = read_number(value, field=key, where=where)
            if number <= 0:
                raise ValidationError(tr("{what} must be more than zero.", what=where), field=key)
            if number != settings.get_decimal(db, key):
                changed[key] = write_number(number)
        if item is not None and (str(item[0] or "").strip() or str(item[1] or "").strip()):
            cat.save_overhead(db, item[0], item[1], actor=actor)
        for key, value in changed.items():
            settings.set(db, key, value, actor=actor)
        return {key: settings.get(db, key) for key in ("production.hours_per_month", "fx.usd_pen")}
