"""Every field the OCDS reader uses, set to each odd value or removed: the
release is stored or reported, never a crash (1e308 once overflowed céntimos)."""

import pytest

from reliability import fuzz_archives
from smedesk.tenders import importer
from tests.seace.builder import release

ODD = [None, "", [], {}, 1e308, -1e308, 1e-300, -1, True, "x" * 50, "NaN", "inf", "1e400", "9" * 30, "=1+1"]


@pytest.mark.parametrize("path", fuzz_archives.PATHS, ids=lambda p: ".".join(map(str, p)))
def test_odd_values_are_stored_or_reported(mem_db, path):
    from smedesk.core import users

    owner = users.owner_actor(mem_db)
    for value in ODD:
        for delete in (False, True):
            body = release(1)
            fuzz_archives._poke(body, path, value, delete)
            report = importer.import_package(mem_db, {"releases": [body]}, "x.json", actor=owner)
            assert all(reason.strip() for _w, reason in report.problems)


def test_a_tender_of_1e308_soles_is_kept_without_an_amount(mem_db):
    from smedesk.core import users
    from smedesk.core.db import scalar

    body = release(2)
    body["tender"]["value"]["amount"] = 1e308
    importer.import_package(mem_db, {"releases": [body]}, "x.json", actor=users.owner_actor(mem_db))
    assert scalar(mem_db, "SELECT count(*) FROM seace_processes") == 1
