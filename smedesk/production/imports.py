"""Import and export of the catalogue as CSV or XLSX.

An import checks every row first and reports every bad row with its line
number; if any row is bad nothing is imported. Re-importing the same file
updates what is there (by code, SKU, name), it never duplicates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from smedesk.core import audit
from smedesk.core.db import row, rows, tx
from smedesk.core.errors import RowErrors, ValidationError
from smedesk.core.i18n import tr
from smedesk.core.money import from_cents, to_decimal
from smedesk.core.roles import Actor, require, require_view
from smedesk.production import catalogue as cat
from smedesk.production.tabular import read_table, write_table

HEADERS = {
    "materials": ["code", "name", "unit", "price", "currency", "waste_pct"],
    "products": ["sku", "name", "unit"],
    "bom": ["sku", "material_code", "qty", "unit"],
    "routing": ["sku", "seq", "step", "std_minutes", "rate_per_hour"],
    "overhead": ["name", "monthly_amount"],
}
OPTIONAL = {
    "materials": ("supplier", "valid_from"),
    # name_en and hs_code matter only to a workshop that exports: optional
    "products": ("name_en", "hs_code", "gtin", "min_order", "price", "description", "description_en"),
    "bom": ("size", "colour"),
    "routing": ("piece_rate",),
    "overhead": (),
}
KINDS = tuple(HEADERS)
# Spanish headings (as tabular.header_key writes them: no accents, lower case)
# for the columns above, so a sheet made by hand in Spanish imports as it is.
ALIASES = {
    "codigo": "code", "nombre": "name", "unidad": "unit", "unid": "unit", "precio": "price",
    "precio unitario": "price", "precio por unidad": "price", "moneda": "currency", "merma": "waste_pct",
    "merma %": "waste_pct", "% merma": "waste_pct", "proveedor": "supplier", "vigente desde": "valid_from",
    "fecha": "valid_from", "fecha del precio": "valid_from", "nombre en ingles": "name_en",
    "nombre ingles": "name_en", "partida arancelaria": "hs_code", "subpartida": "hs_code",
    "subpartida nacional": "hs_code", "codigo de barras": "gtin", "pedido minimo": "min_order",
    "descripcion": "description", "descripcion en ingles": "description_en", "material": "material_code",
    "codigo de material": "material_code", "codigo material": "material_code", "cantidad": "qty",
    "talla": "size", "color": "colour", "orden": "seq", "n": "seq", "no": "seq", "nro": "seq", "paso": "step",
    "minutos": "std_minutes", "minutos estandar": "std_minutes", "tiempo estandar": "std_minutes",
    "tarifa por hora": "rate_per_hour", "costo por hora": "rate_per_hour", "pago por hora": "rate_per_hour",
    "pago por pieza": "piece_rate", "destajo": "piece_rate", "monto mensual": "monthly_amount",
    "gasto mensual": "monthly_amount", "monto al mes": "monthly_amount",
}


@dataclass(frozen=True)
class ImportResult:
    kind: str
    rows: int
    created: int
    updated: int


def _check(items, check) -> tuple[list, list[tuple[int, str]]]:
    good, errors = [], []
    for line, record in items:
        try:
            good.append((line, record, check(record)))
        except ValidationError as exc:
            errors.append((line, exc.message))
    return good, errors


def _repeated(good, key, errors) -> None:
    seen: dict = {}
    for line, _record, clean in good:
        k = key(clean)
        if k in seen:
            errors.append((line, tr("repeats line {line}", line=seen[k])))
        else:
            seen[k] = line


def _plan_materials(db, items, errors):
    def check(r):
        clean = cat.clean_material(r)
        if r.get("valid_from"):
            cat._date(r["valid_from"])
        return clean

    good, bad = _check(items, check)
    errors += bad
    _repeated(good, lambda c: c["code"], errors)
    return good


def _plan_products(db, items, errors):
    good, bad = _check(items, cat.clean_product)
    errors += bad
    _repeated(good, lambda c: c["sku"], errors)
    return good


def _product_id(db, sku: str) -> int:
    found = cat.get_product(db, (sku or "").strip())
    if found is None:
        raise ValidationError(tr("There is no product «{sku}».", sku=sku), field="sku")
    return found["id"]


def _plan_bom(db, items, errors):
    def check(r):
        pid = _product_id(db, r["sku"])
        line = cat.clean_bom_line(db, {"material_code": r["material_code"], "qty": r["qty"], "unit": r["unit"]})
        return {"product_id": pid, "size": (r.get("size") or "").strip().upper(),
                "colour": (r.get("colour") or "").strip(), "line": line}

    good, bad = _check(items, check)
    errors += bad
    _repeated(good, lambda c: (c["product_id"], c["size"], c["colour"], c["line"]["material_id"]), errors)
    return good


def _plan_routing(db, items, errors):
    def check(r):
        pid = _product_id(db, r["sku"])
        step = {"seq": r["seq"], "name": r["step"], "std_minutes": r["std_minutes"],
                "rate_per_hour": r["rate_per_hour"] or "0", "piece_rate": r.get("piece_rate") or None}
        return {"product_id": pid, "step": cat.clean_steps([step])[0]}

    good, bad = _check(items, check)
    errors += bad
    seen: dict = {}
    by_product: dict[int, list] = defaultdict(list)
    for line, _r, clean in good:
        key = (clean["product_id"], clean["step"]["seq"])
        if key in seen:
            errors.append((line, tr("the step order {seq} repeats line {line}: a routing cannot go in a circle",
                                    seq=key[1], line=seen[key])))
        seen.setdefault(key, line)
        by_product[clean["product_id"]].append((line, clean["step"]))
    for found in by_product.values():
        if all(s["std_minutes"] == "0" and s["piece_rate_cents"] is None for _line, s in found):
            errors.append((found[0][0], tr("the routing has no time: every step has 0 minutes")))
    return good


def _plan_overhead(db, items, errors):
    def check(r):
        name = cat._text(r["name"], "name")
        amount = to_decimal(r["monthly_amount"], field="monthly_amount")
        if amount < 0:
            raise ValidationError(tr("«{field}» cannot be negative.", field=cat.label("monthly_amount")))
        return {"name": name, "amount": amount}

    good, bad = _check(items, check)
    errors += bad
    _repeated(good, lambda c: c["name"].casefold(), errors)
    return good


PLANS = {"materials": _plan_materials, "products": _plan_products, "bom": _plan_bom,
         "routing": _plan_routing, "overhead": _plan_overhead}


def import_file(db, kind: str, path: Path | str, *, actor: Actor) -> ImportResult:
    """Check every row of the file, then import all of it, or nothing."""
    require(actor, "catalogue.edit")
    if kind not in HEADERS:
        raise ValidationError(tr("Unknown import «{kind}» (use: {kinds})", kind=kind, kinds=", ".join(KINDS)),
                              field="kind")
    items = read_table(path, HEADERS[kind], OPTIONAL[kind], ALIASES)
    errors: list[tuple[int, str]] = []
    good = PLANS[kind](db, items, errors)
    if errors:
        raise RowErrors(tr("Rows with errors: {count}. Nothing was imported.", count=len({n for n, _ in errors})),
                        sorted(errors))
    if not good:
        raise RowErrors(tr("The file has no rows to import."), [(1, tr("only a header"))])
    with tx(db):
        created, updated = WRITERS[kind](db, good, actor)
        audit.record(db, actor, "catalogue.import", kind, None, file=Path(path).name, rows=len(good),
                     created=created, updated=updated)
    return ImportResult(kind, len(good), created, updated)


def _write_materials(db, good, actor):
    created = 0
    for _line, record, clean in good:
        created += cat.get_material(db, clean["code"]) is None
        cat.save_material(db, {**clean, "price": clean["price"]}, actor=actor,
                          valid_from=record.get("valid_from") or None, source="import")
    return created, len(good) - created


def _write_products(db, good, actor):
    created = 0
    for _line, record, clean in good:
        found = cat.get_product(db, clean["sku"])
        created += found is None
        data = dict(clean)
        # a sheet without the export columns leaves a product's export data alone
        for key in ("name_en", "hs_code"):
            if key not in record and found is not None:
                data[key] = found[key] or ""
        if "price_cents" in data:
            data["price"] = from_cents(data.pop("price_cents"))
        cat.save_product(db, data, actor=actor)
    return created, len(good) - created


def _write_bom(db, good, actor):
    groups: dict[tuple, list] = defaultdict(list)
    for _line, _record, clean in good:
        groups[(clean["product_id"], clean["size"], clean["colour"])].append(clean["line"])
    created = 0
    for (pid, size, colour), lines in groups.items():
        variant_id = None
        if size or colour:
            variant_id = cat.save_variant(db, pid, size=size, colour=colour, actor=actor)
        created += not row(db, "SELECT 1 AS x FROM bom_lines WHERE product_id = ? AND variant_id IS ?",
                           [pid, variant_id])
        cat.set_bom(db, pid, [{"material_id": ln["material_id"], "qty": ln["qty"], "unit": ln["unit"],
                               "note": ln["note"]} for ln in lines], variant_id=variant_id, actor=actor)
    return created, len(groups) - created


def _write_routing(db, good, actor):
    groups: dict[int, list] = defaultdict(list)
    for _line, _record, clean in good:
        s = clean["step"]
        groups[clean["product_id"]].append({
            "seq": s["seq"], "name": s["name"], "std_minutes": s["std_minutes"],
            "rate_per_hour": from_cents(s["rate_per_hour_cents"]),
            "piece_rate": None if s["piece_rate_cents"] is None else from_cents(s["piece_rate_cents"]),
        })
    created = 0
    for pid, found in groups.items():
        created += not cat.steps(db, pid)
        cat.set_routing(db, pid, found, actor=actor)
    return created, len(groups) - created


def _write_overhead(db, good, actor):
    created = 0
    for _line, _record, clean in good:
        created += row(db, "SELECT 1 AS x FROM overhead_items WHERE name = ?", [clean["name"]]) is None
        cat.save_overhead(db, clean["name"], clean["amount"], actor=actor)
    return created, len(good) - created


WRITERS = {"materials": _write_materials, "products": _write_products, "bom": _write_bom,
           "routing": _write_routing, "overhead": _write_overhead}


# ---- export ---------------------------------------------------------------------

def export_file(db, kind: str, path: Path | str) -> Path:
    """Write the catalogue's `kind` table with the import headers (plus optional columns)."""
    require_view(db, "catalogue.edit")
    if kind not in HEADERS:
        raise ValidationError(tr("Unknown import «{kind}» (use: {kinds})", kind=kind, kinds=", ".join(KINDS)),
                              field="kind")
    header = HEADERS[kind] + [c for c in OPTIONAL[kind] if c not in ("valid_from", "description", "description_en")]
    if kind == "products":  # the export columns right after the name, as before
        header = ["sku", "name", "name_en", "unit", "hs_code", "gtin", "min_order", "price"]
    return write_table(path, header, EXPORTERS[kind](db))


def _export_materials(db):
    return [[m["code"], m["name"], m["unit"], from_cents(m["price_cents"]), m["currency"], m["waste_pct"],
             m["supplier"]] for m in cat.list_materials(db)]


def _export_products(db):
    return [[p["sku"], p["name"], p["name_en"], p["unit"], p["hs_code"], p["gtin"], p["min_order"],
             "" if p["price_cents"] is None else from_cents(p["price_cents"])] for p in cat.list_products(db)]


def _export_bom(db):
    return [[r["sku"], r["code"], r["qty"], r["unit"], r["size"] or "", r["colour"] or ""] for r in rows(
        db, "SELECT p.sku, m.code, b.qty, b.unit, v.size, v.colour FROM bom_lines b"
            " JOIN products p ON p.id = b.product_id JOIN materials m ON m.id = b.material_id"
            " LEFT JOIN variants v ON v.id = b.variant_id WHERE p.deleted_at IS NULL ORDER BY p.sku, v.id, b.id")]


def _export_routing(db):
    return [[r["sku"], r["seq"], r["name"], r["std_minutes"], from_cents(r["rate_per_hour_cents"]),
             "" if r["piece_rate_cents"] is None else from_cents(r["piece_rate_cents"])] for r in rows(
        db, "SELECT p.sku, s.* FROM routing_steps s JOIN products p ON p.id = s.product_id"
            " WHERE p.deleted_at IS NULL ORDER BY p.sku, s.seq")]


def _export_overhead(db):
    return [[o["name"], from_cents(o["monthly_cents"])] for o in cat.overhead_items(db)]


EXPORTERS = {"materials": _export_materials, "products": _export_products, "bom": _export_bom,
             "routing": _export_routing, "overhead": _export_overhead}
