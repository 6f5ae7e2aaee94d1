"""Registro de cambios in words: every action, table and detail key the code
records has a name the owner reads in Spanish (not `stock.count` or `day:`)."""

import ast
from pathlib import Path

import smedesk
from smedesk.core import i18n
from smedesk.ui.pages import audit_words

ROOT = Path(smedesk.__file__).parent

# the calls whose action or table is computed: what they can record
COMPUTED = {"actions": {"seace.interest.add", "seace.interest.edit", "einvoice.rc", "einvoice.ra",
                        "sale.create", "purchase.create"},
            "entities": {"materials", "products", "bom", "routing", "overhead"}}


def _recorded():
    actions, entities, keys = set(), set(), set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"):
                continue
            for place, found in ((2, actions), (3, entities)):
                arg = node.args[place]
                if isinstance(arg, ast.Constant):
                    found.add(arg.value)
            keys |= {k.arg for k in node.keywords if k.arg}
    return actions, entities, keys


def test_every_recorded_action_table_and_detail_has_words():
    actions, entities, keys = _recorded()
    assert "stock.count" in actions and "stock_moves" in entities and "day" in keys  # the scan finds them
    assert sorted((actions | COMPUTED["actions"]) - set(audit_words.ACTIONS)) == []
    assert sorted((entities | COMPUTED["entities"]) - set(audit_words.ENTITIES)) == []
    assert sorted(keys - set(audit_words.WORDS)) == []


def test_a_stock_count_reads_in_spanish():
    i18n.set_language("es")
    assert audit_words.action_text("stock.count") == "Conteo del almacén registrado"
    assert audit_words.entity_text("stock_moves") == "Movimientos de almacén"
    assert audit_words.detail_text({"day": "2026-12-01", "minimum": "4", "materials": 2}) == \
        "día: 01/12/2026 · mínimo: 4 · materiales: 2"


def test_the_codes_in_a_detail_read_in_words():
    i18n.set_language("es")
    from smedesk.sync import config  # noqa: F401 (defines the shop's settings)

    move = {"code": "LIJ", "day": "2026-12-01", "qty": "-6", "reason": "waste", "unit": "unit"}
    assert audit_words.detail_text(move, "stock_moves") == \
        "código: LIJ · día: 01/12/2026 · cantidad: -6 · motivo: Merma · unidad: unid."
    assert audit_words.detail_text({"new": "sent", "old": "draft"}, "quotations") == \
        "valor nuevo: Enviada al cliente · valor anterior: Borrador"
    assert audit_words.detail_text({"fields": ["customs_agent_cents", "title"]}, "export_plans") == \
        "campos: Agente de aduanas (S/), título"
    assert audit_words.subject_text("settings", "sync.shop_currency") == "Ajustes Moneda de los precios de la tienda"
    assert audit_words.subject_text("orders", 7) == "Pedidos 7"


def test_what_smedesk_did_by_itself_is_not_signed_system(db):
    from smedesk.core import audit
    from smedesk.core.roles import SYSTEM
    from smedesk.ui.pages.audit_page import log_rows

    i18n.set_language("es")
    audit.record(db, SYSTEM, "backup.create", "backup", None)
    [first] = log_rows(db, entity="backup", search="")["rows"]
    assert first[1:4] == ["smedesk (automático)", "Copia de seguridad hecha", "Copias de seguridad"]
    assert audit_words.who_text("Rosa", 1) == "Rosa"
