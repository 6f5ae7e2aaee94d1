"""Orders take materials out of stock and put finished products in.

For each job, the quantity a material should have consumed by now is:
  released order, `stock.consume = release`: pieces × per-piece quantity;
  released order, `stock.consume = step`: pieces past the consuming step × per-piece;
  cancelled order: pieces past the consuming step × per-piece (the rest comes back).
`settle_job` compares that with what the job already took and records the
difference as one movement (consume, or return when it comes back). Finished
pieces come in as products when their last step is counted and go out when
the order is delivered. The consuming step of a material is the product's
first step unless `set_consuming_step` names another.
"""

from __future__ import annotations

from decimal import Decimal

from smedesk.core import audit, clock
from smedesk.core.db import row, rows, scalar, tx
from smedesk.core.errors import ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical
from smedesk.core.roles import Actor, require
from smedesk.production import catalogue
from smedesk.stock import moves
from smedesk.stock.requirements import PerPiece, consume_mode

ZERO = Decimal(0)
CONSUMING = ("released", "in_production", "finished", "delivered")


def done_at_step(db, job_id: int, seq: int, qty: int) -> int:
    """Pieces of the job counted at step `seq` (a piece labelled per part when
    every part was scanned; a bundle counts its quantity)."""
    done = scalar(
        db,
        "SELECT COALESCE(sum(q), 0) FROM (SELECT count(*) AS c, min(u.per_piece) AS pp, min(u.qty) AS q"
        " FROM scans s JOIN track_units u ON u.id = s.unit_id JOIN job_steps js ON js.id = s.job_step_id"
        " WHERE u.job_id = ? AND js.seq = ? AND s.undone_at IS NULL GROUP BY u.piece_no) WHERE c = pp",
        [job_id, seq],
    )
    return min(int(done or 0), qty)


def consuming_steps(db, product_id: int) -> dict[int, int]:
    return dict(db.execute("SELECT material_id, step_seq FROM stock_bom_steps WHERE product_id = ?",
                           [product_id]).fetchall())


def set_consuming_step(db, sku: str, material_code: str, step_seq: int, *, actor: Actor) -> None:
    """The step of `sku` whose scans use `material_code` (for `stock.consume = step`
    and for what a cancelled order gives back)."""
    require(actor, "catalogue.edit")
    product = catalogue.get_product(db, sku)
    if product is None:
        raise ValidationError(tr("There is no product «{sku}».", sku=sku), field="sku")
    material = moves.require_material(db, material_code, field="material")
    seqs = [s["seq"] for s in catalogue.steps(db, product["id"])]
    if step_seq not in seqs:
        raise ValidationError(tr("{sku} has no step number {seq}.", sku=product["sku"], seq=step_seq), field="step")
    with tx(db):
        db.execute("INSERT INTO stock_bom_steps (product_id, material_id, step_seq, updated_at) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT(product_id, material_id) DO UPDATE SET step_seq = excluded.step_seq,"
                   " updated_at = excluded.updated_at", [product["id"], material["id"], step_seq, clock.now_iso()])
        audit.record(db, actor, "stock.consuming_step", "products", product["id"], material=material["code"],
                     step=step_seq)


def _total(db, job_id, reason, *, material_id=None, product_id=None) -> Decimal:
    found = scalar(db, "SELECT qty FROM stock_job_totals WHERE job_id = ? AND reason = ? AND material_id IS ?"
                       " AND product_id IS ?", [job_id, reason, material_id, product_id])
    return Decimal(found) if found is not None else ZERO


def _set_total(db, job_id, reason, qty, *, material_id=None, product_id=None) -> None:
    db.execute("INSERT INTO stock_job_totals (job_id, material_id, product_id, reason, qty) VALUES (?, ?, ?, ?, ?)"
               " ON CONFLICT(job_id, reason, COALESCE(material_id, 0), COALESCE(product_id, 0))"
               " DO UPDATE SET qty = excluded.qty", [job_id, material_id, product_id, reason, canonical(qty)])


def settle_job(db, job: dict, state: str, *, mode: str, actor: Actor | None, per_piece: PerPiece | None = None,
               materials_too: bool = True) -> list[int]:
    """Bring the job's movements in line with its order's state and scans;
    call inside the writer's transaction. Returns the new movement ids."""
    made_ids = []
    day = clock.today_lima().isoformat()
    seqs = [r[0] for r in db.execute("SELECT seq FROM job_steps WHERE job_id = ? ORDER BY seq", [job["id"]])]
    if not seqs:
        return made_ids
    done_cache: dict[int, int] = {}

    def done(seq):
        if seq not in done_cache:
            done_cache[seq] = done_at_step(db, job["id"], seq, job["qty"])
        return done_cache[seq]

    if materials_too:
        per_piece = per_piece or PerPiece(db, [job["product_id"]])
        steps_of = consuming_steps(db, job["product_id"])
        for material_id, pp in per_piece.of(job["product_id"], job["variant_id"]).items():
            seq = steps_of.get(material_id)
            seq = seq if seq in seqs else seqs[0]
            if state == "cancelled" or (state in CONSUMING and mode == "step"):
                target = done(seq) * pp
            elif state in CONSUMING:
                target = job["qty"] * pp
            else:
                target = ZERO
            taken = _total(db, job["id"], "consume", material_id=material_id)
            delta = target - taken
            if delta:
                material = per_piece.materials[material_id]
                note = tr("order cancelled: not used") if delta < 0 and state == "cancelled" else ""
                made_ids.append(moves.insert(
                    db, reason="consume" if delta > 0 else "return", qty=-delta, day=day, actor=actor,
                    material=material, order_id=job["order_id"], job_id=job["id"], note=note))
                _set_total(db, job["id"], "consume", target, material_id=material_id)
    made_target = Decimal(done(seqs[-1]))
    for reason, target, sign in (("made", made_target, 1),
                                 ("delivered", made_target if state == "delivered" else ZERO, -1)):
        have = _total(db, job["id"], reason, product_id=job["product_id"])
        if target != have:
            made_ids.append(moves.insert(db, reason=reason, qty=sign * (target - have), day=day, actor=actor,
                                         product_id=job["product_id"], order_id=job["order_id"], job_id=job["id"]))
            _set_total(db, job["id"], reason, target, product_id=job["product_id"])
    return made_ids


def settle_order(db, order_id: int, *, actor: Actor | None) -> list[int]:
    state = scalar(db, "SELECT state FROM orders WHERE id = ?", [order_id])
    jobs = rows(db, "SELECT id, order_id, product_id, variant_id, qty FROM jobs WHERE order_id = ? ORDER BY id",
                [order_id])
    per_piece = PerPiece(db, [j["product_id"] for j in jobs])
    mode = consume_mode(db)
    out = []
    for job in jobs:
        out += settle_job(db, job, state, mode=mode, actor=actor, per_piece=per_piece)
    return out


def settle_after_scan(db, job_id: int, step_seq: int, unit_id: int, *, counted: bool,
                      actor: Actor | None) -> list[int]:
    """A scan of `unit_id` was counted (or undone) at `step_seq`. Only the
    piece it belongs to can have changed, so only that piece is looked at
    (a scan stays fast however large the job): when it became complete at the
    step (or stopped being), its material moves in step mode (or for a
    cancelled order), and at the last step the finished product moves."""
    job = row(db, "SELECT j.id, j.order_id, j.product_id, j.variant_id, j.qty, o.state FROM jobs j"
                  " JOIN orders o ON o.id = j.order_id WHERE j.id = ?", [job_id])
    if job is None:
        return []
    seqs = [r[0] for r in db.execute("SELECT seq FROM job_steps WHERE job_id = ? ORDER BY seq", [job_id])]
    materials_here = consume_mode(db) == "step" or job["state"] == "cancelled"
    if not seqs or (not materials_here and step_seq != seqs[-1]):
        return []
    unit = row(db, "SELECT piece_no, per_piece, qty FROM track_units WHERE id = ?", [unit_id])
    scanned = scalar(db, "SELECT count(*) FROM scans s JOIN track_units u ON u.id = s.unit_id"
                         " JOIN job_steps js ON js.id = s.job_step_id WHERE u.job_id = ? AND u.piece_no = ?"
                         " AND js.seq = ? AND s.undone_at IS NULL", [job_id, unit["piece_no"], step_seq])
    before = scanned - 1 if counted else scanned + 1
    now_done, was_done = scanned == unit["per_piece"], before == unit["per_piece"]
    if now_done == was_done:
        return []
    pieces = Decimal(unit["qty"]) * (1 if now_done else -1)
    day = clock.today_lima().isoformat()
    out = []
    if materials_here:
        per_piece = PerPiece(db, [job["product_id"]])
        steps_of = consuming_steps(db, job["product_id"])
        for material_id, pp in per_piece.of(job["product_id"], job["variant_id"]).items():
            seq = steps_of.get(material_id)
            if (seq if seq in seqs else seqs[0]) != step_seq:
                continue
            delta = pieces * pp
            taken = _total(db, job_id, "consume", material_id=material_id)
            out.append(moves.insert(db, reason="consume" if delta > 0 else "return", qty=-delta, day=day,
                                    actor=actor, material=per_piece.materials[material_id],
                                    order_id=job["order_id"], job_id=job_id))
            _set_total(db, job_id, "consume", taken + delta, material_id=material_id)
    if step_seq == seqs[-1]:
        made = _total(db, job_id, "made", product_id=job["product_id"])
        out.append(moves.insert(db, reason="made", qty=pieces, day=day, actor=actor, product_id=job["product_id"],
                                order_id=job["order_id"], job_id=job_id))
        _set_total(db, job_id, "made", made + pieces, product_id=job["product_id"])
    return out
