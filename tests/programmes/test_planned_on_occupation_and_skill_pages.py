"""Planned training on the occupation and skill pages: planned and proposed programmes are listed with the
catalogue's badge (expected start included), and the occupation list counts today's offer without them, showing
them apart ("+ 1 planned"); the pages' queries stay fixed however many there are."""

import datetime
import re

import pytest

from programmes.models import Programme
from skills.models import OccupationSkill
from tests.factories import (
    OccupationFactory,
    OfferingFactory,
    ProgrammeFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

PLANNED = Programme.Availability.PLANNED
PROPOSED = Programme.Availability.PROPOSED
BADGE = re.compile(r'<span class="tag availability availability-(\w+)">([^<]*)</span>')


@pytest.fixture
def occupation():
    """An occupation with one essential skill; a running, a planned and a proposed programme lead to it and teach
    the skill, and a planned one in Sweden only teaches the skill."""
    occupation = OccupationFactory(
        slug="battery-assembler", label_en="battery assembler"
    )
    skill = SkillFactory(slug="cell-stacking", label_en="cell stacking")
    OccupationSkill.objects.create(occupation=occupation, skill=skill)
    for name, availability, start in [
        ("Running now", Programme.Availability.RUNNING, None),
        ("Starting later", PLANNED, datetime.date(2027, 8, 1)),
        ("Only an idea", PROPOSED, None),
    ]:
        made = ProgrammeFactory(
            name_en=name, availability=availability, expected_start=start
        )
        made.occupations.add(occupation)
        made.skills.add(skill)
    ProgrammeFactory(
        name_en="Swedish plan",
        provider__country="SE",
        availability=PLANNED,
        expected_start=datetime.date(2028, 1, 10),
    ).skills.add(skill)
    return occupation


def badges(html: str) -> list[tuple[str, str]]:
    return BADGE.findall(html)


def test_the_occupation_page_marks_planned_and_proposed_programmes_as_the_catalogue_does(
    client, occupation
):
    html = client.get("/en/occupations/battery-assembler/").content.decode()

    leading = html.split('id="leading-title"')[1].split('id="teaching-title"')[0]
    teaching = html.split('id="teaching-title"')[1]
    assert "Running now" in leading and "Starting later" in leading
    assert badges(leading) == [
        (
            "proposed",
            "Proposed",
        ),  # lines by name: "Only an idea", "Running now", "Starting later"
        ("planned", "Planned — expected to start August 2027"),
    ]
    assert "Swedish plan" in teaching
    assert badges(teaching) == [("planned", "Planned — expected to start January 2028")]
    catalogue = client.get("/en/programmes/").content.decode()
    assert set(badges(catalogue)) >= set(badges(leading) + badges(teaching))


def test_the_skill_page_marks_planned_and_proposed_programmes(client, occupation):
    html = client.get("/en/skills/cell-stacking/").content.decode()

    assert "Running now" in html
    assert badges(html) == [
        ("proposed", "Proposed"),
        ("planned", "Planned — expected to start August 2027"),
        ("planned", "Planned — expected to start January 2028"),
    ]
    # In Finnish too (the lines sort by the Finnish names, so compare as sets).
    html = client.get("/fi/skills/cell-stacking/").content.decode()
    assert sorted(kind for kind, _text in badges(html)) == [
        "planned",
        "planned",
        "proposed",
    ]


def test_the_occupation_list_counts_todays_programmes_and_the_planned_ones_apart(
    client, occupation
):
    html = client.get("/en/occupations/").content.decode()

    row = re.search(r"battery assembler.*?</tr>", html, re.S).group(0)
    cell = re.search(r'<td class="num"[^>]*>(.*?)</td>', row, re.S).group(1)
    assert re.sub(r"<[^>]+>", " ", cell).split() == [
        "1",
        "+",
        "1",
        "planned",
        "+",
        "1",
        "proposed",
    ]


def test_an_occupation_with_only_running_programmes_shows_a_bare_count(client):
    occupation = OccupationFactory(label_en="cell operator")
    ProgrammeFactory.create_batch(2)[0].occupations.add(occupation)

    html = client.get("/en/occupations/").content.decode()

    row = re.search(r"cell operator.*?</tr>", html, re.S).group(0)
    assert re.search(r'<td class="num"[^>]*>1</td>', row)


def test_planned_programmes_add_no_queries_to_the_occupation_and_skill_pages(
    client, occupation, django_assert_num_queries
):
    # The same budgets as for running programmes (tests/programmes/test_pages.py): the badge's columns come with
    # the line's.
    def visit() -> None:
        with django_assert_num_queries(6):
            client.get("/en/occupations/battery-assembler/")
        with django_assert_num_queries(3):
            client.get("/en/skills/cell-stacking/")

    visit()
    for programme in ProgrammeFactory.create_batch(
        30, availability=PLANNED, expected_start=datetime.date(2027, 1, 1)
    ):
        programme.occupations.add(occupation)
        programme.skills.add(*occupation.skills.all())
        OfferingFactory(programme=programme)
    visit()


def test_the_actor_list_counts_todays_programmes_and_the_planned_ones_apart(client):
    provider = ProgrammeFactory(name_en="Running now").provider
    provider.name_en = "Northern college"
    provider.save()
    ProgrammeFactory(
        provider=provider,
        availability=PLANNED,
        expected_start=datetime.date(2027, 8, 1),
    )
    ProgrammeFactory.create_batch(2, provider=provider, availability=PROPOSED)

    html = client.get("/en/actors/").content.decode()

    row = re.search(r"Northern college.*?</tr>", html, re.S).group(0)
    cell = re.search(r'<td class="num"[^>]*>(.*?)</td>', row, re.S).group(1)
    assert re.sub(r"<[^>]+>", " ", cell).split() == [
        "1",
        "+",
        "1",
        "planned",
        "+",
        "2",
        "proposed",
    ]
