"""The pathway pages' data set, the ``data`` fixture of test_pathway_pages.py and test_pathway_page_errors.py (each
binds it by name, since tests/gaps/conftest.py's ``data`` is the gap pages'), and the programmes it is made of."""

import pytest

from programmes.models import Programme
from skills.models import OccupationSkill
from tests.factories import (
    EducationLevelFactory,
    LanguageFactory,
    OccupationFactory,
    QualificationTypeFactory,
    SegmentFactory,
    SkillFactory,
    pathway_programme,
)


def programme(
    slug: str, *, languages: tuple[str, ...] = ("fi",), **kwargs: object
) -> Programme:
    """A published programme given at one site, taught in Finnish unless told otherwise."""
    return pathway_programme(slug, languages=languages, **kwargs)


@pytest.fixture
def data():
    """A start, an occupation with four essential skills, and three programmes: a course that teaches three of
    the skills (coverage), a Swedish higher vocational programme linked to the occupation, and a vocational
    qualification that opens it to people with basic education only."""
    for code, name in [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]:
        LanguageFactory(code=code, name_fi=name, name_sv=name, name_en=name)
    levels = {n: EducationLevelFactory(level=n) for n in (2, 4, 5)}
    vocational = QualificationTypeFactory(
        code="fi-vocational",
        level=levels[4],
        name_en="Finnish vocational qualification",
        order=10,
    )
    basic = QualificationTypeFactory(
        code="fi-basic", level=levels[2], name_en="Finnish basic education", order=5
    )
    experience = QualificationTypeFactory(
        code="work-experience",
        country="",
        level=None,
        name_en="Work experience",
        order=90,
    )
    SegmentFactory(code="cells", name_en="Cell manufacturing")
    operator = OccupationFactory(slug="cell-operator", label_en="battery cell operator")
    skills = SkillFactory.create_batch(4)
    for skill in skills:
        OccupationSkill.objects.create(occupation=operator, skill=skill)
    course = programme("battery-course", name="Battery course", months=4, accepts=[vocational],
                       teaches=skills[:3], languages=("fi", "en"))  # fmt: skip
    yh = programme("yh-battery", name="Battery technician YH", country="SE", level=levels[5], months=18,
                   min_level=levels[4], leads_to=[operator], languages=("sv",), places=30)  # fmt: skip
    first = programme("vocational-process", name="Process industry qualification", level=levels[4], months=36,
                      accepts=[basic], places=40)  # fmt: skip
    first.awarded_qualification = vocational
    first.save()
    return {
        "vocational": vocational,
        "basic": basic,
        "experience": experience,
        "operator": operator,
        "course": course,
        "yh": yh,
        "first": first,
    }
