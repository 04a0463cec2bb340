"""How the in-memory pathway search stops: a step that adds nothing is no way round a rule, and a search stops
looking for an occupation's routes once nothing left could rank among those it keeps."""

from types import SimpleNamespace

import pytest

from gaps.pathways.best_first import search_routes
from gaps.pathways.next_steps import outclassed as _outclassed
from gaps.pathways.nodes import Found
from gaps.pathways.search import PathwayQuery, find_pathways, load_network
from gaps.pathways.search_state import SearchState
from skills.models import OccupationSkill
from tests.factories import (
    EducationFieldFactory,
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SkillFactory,
    pathway_programme,
)

pytestmark = pytest.mark.django_db

programme = pathway_programme


@pytest.fixture
def levels():
    return {n: EducationLevelFactory(level=n) for n in (2, 4, 5)}


@pytest.fixture
def vocational(levels):
    return QualificationTypeFactory(code="fi-vocational", level=levels[4])


def operator_with_skills(count: int):
    operator = OccupationFactory(slug="operator", label_en="operator")
    skills = SkillFactory.create_batch(count)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    return operator, skills


def slugs(query: PathwayQuery) -> list[tuple[str, ...]]:
    return [
        tuple(s.programme.slug for s in r.steps) for r in find_pathways(query).routes
    ]


def test_a_course_that_teaches_nothing_of_the_goal_does_not_open_a_step_back(
    levels, vocational
):
    """A step back in one's own field may not come first; putting an unrelated course before it changes nothing."""
    engineering = EducationFieldFactory(code="07")
    operator, _skills = operator_with_skills(2)
    programme(
        "same-qualification-again",
        min_level=levels[2],
        level=levels[4],
        leads_to=[operator],
        education_field=engineering,
    )
    programme(
        "unrelated-course",
        min_level=levels[2],
        months=1,
        teaches=SkillFactory.create_batch(2),
    )
    query = PathwayQuery(
        starting_point=vocational, field=engineering, occupation=operator
    )

    assert slugs(query) == []


def test_a_middle_step_that_adds_nothing_to_the_goal_is_left_out(levels, vocational):
    """A course that awards nothing and teaches none of the occupation's skills only makes a route longer."""
    basic = QualificationTypeFactory(code="fi-basic", level=levels[2])
    operator, _skills = operator_with_skills(2)
    programme(
        "vocational",
        accepts=[basic],
        level=levels[4],
        qualification=vocational,
        months=36,
    )
    programme(
        "specialist",
        accepts=[vocational],
        level=levels[5],
        months=12,
        leads_to=[operator],
    )
    programme(
        "unrelated-course",
        min_level=levels[2],
        months=1,
        teaches=SkillFactory.create_batch(2),
    )

    assert slugs(PathwayQuery(starting_point=basic, occupation=operator)) == [
        ("vocational", "specialist")
    ]


def test_a_course_that_teaches_part_of_the_goal_may_still_come_first(
    levels, vocational
):
    operator, skills = operator_with_skills(6)  # a route must teach three of them
    programme("a-third", min_level=levels[2], months=2, teaches=skills[:2])
    programme("another-third", min_level=levels[2], months=3, teaches=skills[2:4])

    assert slugs(PathwayQuery(starting_point=vocational, occupation=operator)) == [
        ("a-third", "another-third")
    ]


def test_a_search_stops_once_no_longer_route_can_beat_the_routes_kept(
    levels, vocational
):
    """Two short programmes per country lead to the occupation; many longer courses teach a little of it. Once both
    groups hold two routes no route through a course can beat, no partial route is extended beyond the start."""
    operator, skills = operator_with_skills(6)
    for country in ("FI", "SE"):
        for n in range(2):
            programme(
                f"direct-{country}-{n}",
                country=country,
                min_level=levels[2],
                months=2,
                leads_to=[operator],
            )
    for n in range(12):
        programme(f"course-{n}", min_level=levels[2], months=6, teaches=[skills[n % 6]])
    query = PathwayQuery(starting_point=vocational, occupation=operator)

    outcome = search_routes(query, load_network(), max_expansions=1)

    assert sorted(r.steps[0].programme.slug for r in outcome.routes) == [
        "direct-FI-0",
        "direct-FI-1",
        "direct-SE-0",
        "direct-SE-1",
    ]
    assert outcome.complete


def test_a_search_goes_on_while_a_group_can_still_fill(levels, vocational):
    """Sweden has no direct programme: the search must look further, and finds the Swedish route of two courses."""
    operator, skills = operator_with_skills(6)
    programme("direct-FI", min_level=levels[2], months=2, leads_to=[operator])
    programme(
        "half-SE", country="SE", min_level=levels[2], months=6, teaches=skills[:2]
    )
    programme(
        "other-half-SE",
        country="SE",
        min_level=levels[2],
        months=7,
        teaches=skills[2:4],
    )
    query = PathwayQuery(starting_point=vocational, occupation=operator)

    assert search_routes(query, load_network(), max_expansions=1).complete is False
    assert slugs(query) == [("direct-FI",), ("half-SE", "other-half-SE")]


def test_a_relaxed_search_started_from_the_routes_found_finds_what_a_fresh_one_finds(
    levels, vocational
):
    """The search without a preference starts from the routes found with it (they are its routes too): the routes it
    keeps are the ones a search from nothing keeps."""
    basic = QualificationTypeFactory(code="fi-basic", level=levels[2])
    operator, skills = operator_with_skills(6)
    programme(
        "vocational",
        accepts=[basic],
        level=levels[4],
        qualification=vocational,
        months=36,
        languages=("fi",),
    )
    for n, (country, language, months) in enumerate(
        [
            ("FI", "fi", 12),
            ("FI", "sv", 6),
            ("SE", "sv", 9),
            ("SE", "sv", 30),
            ("FI", "fi", 40),
            ("SE", "fi", 3),
        ]
    ):
        programme(f"specialist-{n}", country=country, accepts=[vocational], level=levels[5], months=months,
                  leads_to=[operator], languages=(language,))  # fmt: skip
        programme(f"course-{n}", country=country, accepts=[basic], months=2 + n, teaches=skills[n : n + 2],
                  languages=(language,))  # fmt: skip
    network = load_network()
    in_finnish = PathwayQuery(starting_point=basic, languages=frozenset({"fi"}))
    any_language = PathwayQuery(starting_point=basic)

    preferred = search_routes(in_finnish, network)
    seeded = search_routes(any_language, network, seeds=preferred)
    fresh = search_routes(any_language, network)

    assert fresh.found != preferred.found  # the preference matters
    assert seeded.found == fresh.found
    assert [r.key for r in seeded.routes] == [r.key for r in fresh.routes]


def _route(nodes: tuple[int, ...], score: float) -> Found:
    return Found(score=score, places=1, nodes=nodes, reasons=(), held=(), occupation_id=1, by_link=True,
                 covered=0, months=0, crossings=0)  # fmt: skip


def test_the_same_programmes_in_another_order_are_kept_once_and_never_lost():
    """Two orders of the same programmes can end in different countries, so in different groups: the order ranked
    first is kept, and should it drop out of its group, the other order takes its place in its own group."""
    state = SearchState(None, None, [], None, 0, None)
    finland, sweden = (1, "FI", False), (1, "SE", False)
    ends_in_sweden = _route((1, 2), 10.0)
    ends_in_finland = _route((2, 1), 12.0)
    state.keep(ends_in_finland, finland)
    state.keep(_route((3,), 15.0), finland)
    state.keep(ends_in_sweden, sweden)

    assert state.found[sweden] == [ends_in_sweden]
    assert ends_in_finland not in state.found[finland]  # the same route, ranked lower

    state.keep(_route((4,), 5.0), sweden)
    state.keep(
        _route((5,), 6.0), sweden
    )  # the better order drops out of Sweden's two best

    assert ends_in_sweden not in state.found[sweden]
    assert state.found[finland] == [ends_in_finland, _route((3,), 15.0)]


def test_routes_of_the_same_score_are_chosen_by_rank_whichever_comes_first():
    state = SearchState(None, None, [], None, 0, None)
    group = (1, "FI", False)
    for nodes in [(9,), (8,), (7,)]:
        state.keep(_route(nodes, 10.0), group)
    assert [r.nodes for r in state.found[group]] == [(7,), (8,)]
    assert state.worst_kept(group) > (False, 10.0)  # a bound that ties is still tried


def opener(months: int, places: int = 20, touches=frozenset(), **fields):
    """A stand-in for a search node that awards a level-4 qualification in Finland (only what _outclassed reads)."""
    values = {
        "awards": True,
        "qualification_id": 1,
        "level": 4,
        "country": "FI",
        "field_id": None,
        "duration_known": True,
        "far": False,
        "months": months,
        "ranked_months": months,
        "penalty": 0,
        "places": places,
        "touches": frozenset(touches),
    }
    return SimpleNamespace(**{**values, **fields})


def search_with(max_months=None, gate_fields=frozenset()):
    """A stand-in for the search state (only what _outclassed reads)."""
    return SimpleNamespace(
        query=SimpleNamespace(max_months=max_months), gate_fields=gate_fields
    )


def test_a_step_outclassed_by_two_cheaper_ones_of_its_class_drops_the_targets_it_does_not_touch():
    """Two steps giving a longer route the same (qualification, country, field), each cheaper or as cheap with as many
    places, make every longer route through a third one to a target none of them touches rank below two routes beside
    it: the search no longer looks for those. A target it touches, or one an earlier step touches (that step may reach
    it and go no further), stays."""
    search = search_with()
    tried: dict = {}
    targets = frozenset({1, 2, 3})
    assert (
        _outclassed(search, tried, opener(6, touches={3}), (), targets) == frozenset()
    )
    assert _outclassed(search, tried, opener(7), (), targets) == frozenset()
    # Third of its class: target 1 is touched by none, 2 by itself, 3 by a cheaper one.
    assert _outclassed(search, tried, opener(8, touches={2}), (), targets) == {1}
    # More places than the cheaper ones do not help a dearer step: its routes still score worse. Of the three before
    # it, two touch none of 1, 2 and 3.
    assert _outclassed(search, tried, opener(9, places=30), (), targets) == {1, 2, 3}
    assert _outclassed(search, {}, opener(5), (), targets) == frozenset()
    # Another class (another country, level, a first step far from home) is compared with its own kind only.
    for other in [
        {"country": "SE"},
        {"level": 5, "qualification_id": 2},
        {"duration_known": False},
        {"far": True},
    ]:
        assert (
            _outclassed(search, tried, opener(10, **other), (), targets) == frozenset()
        )
    # A step that awards no level is in no class.
    assert (
        _outclassed(search, tried, opener(10, level=None), (), targets) == frozenset()
    )


def test_as_cheap_a_step_is_outclassed_only_by_steps_with_as_many_places():
    """Routes of the same score go by places: a step as cheap as two tried before it, with more places than they
    have, may give a route ranked above theirs."""
    tried: dict = {}
    targets = frozenset({1})
    search = search_with()
    for _ in range(2):
        _outclassed(search, tried, opener(6, places=12), (), targets)
    assert _outclassed(search, tried, opener(6, places=30), (), targets) == frozenset()
    assert _outclassed(search, tried, opener(6, places=12), (), targets) == {1}


def test_with_a_study_time_limit_only_steps_in_no_more_months_outclass():
    """Under a study-time limit a cheaper step that takes more months (its duration weighs less than a condition to
    check) may not fit where the dearer one does."""
    tried: dict = {}
    targets = frozenset({1})
    search = search_with(max_months=24)
    for _ in range(2):
        _outclassed(search, tried, opener(10), (), targets)
    assert _outclassed(search, tried, opener(8, penalty=6), (), targets) == frozenset()
    assert _outclassed(search, tried, opener(12), (), targets) == {1}


def test_the_field_separates_classes_only_where_a_programme_asks_for_it():
    """A step's field matters to a longer route only when a programme of the search asks for earlier education in
    that field (a field gate); otherwise steps in different fields are of one class."""
    targets = frozenset({1})
    for gate_fields, outclassed in [(frozenset(), {1}), (frozenset({7}), frozenset())]:
        search = search_with(gate_fields=gate_fields)
        tried: dict = {}
        for _ in range(2):
            _outclassed(search, tried, opener(6), (), targets)
        assert (
            _outclassed(search, tried, opener(8, field_id=7), (), targets) == outclassed
        )


def test_the_two_cheapest_ways_in_are_the_routes_kept_of_three_alike(levels):
    """Three programmes award the same qualification; a programme open to it leads to the occupation. The two
    cheapest ways in are kept for the occupation in Finland; the third ranks below them."""
    basic = QualificationTypeFactory(code="fi-basic", level=levels[2])
    diploma = QualificationTypeFactory(code="fi-vocational", level=levels[4])
    operator, _skills = operator_with_skills(2)
    for slug, months in [("way-c", 9), ("way-a", 6), ("way-b", 7)]:
        programme(
            slug, months=months, accepts=[basic], qualification=diploma, level=levels[4]
        )
    programme("job-training", months=3, accepts=[diploma], leads_to=[operator])

    query = PathwayQuery(starting_point=basic, occupation=operator)

    assert slugs(query) == [("way-a", "job-training"), ("way-b", "job-training")]
