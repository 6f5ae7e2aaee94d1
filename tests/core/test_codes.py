import pytest

from smedesk.core import codes
from smedesk.core.errors import ValidationError


def test_ruc_check_digit_by_hand():
    # 2 0 1 0 0 1 2 3 4 5 weighted 5,4,3,2,7,6,5,4,3,2:
    # 10+0+3+0+0+6+10+12+12+10 = 63; 63 mod 11 = 8; 11-8 = 3
    assert codes.ruc_check_digit("2010012345") == 3
    assert codes.validate_ruc("20100123453") == "20100123453"


def test_ruc_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError, match="dígito verificador") as info:
        codes.validate_ruc("20100123454")
    assert info.value.field == "ruc"


@pytest.mark.parametrize("bad", ["2010012345", "abcdefghijk", "30100123453", ""])
def test_ruc_shape_is_checked(bad):
    with pytest.raises(ValidationError):
        codes.validate_ruc(bad)


def test_ruc_agrees_with_python_stdnum():
    from stdnum.pe import ruc

    for first in ["2060514574", "1045678912", "2054872621"]:
        full = first + str(codes.ruc_check_digit(first))
        assert ruc.is_valid(full)


def test_dni():
    assert codes.validate_dni("45678912") == "45678912"
    with pytest.raises(ValidationError, match="8 dígitos"):
        codes.validate_dni("4567891")


def test_tax_id_tells_ruc_from_dni():
    assert codes.validate_tax_id("45678912") == ("dni", "45678912")
    assert codes.validate_tax_id("20100123453") == ("ruc", "20100123453")


def test_ean13():
    # 4006381333931: 4+0*3+0+6*3+3+8*3+1+3*3+3+3*3+9+3*3 = 89 -> (10-9)%10 = 1
    assert codes.validate_ean13("4006381333931")
    with pytest.raises(ValidationError):
        codes.validate_ean13("4006381333932")
