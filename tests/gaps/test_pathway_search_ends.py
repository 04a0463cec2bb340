"""The pathway search's tables of possible last steps and the checks that read them: whether a partial route could
still end in a group it beats (SearchState.may_join), and which next steps of a route that can take only one more are
worth trying at all (next_steps.UsefulSteps)."""

from types import SimpleNamespace

import pytest

from gaps.pathways.last_steps import Ending, LastSteps, ends_of
from gaps.pathways.next_steps import UsefulSteps, outclassed, record_tried
from gaps.pathways.nodes import Found
from gaps.pathways.search import PathwayQuery, find_pathways
from gaps.pathways.search_state import Partial, SearchState
from skills.models import OccupationSkill
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SkillFactory,
    pathway_programme,
)

OPERATOR, WELDER = 1, 2


def options(linked=(), teaching=(), shortest=3) -> LastSteps:
    """Possible last steps: (cost, node) linked ones and (skills taught, cost, node) teaching ones."""
    option = LastSteps(shortest=shortest, linked=list(linked), teaching=list(teaching))
    option.sort()
    return option


def state(found=None, max_months=None) -> SearchState:
    """A search state for two targets: the operator needs 4 of 6 essential skills, the welder 2 of 3."""
    search = SearchState(
        SimpleNamespace(max_months=max_months), None, [], None, 0, None
    )
    search.target_bits = {OPERATOR: (0b111111, 4), WELDER: (0b111000000, 2)}
    search.found = found or {}
    return search


def ending(taught=0, targets=(OPERATOR,), months=10, base=0.0, previous="FI") -> Ending:
    return Ending(frozenset(targets), taught, months, base, 0, previous, (False,))


def kept(score: float) -> list[Found]:
    """A full group whose worse route scores `score`."""
    return [
        Found(
            score=s,
            places=1,
            nodes=(n,),
            reasons=(),
            held=(),
            occupation_id=OPERATOR,
            by_link=False,
            covered=0,
            months=0,
            crossings=0,
        )  # fmt: skip
        for n, s in enumerate((score - 1, score))
    ]


def test_the_tables_give_per_country_the_least_cost_of_making_up_so_many_skills():
    """Item n of a country's table: the least cost of a last step that makes up n skills (one teaching n or more, or
    one linked to the occupation); beyond it only a linked step can, at its cost (None if there is none). First, the
    most skills a step in either country can make up: any number once one is linked."""
    ends = ends_of(
        {
            (OPERATOR, "SE"): options(teaching=[(1, 4, 7), (3, 9, 8)], shortest=5),
            (OPERATOR, "FI"): options(linked=[(12, 5)], teaching=[(2, 6, 6)]),
        }
    )

    assert ends == {
        OPERATOR: (
            float("inf"),
            (("FI", 3, (6, 6, 6), 12), ("SE", 5, (4, 4, 9, 9), None)),
        ),
    }
    teaching_only = ends_of(
        {(OPERATOR, "SE"): options(teaching=[(1, 4, 7), (3, 9, 8)])}
    )
    assert teaching_only[OPERATOR][0] == 3


def test_a_route_may_join_a_group_only_through_a_last_step_that_makes_up_what_it_lacks():
    """With one skill of four taught, a route lacks three: only a step teaching three or more, or a linked one, can
    end it, and a group not yet full takes any route."""
    search = state()
    teaching_two = ends_of({(OPERATOR, "FI"): options(teaching=[(2, 6, 1)])})
    teaching_three = ends_of({(OPERATOR, "FI"): options(teaching=[(3, 6, 1)])})
    linked = ends_of({(OPERATOR, "SE"): options(linked=[(20, 1)])})

    assert not search.may_join(ending(taught=0b1), teaching_two, 0, 0)
    assert search.may_join(ending(taught=0b11), teaching_two, 0, 0)
    assert search.may_join(ending(taught=0b1), teaching_three, 0, 0)
    assert search.may_join(ending(taught=0), linked, 0, 0)
    # Skills of another occupation count for nothing, and a step between may teach up to the most any one does.
    assert not search.may_join(ending(taught=0b111000000), teaching_two, 0, 0)
    search.most_taught = {OPERATOR: 1}
    assert search.may_join(ending(taught=0b1), teaching_two, 1, 0)


def test_a_full_group_takes_only_a_route_that_beats_its_worse_route():
    """The route's score so far plus the cheapest step that can end it (and a border crossing) against the group's
    worse route; the same score is still tried, so that the route ranked first is kept."""
    ends = ends_of({(OPERATOR, "FI"): options(teaching=[(4, 6, 1)])})
    search = state(found={(OPERATOR, "FI", False): kept(10.0)})

    assert search.may_join(ending(base=4.0), ends, 0, 0)  # 4 + 6 ties with 10
    assert not search.may_join(ending(base=4.5), ends, 0, 0)
    assert not search.may_join(
        ending(base=0.0), ends, 0, 11
    )  # the next step adds at least 11
    assert not search.may_join(
        ending(base=0.0, previous="SE"), ends, 0, 5
    )  # + a crossing
    assert not state(max_months=12).may_join(
        ending(months=10), ends, 0, 0
    )  # 10 + 3 months


def search_for_steps(ends: dict) -> SimpleNamespace:
    """A stand-in for the search state (only what UsefulSteps reads): the last steps open after each award."""
    search = state()
    return SimpleNamespace(
        ends=lambda held: ends.get(held[-1][0], {}),
        target_bits=search.target_bits,
        gate_fields=frozenset(),
    )


def step(
    skills=0, links=(), touches=(), awards=False, field_id=None
) -> SimpleNamespace:
    return SimpleNamespace(
        skills=skills,
        links=frozenset(links),
        touches=frozenset(touches) | frozenset(links),
        awards=awards,
        field_id=field_id,
    )


def test_a_step_is_futile_when_no_last_step_could_make_up_what_the_route_then_lacks():
    """After a course a route may take one last step, and those open teach at most two of the operator's skills: a
    course must bring the route to two of its four, complete a route (linked, or four taught), or award a
    qualification after which a last step can end a route to a target it does not touch."""
    search = search_for_steps(
        {
            "start": ends_of({(OPERATOR, "FI"): options(teaching=[(2, 6, 1)])}),
            "diploma": ends_of({(WELDER, "FI"): options(linked=[(9, 2)])}),
        }
    )
    partial = SimpleNamespace(
        targets=frozenset({OPERATOR, WELDER}), taught=0b1, linked=frozenset()
    )
    same = UsefulSteps(search, partial, (("start", None, ""),))
    diploma = UsefulSteps(search, partial, (("start", None, ""), ("diploma", 4, "")))

    assert same.futile(search, partial, step(touches={OPERATOR}))
    assert not same.futile(search, partial, step(skills=0b10, touches={OPERATOR}))
    assert not same.futile(search, partial, step(links={OPERATOR}))
    assert not same.futile(search, partial, step(skills=0b1110, touches={OPERATOR}))
    # A qualification that opens a step linked to the welder: the welder stays a target of the longer route.
    assert not diploma.futile(search, partial, step(awards=True))
    assert diploma.futile(search, partial, step(awards=False))
    assert same.futile(search, partial, step(awards=True))


def test_a_futile_step_still_counts_among_the_steps_of_its_class():
    """A step skipped as futile still outclasses dearer steps of its class, as it did when it was tried."""
    search = SimpleNamespace(
        query=SimpleNamespace(max_months=None), gate_fields=frozenset()
    )
    node = SimpleNamespace(awards=True, qualification_id=1, level=4, country="FI", field_id=None,
                           duration_known=True, far=False, months=6, ranked_months=6, penalty=0, places=20,
                           touches=frozenset())  # fmt: skip
    tried: dict = {}
    record_tried(search, tried, node, ())
    record_tried(search, tried, node, ())
    dearer = SimpleNamespace(**{**vars(node), "ranked_months": 9, "months": 9})

    assert outclassed(search, tried, dearer, (), frozenset({OPERATOR})) == {OPERATOR}


@pytest.mark.django_db
def test_second_steps_that_cannot_be_made_up_for_are_skipped_without_changing_the_routes(
    monkeypatch,
):
    """The operator needs three of six skills, and a last step teaches at most one. After a first course, a second
    course teaching only the skill the first taught leaves two to make up: it is futile, and the search finds the same
    routes as one trying every step."""
    level = EducationLevelFactory(level=4)
    start = QualificationTypeFactory(code="fi-vocational", level=level)
    operator = OccupationFactory(slug="operator", label_en="operator")
    skills = SkillFactory.create_batch(6)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    pathway_programme("first", min_level=level, months=1, teaches=skills[:1])
    pathway_programme("second", min_level=level, months=2, teaches=skills[1:2])
    for n in range(6):
        pathway_programme(
            f"same-skill-{n}", min_level=level, months=3, teaches=skills[:1]
        )
    pathway_programme("last", min_level=level, months=4, teaches=skills[2:3])
    query = PathwayQuery(starting_point=start, occupation=operator)
    answers = []
    futile = UsefulSteps.futile

    def counted(self, search, partial, node):
        answers.append(futile(self, search, partial, node))
        return answers[-1]

    monkeypatch.setattr(UsefulSteps, "futile", counted)
    result = find_pathways(query)
    monkeypatch.setattr(UsefulSteps, "futile", lambda *args: False)
    every_step = find_pathways(query)

    assert answers.count(True) >= 6  # the copies after "first", at least
    assert [r.key for r in result.routes] == [r.key for r in every_step.routes]
    assert [r.score for r in result.routes] == [r.score for r in every_step.routes]
    assert (result.total, result.total_complete) == (
        every_step.total,
        every_step.total_complete,
    )
    assert ("first", "second", "last") in {
        tuple(s.programme.slug for s in r.steps) for r in result.routes
    }


def test_the_steps_that_can_end_a_route_come_cheapest_first_among_those_that_make_up_enough():
    """The last steps tried for a route that lacks n skills: the linked ones and those teaching n or more, cheapest
    first (by node after that); a route that lacks none may end with any."""
    option = options(linked=[(12, 5)], teaching=[(1, 4, 7), (3, 9, 8), (2, 6, 6)])

    assert option.enders(3) == [(9, 8), (12, 5)]
    assert option.enders(2) == [(6, 6), (9, 8), (12, 5)]
    assert option.enders(0) == option.enders(-2) == [(4, 7), (6, 6), (9, 8), (12, 5)]
    assert option.enders(4) == [(12, 5)]


def test_a_route_remembers_the_group_not_yet_full_that_it_could_join():
    """A group that is not full takes any route, whatever its cost: while it stays so, a partial route found able to
    join it still is, and is not worked out again; once it fills, the route is weighed against its routes."""
    ends = ends_of({(OPERATOR, "FI"): options(teaching=[(4, 6, 1)])})
    search = state()
    assert search.may_join(ending(), ends, 0, 0)
    assert search.open_group == (OPERATOR, "FI", False)
    search.found[(OPERATOR, "FI", False)] = kept(10.0)
    assert search.may_join(ending(), ends, 0, 0)  # 6 beats 10, in a full group
    assert search.open_group is None

    search = (
        state()
    )  # no programme at all: only the group remembered can make a route worth extending
    partial = Partial((), (), (("start", 4, ""),), 0, frozenset(), frozenset({OPERATOR}), 0, 0, 0, False,
                      (OPERATOR, "FI", False))  # fmt: skip
    assert search.worth_extending(partial)
    search.found[(OPERATOR, "FI", False)] = kept(10.0)
    assert not search.worth_extending(partial)
