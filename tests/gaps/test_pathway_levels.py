"""Routes do not go through a qualification far above the level the occupation asks for (its ISCO-08 skill level:
gaps.pathways.routes.highest_level_for), and an occupation only such programmes lead to is shown as having no
training in the map."""

import pytest

from gaps.pathways.forms import PathwayChoices, occupation_label
from gaps.pathways.search import (
    PathwayQuery,
    find_pathways,
    load_network,
    untrained_occupations,
)
from skills.models import OccupationSkill
from tests.factories import (
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
    """The levels of tests/gaps/conftest.py (whose `basic` reads them) and EQF 7."""
    return {n: EducationLevelFactory(level=n) for n in (2, 4, 5, 6, 7)}


def routes(query: PathwayQuery) -> list[tuple[str, ...]]:
    return [
        tuple(s.programme.slug for s in r.steps) for r in find_pathways(query).routes
    ]


@pytest.mark.parametrize(
    "isco, highest",
    [
        ("8212", 5),  # plant and machine operators and assemblers
        ("7411", 5),  # craft and related trades workers
        ("9612", 4),  # elementary occupations
        ("3139", 6),  # technicians and associate professionals
    ],
)
def test_a_route_awards_no_level_far_above_the_occupations_skill_level(
    basic, levels, isco, highest
):
    occupation = OccupationFactory(slug="target", isco_code=isco)
    programme(
        "at-the-limit", level=levels[highest], accepts=[basic], leads_to=[occupation]
    )
    programme(
        "above", level=levels[highest + 1], accepts=[basic], leads_to=[occupation]
    )

    assert routes(PathwayQuery(starting_point=basic)) == [("at-the-limit",)]


@pytest.mark.parametrize("isco", ["2141", ""])  # a professional; no ISCO code
def test_professions_have_no_such_limit(basic, levels, isco):
    occupation = OccupationFactory(slug="target", isco_code=isco)
    programme("master", level=levels[7], accepts=[basic], leads_to=[occupation])

    assert routes(PathwayQuery(starting_point=basic)) == [("master",)]


def test_the_limit_holds_for_every_step_but_not_for_what_the_person_holds(
    basic, levels
):
    operator = OccupationFactory(slug="operator", isco_code="8212")
    master = QualificationTypeFactory(code="master", level=levels[7])
    programme(
        "master", level=levels[7], qualification=master, accepts=[basic], months=24
    )
    programme("course", accepts=[master], leads_to=[operator], months=2)

    assert routes(PathwayQuery(starting_point=basic)) == []
    assert routes(PathwayQuery(starting_point=master)) == [("course",)]


def test_an_occupation_only_degrees_above_its_level_lead_to_has_no_training_in_the_map(
    basic, levels
):
    operator = OccupationFactory(slug="operator", isco_code="8189", label_en="operator")
    skills = SkillFactory.create_batch(4)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    programme(
        "master", level=levels[7], accepts=[basic], leads_to=[operator], teaches=skills
    )
    # A course at any level teaching one of four essential skills: not enough to reach it, even with others.
    programme("course", accepts=[basic], teaches=skills[:1])

    assert untrained_occupations(load_network()) == {operator.pk}
    result = find_pathways(PathwayQuery(starting_point=basic, occupation=operator))
    assert [b.constraint for b in result.blockers] == ["untrained"]
    choices = PathwayChoices.load()
    assert occupation_label(choices.occupations["operator"]) == (
        "operator (no training in the map yet)"
    )


def test_programmes_at_its_level_teaching_enough_together_count_as_training(
    basic, levels
):
    operator = OccupationFactory(slug="operator", isco_code="8189", label_en="operator")
    skills = SkillFactory.create_batch(4)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    programme("first-half", accepts=[basic], teaches=skills[:1])
    programme("second-half", level=levels[4], accepts=[basic], teaches=skills[1:2])

    assert untrained_occupations(load_network()) == set()
    choices = PathwayChoices.load()
    assert occupation_label(choices.occupations["operator"]) == "operator"
