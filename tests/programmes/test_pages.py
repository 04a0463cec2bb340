"""Programme, actor, occupation and skill pages: what a student or counsellor needs, in a fixed number of queries."""

import json
import re

import pytest
from django.contrib.auth.models import User

from programmes.models import EntryRequirement, Intake
from skills.models import CompetenceNeed, OccupationSkill
from tests.factories import (
    ActorFactory,
    CompetenceNeedFactory,
    EducationLevelFactory,
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    return json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )


@pytest.fixture
def programme():
    programme = ProgrammeFactory(
        slug="process-technician",
        name_fi="Prosessiteknikko",
        name_sv="Processtekniker",
        name_en="Process technician",
        awarded_level=EducationLevelFactory(level=5),
        duration_months=18,
        places_per_year=30,
    )
    OfferingFactory(
        programme=programme, site__town_en="Skellefteå", site__town_fi="Skellefteå"
    )
    EntryRequirement.objects.create(
        programme=programme, qualification_type=QualificationTypeFactory()
    )
    EntryRequirement.objects.create(
        programme=programme, min_level=EducationLevelFactory(level=4)
    )
    programme.skills.add(
        SkillFactory(
            label_en="monitor chemical process condition",
            esco_uri="http://data.europa.eu/esco/skill/x1",
        )
    )
    programme.occupations.add(
        OccupationFactory(
            slug="chemical-plant-operator", label_en="chemical plant operator"
        )
    )
    Intake.objects.create(programme=programme, year=2022, places=30, enrolled=12)
    return programme


def test_the_programme_page_gives_what_a_student_needs_to_decide(client, programme):
    html = client.get("/en/programmes/process-technician/").content.decode()
    assert '<h1><span lang="en">Process technician</span></h1>' in html
    assert "EQF 5" in html and "18 months" in html
    assert (
        "Vocational upper secondary qualification" in html
    )  # an accepted starting point, in plain words
    assert "any qualification at EQF level 4 or above" in html
    assert 'href="http://data.europa.eu/esco/skill/x1"' in html
    assert 'href="/en/occupations/chemical-plant-operator/"' in html
    assert '<th scope="row">2022</th>' in html
    assert '<figure class="region-picture">' in html


def test_the_programme_page_describes_the_programme_in_schema_org_terms(
    client, programme
):
    document = json_ld(
        client.get("/sv/programmes/process-technician/").content.decode()
    )
    assert document["@type"] == "EducationalOccupationalProgram"
    assert document["name"] == "Processtekniker"
    assert document["timeToComplete"] == "P18M"
    assert document["maximumEnrollment"] == 30
    assert document["educationalLevel"] == "EQF 5"
    assert document["teaches"][0]["url"] == "http://data.europa.eu/esco/skill/x1"
    assert document["location"][0]["geo"]["@type"] == "GeoCoordinates"


def test_json_ld_cannot_close_its_script_tag(client, programme):
    programme.description_en = "</script><script>alert(1)</script>"
    programme.save()
    html = client.get("/en/programmes/process-technician/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_unknown_and_unpublished_programmes_are_404(client, programme):
    assert client.get("/en/programmes/nope/").status_code == 404
    programme.state = "draft"
    programme.save()
    assert client.get("/en/programmes/process-technician/").status_code == 404


def test_the_programme_page_does_a_fixed_number_of_queries(
    client, programme, django_assert_num_queries
):
    # 1 programme + provider + level + qualification + region of residence, 2 segments, 3 languages, 4 skills,
    # 5 occupations, 6 intakes, 7 offerings + site + region + language, 8 entry requirements + type + level,
    # 9 required fields of earlier education, 10 upcoming application periods + offering + site, 11 the region
    # outlines of the small map (in production kept in the process until the data changes: programmes/outlines.py),
    # 12 the news about the programme
    with django_assert_num_queries(12):
        client.get("/en/programmes/process-technician/")
    for _ in range(10):
        OfferingFactory(programme=programme)
        programme.skills.add(SkillFactory())
    with django_assert_num_queries(12):
        client.get("/en/programmes/process-technician/")


def test_the_actor_page_lists_its_programmes_and_only_the_needs_a_visitor_may_see(
    client,
):
    employer = ActorFactory(
        slug="cell-factory", kind="employer", name_en="Cell factory"
    )
    CompetenceNeedFactory(
        employer=employer, occupation__label_en="public need", is_example=True
    )
    CompetenceNeedFactory(
        employer=employer,
        occupation__label_en="workshop need",
        visibility=CompetenceNeed.Visibility.COORDINATORS,
    )
    CompetenceNeedFactory(
        employer=employer,
        occupation__label_en="partner need",
        visibility=CompetenceNeed.Visibility.PARTNERS,
    )

    html = client.get("/en/actors/cell-factory/").content.decode()
    assert "public need" in html and '<span class="tag example">example</span>' in html
    assert "workshop need" not in html and "partner need" not in html

    client.force_login(User.objects.create_user("partner"))
    html = client.get("/en/actors/cell-factory/").content.decode()
    assert "partner need" in html and "workshop need" not in html


def test_the_provider_page_lists_its_published_programmes(
    client, django_assert_num_queries
):
    provider = ActorFactory(slug="college")
    ProgrammeFactory(provider=provider, name_en="Battery assembly")
    ProgrammeFactory(provider=provider, name_en="Hidden", state="draft")
    # 1 actor, 2 segments, 3 sites + region, 4 programmes + provider + level, 5 their towns, 6 their languages,
    # 7 the partners (links from either side), 8 the count of needs (+ a page of them, and skills and segments of
    # those without an occupation, when there are needs), 9 the cooperation actions it takes part in, 10 the
    # workshops it organised or took part in, 11 the news about its programmes; no sites, so no small map and no
    # region outlines
    with django_assert_num_queries(11):
        client.get("/en/actors/college/")
    ProgrammeFactory.create_batch(5, provider=provider)
    with django_assert_num_queries(11):
        html = client.get("/en/actors/college/").content.decode()
    assert "Battery assembly" in html and "Hidden" not in html


def test_the_occupation_page_shows_programmes_leading_to_it_and_teaching_its_skills_on_both_sides(
    client,
):
    occupation = OccupationFactory(
        slug="battery-assembler", label_en="battery assembler"
    )
    skills = SkillFactory.create_batch(3)
    for skill in skills:
        OccupationSkill.objects.create(occupation=occupation, skill=skill)
    ProgrammeFactory(name_en="Leads there", provider__country="SE").occupations.add(
        occupation
    )
    ProgrammeFactory(name_en="Teaches two", provider__country="FI").skills.add(
        *skills[:2]
    )
    ProgrammeFactory(name_en="Teaches nothing needed")

    html = client.get("/en/occupations/battery-assembler/").content.decode()

    leading = html[html.index('id="leading-title"') : html.index('id="teaching-title"')]
    teaching = html[
        html.index('id="teaching-title"') : html.index('id="essential-title"')
    ]
    assert "Leads there" in leading and "Teaches two" not in leading
    assert "Teaches two" in teaching and "teaches 2 of 3 essential skills" in teaching
    assert "Teaches nothing needed" not in html
    assert (
        "No programme on this side of the border is linked to this occupation yet."
        in leading
    )  # Finland's side


def test_the_skill_page_shows_the_occupations_needing_it_and_the_programmes_teaching_it(
    client,
):
    skill = SkillFactory(
        slug="operate-soldering-equipment", label_en="operate soldering equipment"
    )
    OccupationSkill.objects.create(
        occupation=OccupationFactory(label_en="battery assembler"), skill=skill
    )
    ProgrammeFactory(name_en="Electronics").skills.add(skill)
    html = client.get("/en/skills/operate-soldering-equipment/").content.decode()
    assert "battery assembler" in html and "Electronics" in html


@pytest.mark.parametrize(
    "path", ["/en/actors/nope/", "/en/occupations/nope/", "/en/skills/nope/"]
)
def test_unknown_pages_are_404(client, path):
    assert client.get(path).status_code == 404


def test_the_actor_list_filters_by_type_and_refuses_unknown_types(client):
    ActorFactory(name_en="College", kind="provider")
    ActorFactory(name_en="Factory", kind="employer")
    html = client.get("/en/actors/?kind=employer").content.decode()
    assert "Factory" in html and "College" not in html
    response = client.get("/en/actors/?kind=pirate&country=XX")
    assert response.status_code == 400
    html = response.content.decode()
    # Each error stands by its field, which points at it, and the summary links to the field.
    for field, message in [
        ("kind", "“pirate” is not a type of actor."),
        ("country", "“XX” is not a country of the map."),
    ]:
        assert f'<p class="error" id="actor-{field}_error">{message}</p>' in html
        assert f'aria-invalid="true" aria-describedby="actor-{field}_error"' in html
    summary = html[html.index('class="error-summary"') :]
    assert '<a href="#actor-kind">Type of actor</a>: “pirate” is not a type' in summary
    assert '<a href="#actor-country">Country</a>: “XX” is not a country' in summary


def test_occupation_and_skill_pages_do_the_same_queries_for_1_and_50_programmes(
    client, django_assert_num_queries
):
    occupation = OccupationFactory(slug="battery-assembler")
    skill = SkillFactory(slug="operate-soldering-equipment")
    OccupationSkill.objects.create(occupation=occupation, skill=skill)
    ProgrammeFactory().skills.add(
        skill
    )  # teaches the skill without leading to the occupation

    def make(count: int) -> None:
        for programme in ProgrammeFactory.create_batch(count):
            programme.occupations.add(occupation)
            programme.skills.add(skill)
            OfferingFactory(programme=programme)

    make(1)
    # occupation: 1 occupation, 2 segments, 3 skill links + skills, 4 programmes leading to it and 5–6 programmes
    # teaching its skills in Finland and in Sweden, each + provider + level (their lines show no towns or languages)
    with django_assert_num_queries(6):
        client.get("/en/occupations/battery-assembler/")
    # skill: 1 skill, 2 occupation links + occupations, 3 programmes + provider + level
    with django_assert_num_queries(3):
        client.get("/en/skills/operate-soldering-equipment/")
    make(49)
    with django_assert_num_queries(6):
        client.get("/en/occupations/battery-assembler/")
    with django_assert_num_queries(3):
        client.get("/en/skills/operate-soldering-equipment/")
