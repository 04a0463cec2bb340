"""The codes the pathway search's ?field= and ?home= take, in the partner API: ISCED-F broad fields of education and
municipalities with their NUTS 3 region and centre."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from skills import selectors
from skills.models import Municipality
from skills.serializers import EducationFieldSerializer, MunicipalitySerializer
from tests.api.factories import region_chain
from tests.api.test_api_costs import drf_item
from tests.factories import EducationFieldFactory, MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    """The items, without their created and modified times (test_sync.py checks those)."""
    assert response.status_code == 200, response.content
    items = response.json()["results"]
    for item in items:
        assert item.pop("created") <= item.pop("modified")
    return items


def codes(response) -> list[str]:
    return [item["code"] for item in results(response)]


@pytest.fixture
def homes() -> None:
    """Oulu and Raahe in North Ostrobothnia (FI1D9), Kokkola in Central Ostrobothnia (FI1D5), Skellefteå in
    Västerbotten (SE331)."""
    finland, sweden = region_chain("FI"), region_chain("SE")
    central = RegionFactory(
        code="FI1D5",
        code_2024="FI1D5",
        name_en="Central Ostrobothnia",
        parent=finland[2],
    )
    MunicipalityFactory(code="FI564", region=finland[3])
    MunicipalityFactory(
        code="FI678",
        name_fi="Raahe",
        name_sv="Brahestad",
        name_en="Raahe",
        region=finland[3],
    )
    MunicipalityFactory(
        code="FI272",
        name_fi="Kokkola",
        name_sv="Karleby",
        name_en="Kokkola",
        region=central,
    )
    MunicipalityFactory(
        code="SE2482",
        name_fi="Skellefteå",
        name_sv="Skellefteå",
        name_en="Skellefteå",
        region=sweden[3],
        latitude=Decimal("64.75067"),
        longitude=Decimal("20.95279"),
    )


# --- fields of education ---------------------------------------------------------------------------------------------


def test_fields_of_education_come_in_code_order_with_their_names_in_every_language(
    api_client,
):
    EducationFieldFactory(code="07")
    EducationFieldFactory(
        code="00",
        name_fi="Yleissivistävä koulutus",
        name_sv="",
        name_en="Generic programmes",
    )

    items = results(api_client.get("/api/v1/education-fields/"))

    assert items == [
        {
            "code": "00",
            "name": {
                "fi": "Yleissivistävä koulutus",
                "sv": None,
                "en": "Generic programmes",
            },
        },
        {
            "code": "07",
            "name": {
                "fi": "Tekniikan alat",
                "sv": "Teknik, tillverkning och byggverksamhet",
                "en": "Engineering, manufacturing and construction",
            },
        },
    ]


def test_a_field_of_education_is_found_by_its_two_digit_code(api_client):
    EducationFieldFactory(code="07")

    assert api_client.get("/api/v1/education-fields/07/").json()["code"] == "07"
    assert api_client.get("/api/v1/education-fields/7/").status_code == 404
    assert api_client.get("/api/v1/education-fields/a%00b/").status_code == 404


# --- municipalities --------------------------------------------------------------------------------------------------


def test_a_municipality_gives_its_names_region_country_and_centre_as_numbers(
    api_client, homes
):
    items = {
        item["code"]: item
        for item in results(api_client.get("/api/v1/municipalities/"))
    }

    assert list(items) == ["FI272", "FI564", "FI678", "SE2482"]
    assert items["FI564"] == {
        "code": "FI564",
        "name": {"fi": "Oulu", "sv": "Uleåborg", "en": "Oulu"},
        "region": "FI1D9",
        "country": "FI",
        "latitude": 65.0121,
        "longitude": 25.4651,
    }
    assert (items["SE2482"]["region"], items["SE2482"]["country"]) == ("SE331", "SE")
    assert (items["SE2482"]["latitude"], items["SE2482"]["longitude"]) == (
        64.75067,
        20.95279,
    )


def test_a_municipality_is_found_by_its_code(api_client, homes):
    detail = api_client.get("/api/v1/municipalities/SE2482/")

    assert detail.status_code == 200
    assert detail.json()["name"]["sv"] == "Skellefteå"
    assert api_client.get("/api/v1/municipalities/SE9999/").status_code == 404


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"region": "FI1D9"}, ["FI564", "FI678"]),
        # A larger region gives the municipalities of every NUTS 3 region inside it.
        ({"region": "FI1D"}, ["FI272", "FI564", "FI678"]),
        ({"region": "SE"}, ["SE2482"]),
        ({"country": "FI"}, ["FI272", "FI564", "FI678"]),
        ({"country": "SE"}, ["SE2482"]),
        ({"country": "SE", "region": "FI1D9"}, []),
        ({"country": "FI", "region": "FI1D5"}, ["FI272"]),
    ],
)
def test_the_municipality_filters_narrow_the_list(
    api_client, homes, parameters, expected
):
    response = api_client.get("/api/v1/municipalities/", parameters)

    assert codes(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("region", "XX999"), ("country", "XX"), ("region", "a\x00b")],
)
def test_an_unknown_filter_value_is_a_400_naming_the_parameter(
    api_client, parameter, value
):
    response = api_client.get("/api/v1/municipalities/", {parameter: value})

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_region_is_explained_in_the_requests_language(api_client, language):
    response = api_client.get(
        "/api/v1/municipalities/",
        {"region": "XX999"},
        headers={"accept-language": language},
    )

    with translation.override(language):
        expected = gettext(
            "Select a valid choice. That choice is not one of the available choices."
        )
    assert response.json() == {"region": [expected]}


# --- what they cost, and that the fast path writes what DRF writes ----------------------------------------------------


def more_municipalities(count: int) -> None:
    """`count` more municipalities of North Ostrobothnia, in one query."""
    region, start = region_chain("FI")[3], Municipality.objects.count()
    Municipality.objects.bulk_create(
        Municipality(
            code=f"FI{number:03d}",
            name_fi=f"Kunta {number}",
            name_sv=f"Kommun {number}",
            name_en=f"Municipality {number}",
            region=region,
            latitude=Decimal("65.00000"),
            longitude=Decimal("25.00000"),
        )
        for number in range(start, start + count)
    )


def test_the_municipality_list_does_the_same_queries_for_1_and_200_rows(
    api_client, django_assert_num_queries
):
    more_municipalities(1)
    # 1 count, 2 municipalities + region (joined)
    with django_assert_num_queries(2):
        assert (
            api_client.get("/api/v1/municipalities/", {"page_size": 200}).json()[
                "count"
            ]
            == 1
        )
    more_municipalities(199)
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/municipalities/", {"page_size": 200})
    assert len(response.json()["results"]) == 200
    # 1 the region the filter names, 2 count, 3 municipalities
    with django_assert_num_queries(3):
        response = api_client.get(
            "/api/v1/municipalities/",
            {"region": "FI1D", "country": "FI", "page_size": 200},
        )
    assert len(response.json()["results"]) == 200


def test_the_field_list_does_two_queries_for_1_and_all_11_fields(
    api_client, django_assert_num_queries
):
    EducationFieldFactory(code="00")
    with django_assert_num_queries(2):
        api_client.get("/api/v1/education-fields/")
    for code in range(1, 11):
        EducationFieldFactory(code=f"{code:02d}")
    with django_assert_num_queries(2):
        assert api_client.get("/api/v1/education-fields/").json()["count"] == 11


@pytest.mark.parametrize(
    "address", ["/api/v1/municipalities/FI564/", "/api/v1/education-fields/07/"]
)
def test_each_detail_does_one_query(
    api_client, django_assert_num_queries, homes, address
):
    EducationFieldFactory(code="07")
    with django_assert_num_queries(1):
        assert api_client.get(address).status_code == 200


@pytest.mark.parametrize(
    ("address", "records", "serializer_class"),
    [
        (
            "/api/v1/municipalities/",
            selectors.municipalities_for_api,
            MunicipalitySerializer,
        ),
        (
            "/api/v1/education-fields/",
            selectors.education_fields_for_api,
            EducationFieldSerializer,
        ),
    ],
)
def test_lists_and_details_write_what_drf_writes_for_the_same_records(
    api_client, rf, homes, address, records, serializer_class
):
    EducationFieldFactory(code="07")
    EducationFieldFactory(code="10", name_sv="")
    request = rf.get("/api/v1/")

    listed = api_client.get(address).json()["results"]
    expected = [drf_item(serializer_class, record, request) for record in records()]

    assert listed == expected
    for item in listed:
        detail = api_client.get(f"{address}{item['code']}/").json()
        assert detail == item
        assert list(detail) == serializer_class.Meta.fields
