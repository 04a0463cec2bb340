"""Builders and readers of the pathway search rule tests: programmes (tests.factories.pathway_programme), an occupation
with its essential skills, and the routes a query finds read back. The levels and qualifications they start from are
the levels, basic and vocational fixtures of tests/gaps/conftest.py."""

from gaps.pathways.search import PathwayQuery, find_pathways
from skills.models import OccupationSkill
from tests.factories import OccupationFactory, SkillFactory, pathway_programme

programme = pathway_programme


def occupation_with_skills(slug: str, count: int):
    occupation = OccupationFactory(slug=slug, label_en=slug)
    skills = SkillFactory.create_batch(count)
    for skill in skills:
        OccupationSkill.objects.create(occupation=occupation, skill=skill)
    return occupation, skills


def routes_of(query: PathwayQuery) -> list[tuple[tuple[str, ...], str]]:
    return [
        (tuple(s.programme.slug for s in r.steps), r.occupation.slug)
        for r in find_pathways(query).routes
    ]
