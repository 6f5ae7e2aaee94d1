from hypothesis import given
from hypothesis import strategies as st

from smedesk.core.business import CODE_ALPHABET
from smedesk.tracking import trackcodes

serials = st.integers(min_value=0, max_value=32**5 - 1)
prefixes = st.text(alphabet=CODE_ALPHABET, min_size=3, max_size=3)


def test_code_is_nine_characters_with_prefix():
    code = trackcodes.make_code("KQX", 1)
    # serial 1 → "AAAAB" (A is digit 0, B is 1 in the alphabet)
    assert code[:8] == "KQXAAAAB" and len(code) == 9


def test_pretty_form_groups_prefix_serial_check():
    assert trackcodes.pretty("KQXAAAABZ") == "KQX-AAAAB-Z"


def test_typed_code_with_dashes_and_lower_case_is_normalized():
    code = trackcodes.make_code("KQX", 77)
    assert trackcodes.normalize(trackcodes.pretty(code).lower()) == code


@given(prefixes, serials, st.integers(min_value=0, max_value=8), st.sampled_from(CODE_ALPHABET))
def test_any_single_wrong_character_is_caught(prefix, serial, pos, ch):
    code = trackcodes.make_code(prefix, serial)
    typo = code[:pos] + ch + code[pos + 1:]
    assert trackcodes.is_well_formed(typo) == (typo == code)


@given(prefixes, serials, st.integers(min_value=0, max_value=7))
def test_swapped_neighbours_are_caught(prefix, serial, pos):
    code = trackcodes.make_code(prefix, serial)
    swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2:]
    assert trackcodes.is_well_formed(swapped) == (swapped == code)


def test_step_names_fold_accents_and_case():
    assert trackcodes.fold("Confección final") == "CONFECCIONFINAL"
    assert trackcodes.step_card_code("Lijado") == "PASOLIJADO"
    assert trackcodes.step_card_code(3) == "PASO3"
