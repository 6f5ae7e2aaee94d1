"""Saved searches: new and changed after each import, deadlines."""

import pytest

from smedesk.core.errors import ValidationError
from smedesk.tenders import interests
from tests.seace.builder import release
from tests.seace.helpers import load


def desks(db, actor, **kw):
    return interests.save(db, {"name": "Carpetas", "words": "carpeta", **kw}, actor=actor)


def marks(db, interest_id):
    return {p["ocid"][-1]: p["mark"] for p in interests.results(db, interest_id)}


def test_new_processes_are_marked_new(sdb, boss):
    sid = desks(sdb, boss)
    load(sdb, boss, release(1), release(2, item="POLO"))
    assert marks(sdb, sid) == {"1": "new"}


def test_changed_process_is_marked_changed(sdb, boss):
    load(sdb, boss, release(1))
    sid = desks(sdb, boss)
    load(sdb, boss, release(1, date="2026-10-10T10:00:00-05:00", stage="DESIERTO"))
    assert marks(sdb, sid) == {"1": "changed"}


def test_new_stays_new_when_it_changes_before_being_seen(sdb, boss):
    sid = desks(sdb, boss)
    load(sdb, boss, release(1))
    load(sdb, boss, release(1, date="2026-10-10T10:00:00-05:00", stage="DESIERTO"))
    assert marks(sdb, sid) == {"1": "new"}


def test_same_import_again_marks_nothing(sdb, boss):
    load(sdb, boss, release(1))
    sid = desks(sdb, boss)
    load(sdb, boss, release(1))
    assert marks(sdb, sid) == {"1": None}


def test_mark_seen_clears_marks(sdb, boss):
    sid = desks(sdb, boss)
    load(sdb, boss, release(1))
    assert interests.mark_seen(sdb, sid, actor=boss) == 1
    assert marks(sdb, sid) == {"1": None}


def test_counts_in_the_list(sdb, boss):
    desks(sdb, boss)
    load(sdb, boss, release(1), release(2))
    assert [(i["name"], i["new"], i["changed"]) for i in interests.list_interests(sdb)] == [("Carpetas", 2, 0)]


def test_name_is_required(sdb, boss):
    with pytest.raises(ValidationError) as info:
        interests.save(sdb, {"name": " ", "words": "x"}, actor=boss)
    assert info.value.field == "name"


def test_something_to_look_for_is_required(sdb, boss):
    with pytest.raises(ValidationError) as info:
        interests.save(sdb, {"name": "Todo"}, actor=boss)
    assert info.value.field == "words"


def test_amounts_are_parsed_and_checked(sdb, boss):
    with pytest.raises(ValidationError) as info:
        interests.save(sdb, {"name": "x", "min": "5000", "max": "100"}, actor=boss)
    assert info.value.field == "min"
    sid = interests.save(sdb, {"name": "x", "min": "1,500.50"}, actor=boss)
    assert interests.get(sdb, sid)["min_cents"] == 150050


def test_codes_and_departments_from_text(sdb, boss):
    sid = interests.save(sdb, {"name": "x", "codes": "5610, 5310", "departments": "Lima,Junín"}, actor=boss)
    found = interests.get(sdb, sid)
    assert (found["codes"], found["departments"]) == (["5610", "5310"], ["Lima", "Junín"])


def test_deleted_search_disappears(sdb, boss):
    sid = desks(sdb, boss)
    interests.delete(sdb, sid, actor=boss)
    assert interests.list_interests(sdb) == []


def test_deadlines_in_the_coming_days(sdb, boss, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-09-28T12:00:00Z")
    desks(sdb, boss)
    load(sdb, boss,
         release(1, enquiry_end="2026-09-30T10:00:00-05:00", tender_end="2026-10-05T10:00:00-05:00"),
         release(2, enquiry_end="2026-09-20T10:00:00-05:00", tender_end="2026-12-30T10:00:00-05:00"),
         release(3, item="POLO", tender_end="2026-10-01T10:00:00-05:00"))
    found = [(e["ocid"][-1], e["kind"]) for e in interests.deadlines(sdb, days=14)]
    # 2 ends after 14 days; 3 is not what the saved search looks for
    assert found == [("1", "enquiry"), ("1", "tender")]


def test_deadlines_without_saved_searches_cover_everything(sdb, boss, monkeypatch):
    monkeypatch.setenv("SMEDESK_NOW", "2026-09-28T12:00:00Z")
    load(sdb, boss, release(3, item="POLO", enquiry_end="2026-09-01T10:00:00-05:00",
                            tender_end="2026-10-01T10:00:00-05:00"))
    assert [e["kind"] for e in interests.deadlines(sdb)] == ["tender"]


def test_all_calls_show_the_mark_of_any_saved_search(sdb, boss):
    from smedesk.tenders.search import Criteria, search

    desks(sdb, boss)
    load(sdb, boss, release(1), release(2, item="POLO"))
    assert {p["ocid"][-1]: p["mark"] for p in search(sdb, Criteria())} == {"1": "new", "2": None}
