"""Incremental sync, part one: every resource shows when it was created and last modified, its modified time moves
when any part of its JSON changes, and ?modified_since= lists what changed, oldest first."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programmes.models import Offering
from skills.models import (
    EducationField,
    EducationLevel,
    Municipality,
    QualificationType,
    Region,
)
from tests.api.factories import (
    complete_action,
    complete_actor,
    complete_link,
    complete_occupation,
    complete_programme,
    complete_workshop,
)
from tests.factories import (
    CompetenceNeedFactory,
    EducationFieldFactory,
    EducationLevelFactory,
    MunicipalityFactory,
    OfferingFactory,
    ProgrammeFactory,
    QualificationTypeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [
    ("segments", SegmentFactory),
    ("regions", lambda: RegionFactory(code=f"FI1D{Region.objects.count()}")),
    (
        "municipalities",
        lambda: MunicipalityFactory(code=f"FI{Municipality.objects.count()}"),
    ),
    ("levels", lambda: EducationLevelFactory(level=EducationLevel.objects.count() + 1)),
    (
        "qualification-types",
        lambda: QualificationTypeFactory(
            code=f"type-{QualificationType.objects.count()}"
        ),
    ),
    (
        "education-fields",
        lambda: EducationFieldFactory(code=f"0{EducationField.objects.count()}"),
    ),
    ("skills", SkillFactory),
    ("occupations", complete_occupation),
    ("actors", complete_actor),
    ("programmes", complete_programme),
    ("competence-needs", CompetenceNeedFactory),
    ("actor-links", complete_link),
    ("cooperation-actions", complete_action),
    ("workshops", complete_workshop),
]


def utc(text: str) -> datetime.datetime:
    assert text.endswith("Z")
    return datetime.datetime.fromisoformat(text)


@pytest.mark.parametrize(("prefix", "make"), LISTS)
def test_every_resource_shows_its_created_and_modified_times_in_utc_in_list_and_detail(
    api_client, prefix, make
):
    before = timezone.now()
    make()
    after = timezone.now()
    listed = api_client.get(f"/api/v1/{prefix}/").json()["results"]
    assert listed
    for item in listed:
        assert before <= utc(item["created"]) <= utc(item["modified"]) <= after
        identifier = (
            item.get("slug") or item.get("code") or item.get("level") or item.get("id")
        )
        detail = api_client.get(f"/api/v1/{prefix}/{identifier}/").json()
        assert (detail["created"], detail["modified"]) == (
            item["created"],
            item["modified"],
        )


def modified(api_client, prefix: str, identifier: str) -> datetime.datetime:
    return utc(api_client.get(f"/api/v1/{prefix}/{identifier}/").json()["modified"])


def change_places(offering: Offering) -> None:
    offering.places = 5
    offering.save()


def test_a_change_of_an_offering_an_entry_requirement_or_a_skill_link_moves_the_programmes_modified_time(
    api_client,
):
    programme = complete_programme()
    other = ProgrammeFactory()
    untouched = modified(api_client, "programmes", other.slug)
    steps = [
        lambda: change_places(Offering.objects.get(programme=programme)),
        lambda: programme.entry_requirements.first().delete(),
        lambda: OfferingFactory(programme=programme),
        lambda: programme.skills.add(SkillFactory()),
        lambda: programme.skills.clear(),
        lambda: programme.intakes.first().delete(),
        # A row the programme shows through another record: the town of the site it is given at.
        lambda: (
            SiteFactory._meta.model.objects.filter(offerings__programme=programme)
            .first()
            .save()
        ),
        # A skill's slug, from the skill's side.
        lambda: SkillFactory().programmes.add(programme),
    ]
    last = modified(api_client, "programmes", programme.slug)
    for step in steps:
        step()
        now = modified(api_client, "programmes", programme.slug)
        assert now > last, steps.index(step)
        last = now
    assert modified(api_client, "programmes", other.slug) == untouched


def test_a_site_moves_its_actors_modified_time_and_a_skill_its_needs_and_occupations(
    api_client,
):
    actor = complete_actor()
    occupation = complete_occupation()
    need = CompetenceNeedFactory()
    skill = occupation.skills.first()
    need.skills.add(skill)
    times = {
        ("actors", actor.slug): modified(api_client, "actors", actor.slug),
        ("occupations", occupation.slug): modified(
            api_client, "occupations", occupation.slug
        ),
        ("competence-needs", need.slug): modified(
            api_client, "competence-needs", need.slug
        ),
    }
    site = actor.sites.first()
    site.town_sv = "Uleåborg centrum"
    site.save()
    skill.label_en = "Renamed skill"
    skill.save()
    for (prefix, identifier), before in times.items():
        assert modified(api_client, prefix, identifier) > before


def test_modified_since_lists_the_records_changed_at_or_after_the_moment_oldest_first(
    api_client,
):
    first, second, third = ProgrammeFactory(), ProgrammeFactory(), ProgrammeFactory()
    first.save()  # now the newest
    moment = api_client.get(f"/api/v1/programmes/{second.slug}/").json()["modified"]
    response = api_client.get("/api/v1/programmes/", {"modified_since": moment})
    assert response.status_code == 200
    # Inclusive: the record modified at the moment itself is listed.
    assert [item["slug"] for item in response.json()["results"]] == [
        second.slug,
        third.slug,
        first.slug,
    ]
    later = api_client.get(
        "/api/v1/programmes/", {"modified_since": "2999-01-01"}
    ).json()
    assert later["count"] == 0
    by_date = api_client.get(
        "/api/v1/programmes/", {"modified_since": timezone.now().date().isoformat()}
    ).json()
    assert by_date["count"] == 3
    # An offset that arrived unencoded ("+" read as a space) still means the offset.
    moment_here = timezone.localtime(
        utc(moment), datetime.timezone(datetime.timedelta(hours=2))
    )
    unencoded = api_client.get(
        f"/api/v1/programmes/?modified_since={moment_here.isoformat().replace('+', ' ')}"
    ).json()
    assert unencoded["count"] == 3


def test_modified_since_keeps_the_state_filter_of_publishable_lists(api_client):
    ProgrammeFactory(state="discontinued")
    ProgrammeFactory()
    query = {"modified_since": "2000-01-01"}
    assert api_client.get("/api/v1/programmes/", query).json()["count"] == 1
    assert (
        api_client.get("/api/v1/programmes/", {**query, "state": "all"}).json()["count"]
        == 2
    )


# An empty value is no value (batteryregion/query_parameters.py), as for every parameter.
@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01", "2026-01-31T08:00:00", "2026-02-30"]
)
def test_a_bad_modified_since_is_a_400_naming_the_parameter(api_client, value):
    response = api_client.get(
        "/api/v1/skills/", {"modified_since": value}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["modified_since"][0].startswith(
        "Enter a date (2026-01-31) or a date and time with its time zone"
    )


@pytest.mark.parametrize(("prefix", "make"), LISTS)
def test_modified_since_does_the_same_queries_for_1_and_3_records(
    api_client, django_assert_num_queries, prefix, make
):
    make()
    query = {"modified_since": "2000-01-01"}
    with CaptureQueriesContext(connection) as plain:
        api_client.get(f"/api/v1/{prefix}/")
    with django_assert_num_queries(len(plain.captured_queries)):
        api_client.get(f"/api/v1/{prefix}/", query)
    make()
    make()
    with django_assert_num_queries(len(plain.captured_queries)):
        response = api_client.get(f"/api/v1/{prefix}/", query)
    assert response.json()["count"] >= 3


@pytest.mark.parametrize(
    ("value", "listed"),
    [
        ("2000-01-01t00:00:00z", 1),  # RFC 3339 allows lower case
        (
            "0001-01-01T00:00:00+14:00",
            1,
        ),  # before the calendar starts in UTC: everything
        ("9999-12-31T23:59:59-14:00", 0),  # after it ends in UTC: nothing
    ],
)
def test_every_rfc_3339_moment_is_read_even_at_the_ends_of_the_calendar(
    api_client, value, listed
):
    ProgrammeFactory()

    answer = api_client.get("/api/v1/programmes/", {"modified_since": value})

    assert answer.status_code == 200, answer.content
    assert answer.json()["count"] == listed
