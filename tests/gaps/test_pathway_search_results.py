"""What the pathway search answers beyond its routes, pinned on small hand-made data sets: the preferences (countries,
regions, duration, segment) and how many routes each removed, unknown durations listed apart, the blockers of an
empty result, the cap and the occupations it left out, and the same queries for few and many programmes."""

import pytest

from gaps.pathways.search import (
    UNKNOWN_DURATION_MONTHS,
    PathwayQuery,
    find_pathways,
    load_network,
    untrained_occupations,
)
from tests.factories import OccupationFactory, RegionFactory, SegmentFactory
from tests.gaps.pathway_search_data import occupation_with_skills, programme, routes_of

pytestmark = pytest.mark.django_db


def test_countries_regions_and_duration_limit_the_routes(basic):
    operator = OccupationFactory(slug="operator")
    oulu = RegionFactory(code="FI1D9", country="FI")
    programme("finland", months=36, accepts=[basic], leads_to=[operator], region=oulu)
    programme("sweden", months=12, accepts=[basic], leads_to=[operator], country="SE")

    assert routes_of(
        PathwayQuery(starting_point=basic, countries=frozenset({"FI"}))
    ) == [(("finland",), "operator")]
    assert routes_of(PathwayQuery(starting_point=basic, regions=(oulu,))) == [
        (("finland",), "operator")
    ]
    assert routes_of(PathwayQuery(starting_point=basic, max_months=24)) == [
        (("sweden",), "operator")
    ]


def test_an_empty_result_says_which_preference_removed_the_routes(basic):
    operator = OccupationFactory(slug="operator")
    programme(
        "in-swedish-in-sweden",
        months=24,
        accepts=[basic],
        leads_to=[operator],
        languages=["sv"],
        country="SE",
    )

    result = find_pathways(
        PathwayQuery(
            starting_point=basic,
            languages=frozenset({"fi"}),
            countries=frozenset({"SE"}),
            max_months=36,
        )
    )
    assert result.routes == []
    assert [(b.constraint, b.routes_if_relaxed) for b in result.blockers] == [
        ("languages", 1)
    ]
    assert result.blockers[0].message == "No route teaches in the languages you chose."

    result = find_pathways(
        PathwayQuery(starting_point=basic, max_months=12, countries=frozenset({"FI"}))
    )
    assert [b.constraint for b in result.blockers] == [
        "entry"
    ]  # each relaxation alone still finds nothing


def test_an_empty_result_without_preferences_blames_the_entry_requirements(
    basic, levels
):
    programme(
        "closed", min_level=levels[5], leads_to=[OccupationFactory(slug="operator")]
    )
    result = find_pathways(PathwayQuery(starting_point=basic))
    assert [(b.constraint, b.message) for b in result.blockers] == [
        ("entry", "No programme on the map is open to your starting point yet.")
    ]


def test_a_segment_limits_the_target_occupations(basic):
    cells = SegmentFactory(code="cells")
    assembler = OccupationFactory(slug="assembler")
    assembler.segments.add(cells)
    programme(
        "both", accepts=[basic], leads_to=[assembler, OccupationFactory(slug="miner")]
    )
    assert routes_of(PathwayQuery(starting_point=basic, segment=cells)) == [
        (("both",), "assembler")
    ]


def test_the_search_does_the_same_queries_for_few_and_many_programmes(
    basic, levels, django_assert_num_queries
):
    operator, skills = occupation_with_skills("operator", 3)
    programme(
        "first", accepts=[basic], leads_to=[operator], teaches=skills, languages=["fi"]
    )
    # 1 programmes + provider + level + qualification, 2 requirements, 3 skills, 4 occupations, 5 languages,
    # 6 offerings + site + regions, 7 required fields, 8 fields' names, 9 occupations, 10 their segments,
    # 11 essential skills, 12 qualification levels
    with django_assert_num_queries(12):
        find_pathways(PathwayQuery(starting_point=basic))
    for n in range(20):
        programme(
            f"more-{n}",
            accepts=[basic],
            leads_to=[operator],
            teaches=skills,
            languages=["fi"],
        )
    with django_assert_num_queries(12):
        assert find_pathways(PathwayQuery(starting_point=basic)).routes


def test_an_unknown_duration_never_fits_a_study_time_limit_but_is_listed_apart(basic):
    operator = OccupationFactory(slug="operator")
    programme("unknown", months=None, accepts=[basic], leads_to=[operator])
    programme("known", months=12, accepts=[basic], leads_to=[operator])

    limited = find_pathways(PathwayQuery(starting_point=basic, max_months=24))
    unlimited = find_pathways(PathwayQuery(starting_point=basic))

    assert [r.steps[0].programme.slug for r in limited.routes] == ["known"]
    (apart,) = limited.unknown_duration
    assert [s.programme.slug for s in apart.unknown_duration_steps] == ["unknown"]
    assert not apart.duration_known
    # Without a limit it is an ordinary route, ranked with the documented weight for an unknown duration.
    assert [(r.steps[0].programme.slug, r.score) for r in unlimited.routes] == [
        ("unknown", UNKNOWN_DURATION_MONTHS),
        ("known", 12.0),
    ]
    assert unlimited.unknown_duration == []


def test_the_cap_counts_every_route_and_names_the_occupations_it_left_out(
    basic, monkeypatch
):
    monkeypatch.setattr("gaps.pathways.best_first.MAX_ROUTES", 2)
    for n, months in enumerate([6, 12, 18]):
        programme(
            f"p{n}",
            months=months,
            accepts=[basic],
            leads_to=[OccupationFactory(slug=f"o{n}")],
        )

    result = find_pathways(PathwayQuery(starting_point=basic))

    assert [r.occupation.slug for r in result.routes] == ["o0", "o1"]
    assert result.total == 3
    assert [o.slug for o in result.dropped_occupations] == ["o2"]


def test_each_preference_counts_the_routes_it_removed(basic):
    operator = OccupationFactory(slug="operator")
    assembler = OccupationFactory(slug="assembler")
    programme("fits", months=12, accepts=[basic], leads_to=[operator], languages=["fi"])
    programme(
        "long", months=36, accepts=[basic], leads_to=[assembler], languages=["fi"]
    )
    programme(
        "swedish", months=6, accepts=[basic], leads_to=[assembler], languages=["sv"]
    )
    programme(
        "long-swedish",
        months=30,
        accepts=[basic],
        leads_to=[operator],
        languages=["sv"],
    )

    result = find_pathways(
        PathwayQuery(starting_point=basic, languages=frozenset({"fi"}), max_months=24)
    )

    assert [r.steps[0].programme.slug for r in result.routes] == ["fits"]
    # Without the language: "swedish" fits the time; without the time limit: "long" is in Finnish.
    assert [(r.constraint, r.routes) for r in result.removed] == [
        ("languages", 1),
        ("duration", 1),
    ]


def test_an_occupation_no_programme_leads_to_is_not_blamed_on_the_starting_point(basic):
    lonely, _skills = occupation_with_skills("lonely", 2)
    programme("elsewhere", accepts=[basic], leads_to=[OccupationFactory(slug="other")])

    result = find_pathways(PathwayQuery(starting_point=basic, occupation=lonely))

    assert [(b.constraint, b.message) for b in result.blockers] == [
        ("untrained", "No programme in the map leads to this occupation yet.")
    ]
    assert untrained_occupations(load_network()) == {lonely.pk}
