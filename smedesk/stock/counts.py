"""Physical counts (conteo): what was found on the shelf, per material; the
difference from the stock on hand is recorded as a `count` movement. A count
file is all or nothing: every row is checked before anything is written."""

from __future__ import annotations

from pathlib import Path

from smedesk.core import audit
from smedesk.core.db import tx
from smedesk.core.errors import RowErrors, SmedeskError, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import canonical, to_decimal
from smedesk.core.roles import Actor, require
from smedesk.production import tabular
from smedesk.stock import moves

HEADER_WORDS = {"code", "codigo", "código", "material", "qty", "cantidad", "unit", "unidad",
                "counted", "contado", "conteo"}  # the page's count sheet heads its column «Contado»


def check_rows(db, found: list[tuple[int, list[str]]]) -> tuple[list[dict], list[tuple[int, str]]]:
    """(clean rows, problems as (line, reason)); nothing is written."""
    clean, errors, seen = [], [], {}
    if found and len(found[0][1]) > 1 and found[0][1][0].strip().lower() in HEADER_WORDS \
            and found[0][1][1].strip().lower() in HEADER_WORDS:
        found = found[1:]
    for line, cells in found:
        cells = [*cells, "", "", ""][:3]
        code, qty_text, unit = cells
        try:
            material = moves.require_material(db, code)
            if not qty_text:
                raise ValidationError(tr("The counted quantity is missing."))
            qty = to_decimal(qty_text, field="qty")
            if qty < 0:
                raise ValidationError(tr("A count cannot be negative ({qty}).", qty=qty_text))
            counted, given = moves.in_material_unit(material, qty, unit or None)
        except SmedeskError as exc:
            errors.append((line, exc.message))
            continue
        if material["id"] in seen:
            errors.append((line, tr("{code} is counted twice (also on line {other}).", code=material["code"],
                                    other=seen[material["id"]])))
            continue
        seen[material["id"]] = line
        clean.append({"material": material, "counted": counted, "entered": qty, "unit": given, "line": line})
    return clean, errors


def record_count(db, rows_in: list[tuple[int, list[str]]], *, day=None, note: str = "", actor: Actor) -> list[dict]:
    """Record a count; returns per material: code, unit, on_hand (before),
    counted, difference. Refuses the whole count when any row is wrong."""
    require(actor, "catalogue.edit")
    day = moves.parse_day(day)
    clean, errors = check_rows(db, rows_in)
    if errors:
        raise RowErrors(tr("The count was not recorded: fix these lines."), errors)
    if not clean:
        raise ValidationError(tr("The count file has no rows."), field="file")
    out = []
    with tx(db):
        for c in clean:
            m = c["material"]
            before = moves.balance(db, material_id=m["id"]).qty
            diff = c["counted"] - before
            if diff:
                moves.insert(db, reason="count", qty=diff, day=day, actor=actor, material=m,
                             entered_qty=c["entered"], entered_unit=c["unit"],
                             note=(note or "").strip() or tr("count"))
            out.append({"code": m["code"], "unit": m["unit"], "on_hand": before, "counted": c["counted"],
                        "difference": diff})
        audit.record(db, actor, "stock.count", "stock_moves", None, day=day, materials=len(out),
                     changed=sum(1 for o in out if o["difference"]),
                     detail={o["code"]: canonical(o["difference"]) for o in out})
    return out


def count_file(db, path: Path | str, *, day=None, note: str = "", actor: Actor) -> list[dict]:
    return record_count(db, tabular.read_rows(path), day=day, note=note, actor=actor)

