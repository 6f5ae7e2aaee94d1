"""Changes: the small value an operation returns to say what it changed."""

import pytest

from smedesk.core.changes import Changes, define


def test_a_change_touches_pages_following_one_of_its_kinds():
    assert Changes("orders", "scans").touches(("scans", "users"))
    assert not Changes("orders").touches(("catalogue", "settings"))


def test_a_page_following_nothing_is_touched_only_by_everything():
    assert not Changes("orders").touches(())
    assert Changes.all().touches(())


def test_an_unknown_kind_is_refused_at_once():
    with pytest.raises(ValueError, match="costing"):
        Changes("costing")


def test_changes_combine_and_compare_by_kinds():
    assert Changes("orders") | Changes("scans") == Changes("scans", "orders")
    assert not Changes() and Changes("orders")


def test_an_area_defines_its_own_kind():
    define("test_kind_for_this_test", "only here")
    assert Changes("test_kind_for_this_test").touches(("test_kind_for_this_test",))
