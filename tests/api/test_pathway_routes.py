"""The routes of the partner API's pathway search (/api/v1/pathways/): a route's steps and why each is open, the query
echoed, occupation targets, routes reached by skill coverage, what each preference removed, unknown durations, and
the blockers of an empty result, in the request's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import EntryRequirement, Programme
from tests.api.pathway_data import (
    _threshold,  # noqa: F401 (fixtures)
    programme,
    search,
)
from tests.factories import LanguageFactory, OccupationFactory, QualificationTypeFactory

pytestmark = pytest.mark.django_db


OPEN_BY_TYPE = "Open to people with: %(qualification)s."
OPEN_BY_LEVEL = "Open to anyone with a qualification at EQF level %(level)s or above, such as %(qualification)s."


def expected_reasons(language: str) -> list[str]:
    """The two steps' reasons as the catalogue of `language` gives them, with the names shown in that language."""
    basic = {"fi": "Perusopetus", "en": "Basic education"}[language]
    with translation.override(language):
        return [
            gettext(OPEN_BY_TYPE) % {"qualification": basic},
            gettext(OPEN_BY_LEVEL)
            % {"level": 4, "qualification": f"process-vocational ({language})"},
        ]


def test_a_route_through_two_programmes_shows_both_steps_and_why_each_is_open(
    api_client, chain
):
    result = search(api_client, start="fi-basic")

    assert result["count"] == 1
    assert result["blockers"] == []
    assert (
        result["routes"]
        == [
            {
                "key": "process-vocational>process-yh>process-operator",
                "occupation": {
                    "slug": "process-operator",
                    "label": {
                        "fi": chain["operator"].label_fi,
                        "sv": chain["operator"].label_sv,
                        "en": chain["operator"].label_en,
                    },
                    "esco_uri": "http://data.europa.eu/esco/occupation/op",
                },
                "reached_by": "link",
                "coverage": 0.75,
                "covered_skills": 3,
                "essential_skills": 4,
                "total_months": 54,
                "duration_known": True,
                "border_crossings": 1,
                "countries": ["FI", "SE"],
                "places": 20,
                "score": 57.0,  # 36 + 18 months, + 6 for the second step, + 6 for the border, − 12 × 0.75
                "steps": [
                    {
                        "programme": {
                            "slug": "process-vocational",
                            "name": {
                                "fi": "process-vocational (fi)",
                                "sv": "process-vocational (sv)",
                                "en": "process-vocational (en)",
                            },
                            "page_url": {
                                code: f"http://testserver/{code}/programmes/process-vocational/"
                                for code in ["fi", "sv", "en"]
                            },
                        },
                        "provider": {
                            "slug": "process-vocational-college",
                            "name": {
                                "fi": "process-vocational oppilaitos",
                                "sv": "process-vocational läroanstalt",
                                "en": "process-vocational college",
                            },
                        },
                        "awarded_level": 4,
                        "countries": ["FI"],
                        "months": 36,
                        "languages": ["fi"],
                        "places": 20,
                        "reason": "Open to people with: Basic education.",
                        "conditions": [],
                        "availability": "running",
                        "expected_start": None,
                        "distance_km": None,
                        "near_home": True,
                        "leads_directly": False,
                        "skill_share": 0.25,
                        "delivery_mode": "on_site",
                        "pace": None,
                        "free_of_charge": None,
                        "recognition_of_prior_learning": None,
                        "next_application": None,
                    },
                    {
                        "programme": {
                            "slug": "process-yh",
                            "name": {
                                "fi": "process-yh (fi)",
                                "sv": "process-yh (sv)",
                                "en": "process-yh (en)",
                            },
                            "page_url": {
                                code: f"http://testserver/{code}/programmes/process-yh/"
                                for code in ["fi", "sv", "en"]
                            },
                        },
                        "provider": {
                            "slug": "process-yh-college",
                            "name": {
                                "fi": "process-yh oppilaitos",
                                "sv": "process-yh läroanstalt",
                                "en": "process-yh college",
                            },
                        },
                        "awarded_level": 5,
                        "countries": ["SE"],
                        "months": 18,
                        "languages": ["sv"],
                        "places": 30,
                        "reason": (
                            "Open to anyone with a qualification at EQF level 4 or above, such as process-vocational (en)."
                        ),
                        "conditions": [],
                        "availability": "running",
                        "expected_start": None,
                        "distance_km": None,
                        "near_home": True,
                        "leads_directly": True,
                        "skill_share": 0.5,
                        "delivery_mode": "on_site",
                        "pace": None,
                        "free_of_charge": None,
                        "recognition_of_prior_learning": None,
                        "next_application": None,
                    },
                ],
            }
        ]
    )


def test_the_query_is_echoed_with_codes_once_each_and_sorted(api_client, chain):
    LanguageFactory(code="en", name_en="English")

    result = search(
        api_client,
        start="fi-basic",
        segment="raw-materials",
        country=["SE", "FI", "SE"],
        region=["SE331", "FI1D9", "SE331"],
        language=["sv", "fi", "en", "sv"],
        max_months=60,
    )

    assert result["query"] == {
        "start": "fi-basic",
        "occupation": None,
        "segment": "raw-materials",
        "country": ["FI", "SE"],
        "region": ["FI1D9", "SE331"],
        "language": ["en", "fi", "sv"],
        "max_months": 60,
        "months": 60,
        "field": None,
        "home": None,
        "age": None,
        "situation": None,
        "mobility": None,
    }
    assert [route["key"] for route in result["routes"]] == [
        "process-vocational>process-yh>process-operator"
    ]


def test_an_occupation_target_keeps_only_routes_to_it(api_client, chain):
    other = OccupationFactory(slug="other-occupation")
    chain["first"].occupations.add(other)

    everything = search(api_client, start="fi-basic")
    operator = search(api_client, start="fi-basic", occupation="process-operator")

    assert [route["key"] for route in everything["routes"]] == [
        "process-vocational>other-occupation",
        "process-vocational>process-yh>process-operator",
    ]
    assert [route["key"] for route in operator["routes"]] == [
        "process-vocational>process-yh>process-operator"
    ]
    assert operator["query"]["occupation"] == "process-operator"


def test_an_empty_result_says_which_preference_removed_the_routes(api_client, chain):
    result = search(api_client, start="fi-basic", country="FI", max_months=60)

    assert (result["count"], result["routes"]) == (0, [])
    assert result["blockers"] == [
        {
            "constraint": "countries",
            "message": "No route runs in the country you chose.",
            "routes_if_relaxed": 1,
        }
    ]


def test_a_starting_point_nothing_is_open_to_is_blamed_on_the_entry_requirements(
    api_client, chain
):
    QualificationTypeFactory(code="work-experience", level=None, country="")

    result = search(api_client, start="work-experience", segment="raw-materials")

    assert result["routes"] == []
    assert result["blockers"] == [
        {
            "constraint": "entry",
            "message": "No programme open to your starting point leads to this goal within three steps.",
            "routes_if_relaxed": 0,
        }
    ]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_reasons_and_blocker_messages_follow_accept_language(
    api_client, chain, language
):
    found = search(api_client, language, start="fi-basic")
    blocked = search(api_client, language, start="fi-basic", country="FI")

    assert [step["reason"] for step in found["routes"][0]["steps"]] == expected_reasons(
        language
    )
    with translation.override(language):
        assert blocked["blockers"][0]["message"] == gettext(
            "No route runs in the country you chose."
        )
    # Whether or not the catalogue has the sentence yet, the names in it are in the request's language.
    assert ("Perusopetus" in found["routes"][0]["steps"][0]["reason"]) is (
        language == "fi"
    )


def test_a_route_that_teaches_enough_skills_is_reached_by_coverage(api_client, chain):
    skills = list(chain["operator"].skills.order_by("slug"))
    course = programme(
        "process-course",
        country="FI",
        level=None,
        months=4,
        language="fi",
        places=12,
        teaches=skills[:2],
        kind=Programme.Kind.COURSE,
    )
    EntryRequirement.objects.create(programme=course, qualification_type=chain["basic"])

    (route,) = [
        route
        for route in search(api_client, start="fi-basic")["routes"]
        if route["key"] == "process-course>process-operator"
    ]

    assert (route["reached_by"], route["coverage"], route["covered_skills"]) == (
        "coverage",
        0.5,
        2,
    )
    assert route["steps"][0]["awarded_level"] is None


def test_the_result_counts_what_each_preference_removed_and_the_routes_before_the_cap(
    api_client, chain
):
    within = search(api_client, start="fi-basic", max_months=60)
    too_short = search(api_client, start="fi-basic", max_months=48)
    in_finnish = search(api_client, start="fi-basic", language="fi")
    both = search(api_client, start="fi-basic", max_months=48, language="fi")

    assert (within["count"], within["total"], within["total_complete"]) == (1, 1, True)
    assert within["removed"] == [{"constraint": "duration", "routes": 0}]
    # 36 + 18 months is longer than 48, and the second step is taught in Swedish.
    assert (too_short["total"], too_short["removed"]) == (
        0,
        [{"constraint": "duration", "routes": 1}],
    )
    assert in_finnish["removed"] == [{"constraint": "languages", "routes": 1}]
    # Each alone would still remove the route: neither preference alone removed it.
    assert both["removed"] == [
        {"constraint": "languages", "routes": 0},
        {"constraint": "duration", "routes": 0},
    ]


def test_a_route_with_an_unknown_duration_is_answered_apart_under_a_study_time_limit(
    api_client, chain
):
    chain["second"].duration_months = None
    chain["second"].save()

    limited = search(api_client, start="fi-basic", max_months=48)
    unlimited = search(api_client, start="fi-basic")

    assert limited["routes"] == []
    (apart,) = limited["unknown_duration_routes"]
    assert (apart["total_months"], apart["duration_known"]) == (36, False)
    assert [step["months"] for step in apart["steps"]] == [36, None]
    assert [r["key"] for r in unlimited["routes"]] == [apart["key"]]
    assert unlimited["unknown_duration_routes"] == []


def test_an_occupation_no_programme_leads_to_is_named_as_the_blocker(api_client, chain):
    OccupationFactory(slug="lonely")

    result = search(api_client, start="fi-basic", occupation="lonely")

    assert result["blockers"] == [
        {
            "constraint": "untrained",
            "message": "No programme in the map leads to this occupation yet.",
            "routes_if_relaxed": 0,
        }
    ]
