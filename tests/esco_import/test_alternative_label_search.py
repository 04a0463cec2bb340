"""ESCO's alternative labels are searched wherever occupations and skills are looked up by name: the API's ?q=,
the catalogue's free text (the occupations a programme leads to) and the employer's need form."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from skills.intake.forms import matching_occupation, matching_skills, suggestion_lists
from tests.factories import OccupationFactory, ProgrammeFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembler():
    return OccupationFactory(
        slug="battery-assembler",
        label_fi="akkujen kokoonpanija",
        label_sv="batterimonterare",
        label_en="battery assembler",
        alt_labels_fi="akkuasentaja\nakkukokoonpanija",
        alt_labels_sv="batterimontör\nmontör av batterier",
        alt_labels_en="battery fitter\nbattery assembly worker",
    )


def api_slugs(path: str) -> list[str]:
    response = APIClient().get(path)
    assert response.status_code == 200
    body = response.json()
    return [row["slug"] for row in body.get("results", body)]


@pytest.mark.parametrize("text", ["akkuasentaja", "Batterimontör", "battery fitter"])
def test_the_api_finds_occupations_by_alternative_labels_in_each_language(
    assembler, text
):
    OccupationFactory(slug="other")
    assert api_slugs(f"/api/v1/occupations/?q={text}") == ["battery-assembler"]


def test_the_api_finds_skills_by_alternative_labels(db):
    SkillFactory(slug="cells", alt_labels_sv="hantering av litiumceller")
    SkillFactory(slug="other")
    assert api_slugs("/api/v1/skills/?q=litiumceller") == ["cells"]


def shown_names(response) -> list[str]:
    return re.findall(
        r'<h3><a href="[^"]+"><span lang="\w\w">([^<]+)</span>',
        response.content.decode(),
    )


def test_the_catalogue_finds_programmes_of_an_occupation_by_its_alternative_labels(
    client, assembler
):
    programme = ProgrammeFactory(
        name_fi="Sähköasentaja", name_sv="Elmontör", name_en="Electrician"
    )
    programme.occupations.add(assembler)
    ProgrammeFactory(name_fi="Kemia", name_sv="Kemi", name_en="Chemistry")
    assert shown_names(client.get("/fi/programmes/?q=akkuasentaja")) == [
        "Sähköasentaja"
    ]
    assert shown_names(client.get("/sv/programmes/?q=batterimontör")) == ["Elmontör"]
    assert shown_names(client.get("/en/programmes/?q=battery fitter")) == [
        "Electrician"
    ]


def test_the_occupation_search_adds_no_query_per_row(client, assembler):
    ProgrammeFactory(name_fi="Ohjelma 0").occupations.add(assembler)
    client.get(
        "/fi/programmes/?q=akkuasentaja"
    )  # the option lists are read once and shared
    with CaptureQueriesContext(connection) as one:
        assert len(shown_names(client.get("/fi/programmes/?q=akkuasentaja"))) == 1
    for n in (1, 2):
        ProgrammeFactory(name_fi=f"Ohjelma {n}").occupations.add(assembler)
    with CaptureQueriesContext(connection) as three:
        assert len(shown_names(client.get("/fi/programmes/?q=akkuasentaja"))) == 3
    assert len(three) == len(one)


def test_the_need_form_knows_an_occupation_by_an_alternative_label(assembler):
    assert matching_occupation("Akkuasentaja") == assembler
    assert matching_occupation("batterimontör") == assembler
    assert matching_occupation("batteri") is None  # part of a name is not a name
    assert "akkuasentaja" in suggestion_lists("fi")["occupations"]
    assert "batterimontör" in suggestion_lists("sv")["occupations"]
    assert "akkuasentaja" not in suggestion_lists("sv")["occupations"]


def test_a_preferred_label_wins_over_another_occupations_alternative_label(assembler):
    fitter = OccupationFactory(slug="a-fitter", label_fi="akkuasentaja")
    assert matching_occupation("akkuasentaja") == fitter


def test_skills_named_in_the_need_form_are_found_by_alternative_labels(db):
    cells = SkillFactory(alt_labels_fi="litiumkennojen käsittely")
    assert matching_skills("litiumkennojen käsittely; hitsaus") == (
        [cells],
        ["hitsaus"],
    )
