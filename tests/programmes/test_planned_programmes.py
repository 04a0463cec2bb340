"""Planned and proposed programmes in the catalogue, on the programme page, on the map and in the API: marked in words,
filtered by availability, and a planned programme needs its expected start (constraint and clean)."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from rest_framework.test import APIClient

from programmes.map import PLANNED_PROGRAMME, PROGRAMME, MapFilters, map_items
from programmes.models import Programme
from tests.factories import OfferingFactory, ProgrammeFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


AUGUST_2027 = datetime.date(2027, 8, 1)


def planned(**kwargs) -> Programme:
    return ProgrammeFactory(
        availability=Programme.Availability.PLANNED,
        expected_start=AUGUST_2027,
        **kwargs,
    )


def test_a_planned_programme_needs_its_expected_start_in_the_database():
    programme = ProgrammeFactory()
    programme.availability = Programme.Availability.PLANNED
    with pytest.raises(IntegrityError), transaction.atomic():
        programme.save()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "expected start"), ("fi", "Give the expected start")],
)
def test_clean_names_the_expected_start_in_the_language_of_the_page(language, words):
    programme = ProgrammeFactory.build(availability=Programme.Availability.PLANNED)
    with translation.override(language), pytest.raises(ValidationError) as raised:
        programme.clean()
    assert list(raised.value.message_dict) == ["expected_start"]
    if language == "en":
        assert words in raised.value.message_dict["expected_start"][0]


def test_running_and_proposed_programmes_need_no_expected_start():
    for availability in (
        Programme.Availability.RUNNING,
        Programme.Availability.PROPOSED,
    ):
        ProgrammeFactory.build(availability=availability).clean()


def test_the_catalogue_marks_planned_and_proposed_programmes_in_words(client):
    planned(name_en="Cell school")
    ProgrammeFactory(name_en="Idea course", availability="proposed")
    ProgrammeFactory(name_en="Running course")

    html = client.get("/en/programmes/").content.decode()

    assert "Planned — expected to start August 2027" in html
    assert ">Proposed<" in html
    assert html.count('class="tag availability') == 2


@pytest.mark.parametrize(
    ("availability", "names"),
    [
        ("", ["Cell school", "Idea course", "Running course"]),
        ("running", ["Running course"]),
        ("planned", ["Cell school"]),
        ("proposed", ["Idea course"]),
    ],
)
def test_the_catalogue_and_the_api_filter_by_availability(
    client, api_client, availability, names
):
    planned(name_en="Cell school", slug="cell-school")
    ProgrammeFactory(name_en="Idea course", slug="idea-course", availability="proposed")
    ProgrammeFactory(name_en="Running course", slug="running-course")

    page = client.get("/en/programmes/", {"availability": availability})
    api = api_client.get("/api/v1/programmes/", {"availability": availability})

    shown = re.findall(
        r'<h3><a href="[^"]+"><span lang="\w\w">([^<]+)</span>', page.content.decode()
    )
    assert shown == names
    slugs = {"Cell school": "cell-school", "Idea course": "idea-course", "Running course": "running-course"}  # fmt: skip
    assert sorted(item["slug"] for item in api.json()["results"]) == sorted(
        slugs[name] for name in names
    )


def test_api_items_carry_availability_and_expected_start(api_client):
    planned(slug="cell-school")
    ProgrammeFactory(slug="running-course")

    items = {
        item["slug"]: item
        for item in api_client.get("/api/v1/programmes/").json()["results"]
    }

    assert (items["cell-school"]["availability"], items["cell-school"]["expected_start"]) == ("planned", "2027-08-01")  # fmt: skip
    assert (items["running-course"]["availability"], items["running-course"]["expected_start"]) == ("running", None)  # fmt: skip


def test_the_programme_page_says_it_does_not_run_yet(client):
    programme = planned(slug="cell-school")

    html = client.get(f"/en/programmes/{programme.slug}/").content.decode()

    assert "Planned — expected to start August 2027" in html
    assert "This programme does not run yet: it is planned." in html


def test_the_map_marks_planned_programmes_and_gives_their_sites_their_own_marker():
    only_planned = planned(name_en="Cell school")
    OfferingFactory(programme=only_planned)
    running = ProgrammeFactory(name_en="Running course")
    site = SiteFactory(actor=running.provider)
    OfferingFactory(programme=running, site=site)
    OfferingFactory(programme=planned(name_en="Second planned", provider=running.provider), site=site)  # fmt: skip

    with translation.override("en"):
        items = map_items(MapFilters(kind=PROGRAMME))

    kinds = {tuple(link.name.text for link in item.links): item.kind for item in items}
    assert kinds == {
        ("Cell school",): PLANNED_PROGRAMME,
        ("Running course", "Second planned"): PROGRAMME,
    }
    notes = {link.name.text: link.availability for item in items for link in item.links}  # fmt: skip
    assert notes["Running course"] == ""
    assert notes["Second planned"] == "Planned — expected to start August 2027"
