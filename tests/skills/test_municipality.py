"""Municipalities: national codes with the country in front, a place in a NUTS 3 region, and the country from it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import translation

from skills.models import Municipality
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """Messages are compared in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


CODE_MESSAGE = "Enter FI and three digits (FI564) or SE and four digits (SE2580)."


def errors_of(municipality: Municipality) -> dict[str, list[str]]:
    try:
        municipality.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def luleå() -> Municipality:
    norrbotten = RegionFactory(
        code="SE332", code_2024="SE332", country="SE", name_en="Norrbotten County"
    )
    return MunicipalityFactory(
        code="SE2580",
        name_fi="Luulaja",
        name_sv="Luleå",
        name_en="Luleå",
        region=norrbotten,
        latitude=Decimal("65.5848"),
        longitude=Decimal("22.1547"),
    )


def test_a_finnish_kuntanumero_and_a_swedish_kommunkod_with_their_country_are_valid():
    assert errors_of(MunicipalityFactory()) == {}
    assert errors_of(luleå()) == {}


@pytest.mark.parametrize(
    "code", ["564", "FI56", "FI5640", "SE258", "SE25800", "fi564", "NO0301", "FI 564"]
)
def test_a_code_without_its_country_or_with_the_wrong_number_of_digits_is_refused(
    code,
):
    municipality = MunicipalityFactory.build(region=RegionFactory(), code=code)

    errors = errors_of(municipality)
    assert list(errors) == ["code"]
    assert CODE_MESSAGE in errors["code"]


def test_a_municipality_lies_in_a_nuts_3_region():
    north_and_east_finland = RegionFactory(code="FI1D", code_2024="FI1D", level=2)
    municipality = MunicipalityFactory.build(region=north_and_east_finland)

    assert list(errors_of(municipality)) == ["region"]


def test_coordinates_outside_the_globe_are_refused():
    municipality = MunicipalityFactory.build(
        region=RegionFactory(), latitude=Decimal("650.121"), longitude=Decimal("-254")
    )

    assert set(errors_of(municipality)) == {"latitude", "longitude"}


def test_the_country_is_the_regions_and_the_list_runs_by_name():
    oulu, luleå_ = MunicipalityFactory(), luleå()
    kempele = MunicipalityFactory(code="FI244", name_fi="Kempele", name_sv="Kempele", name_en="Kempele")  # fmt: skip

    assert (oulu.country, luleå_.country) == ("FI", "SE")
    assert list(Municipality.objects.all()) == [kempele, luleå_, oulu]
    assert list(oulu.region.municipalities.all()) == [kempele, oulu]
    with translation.override("sv"):
        assert str(luleå_) == "Luleå"
    with translation.override("fi"):
        assert str(luleå_) == "Luulaja"


def test_a_region_with_municipalities_cannot_be_deleted():
    oulu = MunicipalityFactory()

    with pytest.raises(ProtectedError):
        oulu.region.delete()
