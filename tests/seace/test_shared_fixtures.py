"""Where ../shared is present: the builder's packages validate against the OCDS
schema, and the shared samples import to what truth.json says. Skipped otherwise."""

import json
from pathlib import Path

import pytest

from smedesk.tenders import importer, store
from tests.seace.builder import record_package, release, release_package

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
SCHEMAS = SHARED / "ocds-schema"
SAMPLES = SHARED / "seace"
RELEASE_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def validator(name):
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    if not SCHEMAS.is_dir():
        pytest.skip("no shared OCDS schemas here")
    release_schema = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = referencing.Registry().with_resource(
        RELEASE_URL, referencing.Resource.from_contents(release_schema, default_specification=referencing.jsonschema.DRAFT4))
    schema = json.loads((SCHEMAS / name).read_text())
    return jsonschema.Draft4Validator(schema, registry=registry)


AWARDED = release(9, award=("MUEBLES SOL", "20100000001", 180.0, 100.0, "2026-03-01T10:00:00-05:00"))


def test_built_record_package_is_valid_ocds():
    errors = list(validator("record-package-schema.json").iter_errors(record_package([release(1), AWARDED])))
    assert [e.message for e in errors] == []


def test_built_release_package_is_valid_ocds():
    errors = list(validator("release-package-schema.json").iter_errors(release_package([release(1), AWARDED])))
    assert [e.message for e in errors] == []


@pytest.fixture
def samples():
    if not (SAMPLES / "truth.json").is_file():
        pytest.skip("no shared SEACE samples here")
    return SAMPLES


def test_shared_samples_import_as_truth_says(sdb, boss, samples):
    files = sorted(samples.glob("records-page-*.json")) + [samples / "bulk-records.zip",
                                                            samples / "releases-updates.json"]
    report = importer.import_files(sdb, files, actor=boss)
    assert report.problems == []
    for truth in json.loads((samples / "truth.json").read_text()):
        kept = store.load(sdb, truth["ocid"])
        assert (kept["title"], kept["department"], kept["method"]) == (
            truth["title"], truth["department"], truth["method"])
        assert kept["status"] == truth.get("stage_after_updates", truth["stage"])
        expected = None if not truth["amount"] else round(truth["amount"] * 100)
        assert kept["amount_cents"] == expected
        if truth["award_unit_price"]:
            assert kept["awards"][0]["items"][0]["unit_price_cents"] == round(truth["award_unit_price"] * 100)
