"""What orders still need of each material.

Per piece, a material's quantity is Σ of its bill-of-materials lines, each
converted exactly into the material's unit, × (1 + waste % ÷ 100). An order
still needs, per material, pieces × per-piece quantity minus what its jobs
already consumed (release consumes it all at once; by the business setting
`stock.consume = step` it goes as pieces pass the step that uses it), never
below zero. A draft has consumed nothing."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from smedesk.core import settings, units
from smedesk.core.db import rows

HUNDRED = Decimal(100)
ZERO = Decimal(0)
PROMISING = ("released", "in_production", "finished")
OPEN = ("draft", *PROMISING)

settings.define("stock.consume", "release", "choice:release,step",
                "When an order takes its materials out of stock: at release, or step by step as scans are counted")


class PerPiece:
    """Per-piece material quantities per (product, variant), loaded once for many orders."""

    def __init__(self, db, product_ids):
        ids = sorted({int(p) for p in product_ids})
        self.materials = {m["id"]: m for m in rows(
            db, "SELECT id, code, name, unit, waste_pct, supplier, price_cents, currency FROM materials")}
        self.lines: dict[int, list[dict]] = defaultdict(list)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            if not part:
                continue
            for b in rows(db, f"SELECT product_id, variant_id, material_id, qty, unit FROM bom_lines"
                              f" WHERE product_id IN ({', '.join('?' * len(part))}) ORDER BY id", part):
                self.lines[b["product_id"]].append(b)
        self._cache: dict[tuple[int, int | None], dict[int, Decimal]] = {}

    def of(self, product_id: int, variant_id: int | None) -> dict[int, Decimal]:
        key = (product_id, variant_id)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute(product_id, variant_id)
        return found

    def _compute(self, product_id, variant_id) -> dict[int, Decimal]:
        lines = self.lines.get(product_id, [])
        base = [ln for ln in lines if ln["variant_id"] is None]
        if variant_id is not None:
            own = [ln for ln in lines if ln["variant_id"] == variant_id]
            overridden = {ln["material_id"] for ln in own}
            base = [ln for ln in base if ln["material_id"] not in overridden] + own
        out: dict[int, Decimal] = {}
        for ln in base:
            m = self.materials[ln["material_id"]]
            qty = units.convert(Decimal(ln["qty"]), ln["unit"], m["unit"])
            qty *= 1 + Decimal(m["waste_pct"] or "0") / HUNDRED
            out[m["id"]] = out.get(m["id"], ZERO) + qty
        return out


def consume_mode(db) -> str:
    return settings.get(db, "stock.consume") or "release"


def open_orders(db, states=OPEN) -> list[dict]:
    return rows(db, f"SELECT id, number, state, due_date, released_at FROM orders WHERE deleted_at IS NULL"
                    f" AND state IN ({', '.join('?' * len(states))}) ORDER BY due_date, number", list(states))


def remaining_by_order(db, orders: list[dict], per_piece: PerPiece | None = None, *,
                       whole: bool = False) -> dict[int, dict[int, Decimal]]:
    """{order id: {material id: quantity still needed}} for the given orders
    (with `whole`, the order's entire need, what its jobs took included)."""
    if not orders:
        return {}
    ids = [o["id"] for o in orders]
    drafts = [o["id"] for o in orders if o["state"] == "draft"]
    items: list[tuple[int, int, int, int, int | None]] = []  # (order, job or 0, qty, product, variant)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        items += [(r[0], r[1], r[2], r[3], r[4]) for r in db.execute(
            f"SELECT order_id, id, qty, product_id, variant_id FROM jobs WHERE order_id IN ({marks})", part)]
    for chunk in range(0, len(drafts), 500):
        part = drafts[chunk:chunk + 500]
        marks = ", ".join("?" * len(part))
        items += [(r[0], 0, r[1], r[2], r[3]) for r in db.execute(
            f"SELECT order_id, qty, product_id, variant_id FROM order_lines WHERE order_id IN ({marks})", part)]
    per_piece = per_piece or PerPiece(db, {i[3] for i in items})
    consumed = {} if whole else job_consumed(db, [i[1] for i in items if i[1]])
    out: dict[int, dict[int, Decimal]] = {}
    for order_id, job_id, qty, product_id, variant_id in items:
        need = out.setdefault(order_id, {})
        for material_id, pp in per_piece.of(product_id, variant_id).items():
            left = qty * pp - consumed.get((job_id, material_id), ZERO)
            if left > 0:
                need[material_id] = need.get(material_id, ZERO) + left
    return out


def consumed_by_orders(db, order_ids: list[int]) -> dict[int, Decimal]:
    """{material id: what the given orders' jobs took out of stock, net}."""
    out: dict[int, Decimal] = {}
    for chunk in range(0, len(order_ids), 500):
        part = order_ids[chunk:chunk + 500]
        for material_id, qty in db.execute(
                f"SELECT t.material_id, t.qty FROM stock_job_totals t JOIN jobs j ON j.id = t.job_id"
                f" WHERE t.reason = 'consume' AND t.material_id IS NOT NULL"
                f" AND j.order_id IN ({', '.join('?' * len(part))})", part):
            out[material_id] = out.get(material_id, ZERO) + Decimal(qty)
    return out


def job_consumed(db, job_ids: list[int]) -> dict[tuple[int, int], Decimal]:
    """{(job, material): net quantity the job took out of stock}."""
    out: dict[tuple[int, int], Decimal] = {}
    for chunk in range(0, len(job_ids), 500):
        part = job_ids[chunk:chunk + 500]
        for job_id, material_id, qty in db.execute(
                f"SELECT job_id, material_id, qty FROM stock_job_totals WHERE reason = 'consume'"
                f" AND material_id IS NOT NULL AND job_id IN ({', '.join('?' * len(part))})", part):
            out[(job_id, material_id)] = Decimal(qty)
    return out


def promised(db, *, exclude_order: int | None = None) -> dict[int, Decimal]:
    """{material id: what released orders (other than `exclude_order`) still need}."""
    orders = [o for o in open_orders(db, PROMISING) if o["id"] != exclude_order]
    total: dict[int, Decimal] = {}
    for need in remaining_by_order(db, orders).values():
        for material_id, qty in need.items():
            total[material_id] = total.get(material_id, ZERO) + qty
    return total
