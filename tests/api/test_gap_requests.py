"""How the partner API's gap and overlap endpoints answer requests: a bad parameter is a 400 naming it, explained in the
request's language; rows come in pages with links, a page past the last is a 404; and the same number of queries
answers a small and a ten times larger data set."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.api.factories import IntakeFactory, region_chain
from tests.api.gap_data import (
    GAPS,
    OVERLAPS,
    Urgency,
    Visibility,
    _reference_year,  # noqa: F401 (fixtures)
    need,
    programme,
)
from tests.factories import OccupationFactory, SegmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


# --- bad parameters and pages ---------------------------------------------------------------------------------------

BAD_PARAMETERS = [
    (GAPS, {"horizon": "soon"}, "horizon"),
    (GAPS, {"horizon": "1999"}, "horizon"),
    (GAPS, {"min_level": "6", "max_level": "4"}, "max_level"),
    (GAPS, {"min_level": "9"}, "min_level"),
    (GAPS, {"dimension": "country"}, "dimension"),
    (GAPS, {"key": "nope"}, "key"),
    (GAPS, {"dimension": "skill", "key": "recycling"}, "key"),
    (GAPS, {"key": "bad\x00key"}, "key"),
    (GAPS, {"country": "NO"}, "country"),
    (GAPS, {"status": "pending"}, "status"),
    (GAPS, {"examples": "only"}, "examples"),
    (GAPS, {"page_size": "501"}, "page_size"),
    (GAPS, {"page_size": "0"}, "page_size"),
    (OVERLAPS, {"min_similarity": "1.5"}, "min_similarity"),
    (OVERLAPS, {"min_similarity": "-0.1"}, "min_similarity"),
    (OVERLAPS, {"min_similarity": "nan"}, "min_similarity"),
    (OVERLAPS, {"min_similarity": "half"}, "min_similarity"),
    (OVERLAPS, {"min_level": "6", "max_level": "4"}, "max_level"),
    (OVERLAPS, {"country": "NO"}, "country"),
    (OVERLAPS, {"segment": "nope"}, "segment"),
    (OVERLAPS, {"across_border": "maybe"}, "across_border"),
    (OVERLAPS, {"page_size": "ten"}, "page_size"),
]


@pytest.mark.parametrize(("address", "parameters", "name"), BAD_PARAMETERS)
def test_a_bad_parameter_is_a_400_that_names_it(
    api_client, segments, address, parameters, name
):
    response = api_client.get(address, parameters)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [name]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_400_is_explained_in_the_requests_language(api_client, segments, language):
    headers = {"accept-language": language}

    levels = api_client.get(GAPS, {"min_level": 6, "max_level": 4}, headers=headers)
    key = api_client.get(GAPS, {"key": "nope"}, headers=headers)
    similarity = api_client.get(OVERLAPS, {"min_similarity": 2}, headers=headers)

    with translation.override(language):
        assert levels.json() == {
            "max_level": [
                gettext("The highest level must not be below the lowest level.")
            ]
        }
        assert key.json() == {
            "key": [
                gettext("“%(value)s” is not a part of the value chain.")
                % {"value": "nope"}
            ]
        }
        assert similarity.json() == {
            "min_similarity": [
                gettext("Ensure this value is less than or equal to %(limit_value)s.")
                % {"limit_value": 1}
            ]
        }


def test_rows_come_in_pages_with_links(api_client, segment_data):
    first = api_client.get(GAPS, {"page_size": 3, "dimension": "segment"}).json()
    second = api_client.get(first["next"]).json()

    assert (first["count"], len(first["results"]), first["previous"]) == (4, 3, None)
    assert (
        first["next"]
        == "http://testserver/api/v1/gaps/?dimension=segment&page=2&page_size=3"
    )
    assert [cell["key"]["code"] for cell in second["results"]] == ["recycling"]
    assert second["next"] is None and second["previous"]
    # The data dates are those of every row, not of the page.
    assert second["inputs"] == first["inputs"]


def test_a_page_past_the_last_is_a_404_naming_the_page(api_client, segment_data):
    for address in [GAPS, OVERLAPS]:
        response = api_client.get(
            address, {"page": 9}, headers={"accept-language": "fi"}
        )

        assert response.status_code == 404
        with translation.override("fi"):
            expected = gettext("There is no page %(page)s of these results.") % {
                "page": 9
            }
        assert response.json() == {"page": [expected]}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_examples_value_is_explained_in_the_requests_language(
    api_client, language
):
    response = api_client.get(
        GAPS, {"examples": "some"}, headers={"accept-language": language}
    )

    assert response.status_code == 400
    with translation.override(language):
        assert response.json() == {
            "examples": [
                gettext(
                    "Select a valid choice. %(value)s is not one of the available choices."
                )
                % {"value": "some"}
            ]
        }


# --- queries --------------------------------------------------------------------------------------------------------


def gap_data(numbers: range) -> None:
    """A segment and an occupation per number, each with a need and a programme on both sides of the border (the
    programmes make a pair of overlapping programmes, three of five skills shared); every other need is for
    partners only."""
    regions = {"FI": region_chain("FI")[3], "SE": region_chain("SE")[3]}
    for n in numbers:
        segment = SegmentFactory(code=f"gap-segment-{n}")
        occupation = OccupationFactory()
        skills = SkillFactory.create_batch(5)
        for country, region in regions.items():
            need(
                region,
                headcount=5 + n,
                urgency=Urgency.HIGH,
                target_year=2028,
                segments=(segment,),
                occupation=occupation,
                visibility=Visibility.PARTNERS if n % 2 else Visibility.PUBLIC,
            ).skills.set(skills[:2])
            taught = skills[:3] + (skills[3:4] if country == "FI" else skills[4:5])
            IntakeFactory(
                programme=programme(
                    f"programme-{n}-{country.lower()}",
                    country,
                    places=10,
                    segments=[segment],
                    skills=taught,
                    occupations=[occupation],
                )
            )


QUERY_CASES = [
    # analyse(): regions; demand (needs naming segments and needs counted through their occupation together);
    # offerings; the keys of their programmes; the keys of the rows. The same five for each dimension.
    ("api_client", GAPS, {}, 5),
    ("api_client", GAPS, {"dimension": "occupation"}, 5),
    ("api_client", GAPS, {"dimension": "skill"}, 5),
    ("api_client", GAPS, {"key": "gap-segment-0"}, 1 + 5),  # looking the key up
    (
        "api_client",
        GAPS,
        {"examples": "exclude"},
        5,
    ),  # leaving examples out is a filter, not a query
    # Logged in: the session and the user, then the user's and the groups' permissions (visible_needs()).
    ("partner_client", GAPS, {}, 2 + 2 + 5),
    ("coordinator_api_client", GAPS, {"dimension": "skill"}, 2 + 2 + 5),
    # Pairs; the page's programmes with provider and level, their offerings with sites and regions, and skills;
    # the groups' programmes.
    ("api_client", OVERLAPS, {}, 5),
    ("api_client", OVERLAPS, {"segment": "gap-segment-0"}, 1 + 5),
    ("partner_client", OVERLAPS, {"across_border": "true"}, 2 + 5),
]


@pytest.mark.parametrize(("client", "address", "parameters", "queries"), QUERY_CASES)
def test_the_same_number_of_queries_answers_a_small_and_a_ten_times_larger_data_set(
    request, django_assert_num_queries, client, address, parameters, queries
):
    caller = request.getfixturevalue(client)
    gap_data(range(3))

    with django_assert_num_queries(queries):
        small = caller.get(address, parameters)
    gap_data(range(3, 30))
    with django_assert_num_queries(queries):
        large = caller.get(address, {**parameters, "page": "last", "page_size": 5})

    assert small.status_code == large.status_code == 200
    small, large = small.json(), large.json()
    if "segment" not in parameters and "key" not in parameters:
        assert large["count"] == 10 * small["count"]
