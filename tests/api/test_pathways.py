"""The pathway search of the partner API: routes with their steps and reasons, blockers, translated 400s naming the
parameter, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from gaps.pathways.api import PathwayParameters
from gaps.pathways.forms import PathwayForm
from gaps.pathways.search import load_network
from programmes.models import EntryRequirement, Programme
from skills.models import EducationLevel, Occupation, OccupationSkill, Region, Skill
from tests.factories import (
    ActorFactory,
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/pathways/"
OPEN_BY_TYPE = "Open to people with: %(qualification)s."
OPEN_BY_LEVEL = "Open to anyone with a qualification at EQF level %(level)s or above, such as %(qualification)s."
# The pathway page's own message: the API checks its parameters with the page's form (gaps.pathways.forms).
UNKNOWN = "“%(value)s” is not a starting point of the pathway search."


@pytest.fixture(autouse=True)
def _threshold(settings) -> None:
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.5


def programme(
    slug: str,
    *,
    country: str,
    level: EducationLevel | None,
    months: int,
    language: str,
    places: int,
    teaches: list[Skill],
    leads_to: tuple[Occupation, ...] = (),
    **kwargs: object,
) -> Programme:
    """A published programme given at one site in Northern Ostrobothnia (FI) or Västerbotten (SE)."""
    provider = ActorFactory(
        slug=f"{slug}-college",
        country=country,
        name_fi=f"{slug} oppilaitos",
        name_sv=f"{slug} läroanstalt",
        name_en=f"{slug} college",
    )
    p = ProgrammeFactory(
        slug=slug,
        provider=provider,
        name_fi=f"{slug} (fi)",
        name_sv=f"{slug} (sv)",
        name_en=f"{slug} (en)",
        awarded_level=level,
        duration_months=months,
        places_per_year=places,
        **kwargs,
    )
    region = RegionFactory(
        code="FI1D9" if country == "FI" else "SE331", country=country
    )
    OfferingFactory(programme=p, site=SiteFactory(actor=provider, region=region))
    p.languages.add(LanguageFactory(code=language, name_en=language))
    p.skills.add(*teaches)
    p.occupations.add(*leads_to)
    return p


@pytest.fixture
def chain() -> dict:
    """Basic education → a Finnish vocational qualification (EQF 4) → a Swedish higher vocational programme (EQF 5)
    that leads to process operator; the two teach three of the operator's four essential skills."""
    levels = {n: EducationLevelFactory(level=n) for n in (2, 4, 5)}
    basic = QualificationTypeFactory(
        code="fi-basic",
        level=levels[2],
        name_fi="Perusopetus",
        name_sv="Grundläggande utbildning",
        name_en="Basic education",
    )
    vocational = QualificationTypeFactory(
        code="fi-vocational", level=levels[4], is_starting_point=False
    )
    raw_materials = SegmentFactory(code="raw-materials")
    operator = OccupationFactory(
        slug="process-operator", esco_uri="http://data.europa.eu/esco/occupation/op"
    )
    operator.segments.add(raw_materials)
    skills = SkillFactory.create_batch(4)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    first = programme(
        "process-vocational",
        country="FI",
        level=levels[4],
        awarded_qualification=vocational,
        months=36,
        language="fi",
        places=20,
        # A quarter of the essential skills: not enough to reach the occupation alone.
        teaches=skills[:1],
    )
    EntryRequirement.objects.create(programme=first, qualification_type=basic)
    second = programme(
        "process-yh",
        country="SE",
        level=levels[5],
        months=18,
        language="sv",
        places=30,
        teaches=skills[1:3],
        leads_to=(operator,),
    )
    EntryRequirement.objects.create(programme=second, min_level=levels[4])
    return {
        "basic": basic,
        "operator": operator,
        "first": first,
        "second": second,
        "levels": levels,
    }


def search(client, accept: str = "en", **parameters: object) -> dict:
    response = client.get(SEARCH, parameters, headers={"accept-language": accept})
    assert response.status_code == 200, response.content
    return response.json()


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
