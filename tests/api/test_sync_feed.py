"""Incremental sync, part two: the change feed /api/v1/changes/ — kinds of change, who sees what, paging, cost —
and a partner's mirror that, fed with it, ends identical to the lists."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gaps.cooperation.models import Action
from programmes.models import Offering, Programme
from skills.models import CompetenceNeed, Segment, Site, Skill
from tests.api.factories import (
    complete_action,
    complete_actor,
    complete_link,
    complete_programme,
)
from tests.factories import (
    ActionFactory,
    ActionParticipantFactory,
    ActorLinkFactory,
    CompetenceNeedFactory,
    ProgrammeFactory,
    SegmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def feed(client: Any, since: datetime.datetime | str, **params: Any) -> list[dict]:
    """Every entry of the feed, following its next links."""
    since = since if isinstance(since, str) else since.isoformat()
    response = client.get("/api/v1/changes/", {"since": since, **params})
    assert response.status_code == 200, response.content
    entries = response.json()["results"]
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        entries += response.json()["results"]
    return entries


def summary(entries: list[dict]) -> list[tuple]:
    return [
        (
            entry["type"],
            entry["identifier"],
            entry["kind"],
            entry["previous_identifiers"],
        )
        for entry in entries
    ]


def test_the_feed_reports_created_updated_discontinued_renamed_and_deleted_records_oldest_first(
    api_client,
):
    kept, ended, renamed, gone = (
        ProgrammeFactory(slug=slug) for slug in ("kept", "ended", "old-name", "gone")
    )
    since = timezone.now()
    ProgrammeFactory(slug="created")
    ended.state = "discontinued"
    ended.ended_on = datetime.date(2026, 6, 30)
    ended.save()
    renamed.slug = "new-name"
    renamed.save()
    gone.delete()
    kept.save()

    entries = feed(api_client, since, type="programme")

    assert summary(entries) == [
        ("programme", "created", "created", []),
        ("programme", "ended", "discontinued", []),
        ("programme", "new-name", "updated", ["old-name"]),
        ("programme", "gone", "deleted", []),
        ("programme", "kept", "updated", []),
    ]
    times = [entry["time"] for entry in entries]
    assert times == sorted(times) and all(time.endswith("Z") for time in times)
    assert entries[0]["url"] == "http://testserver/api/v1/programmes/created/"
    assert entries[3]["url"] is None
    assert api_client.get(entries[2]["url"]).json()["slug"] == "new-name"


def test_the_feed_is_inclusive_and_one_entry_per_record_at_its_latest_change(
    api_client,
):
    programme = ProgrammeFactory()
    moment = Programme.objects.get().created_at
    programme.save()
    programme.save()
    entries = feed(api_client, moment)
    assert summary(entries) == [("programme", programme.slug, "created", [])]
    assert feed(api_client, timezone.now()) == []


def test_a_draft_never_appears_and_a_programme_back_to_draft_is_deleted(api_client):
    ProgrammeFactory(slug="draft", state="draft").save()
    withdrawn = ProgrammeFactory(slug="withdrawn")
    since = timezone.now()
    withdrawn.state = "draft"
    withdrawn.save()
    assert summary(feed(api_client, since)) == [
        ("programme", "withdrawn", "deleted", [])
    ]
    assert summary(feed(api_client, "2000-01-01", type="programme")) == [
        ("programme", "withdrawn", "deleted", [])
    ]


def test_a_need_hidden_from_anonymous_callers_is_never_in_their_feed(
    api_client, partner_client, coordinator_api_client, coordinator
):
    coordinator.user_permissions.add(
        *Permission.objects.filter(codename="view_confidential_needs")
    )
    secret = CompetenceNeedFactory(slug="secret", visibility="coordinators")
    for_partners = CompetenceNeedFactory(slug="for-partners", visibility="partners")
    narrowed = CompetenceNeedFactory(slug="narrowed")
    since = timezone.now()
    secret.headcount = 50
    secret.save()
    secret.delete()
    for_partners.save()
    narrowed.visibility = "coordinators"
    narrowed.save()

    def seen(client: Any) -> list[tuple]:
        return summary(feed(client, since, type="competence-need"))

    # Anonymous: the secret need left no trace; the narrowed one, public before, is gone for them.
    assert seen(api_client) == [("competence-need", "narrowed", "deleted", [])]
    assert summary(feed(api_client, "2000-01-01", type="competence-need")) == [
        ("competence-need", "narrowed", "deleted", [])
    ]
    assert seen(partner_client) == [
        ("competence-need", "for-partners", "updated", []),
        ("competence-need", "narrowed", "deleted", []),
    ]
    assert seen(coordinator_api_client) == [
        ("competence-need", "secret", "deleted", []),
        ("competence-need", "for-partners", "updated", []),
        ("competence-need", "narrowed", "updated", []),
    ]


def test_the_feed_pages_with_a_cursor_that_later_changes_do_not_disturb(api_client):
    programmes = [ProgrammeFactory(slug=f"p{number}") for number in range(5)]
    first = api_client.get(
        "/api/v1/changes/",
        {"since": "2000-01-01", "page_size": 2, "type": "programme"},
    ).json()
    assert [entry["identifier"] for entry in first["results"]] == ["p0", "p1"]
    # p0 changes while the partner pages: it comes again at the end, nothing is skipped.
    programmes[0].save()
    rest = []
    response = api_client.get(first["next"]).json()
    rest += response["results"]
    while response["next"]:
        response = api_client.get(response["next"]).json()
        rest += response["results"]
    assert [entry["identifier"] for entry in rest if entry["type"] == "programme"] == [
        "p2",
        "p3",
        "p4",
        "p0",
    ]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "since"),
        ({"since": "soon"}, "since"),
        ({"since": "2026-01-01T00:00:00"}, "since"),
        ({"since": "2026-01-01", "type": "programme,nonsense"}, "type"),
        ({"since": "2026-01-01", "cursor": "not-a-cursor"}, "cursor"),
        ({"since": "2026-01-01", "page_size": "0"}, "page_size"),
    ],
)
def test_bad_feed_parameters_are_a_400_naming_the_parameter(
    api_client, params, parameter
):
    response = api_client.get("/api/v1/changes/", params)
    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_type_limits_the_feed_to_the_resources_named(api_client):
    skill = SkillFactory()
    segment = SegmentFactory()
    ProgrammeFactory()
    entries = feed(api_client, "2000-01-01", type=["skill", "segment"])
    assert {(entry["type"], entry["identifier"]) for entry in entries} == {
        ("skill", skill.slug),
        ("segment", segment.code),
    }


def test_a_feed_page_does_the_same_queries_for_few_and_many_changes(
    api_client, django_assert_num_queries
):
    complete_programme()
    with CaptureQueriesContext(connection) as few:
        api_client.get("/api/v1/changes/", {"since": "2000-01-01"})
    for _ in range(3):
        complete_programme(slug=f"more-{Programme.objects.count()}")
        CompetenceNeedFactory().delete()
    Skill.objects.first().delete()
    # The page's changes (one UNION ALL query) and the old identifiers of its records.
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/changes/", {"since": "2000-01-01"})
    assert len(few.captured_queries) == 2
    assert len(response.json()["results"]) > 20


# --- a partner's mirror ---------------------------------------------------------------------------------------------

LISTS = {
    "segment": "segments",
    "region": "regions",
    "municipality": "municipalities",
    "level": "levels",
    "qualification-type": "qualification-types",
    "education-field": "education-fields",
    "skill": "skills",
    "occupation": "occupations",
    "actor": "actors",
    "programme": "programmes",
    "competence-need": "competence-needs",
    "actor-link": "actor-links",
    "cooperation-action": "cooperation-actions",
    "workshop": "workshops",
}


def identifier_of(item: dict) -> str:
    return str(
        item.get("slug") or item.get("code") or item.get("level") or item.get("id")
    )


def full_copy(client: Any) -> dict[tuple[str, str], dict]:
    """Every record in the lists (?state=all where there is one), as its detail."""
    copy = {}
    for name, prefix in LISTS.items():
        address = f"/api/v1/{prefix}/?page_size=200&state=all"
        if name not in ("programme", "actor", "actor-link"):
            address = f"/api/v1/{prefix}/?page_size=200"
        for item in client.get(address).json()["results"]:
            key = identifier_of(item)
            copy[(name, key)] = client.get(f"/api/v1/{prefix}/{key}/").json()
    return copy


def apply_feed(client: Any, mirror: dict, since: datetime.datetime) -> None:
    """What a partner's nightly script does with the feed."""
    for entry in feed(client, since):
        for old in entry["previous_identifiers"]:
            mirror.pop((entry["type"], old), None)
        if entry["kind"] == "deleted":
            mirror.pop((entry["type"], entry["identifier"]), None)
        else:
            mirror[(entry["type"], entry["identifier"])] = client.get(
                entry["url"]
            ).json()


def test_a_mirror_fed_with_the_changes_ends_identical_to_the_lists(api_client):
    programme = complete_programme(slug="battery-tech")
    other = complete_programme(slug="chemistry", kind="course")
    to_delete = ProgrammeFactory(slug="old-course")
    to_draft = ProgrammeFactory(slug="paused")
    actor = complete_actor(slug="recycler")
    public_need = CompetenceNeedFactory(slug="operators")
    narrowed_need = CompetenceNeedFactory(slug="technicians")
    deleted_need = CompetenceNeedFactory(slug="engineers")
    link = complete_link()
    ended_link = ActorLinkFactory(actor=actor)
    deleted_link = ActorLinkFactory(actor=actor, kind="research")
    action = complete_action(slug="joint-cells")
    narrowed_action = ActionFactory(slug="shared-lab")
    deleted_action = ActionFactory(slug="old-visit")
    renamed_action = ActionFactory(slug="recruit")
    since = timezone.now()
    mirror = full_copy(api_client)
    assert ("actor-link", str(link.pk)) in mirror
    assert ("programme", "battery-tech") in mirror
    assert ("cooperation-action", "shared-lab") in mirror

    # Edits as coordinators make them in the admin and as the loader makes them.
    programme.slug = "battery-technology"
    programme.save()
    offering = Offering.objects.filter(programme=other).first()
    offering.places = 12
    offering.save()
    other.entry_requirements.first().delete()
    other.skills.add(SkillFactory(slug="welding"))
    to_delete.delete()
    to_draft.state = "draft"
    to_draft.save()
    actor.state = "discontinued"
    actor.save()
    site = Site.objects.filter(actor=actor).first()
    site.town_en = "Raahe harbour"
    site.save()
    segment = Segment.objects.get(code="recycling")
    segment.code = "recycling-and-second-life"
    segment.save()
    Skill.objects.filter(programmes=programme).get().delete()
    narrowed_need.visibility = CompetenceNeed.Visibility.PARTNERS
    narrowed_need.save()
    deleted_need.delete()
    public_need.headcount = 25
    public_need.save()
    ProgrammeFactory(slug="new-course")
    ended_link.state = "discontinued"
    ended_link.ended_on = datetime.date(2026, 6, 30)
    ended_link.save()
    deleted_link.delete()
    link.partner.name_sv = "Ny partner"
    link.partner.save()
    ActorLinkFactory(actor=link.partner, kind="cluster")
    # An action's figure, a new organisation, a need it names going out of public view, an action narrowed to the
    # coordinators, one deleted, one renamed and a new one.
    figure = action.figures.first()
    figure.achieved = 15
    figure.save()
    ActionParticipantFactory(action=action, actor=actor)
    shown_need = action.needs.get(visibility="public")
    shown_need.visibility = CompetenceNeed.Visibility.PARTNERS
    shown_need.save()
    narrowed_action.visibility = Action.Visibility.COORDINATORS
    narrowed_action.save()
    deleted_action.delete()
    renamed_action.slug = "joint-recruitment"
    renamed_action.save()
    ActionFactory(slug="new-action")

    apply_feed(api_client, mirror, since)

    assert mirror == full_copy(api_client)


def test_a_record_renamed_and_then_deleted_leaves_a_tombstone_naming_both_identifiers(
    api_client,
):
    programme = ProgrammeFactory(slug="first-name")
    since = timezone.now()
    programme.slug = "second-name"
    programme.save()
    programme.delete()
    assert summary(feed(api_client, since, type="programme")) == [
        ("programme", "second-name", "deleted", ["first-name"])
    ]


def test_a_browser_gets_the_feed_as_a_page_of_the_browsable_api(client):
    ProgrammeFactory(slug="shown")
    response = client.get(
        "/api/v1/changes/", {"since": "2000-01-01"}, HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 200
    assert "/api/v1/programmes/shown/" in response.content.decode()
