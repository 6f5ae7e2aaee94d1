"""A newer release that carries only what changed is merged into the process
by the OCDS merge rules (ocdsmerge), never wiping what it does not repeat."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import ocdsmerge
import pytest

from smedesk.tenders import importer, merging, ocds, store
from tests.seace.builder import release, release_package, write

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "ocds-schema" / "release-schema.json"
FIRST = "2026-09-26T11:00:00-05:00"
LATER = "2026-09-30T11:00:00-05:00"


def partial(full: dict, date: str, **sections) -> dict:
    """A release of the same process carrying only `sections` (what changed)."""
    return {"ocid": full["ocid"], "id": f"{full['ocid']}-{date}", "date": date, "tag": ["tenderUpdate"],
            **sections}


def imported(sdb, boss, tmp_path, *releases):
    for n, rel in enumerate(releases):
        importer.import_files(sdb, [write(tmp_path / f"r{n}.json", release_package([rel]))], actor=boss)
    return store.load(sdb, releases[0]["ocid"])


def reference(*releases) -> dict:
    """What the reference implementation compiles, read the way smedesk reads a release."""
    compiled = ocdsmerge.Merger(merge_rules=merging.MERGE_RULES).create_compiled_release(
        [ocds.loads(json.dumps(r)) for r in releases])
    return ocds.read_release(compiled)


VIEW = ("title", "description", "method", "status", "amount_cents", "buyer", "department", "published",
        "tender_end", "enquiry_end")


def test_a_release_with_only_the_value_keeps_everything_else(sdb, boss, tmp_path):
    full = release(1, amount=12500.0)
    update = partial(full, LATER, tender={"id": full["tender"]["id"], "value": {"amount": 13800.5, "currency": "PEN"}})
    kept = imported(sdb, boss, tmp_path, full, update)
    assert kept["amount_cents"] == 1380050
    assert (kept["title"], kept["method"], kept["buyer"], kept["department"]) == (
        "LP-SM-1-2026-UGEL-1", "Licitación Pública", "UGEL 01 SAN JUAN DE MIRAFLORES", "LIMA")
    assert kept["description"].startswith("CARPETA ESCOLAR") and kept["tender_end"] == "2026-10-05T16:00:00.000000Z"
    assert len(kept["items"]) == 1 and kept["items"][0]["cubso"] == "5610151700000001"
    assert {k: kept[k] for k in VIEW} == {k: reference(full, update)[k] for k in VIEW}


def test_a_release_with_only_the_tender_end_date(sdb, boss, tmp_path):
    full = release(2)
    update = partial(full, LATER, tender={"id": full["tender"]["id"],
                                          "tenderPeriod": {"endDate": "2026-10-12T11:00:00-05:00"}})
    kept = imported(sdb, boss, tmp_path, full, update)
    assert kept["tender_end"] == "2026-10-12T16:00:00.000000Z"
    assert kept["tender_start"] == "2026-09-26T16:00:00.000000Z"  # the start date the update did not repeat
    assert (kept["amount_cents"], kept["title"]) == (1250000, "LP-SM-2-2026-UGEL-1")
    assert {k: kept[k] for k in VIEW} == {k: reference(full, update)[k] for k in VIEW}


def test_a_release_with_only_an_award(sdb, boss, tmp_path):
    full = release(3)
    awarded = release(3, award=("MUEBLES SAC", "20601234567", 118.0, 100.0, LATER))
    update = partial(full, LATER, awards=awarded["awards"])
    kept = imported(sdb, boss, tmp_path, full, update)
    assert [(a["supplier"], a["value_cents"]) for a in kept["awards"]] == [("MUEBLES SAC", 1180000)]
    assert kept["awards"][0]["items"][0]["unit_price_cents"] == 11800
    assert (kept["title"], kept["amount_cents"], len(kept["documents"])) == ("LP-SM-3-2026-UGEL-1", 1250000, 1)
    assert kept["awards"] == reference(full, update)["awards"]


def test_an_item_is_merged_by_its_id_not_replaced(sdb, boss, tmp_path):
    full = release(4, quantity=100.0)
    item_id = full["tender"]["items"][0]["id"]
    update = partial(full, LATER, tender={"items": [{"id": item_id, "quantity": 120}]})
    kept = imported(sdb, boss, tmp_path, full, update)
    [item] = kept["items"]
    assert (item["quantity"], item["description"], item["unit"]) == ("120", "CARPETA ESCOLAR UNIPERSONAL DE MADERA",
                                                                     "UNIDAD")
    assert kept["items"] == reference(full, update)["items"]


def test_an_older_release_changes_nothing(sdb, boss, tmp_path):
    full = release(5, date=LATER, amount=20000.0)
    older = partial(full, FIRST, tender={"title": "OTRO", "value": {"amount": 1.0, "currency": "PEN"}})
    before = imported(sdb, boss, tmp_path, full)
    report = importer.import_files(sdb, [write(tmp_path / "old.json", release_package([older]))], actor=boss)
    assert report.older == 1
    assert store.load(sdb, full["ocid"]) == before


def test_three_partial_releases_match_the_reference_compiled_release(sdb, boss, tmp_path):
    full = release(6)
    value = partial(full, "2026-09-27T11:00:00-05:00", tender={"value": {"amount": 9999.99, "currency": "PEN"}})
    period = partial(full, "2026-09-28T11:00:00-05:00", tender={"tenderPeriod": {"endDate": "2026-10-20T11:00:00-05:00"}})
    award = partial(full, "2026-09-29T11:00:00-05:00", awards=release(
        6, award=("SILLAS EIRL", "20605555555", 50.0, 100.0, "2026-09-29T11:00:00-05:00"))["awards"])
    kept = imported(sdb, boss, tmp_path, full, value, period, award)
    expected = reference(full, value, period, award)
    assert {k: kept[k] for k in VIEW} == {k: expected[k] for k in VIEW}
    assert (kept["amount_cents"], kept["tender_end"], kept["awards"][0]["supplier"]) == (
        999999, "2026-10-20T16:00:00.000000Z", "SILLAS EIRL")


def test_incremental_merge_equals_compiling_all_releases_at_once():
    full = ocds.loads(json.dumps(release(7)))
    update = ocds.loads(json.dumps(partial(release(7), LATER, tender={"value": {"amount": 5, "currency": "PEN"}})))
    step = merging.merge_release(merging.merge_release(None, copy.deepcopy(full)), copy.deepcopy(update))
    assert step == merging.compile_releases([full, update])
    assert ocds.loads(merging.dumps(step)) == step  # stored and read back exactly
    assert step["tender"]["value"]["amount"] == Decimal(5)


def test_merge_rules_are_those_of_the_release_schema():
    if not SCHEMA.is_file():
        pytest.skip("../shared/fixtures/ocds-schema is not here")
    assert merging.MERGE_RULES == ocdsmerge.rules.get_merge_rules(str(SCHEMA))
