"""Searching the store: words without caring for accents or capitals, codes,
departments, amounts."""

import pytest

from smedesk.core.errors import ValidationError
from smedesk.tenders.search import Criteria, fts_query, options, search
from tests.seace.builder import release
from tests.seace.helpers import load


@pytest.fixture
def stocked(sdb, boss):
    load(sdb, boss,
         release(1, item="CARPETAS ESCOLARES BIPERSONALES", department="LIMA", amount=50000.0,
                 cubso="5610151700000001", date="2026-09-01T10:00:00-05:00"),
         release(2, item="POLO DE ALGODÓN PARA EDUCACIÓN FÍSICA", department="JUNÍN", amount=8000.0,
                 cubso="5310161900000002", date="2026-09-02T10:00:00-05:00", method="Comparación de Precios"),
         release(3, item="MESA DE MADERA PARA COMEDOR", department="CUSCO", amount=0.0,
                 cubso="5610151900000003", date="2026-09-03T10:00:00-05:00"))
    return sdb


def ocids(found):
    return sorted(int(p["ocid"][-1]) for p in found)


def test_lower_case_finds_upper_case(stocked):
    assert ocids(search(stocked, Criteria(words="carpetas"))) == [1]


def test_singular_finds_plural(stocked):
    assert ocids(search(stocked, Criteria(words="carpeta escolar"))) == [1]


def test_plural_finds_singular(stocked):
    assert ocids(search(stocked, Criteria(words="mesas"))) == [3]


def test_accents_do_not_matter(stocked):
    assert ocids(search(stocked, Criteria(words="algodon educacion"))) == [2]
    assert ocids(search(stocked, Criteria(words="ALGODÓN"))) == [2]


def test_all_words_must_appear(stocked):
    assert search(stocked, Criteria(words="carpeta algodon")) == []


def test_punctuation_in_words_is_harmless(stocked):
    assert ocids(search(stocked, Criteria(words='"mesa" (madera* -'))) == [3]


def test_cubso_prefix(stocked):
    assert ocids(search(stocked, Criteria(codes=["561015"]))) == [1, 3]


def test_unspsc_code(stocked):
    assert ocids(search(stocked, Criteria(codes=["53101619"]))) == [2]


def test_code_with_letters_is_refused(stocked):
    with pytest.raises(ValidationError) as info:
        search(stocked, Criteria(codes=["56x"]))
    assert info.value.field == "codes"


def test_department_without_accent_or_capitals(stocked):
    assert ocids(search(stocked, Criteria(departments=["junin"]))) == [2]


def test_amount_range_leaves_out_unpublished(stocked):
    # 8,000 and 50,000 are published; the 0.0 one is "not published"
    assert ocids(search(stocked, Criteria(min_cents=100_000))) == [1, 2]
    assert ocids(search(stocked, Criteria(max_cents=1_000_000))) == [2]


def test_min_above_max_is_refused(stocked):
    with pytest.raises(ValidationError):
        search(stocked, Criteria(min_cents=5, max_cents=1))


def test_unpublished_amount_is_none_not_zero(stocked):
    found = search(stocked, Criteria(words="mesa"))[0]
    assert found["amount"] is None


def test_newest_first(stocked):
    assert [p["ocid"][-1] for p in search(stocked, Criteria())] == ["3", "2", "1"]


def test_methods_filter_is_case_insensitive(stocked):
    assert ocids(search(stocked, Criteria(methods=["comparación de precios"]))) == [2]


def test_options_list_what_is_stored(stocked):
    assert options(stocked)["departments"] == ["CUSCO", "JUNIN", "LIMA"]


def test_fts_query_quotes_every_word():
    assert fts_query('mesa"') == '("mesa"*)'
