"""The pathway search rules on the steps of a route, pinned on small hand-made data sets: the level a step awards opens
the next, entry requirements and work experience, skills adding up to coverage, the ranking by duration, steps,
border crossings and coverage, at most three programmes, no steps backwards, and the same programmes in another order
as one route."""

import pytest

from gaps.pathways.search import (
    BORDER_PENALTY_MONTHS,
    COVERAGE_BONUS_MONTHS,
    STEP_PENALTY_MONTHS,
    PathwayQuery,
    find_pathways,
)
from tests.factories import (
    EducationLevelFactory,
    OccupationFactory,
    QualificationTypeFactory,
)
from tests.gaps.pathway_search_data import occupation_with_skills, programme, routes_of

pytestmark = pytest.mark.django_db


def test_a_second_step_opens_with_the_level_the_first_step_awards(
    basic, vocational, levels
):
    operator = OccupationFactory(slug="process-operator")
    programme(
        "vocational-process",
        level=levels[4],
        qualification=vocational,
        months=36,
        accepts=[basic],
    )
    programme(
        "yh-process",
        level=levels[5],
        months=18,
        min_level=levels[4],
        leads_to=[operator],
    )

    result = find_pathways(PathwayQuery(starting_point=basic))

    assert routes_of(PathwayQuery(starting_point=basic)) == [
        (("vocational-process", "yh-process"), "process-operator")
    ]
    first, second = result.routes[0].steps
    assert first.reason == "Open to people with: Finnish basic education."
    assert second.reason == (
        "Open to anyone with a qualification at EQF level 4 or above, such as vocational-process."
    )
    assert result.routes[0].total_months == 54


def test_a_programme_closed_to_the_starting_point_is_not_a_route(
    basic, vocational, levels
):
    operator = OccupationFactory(slug="process-operator")
    programme("yh-process", level=levels[5], min_level=levels[4], leads_to=[operator])
    assert routes_of(PathwayQuery(starting_point=basic)) == []
    assert routes_of(PathwayQuery(starting_point=vocational)) == [
        (("yh-process",), "process-operator")
    ]


def test_work_experience_opens_only_programmes_that_name_it(levels):
    experience = QualificationTypeFactory(
        code="work-experience", level=None, country=""
    )
    operator = OccupationFactory(slug="operator")
    programme("by-level", min_level=levels[2], leads_to=[operator])
    programme("names-experience", accepts=[experience], leads_to=[operator])
    assert routes_of(PathwayQuery(starting_point=experience)) == [
        (("names-experience",), "operator")
    ]


def test_a_language_preference_removes_routes_taught_in_other_languages(basic):
    operator = OccupationFactory(slug="operator")
    programme("in-finnish", accepts=[basic], leads_to=[operator], languages=["fi"])
    programme(
        "in-swedish", accepts=[basic], leads_to=[operator], languages=["sv"], months=6
    )

    assert routes_of(
        PathwayQuery(starting_point=basic, languages=frozenset({"fi"}))
    ) == [(("in-finnish",), "operator")]
    assert {r[0] for r in routes_of(PathwayQuery(starting_point=basic))} == {
        ("in-finnish",),
        ("in-swedish",),
    }


def test_skill_coverage_reaches_an_occupation_without_an_explicit_link(basic, settings):
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.5
    assembler, skills = occupation_with_skills("battery-assembler", 4)
    programme("teaches-two", accepts=[basic], teaches=skills[:2])
    programme("teaches-one", accepts=[basic], teaches=skills[:1])

    result = find_pathways(PathwayQuery(starting_point=basic, occupation=assembler))

    assert [
        (r.steps[0].programme.slug, r.by_link, r.covered_skills, r.coverage)
        for r in result.routes
    ] == [("teaches-two", False, 2, 0.5)]


def test_skills_add_up_along_a_route(basic, vocational, levels, settings):
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.75
    assembler, skills = occupation_with_skills("battery-assembler", 4)
    programme(
        "first",
        level=levels[4],
        qualification=vocational,
        accepts=[basic],
        teaches=skills[:2],
    )
    programme("second", level=levels[5], min_level=levels[4], teaches=skills[2:3])
    assert routes_of(PathwayQuery(starting_point=basic)) == [
        (("first", "second"), "battery-assembler")
    ]


def test_routes_are_ranked_by_duration_steps_border_crossings_and_coverage(
    basic, vocational, levels
):
    operator, skills = occupation_with_skills("operator", 2)
    programme("long", months=36, accepts=[basic], leads_to=[operator])  # score 36
    programme(
        "short", months=20, accepts=[basic], leads_to=[operator], teaches=skills
    )  # 20 − 12 = 8
    programme(
        "sweden", months=12, accepts=[basic], leads_to=[operator], country="SE"
    )  # 12
    result = find_pathways(PathwayQuery(starting_point=basic))
    assert [(r.steps[0].programme.slug, r.score) for r in result.routes] == [
        ("short", 20 - COVERAGE_BONUS_MONTHS * 1.0),
        ("sweden", 12.0),
        ("long", 36.0),
    ]
    assert STEP_PENALTY_MONTHS == BORDER_PENALTY_MONTHS == 6


def test_a_border_crossing_and_an_extra_step_cost_six_months_each(
    basic, vocational, levels
):
    operator = OccupationFactory(slug="operator")
    programme(
        "fi-vocational",
        level=levels[4],
        qualification=vocational,
        months=12,
        accepts=[basic],
    )
    programme(
        "se-yh",
        level=levels[5],
        months=12,
        min_level=levels[4],
        country="SE",
        leads_to=[operator],
    )
    (route,) = find_pathways(PathwayQuery(starting_point=basic)).routes
    assert (route.border_crossings, route.countries) == (1, ("FI", "SE"))
    assert route.score == 24 + STEP_PENALTY_MONTHS + BORDER_PENALTY_MONTHS


def test_routes_have_at_most_three_programmes(basic, levels):
    operator = OccupationFactory(slug="operator")
    step1 = QualificationTypeFactory(code="q4", level=levels[4])
    step2 = QualificationTypeFactory(code="q5", level=levels[5])
    step3 = QualificationTypeFactory(code="q6", level=levels[6])
    programme("one", level=levels[4], qualification=step1, accepts=[basic])
    programme("two", level=levels[5], qualification=step2, accepts=[step1])
    programme(
        "three",
        level=levels[6],
        qualification=step3,
        accepts=[step2],
        leads_to=[operator],
    )
    programme(
        "four",
        level=EducationLevelFactory(level=7),
        accepts=[step3],
        leads_to=[OccupationFactory(slug="far")],
    )

    assert routes_of(PathwayQuery(starting_point=basic)) == [
        (("one", "two", "three"), "operator")
    ]


def test_a_further_step_must_raise_the_level_unless_it_is_upskilling(
    basic, vocational, levels
):
    operator = OccupationFactory(slug="operator")
    other = OccupationFactory(slug="other")
    programme(
        "vocational",
        level=levels[4],
        qualification=vocational,
        accepts=[basic],
        leads_to=[other],
    )
    programme("same-level", level=levels[4], min_level=levels[4], leads_to=[operator])
    programme("course", level=None, months=3, min_level=levels[4], leads_to=[operator])
    assert routes_of(PathwayQuery(starting_point=basic)) == [
        (("vocational",), "other"),
        (("vocational", "course"), "operator"),
    ]


def test_a_first_step_at_or_below_the_starting_level_is_a_step_backwards(
    vocational, levels
):
    operator = OccupationFactory(slug="operator")
    programme("same-level", level=levels[4], accepts=[vocational], leads_to=[operator])
    programme("lower-level", level=levels[2], accepts=[vocational], leads_to=[operator])
    programme("higher", level=levels[5], accepts=[vocational], leads_to=[operator])
    programme("course", level=None, months=3, accepts=[vocational], leads_to=[operator])
    assert routes_of(PathwayQuery(starting_point=vocational)) == [
        (("course",), "operator"),
        (("higher",), "operator"),
    ]


def test_no_route_awards_the_qualification_the_person_already_holds(
    basic, vocational, levels
):
    operator = OccupationFactory(slug="operator")
    programme(
        "again",
        level=levels[5],
        qualification=vocational,
        accepts=[vocational],
        leads_to=[operator],
    )
    assert routes_of(PathwayQuery(starting_point=vocational)) == []
    assert routes_of(PathwayQuery(starting_point=basic, occupation=operator)) == []


def test_the_same_programmes_in_another_order_are_one_route(basic, settings):
    settings.PATHWAY_COVERAGE_THRESHOLD = 1.0
    operator, skills = occupation_with_skills("operator", 2)
    programme("course-a", months=2, accepts=[basic], teaches=skills[:1])
    programme("course-b", months=3, accepts=[basic], teaches=skills[1:])

    result = find_pathways(PathwayQuery(starting_point=basic))

    # Either order scores the same; the first found in rank order is kept, the other is the same route.
    assert len(result.routes) == 1
    assert {s.programme.slug for s in result.routes[0].steps} == {
        "course-a",
        "course-b",
    }
    assert result.total == 1


def test_a_route_reaching_by_skills_covers_the_threshold_and_only_a_linked_step_leads_directly(
    basic, settings
):
    settings.PATHWAY_COVERAGE_THRESHOLD = 0.5
    operator, skills = occupation_with_skills("operator", 4)
    assembler, _skills = occupation_with_skills("assembler", 4)
    programme(
        "linked", months=6, accepts=[basic], leads_to=[assembler], teaches=skills[:1]
    )
    programme("half", months=6, accepts=[basic], teaches=skills[:2])

    result = find_pathways(PathwayQuery(starting_point=basic))

    by_occupation = {r.occupation.slug: r for r in result.routes}
    assert set(by_occupation) == {
        "operator",
        "assembler",
    }  # 1 of 4 skills alone reaches nothing
    assert (by_occupation["operator"].by_link, by_occupation["operator"].coverage) == (
        False,
        0.5,
    )
    assert [(s.linked, s.covered_skills) for s in by_occupation["assembler"].steps] == [
        (True, 0)
    ]
    assert all(r.by_link or r.coverage >= 0.5 for r in result.routes)


def test_a_route_crosses_the_border_twice_only_when_no_other_route_reaches_the_occupation(
    basic, levels
):
    q4 = QualificationTypeFactory(code="q4", level=levels[4])
    q5 = QualificationTypeFactory(code="q5", level=levels[5])
    operator = OccupationFactory(slug="operator")
    programme("fi-4", level=levels[4], qualification=q4, months=6, accepts=[basic])
    programme(
        "se-5", level=levels[5], qualification=q5, months=6, accepts=[q4], country="SE"
    )
    programme("fi-6", level=levels[6], months=6, accepts=[q5], leads_to=[operator])

    (twice,) = find_pathways(PathwayQuery(starting_point=basic)).routes
    assert (twice.border_crossings, [s.programme.slug for s in twice.steps]) == (
        2,
        ["fi-4", "se-5", "fi-6"],
    )

    programme("se-long", months=60, accepts=[basic], leads_to=[operator], country="SE")
    assert routes_of(PathwayQuery(starting_point=basic)) == [(("se-long",), "operator")]
