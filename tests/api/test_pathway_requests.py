"""How the partner API's pathway search answers requests: an unknown or wrong value or parameter is a 400 naming it,
explained in the request's language; the page and the API take the same parameters; and a search does the same
queries for 2 and 42 programmes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from gaps.pathways.api import PathwayParameters
from gaps.pathways.forms import PathwayForm
from gaps.pathways.search import load_network
from programmes.models import EntryRequirement, Programme
from skills.models import Region, Skill
from tests.api.pathway_data import (
    SEARCH,
    _threshold,  # noqa: F401 (fixtures)
    programme,
    search,
)
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


# The pathway page's own message: the API checks its parameters with the page's form (gaps.pathways.forms).
UNKNOWN = "“%(value)s” is not a starting point of the pathway search."


@pytest.mark.parametrize(
    ("parameters", "named"),
    [
        ({}, "start"),
        ({"start": "nope"}, "start"),
        ({"start": "fi-vocational"}, "start"),  # exists, but is not a starting point
        ({"start": "a\x00b"}, "start"),
        ({"occupation": "nope"}, "occupation"),
        ({"segment": "nope"}, "segment"),
        ({"country": "XX"}, "country"),
        ({"country": ["FI", "fi"]}, "country"),
        ({"region": ["FI1D9", "XX999"]}, "region"),
        ({"region": "a\x00b"}, "region"),
        ({"language": ["fi", "xx"]}, "language"),
        ({"max_months": "0"}, "max_months"),
        ({"max_months": "-6"}, "max_months"),
        ({"max_months": "x"}, "max_months"),
        ({"max_months": "1.5"}, "max_months"),
        ({"max_months": "9" * 5000}, "max_months"),
    ],
)
def test_an_unknown_or_wrong_value_is_a_400_naming_the_parameter(
    api_client, chain, parameters, named
):
    response = api_client.get(
        SEARCH, {"start": "fi-basic", **parameters} if named != "start" else parameters
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [named]


def test_an_unknown_parameter_is_a_400_naming_it(api_client, chain):
    response = api_client.get(SEARCH, {"start": "fi-basic", "max_month": "12"})
    assert response.status_code == 400
    assert response.json() == {
        "max_month": [
            "“max_month” is not a parameter of this address. It takes: age, country, field, format, home, "
            "language, max_months, mobility, months, occupation, region, segment, situation, start."
        ]
    }


def test_the_page_and_the_api_take_the_same_parameters(api_client, chain):
    """Every parameter of the page's form is one of the API's, and answers the same search."""
    parameters = {
        "start": "fi-basic",
        "months": "60",
        "age": "25_plus",
        "situation": ["none"],
        "mobility": "move",
        "country": ["FI", "SE"],
    }
    assert set(PathwayForm.base_fields) <= set(PathwayParameters.base_fields)
    answer = search(api_client, **parameters)
    page = api_client.get("/en/pathways/", parameters)
    assert answer["query"]["situation"] == []
    assert [route["key"] for route in answer["routes"]] == [
        route.key for route in page.context["result"].routes
    ]
    assert search(api_client, start="fi-basic", max_months=60)["query"]["months"] == 60


def test_an_occupation_and_a_segment_together_are_a_400(api_client, chain):
    response = api_client.get(
        SEARCH,
        {
            "start": "fi-basic",
            "occupation": "process-operator",
            "segment": "raw-materials",
        },
    )

    assert response.status_code == 400
    message = "Choose an occupation or a part of the value chain, not both."
    assert response.json() == {"segment": [message]}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_400_is_explained_in_the_requests_language(api_client, chain, language):
    response = api_client.get(
        SEARCH,
        {"start": "nope", "max_months": "0"},
        headers={"accept-language": language},
    )

    with translation.override(language):
        expected = {
            "start": [gettext(UNKNOWN) % {"value": "nope"}],
            "max_months": [
                gettext(
                    "Ensure this value is greater than or equal to %(limit_value)s."
                )
                % {"limit_value": 1}
            ],
        }
    assert response.json() == expected
    assert expected["start"][0] != UNKNOWN % {"value": "nope"}  # really translated


def network_queries() -> int:
    """The queries load_network() makes: fixed, whatever the amount of data (pinned in tests/gaps/)."""
    with CaptureQueriesContext(connection) as queries:
        load_network()
    return len(queries)


def test_a_search_does_the_same_queries_for_2_and_42_programmes(
    api_client, chain, django_assert_num_queries
):
    parameters = {
        "start": "fi-basic",
        "occupation": "process-operator",
        "country": ["FI", "SE"],
        "region": ["FI1D9", "SE331"],
        "language": ["fi", "sv"],
        "max_months": 60,
    }
    # The page form's choices (7: gaps.pathways.forms.PathwayChoices), then the network's fixed few, then one for
    # the steps' study modes and application periods (gaps.pathways.applying).
    lookups = 7 + 1
    with django_assert_num_queries(lookups + network_queries()):
        assert search(api_client, **parameters)["count"] == 1

    levels = chain["levels"]
    skills = list(Skill.objects.all())
    for n in range(20):
        first = programme(
            f"more-vocational-{n}",
            country="FI",
            level=levels[4],
            months=30,
            language="fi",
            places=n + 1,
            teaches=skills[:1],
        )
        EntryRequirement.objects.create(
            programme=first, qualification_type=chain["basic"]
        )
        second = programme(
            f"more-yh-{n}",
            country="SE",
            level=levels[5],
            months=12,
            language="sv",
            places=n + 1,
            teaches=skills[1:],
            leads_to=(chain["operator"], OccupationFactory()),
        )
        EntryRequirement.objects.create(programme=second, min_level=levels[4])
    assert Programme.objects.count() == 42 and Region.objects.count() == 2

    with django_assert_num_queries(lookups + network_queries()):
        assert search(api_client, **parameters)["count"] > 1
