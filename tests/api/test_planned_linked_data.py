"""Planned training in linked data: a planned programme's schema.org JSON-LD (page and API) and ELM start at its
expected start, never at an intake date, and claim no current offer; a proposed programme's page has no JSON-LD, and
the API's documents mark it and give it no start date or places. The documents cost the same queries as before."""

import datetime
import json
import re

import pytest

from programmes.models import Programme
from tests.api.factories import complete_programme, copies_of

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"
LD = "application/ld+json"
EXPECTED = datetime.date(2028, 1, 10)
INTAKE = "2027-08-16"  # the factory's offering start: a running programme's startDate
# Properties of a current offer and of applying that these documents never invent for a programme not yet running.
OFFER_TERMS = {"offers", "applicationStartDate", "applicationDeadline"}


def make(availability: str, slug: str = "battery-operator") -> Programme:
    programme = complete_programme(slug=slug)
    Programme.objects.filter(pk=programme.pk).update(
        availability=availability,
        expected_start=EXPECTED if availability == Programme.Availability.PLANNED else None,
    )  # fmt: skip
    programme.refresh_from_db()
    return programme


def page_json_ld(client, slug: str = "battery-operator") -> dict | None:
    html = client.get(f"/en/programmes/{slug}/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else None


def test_a_running_programme_starts_at_its_first_intake_and_has_no_availability_note(
    client, api_client
):
    make(Programme.Availability.RUNNING)

    page = page_json_ld(client)
    api = json.loads(api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content)

    assert page["startDate"] == api["startDate"] == INTAKE
    assert "disambiguatingDescription" not in page
    assert "disambiguatingDescription" not in api


def test_a_planned_programme_starts_at_its_expected_start_and_says_it_is_planned(
    client, api_client
):
    make(Programme.Availability.PLANNED)

    page = page_json_ld(client)
    api = json.loads(api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content)

    assert page["startDate"] == api["startDate"] == "2028-01-10"
    assert (
        page["disambiguatingDescription"] == "Planned — expected to start January 2028"
    )
    notes = {
        note["@language"]: note["@value"] for note in api["disambiguatingDescription"]
    }
    assert notes["en"] == "Planned — expected to start January 2028"
    assert set(notes) == {"fi", "sv", "en"}
    assert (
        notes["fi"] != notes["en"] and "2028" in notes["fi"] and "2028" in notes["sv"]
    )
    assert not OFFER_TERMS & set(page) and not OFFER_TERMS & set(api)
    # The planned places and sites are facts of the plan, kept.
    assert api["maximumEnrollment"] == page["maximumEnrollment"]


def test_a_proposed_programme_page_has_no_json_ld_and_the_api_marks_it_without_dates_or_places(
    client, api_client
):
    make(Programme.Availability.PROPOSED)

    assert page_json_ld(client) is None
    assert "Proposed" in client.get("/en/programmes/battery-operator/").content.decode()
    api = json.loads(api_client.get(f"{LIST}battery-operator/", HTTP_ACCEPT=LD).content)
    assert "startDate" not in api
    assert "maximumEnrollment" not in api
    assert not OFFER_TERMS & set(api)
    assert {"@language": "en", "@value": "Proposed"} in api["disambiguatingDescription"]


def test_the_elm_of_a_planned_programme_starts_at_its_expected_start(api_client):
    make(Programme.Availability.PLANNED)
    make(Programme.Availability.PROPOSED, slug="battery-idea")
    make(Programme.Availability.RUNNING, slug="battery-now")

    def elm(slug: str) -> dict:
        response = api_client.get(f"{LIST}{slug}/", {"format": "elm"})
        assert response.status_code == 200
        return json.loads(response.content)

    assert elm("battery-operator")["temporal"]["startDate"] == "2028-01-10T00:00:00"
    assert elm("battery-now")["temporal"]["startDate"] == f"{INTAKE}T00:00:00"
    idea = elm("battery-idea")
    assert "temporal" not in idea
    assert "maximumEnrollment" not in idea
    assert "maximumEnrollment" in elm("battery-now")


def test_planned_programmes_cost_no_more_queries_in_the_json_ld_list(
    api_client, django_assert_num_queries
):
    programme = make(Programme.Availability.PLANNED)
    # The same 7 queries as for running programmes (tests/api/test_jsonld.py): the notes are written without any.
    with django_assert_num_queries(7):
        api_client.get(LIST, {"page_size": 200}, HTTP_ACCEPT=LD)
    copies_of(programme, 49, children=("offerings", "entry_requirements"))
    with django_assert_num_queries(7):
        large = json.loads(
            api_client.get(LIST, {"page_size": 200}, HTTP_ACCEPT=LD).content
        )
    items = [element["item"] for element in large["itemListElement"]]
    assert len(items) == 50
    assert {item.get("startDate") for item in items} == {"2028-01-10"}
