"""Workshops and surveys in the partner API: who sees which workshop (list, detail, change feed), the needs named
inside one (only those the caller may see), the contact never shown, the filters, what DRF itself would write, and
a fixed number of queries whatever the number of workshops."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from rest_framework.test import APIClient

from skills.selectors import workshops_for_api
from skills.workshop_serializers import WorkshopSerializer
from tests.api.factories import complete_workshop, copies_of, region_chain, segment
from tests.api.test_api_costs import drf_item, http_request  # noqa: F401  (fixture)
from tests.factories import ActorFactory, RegionFactory, WorkshopFactory
from tests.partners.conftest import issue_key  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/workshops/"
CALLERS = ["anonymous", "public key", "partners key", "partner", "coordinator"]
# The needs of complete_workshop() each caller sees: the competence-needs rule, written out by hand (drafts never).
NEEDS_SEEN = {
    "anonymous": ["public"],
    "public key": ["public"],
    "partners key": ["partners", "public"],
    "partner": ["partners", "public"],
    "coordinator": ["partners", "public"],
}


@pytest.fixture
def callers(issue_key, partner, coordinator) -> dict[str, APIClient]:  # noqa: F811
    """An API client per kind of caller; the coordinator may see confidential records (and so every workshop)."""
    coordinator.user_permissions.add(
        *Permission.objects.filter(codename="view_confidential_needs")
    )
    clients = {
        "anonymous": APIClient(),
        "public key": issue_key(scope="public").client(),
        "partners key": issue_key(scope="partners").client(),
    }
    for name, user in (("partner", partner), ("coordinator", coordinator)):
        clients[name] = APIClient()
        clients[name].force_login(user)
    return clients


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize("caller", CALLERS)
def test_only_coordinators_see_a_workshop_without_a_public_summary(callers, caller):
    WorkshopFactory(slug="public-day", held_on=datetime.date(2026, 3, 1))
    WorkshopFactory(
        slug="closed-day", held_on=datetime.date(2026, 4, 1), is_summary_public=False
    )
    client = callers[caller]

    sees_all = caller == "coordinator"
    assert slugs(client.get(LIST)) == (
        ["closed-day", "public-day"] if sees_all else ["public-day"]
    )
    assert client.get(f"{LIST}closed-day/").status_code == (200 if sees_all else 404)
    assert client.get(f"{LIST}public-day/").status_code == 200


@pytest.mark.parametrize("caller", CALLERS)
def test_a_workshop_names_only_the_published_needs_the_caller_may_see(callers, caller):
    workshop = complete_workshop(slug="day")
    expected = [f"{kind}-need-of-day" for kind in NEEDS_SEEN[caller]]

    assert callers[caller].get(f"{LIST}day/").json()["needs"] == expected
    [item] = callers[caller].get(LIST).json()["results"]
    assert item["needs"] == expected
    # Every need named has an item of its own for the same caller.
    for need in expected:
        response = callers[caller].get(f"/api/v1/competence-needs/{need}/")
        assert response.status_code == 200
    assert workshop.competence_needs.count() == 3


@pytest.mark.parametrize("caller", CALLERS)
def test_the_contact_is_in_no_answer_for_anyone(callers, caller):
    complete_workshop(slug="day")
    for address in (LIST, f"{LIST}day/", "/api/v1/changes/?since=2000-01-01T00:00:00Z"):
        body = callers[caller].get(address).content.decode()
        assert "contact" not in body
        assert "maija.meikalainen@example.org" not in body
        assert "Meikäläinen" not in body


def test_the_item_says_when_where_who_and_what_with_draft_organisations_left_out(
    api_client,
):
    workshop = complete_workshop(slug="day", organiser=ActorFactory(state="draft"))
    [participant] = workshop.participants.exclude(state="draft")

    item = api_client.get(f"{LIST}day/").json()

    assert item["url"] == "http://testserver/api/v1/workshops/day/"
    assert item["page_url"]["fi"] == "http://testserver/fi/workshops/day/"
    assert item["kind"] == "workshop"
    assert item["title"]["en"] == workshop.title_en
    assert item["held_on"] == "2026-04-15"
    assert (item["place"], item["is_online"]) == ("Oulu", False)
    assert item["organiser"] is None
    assert item["participants"] == [participant.slug]
    assert item["segments"] == ["cell-manufacturing", "recycling"]
    assert item["regions"] == ["FI1D9"]
    assert item["summary"]["sv"] == "Företagen behöver processoperatörer."
    assert item["is_summary_public"] is True
    assert list(item) == WorkshopSerializer.Meta.fields


def test_lists_and_details_write_what_drf_writes_for_the_same_workshops(
    api_client,
    http_request,  # noqa: F811
):
    complete_workshop()
    WorkshopFactory(kind="survey", place="", is_online=True, summary_sv="")

    listed = api_client.get(LIST).json()["results"]
    records = list(workshops_for_api(AnonymousUser()))

    assert listed == [
        drf_item(WorkshopSerializer, record, http_request) for record in records
    ]
    for item in listed:
        assert api_client.get(f"{LIST}{item['slug']}/").json() == item


def test_the_filters_narrow_by_kind_segment_region_and_dates(api_client):
    chain = region_chain("FI")
    sweden = region_chain("SE")
    recycling, cells = segment("recycling"), segment("cell-manufacturing")
    WorkshopFactory(
        slug="oulu-recycling",
        held_on=datetime.date(2026, 3, 1),
        regions=[chain[3]],
        segments=[recycling],
    )
    WorkshopFactory(
        slug="skelleftea-cells-survey",
        kind="survey",
        held_on=datetime.date(2026, 5, 1),
        regions=[sweden[3]],
        segments=[cells, recycling],
    )
    WorkshopFactory(slug="both-sides", held_on=datetime.date(2026, 4, 1),
                    regions=[chain[3], chain[2]])  # fmt: skip

    assert slugs(api_client.get(LIST, {"kind": "survey"})) == [
        "skelleftea-cells-survey"
    ]
    assert slugs(api_client.get(LIST, {"segment": "cell-manufacturing"})) == [
        "skelleftea-cells-survey"
    ]
    assert slugs(
        api_client.get(LIST, {"segment": ["cell-manufacturing", "recycling"]})
    ) == ["skelleftea-cells-survey", "oulu-recycling"]
    # A region of any level: the workshops about it or a region inside it, each once.
    assert slugs(api_client.get(LIST, {"region": "FI1"})) == [
        "both-sides",
        "oulu-recycling",
    ]
    assert slugs(api_client.get(LIST, {"region": "SE"})) == ["skelleftea-cells-survey"]
    assert slugs(api_client.get(LIST, {"held_from": "2026-04-01"})) == [
        "skelleftea-cells-survey",
        "both-sides",
    ]
    assert slugs(
        api_client.get(LIST, {"held_from": "2026-03-02", "held_to": "2026-04-01"})
    ) == ["both-sides"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"kind": "lecture"}, "kind"),
        ({"segment": "nope"}, "segment"),
        ({"region": "XX9"}, "region"),
        ({"held_from": "yesterday"}, "held_from"),
        ({"held_to": "2026-13-01"}, "held_to"),
        ({"contact_email": "x"}, "contact_email"),
    ],
)
def test_a_parameter_the_list_does_not_take_is_a_400_naming_it(
    api_client, query, parameter
):
    RegionFactory(code="FI1D9")
    response = api_client.get(LIST, query)

    assert response.status_code == 400
    assert parameter in response.json()


def test_the_change_feed_tells_a_public_caller_when_a_workshop_closes_its_summary(
    api_client,
):
    workshop = WorkshopFactory(slug="day")
    since = "2000-01-01T00:00:00Z"
    [change] = workshop_changes(api_client, since)
    assert (change["type"], change["identifier"], change["kind"]) == (
        "workshop",
        "day",
        "created",
    )

    workshop.is_summary_public = False
    workshop.save()

    [change] = workshop_changes(api_client, since)
    assert (change["type"], change["kind"]) == ("workshop", "deleted")


def workshop_changes(client: APIClient, since: str) -> list[dict]:
    changes = client.get("/api/v1/changes/", {"since": since}).json()["results"]
    return [change for change in changes if change["type"] == "workshop"]


# Query pins: the same for 1 and 200 workshops.
# 1 count, 2 workshops + organiser (joined), 3 segments and regions (one UNION ALL), 4 participants that are not
# drafts, 5 the needs the caller may see.
LIST_QUERIES = 5
# The same without the count.
DETAIL_QUERIES = 4


def test_the_list_does_the_same_queries_for_1_and_200_workshops(
    api_client, django_assert_num_queries
):
    first = complete_workshop()
    with django_assert_num_queries(LIST_QUERIES):
        small = api_client.get(LIST, {"page_size": 200}).json()
    copies_of(first, 199, children=("competence_needs",))
    with django_assert_num_queries(LIST_QUERIES):
        large = api_client.get(LIST, {"page_size": 200}).json()

    assert small["count"] == 1
    assert large["count"] == 200
    assert all(item["needs"] for item in large["results"])
    assert all(len(item["segments"]) == 2 for item in large["results"])


def test_a_detail_does_a_fixed_number_of_queries(api_client, django_assert_num_queries):
    workshop = complete_workshop()
    with django_assert_num_queries(DETAIL_QUERIES):
        assert api_client.get(f"{LIST}{workshop.slug}/").status_code == 200


def test_a_coordinator_adds_only_the_session_the_user_and_the_permissions(
    callers, django_assert_num_queries
):
    first = complete_workshop()
    copies_of(first, 20)
    # 1 session, 2 user, 3 and 4 the user's and the groups' permissions (visible_to()), then the 5 of the list
    with django_assert_num_queries(4 + LIST_QUERIES):
        assert callers["coordinator"].get(LIST).json()["count"] == 21
