"""Bad parameters are a 400 (a missing page a 404) naming the parameter in the request's language, never a 500;
pages hold 20 rows unless ?page_size= asks for 1 to 200."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db

BAD_PARAMETERS = [
    ("/api/v1/programmes/", "segment", "nope"),
    ("/api/v1/programmes/", "level", "12"),
    ("/api/v1/programmes/", "country", "XX"),
    ("/api/v1/programmes/", "region", "XX999"),
    ("/api/v1/programmes/", "kind", "nope"),
    ("/api/v1/programmes/", "language", "xx"),
    ("/api/v1/programmes/", "delivery", "nope"),
    ("/api/v1/programmes/", "open_to", "nope"),
    ("/api/v1/programmes/", "sort", "nope"),
    ("/api/v1/programmes/", "q", "x" * 201),
    ("/api/v1/skills/", "type", "nope"),
    ("/api/v1/skills/", "is_local", "maybe"),
    ("/api/v1/occupations/", "segment", "nope"),
    ("/api/v1/occupations/", "isco", "81x"),
    ("/api/v1/actors/", "kind", "nope"),
    ("/api/v1/actors/", "country", "XX"),
    ("/api/v1/actors/", "region", "XX999"),
    ("/api/v1/actors/", "segment", "nope"),
    ("/api/v1/competence-needs/", "status", "nope"),
    ("/api/v1/competence-needs/", "region", "XX999"),
    ("/api/v1/competence-needs/", "occupation", "nope"),
    ("/api/v1/competence-needs/", "is_example", "maybe"),
    ("/api/v1/competence-needs/", "target_year", "2028.5"),
    ("/api/v1/segments/", "page_size", "0"),
    ("/api/v1/segments/", "page_size", "201"),
    ("/api/v1/segments/", "page_size", "ten"),
]


@pytest.mark.parametrize(("address", "parameter", "value"), BAD_PARAMETERS)
def test_a_bad_parameter_is_a_400_that_names_the_parameter(
    api_client, address, parameter, value
):
    response = api_client.get(address, {parameter: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_code_is_explained_in_the_requests_language(api_client, language):
    response = api_client.get(
        "/api/v1/programmes/",
        {"segment": "nope"},
        headers={"accept-language": language},
    )

    with translation.override(language):
        expected = gettext(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": "nope"}
    assert response.json() == {"segment": [expected]}
    if language != "en":
        assert (
            expected
            != "Select a valid choice. nope is not one of the available choices."
        )


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pagination_messages_are_the_catalogues_text_in_the_requests_language(
    api_client, language
):
    headers = {"accept-language": language}

    page = api_client.get("/api/v1/segments/", {"page": 9999}, headers=headers)
    size = api_client.get("/api/v1/segments/", {"page_size": 500}, headers=headers)

    with translation.override(language):
        assert page.json() == {
            "page": [
                gettext("There is no page %(page)s of these results.")
                % {"page": "9999"}
            ]
        }
        assert size.json() == {
            "page_size": [
                gettext("Enter a whole number from 1 to %(max)s.") % {"max": 200}
            ]
        }


@pytest.mark.parametrize("value", ["9999", "0", "abc"])
def test_a_page_that_does_not_exist_is_a_404_naming_the_page(api_client, value):
    response = api_client.get("/api/v1/programmes/", {"page": value})

    assert response.status_code == 404
    assert list(response.json()) == ["page"]


def test_an_unknown_identifier_is_a_translated_404(api_client):
    response = api_client.get(
        "/api/v1/programmes/nope/", headers={"accept-language": "sv"}
    )

    assert response.status_code == 404
    with translation.override("sv"):
        assert response.json() == {"detail": gettext("Not found.")}


def test_pages_hold_20_rows_and_page_size_asks_for_up_to_200(api_client):
    SegmentFactory.create_batch(201)

    default = api_client.get("/api/v1/segments/").json()
    largest = api_client.get("/api/v1/segments/", {"page_size": 200}).json()
    last = api_client.get("/api/v1/segments/", {"page_size": 200, "page": 2}).json()

    assert (default["count"], len(default["results"])) == (201, 20)
    assert len(largest["results"]) == 200
    assert (len(last["results"]), last["next"]) == (1, None)
    assert "page_size=200" in largest["next"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/api/v1/programmes/?segment=a%00b", 400),
        ("/api/v1/actors/?region=a%00b", 400),
        ("/api/v1/competence-needs/?target_year=" + "9" * 5000, 400),
        ("/api/v1/segments/?page_size=" + "9" * 5000, 400),
        ("/api/v1/segments/?page=" + "9" * 5000, 404),
        ("/api/v1/programmes/a%00b/", 404),
        ("/api/v1/levels/abc/", 404),
    ],
)
def test_odd_values_are_refused_without_a_server_error_on_either_database(
    api_client, address, expected
):
    response = api_client.get(address)

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
