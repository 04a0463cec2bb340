"""The gap analysis and overlapping programmes of the partner API (/api/v1/gaps/, /api/v1/overlaps/): figures and
statuses on hand-made data, who sees which needs, similarity, translated 400s naming the parameter, pages, and a
fixed number of queries."""

import datetime
from unittest import mock

import pytest
from django.utils import translation
from django.utils.translation import gettext

from programmes.models import Programme
from skills.models import Actor, CompetenceNeed, Region, Segment
from tests.api.factories import IntakeFactory, region_chain
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    OccupationFactory,
    SegmentFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

GAPS = "/api/v1/gaps/"
OVERLAPS = "/api/v1/overlaps/"
YEAR = 2026
STATED = datetime.date(2026, 5, 1)
VERIFIED = datetime.date(2026, 3, 15)
Visibility = CompetenceNeed.Visibility
Urgency = CompetenceNeed.Urgency


@pytest.fixture(autouse=True)
def _reference_year():
    """This year is 2026: GapForm reads gaps.analysis.forms.this_year() when it is made, so every request sees 2026."""
    with mock.patch("gaps.analysis.forms.this_year", return_value=YEAR):
        yield


@pytest.fixture
def regions() -> dict[str, Region]:
    """NUTS 0–3 down to North Ostrobothnia (FI1D9) and Västerbotten (SE331)."""
    return {"FI": region_chain("FI")[3], "SE": region_chain("SE")[3]}


def employer(slug: str) -> Actor:
    return ActorFactory(slug=slug, kind=Actor.Kind.EMPLOYER)


def need(
    region: Region,
    *,
    headcount: int,
    urgency: str,
    target_year: int,
    segments: tuple[Segment, ...] = (),
    visibility: str = Visibility.PUBLIC,
    by: Actor | None = None,
    **kwargs: object,
) -> CompetenceNeed:
    """A standing need of one employer, stated on 1 May 2026, naming no occupation unless told."""
    kwargs.setdefault("occupation", None)
    stated = CompetenceNeedFactory(
        region=region,
        headcount=headcount,
        urgency=urgency,
        target_year=target_year,
        visibility=visibility,
        stated_on=STATED,
        **({"employer": by} if by else {}),
        **kwargs,
    )
    stated.segments.set(segments)
    return stated


def programme(
    slug: str, country: str, *, places: int | None, level: int = 5, **links: list
) -> Programme:
    """A published programme at one site in FI1D9 or SE331, verified on 15 March 2026, with its segments, skills
    or occupations."""
    made = pathway_programme(
        slug,
        country=country,
        level=EducationLevelFactory(level=level),
        places=places,
        teaches=links.pop("skills", ()),
        leads_to=links.pop("occupations", ()),
    )
    made.segments.set(links.pop("segments", ()))
    Programme.objects.filter(pk=made.pk).update(verified_on=VERIFIED)
    return made


@pytest.fixture
def segments() -> dict[str, Segment]:
    return {
        code: SegmentFactory(
            code=code,
            order=order,
            name_fi=f"{code} fi",
            name_sv=f"{code} sv",
            name_en=f"{code} en",
        )
        for code, order in [
            ("raw-materials", 1),
            ("cell-manufacturing", 3),
            ("recycling", 6),
        ]
    }


@pytest.fixture
def segment_data(regions, segments) -> None:
    """Four rows, one of each common status:

    * recycling in FI1D9: 10 people by 2027, high urgency → 10 × 1.5 / 2 years = 7.5 a year; a programme with
      4 places whose latest intake filled 3 of 4 → under-supplied.
    * cell manufacturing in FI1D9: 6 people by 2028, medium → 6 × 1 / 3 = 2.0 a year; 20 places only in Sweden →
      covered only across the border. In SE331 the same programme has no stated need.
    * raw materials in SE331: 4 people by 2026, critical → 4 × 2 / 1 = 8.0 a year; no programme → no training.
    """
    fi, se = regions["FI"], regions["SE"]
    need(
        fi,
        headcount=10,
        urgency=Urgency.HIGH,
        target_year=2027,
        segments=(segments["recycling"],),
        by=employer("battery-recycler"),
    )
    recycling = programme(
        "recycling-technician", "FI", places=4, segments=[segments["recycling"]]
    )
    IntakeFactory(programme=recycling, year=2026, places=4, applicants=5, enrolled=3)
    need(
        fi,
        headcount=6,
        urgency=Urgency.MEDIUM,
        target_year=2028,
        segments=(segments["cell-manufacturing"],),
    )
    programme(
        "cell-operator-se", "SE", places=20, segments=[segments["cell-manufacturing"]]
    )
    need(
        se,
        headcount=4,
        urgency=Urgency.CRITICAL,
        target_year=2026,
        segments=(segments["raw-materials"],),
    )


def cells(response) -> dict[tuple[str, str], dict]:
    assert response.status_code == 200, response.content
    return {
        (cell["key"].get("code") or cell["key"]["slug"], cell["region"]["code"]): cell
        for cell in response.json()["results"]
    }


def figures(cell: dict, *names: str) -> dict:
    return {name: cell[name] for name in names}


FIGURES = (
    "people",
    "demand",
    "supply",
    "filled",
    "difference",
    "ratio",
    "unmet",
    "status",
)


# --- figures and statuses ---------------------------------------------------------------------------------------------


def test_each_row_has_its_demand_supply_and_status(api_client, segment_data):
    rows = cells(api_client.get(GAPS))

    assert list(rows) == [
        ("raw-materials", "SE331"),
        ("cell-manufacturing", "FI1D9"),
        ("cell-manufacturing", "SE331"),
        ("recycling", "FI1D9"),
    ]
    assert figures(rows["recycling", "FI1D9"], *FIGURES) == {
        "people": 10,
        "demand": 7.5,
        "supply": 4.0,
        "filled": 3.0,  # 4 places × 3/4 filled
        "difference": -3.5,
        "ratio": 0.533,
        "unmet": 4.5,  # 7.5 − min(4, 3)
        "status": "under-supplied",
    }
    assert figures(rows["cell-manufacturing", "FI1D9"], *FIGURES) == {
        "people": 6,
        "demand": 2.0,
        "supply": 0.0,
        "filled": 0.0,
        "difference": -2.0,
        "ratio": 0.0,
        "unmet": 2.0,
        "status": "across-border",
    }
    assert figures(rows["cell-manufacturing", "SE331"], *FIGURES) == {
        "people": 0,
        "demand": 0.0,
        "supply": 20.0,
        "filled": 20.0,  # no intake: counted as full
        "difference": 20.0,
        "ratio": None,
        "unmet": 0.0,
        "status": "no-stated-need",
    }
    assert figures(rows["raw-materials", "SE331"], *FIGURES) == {
        "people": 4,
        "demand": 8.0,
        "supply": 0.0,
        "filled": 0.0,
        "difference": -8.0,
        "ratio": 0.0,
        "unmet": 8.0,
        "status": "no-training",
    }


def test_a_row_names_its_key_and_region_counts_its_sources_and_links_to_its_page(
    api_client, segment_data
):
    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    assert row == {
        "key": {
            "code": "recycling",
            "name": {"fi": "recycling fi", "sv": "recycling sv", "en": "recycling en"},
        },
        "region": {
            "code": "FI1D9",
            "name": {
                "fi": "Pohjois-Pohjanmaa",
                "sv": "Norra Österbotten",
                "en": "North Ostrobothnia",
            },
            "country": "FI",
            "level": 3,
        },
        **figures(row, *FIGURES),
        "needs": 1,
        "sources": 1,
        "examples": 0,
        "example_people": 0,
        "example_demand": 0.0,
        "example_programmes": 0,
        "example_places": 0.0,
        "rests_on_examples": False,
        "programmes": 1,
        "unknown_places": 0,
        "programmes_in_country": 1,
        "programmes_across_border": 0,
        "needs_oldest": "2026-05-01",
        "needs_newest": "2026-05-01",
        "programmes_oldest": "2026-03-15",
        "programmes_newest": "2026-03-15",
        "page_url": {
            code: f"http://testserver/{code}/gaps/segment/recycling/"
            for code in ["fi", "sv", "en"]
        },
    }


def test_the_answer_states_its_parameters_rules_and_data_dates(
    api_client, segment_data
):
    body = api_client.get(GAPS).json()

    assert body["parameters"] == {
        "dimension": "segment",
        "key": None,
        "horizon": None,
        "min_level": 1,
        "max_level": 8,
        "countries": ["FI", "SE"],
        "statuses": ["standing"],
        "reference_year": 2026,
        "examples": "include",
        "oldest_intake_year": 2024,  # intakes of 2023 and earlier are too old to count
    }
    assert body["thresholds"] == {
        "balanced_range": [0.8, 1.25],
        "urgency_weights": {"low": 0.5, "medium": 1.0, "high": 1.5, "critical": 2.0},
        "mostly_examples": 0.5,
    }
    assert body["inputs"] == {
        "needs_oldest": "2026-05-01",
        "needs_newest": "2026-05-01",
        "programmes_oldest": "2026-03-15",
        "programmes_newest": "2026-03-15",
    }
    assert (body["count"], body["next"], body["previous"]) == (4, None, None)


def test_the_filters_narrow_the_needs_and_rows(api_client, segment_data):
    # Horizon 2027 leaves out the cell-manufacturing need (2028), so FI1D9 has no row for it any more.
    by_2027 = cells(api_client.get(GAPS, {"horizon": 2027}))
    in_finland = cells(api_client.get(GAPS, {"country": "FI"}))
    # EQF 6–8: the programmes (EQF 5) no longer count; needs without a level band still do.
    high_levels = cells(api_client.get(GAPS, {"min_level": 6, "key": "recycling"}))

    assert {key: row["status"] for key, row in by_2027.items()} == {
        ("raw-materials", "SE331"): "no-training",
        ("cell-manufacturing", "SE331"): "no-stated-need",
        ("recycling", "FI1D9"): "under-supplied",
    }
    assert {key: row["status"] for key, row in in_finland.items()} == {
        (
            "cell-manufacturing",
            "FI1D9",
        ): "across-border",  # Swedish programmes still decide this
        ("recycling", "FI1D9"): "under-supplied",
    }
    assert list(high_levels) == [("recycling", "FI1D9")]
    assert figures(high_levels["recycling", "FI1D9"], "demand", "supply", "status") == {
        "demand": 7.5,
        "supply": 0.0,
        "status": "no-training",
    }
    parameters = api_client.get(
        GAPS, {"key": "recycling", "country": "FI", "horizon": 2030}
    ).json()["parameters"]
    assert (parameters["key"], parameters["countries"], parameters["horizon"]) == (
        "recycling",
        ["FI"],
        2030,
    )


def test_withdrawn_needs_count_only_when_asked_for(api_client, regions, segments):
    need(
        regions["FI"],
        headcount=4,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(segments["recycling"],),
        status=CompetenceNeed.Status.WITHDRAWN,
    )

    assert cells(api_client.get(GAPS)) == {}
    rows = cells(api_client.get(GAPS, {"status": ["standing", "withdrawn"]}))
    assert rows["recycling", "FI1D9"]["demand"] == 4.0


def test_occupation_and_skill_rows_are_balanced_or_short_of_recruits(
    api_client, regions
):
    operator = OccupationFactory(slug="cell-operator")
    chemistry = SkillFactory(slug="cell-chemistry")
    # 8 people by 2029, medium → 8 / 4 years = 2.0 a year, met by 2 places: balanced.
    need(
        regions["FI"],
        headcount=8,
        urgency=Urgency.MEDIUM,
        target_year=2029,
        occupation=operator,
    )
    programme("operator-training", "FI", places=2, occupations=[operator])
    # 4 people by 2026 → 4.0 a year; 5 places, but only 2 of 5 filled: 2 < 0.8 × 4.
    need(
        regions["SE"], headcount=4, urgency=Urgency.MEDIUM, target_year=2026
    ).skills.set([chemistry])
    chemistry_course = programme("chemistry-course", "SE", places=5, skills=[chemistry])
    IntakeFactory(programme=chemistry_course, places=5, applicants=9, enrolled=2)

    by_occupation = cells(api_client.get(GAPS, {"dimension": "occupation"}))
    by_skill = cells(api_client.get(GAPS, {"dimension": "skill"}))
    one_skill = cells(
        api_client.get(GAPS, {"dimension": "skill", "key": "cell-chemistry"})
    )

    assert figures(by_occupation["cell-operator", "FI1D9"], *FIGURES) == {
        "people": 8,
        "demand": 2.0,
        "supply": 2.0,
        "filled": 2.0,
        "difference": 0.0,
        "ratio": 1.0,
        "unmet": 0.0,
        "status": "balanced",
    }
    assert by_occupation["cell-operator", "FI1D9"]["key"] == {
        "slug": "cell-operator",
        "name": {
            "fi": operator.label_fi,
            "sv": operator.label_sv,
            "en": operator.label_en,
        },
    }
    assert by_occupation["cell-operator", "FI1D9"]["page_url"]["en"] == (
        "http://testserver/en/gaps/occupation/cell-operator/"
    )
    assert figures(by_skill["cell-chemistry", "SE331"], *FIGURES) == {
        "people": 4,
        "demand": 4.0,
        "supply": 5.0,
        "filled": 2.0,
        "difference": 1.0,
        "ratio": 1.25,
        "unmet": 2.0,  # 4 − min(5, 2)
        "status": "recruitment-gap",
    }
    assert one_skill == by_skill
    assert (
        cells(api_client.get(GAPS, {"dimension": "occupation", "key": "cell-operator"}))
        == by_occupation
    )


# --- who sees which needs -------------------------------------------------------------------------------------------


@pytest.fixture
def confidential(regions, segments) -> dict:
    """Recycling in FI1D9: a public need (7.5 a year), a partners' need (2.0) and a coordinators' need (2.0), each
    from a different employer."""
    recycling = (segments["recycling"],)
    common = {"headcount": 2, "urgency": Urgency.MEDIUM, "target_year": 2026}
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.HIGH,
        target_year=2027,
        segments=recycling,
        by=employer("public-employer"),
    )
    need(
        regions["FI"],
        segments=recycling,
        visibility=Visibility.PARTNERS,
        by=employer("partner-employer"),
        **common,
    )
    need(
        regions["FI"],
        segments=recycling,
        visibility=Visibility.COORDINATORS,
        by=employer("confidential-employer"),
        **common,
    )
    return {"regions": regions, "recycling": recycling, "common": common}


VISIBILITY_FIELDS = ("demand", "people", "needs", "sources")
PUBLIC_ONLY = {"demand": 7.5, "people": 10, "needs": 1, "sources": 1}
WITH_PARTNERS = {"demand": 9.5, "people": 12, "needs": 2, "sources": 2}


@pytest.mark.parametrize(
    ("client", "expected"),
    [
        ("api_client", PUBLIC_ONLY),
        ("partner_client", WITH_PARTNERS),
        (
            "coordinator_api_client",
            {"demand": 11.5, "people": 14, "needs": 3, "sources": 3},
        ),
    ],
)
def test_figures_count_only_the_needs_the_caller_may_see(
    request, confidential, client, expected
):
    rows = cells(request.getfixturevalue(client).get(GAPS))

    assert figures(rows["recycling", "FI1D9"], *VISIBILITY_FIELDS) == expected
    assert "withheld" not in rows["recycling", "FI1D9"]


@pytest.mark.parametrize(
    ("client", "expected"),
    [
        # However many employers state them, needs hidden from a caller never count for them.
        ("api_client", PUBLIC_ONLY),
        ("partner_client", WITH_PARTNERS),
        (
            "coordinator_api_client",
            {"demand": 13.5, "people": 16, "needs": 4, "sources": 4},
        ),
    ],
)
def test_a_third_employers_hidden_need_changes_nothing_for_those_it_is_hidden_from(
    request, confidential, client, expected
):
    need(
        confidential["regions"]["FI"],
        segments=confidential["recycling"],
        visibility=Visibility.COORDINATORS,
        by=employer("second-employer"),
        **confidential["common"],
    )

    rows = cells(request.getfixturevalue(client).get(GAPS))

    assert figures(rows["recycling", "FI1D9"], *VISIBILITY_FIELDS) == expected


# --- overlapping programmes -----------------------------------------------------------------------------------------


@pytest.fixture
def overlapping(segments) -> None:
    """At EQF 5: a Finnish and a Swedish battery technician programme sharing three of five skills (0.6), and a
    Finnish course sharing two of six with each (0.333). At EQF 4, a copy of the Finnish one pairs with nothing."""
    skills = {
        slug: SkillFactory(slug=slug)
        for slug in ["s1", "s2", "s3", "s4", "s5", "s6", "s7"]
    }

    def taught(*slugs: str) -> list:
        return [skills[slug] for slug in slugs]

    programme(
        "technician-fi",
        "FI",
        places=20,
        skills=taught("s1", "s2", "s3", "s4"),
        segments=[segments["recycling"]],
    )
    programme(
        "technician-se",
        "SE",
        places=20,
        skills=taught("s1", "s2", "s3", "s5"),
        segments=[segments["recycling"]],
    )
    programme("course-fi", "FI", places=10, skills=taught("s1", "s2", "s6", "s7"))
    programme(
        "technician-fi-eqf4",
        "FI",
        places=10,
        level=4,
        skills=taught("s1", "s2", "s3", "s4"),
    )


def test_an_overlap_shows_its_similarity_programmes_and_skills(api_client, overlapping):
    body = api_client.get(OVERLAPS).json()

    assert body["count"] == 1
    assert body["groups"] == [["technician-fi", "technician-se"]]
    (pair,) = body["results"]
    assert {
        key: pair[key]
        for key in [
            "similarity",
            "across_border",
            "shared",
            "only_first",
            "only_second",
        ]
    } == {
        "similarity": 0.6,
        "across_border": True,
        "shared": ["s1", "s2", "s3"],
        "only_first": ["s4"],
        "only_second": ["s5"],
    }
    first = Programme.objects.select_related("provider").get(slug="technician-fi")
    assert pair["first"] == {
        "slug": "technician-fi",
        "name": {"fi": "technician-fi", "sv": "technician-fi", "en": "technician-fi"},
        "provider": {
            "slug": first.provider.slug,
            "name": {
                "fi": first.provider.name_fi,
                "sv": first.provider.name_sv,
                "en": first.provider.name_en,
            },
        },
        "level": 5,
        "countries": ["FI"],
        "regions": ["FI1D9"],
        "page_url": {
            code: f"http://testserver/{code}/programmes/technician-fi/"
            for code in ["fi", "sv", "en"]
        },
    }
    assert (pair["second"]["slug"], pair["second"]["countries"]) == (
        "technician-se",
        ["SE"],
    )
    assert body["parameters"] == {
        "min_level": 1,
        "max_level": 8,
        "countries": ["FI", "SE"],
        "segment": None,
        "across_border": False,
        "min_similarity": 0.5,
    }


def test_a_lower_similarity_chains_pairs_into_a_group_and_the_filters_narrow_them(
    api_client, overlapping
):
    def pairs(**parameters: object) -> list[tuple[str, str, float]]:
        response = api_client.get(OVERLAPS, parameters)
        assert response.status_code == 200, response.content
        return [
            (pair["first"]["slug"], pair["second"]["slug"], pair["similarity"])
            for pair in response.json()["results"]
        ]

    low = api_client.get(OVERLAPS, {"min_similarity": 0.3}).json()

    assert [pair["similarity"] for pair in low["results"]] == [0.6, 0.333, 0.333]
    assert low["groups"] == [["course-fi", "technician-fi", "technician-se"]]  # by name
    assert pairs(min_similarity=0.3, across_border="true") == [
        ("technician-fi", "technician-se", 0.6),
        ("technician-se", "course-fi", 0.333),
    ]
    assert pairs(min_similarity=0.3, country="FI") == [
        ("technician-fi", "course-fi", 0.333)
    ]
    assert pairs(min_similarity=0.3, segment="recycling") == [
        ("technician-fi", "technician-se", 0.6)
    ]
    assert pairs(max_level=4) == []
    assert pairs(min_similarity=0.61) == []


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


def test_overlap_groups_are_the_same_on_every_page(api_client, overlapping):
    first = api_client.get(OVERLAPS, {"min_similarity": 0.3, "page_size": 1}).json()
    last = api_client.get(
        OVERLAPS, {"min_similarity": 0.3, "page_size": 1, "page": 3}
    ).json()

    assert (
        first["groups"]
        == last["groups"]
        == [["course-fi", "technician-fi", "technician-se"]]
    )
    assert len(first["results"]) == len(last["results"]) == 1


# --- published records, old intakes, example data -------------------------------------------------------------------


def test_only_published_needs_and_programmes_count(api_client, regions, segments):
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    need(regions["FI"], headcount=90, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         state="draft")  # fmt: skip
    need(regions["FI"], headcount=80, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         state="discontinued")  # fmt: skip
    programme("published", "FI", places=8, segments=[recycling])
    Programme.objects.filter(
        pk=programme("ended", "FI", places=50, segments=[recycling]).pk
    ).update(state="discontinued")

    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    assert figures(row, "people", "demand", "supply", "programmes", "status") == {
        "people": 10,
        "demand": 10.0,
        "supply": 8.0,
        "programmes": 1,
        "status": "balanced",  # 8 places for 10 people a year: exactly 80 %
    }


def test_an_intake_three_years_old_no_longer_counts(api_client, regions, segments):
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=10,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    old = programme("old-intake", "FI", places=None, segments=[recycling])
    IntakeFactory(programme=old, year=2023, places=30, applicants=None, enrolled=None)
    current = programme("current-intake", "FI", places=None, segments=[recycling])
    IntakeFactory(
        programme=current, year=2024, places=9, applicants=None, enrolled=None
    )

    row = cells(api_client.get(GAPS))["recycling", "FI1D9"]

    # 2026: intakes of 2024 and later count; the 2023 intake's 30 places do not.
    assert figures(row, "supply", "programmes", "unknown_places", "status") == {
        "supply": 9.0,
        "programmes": 2,
        "unknown_places": 1,
        "status": "balanced",  # 9 places for 10 people a year: 90 %
    }


def test_example_data_is_counted_and_said_or_left_out(api_client, regions, segments):
    """Recycling in FI1D9: a real need for 2 people and an example need for 6 (medium, by 2026), a programme whose
    8 places come from an example intake and a real one with 2 places per year."""
    recycling = segments["recycling"]
    need(
        regions["FI"],
        headcount=2,
        urgency=Urgency.MEDIUM,
        target_year=2026,
        segments=(recycling,),
    )
    need(regions["FI"], headcount=6, urgency=Urgency.MEDIUM, target_year=2026, segments=(recycling,),
         is_example=True)  # fmt: skip
    from_example = programme("from-example", "FI", places=None, segments=[recycling])
    IntakeFactory(programme=from_example, year=2025, places=8, applicants=None, enrolled=None,
                  is_example=True)  # fmt: skip
    programme("real", "FI", places=2, segments=[recycling])
    names = ("people", "demand", "supply", "status", "needs", "examples", "example_people", "example_demand",
             "example_programmes", "example_places", "rests_on_examples")  # fmt: skip

    included = api_client.get(GAPS)
    excluded = api_client.get(GAPS, {"examples": "exclude"})

    assert figures(cells(included)["recycling", "FI1D9"], *names) == {
        "people": 8,
        "demand": 8.0,
        "supply": 10.0,
        "status": "balanced",  # 10 places for 8 people a year: 125 %
        "needs": 2,
        "examples": 1,
        "example_people": 6,
        "example_demand": 6.0,  # 75 % of the demand
        "example_programmes": 1,
        "example_places": 8.0,  # 80 % of the places
        "rests_on_examples": True,
    }
    assert figures(cells(excluded)["recycling", "FI1D9"], *names) == {
        "people": 2,
        "demand": 2.0,
        "supply": 2.0,
        "status": "balanced",  # 2 places for 2 people a year
        "needs": 1,
        "examples": 0,
        "example_people": 0,
        "example_demand": 0.0,
        "example_programmes": 0,
        "example_places": 0.0,
        "rests_on_examples": False,
    }
    assert included.json()["parameters"]["examples"] == "include"
    assert excluded.json()["parameters"]["examples"] == "exclude"


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
