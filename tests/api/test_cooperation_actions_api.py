"""Cooperation actions in the partner API: the board's filters giving the board's actions, who sees which action (list,
detail and change feed, for every kind of caller), the needs named inside an action, the item, the parameters it
refuses, and a fixed number of queries."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from rest_framework.test import APIClient

from gaps.cooperation.models import Action
from tests.api.factories import complete_action, copies_of, region_chain, segment
from tests.factories import (
    ActionFactory,
    ActionFigureFactory,
    ActionParticipantFactory,
    ActorFactory,
    CompetenceNeedFactory,
    OccupationFactory,
    SkillFactory,
)
from tests.partners.conftest import issue_key  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/cooperation-actions/"
CALLERS = ["anonymous", "public key", "partners key", "partner", "coordinator"]
# What each caller sees: the board's rule (batteryregion/visibility.py), written out by hand.
SEES = {
    "anonymous": {"public"},
    "public key": {"public"},
    "partners key": {"public", "partners"},
    "partner": {"public", "partners"},
    "coordinator": {"public", "partners", "coordinators"},
}


@pytest.fixture
def callers(issue_key, partner, coordinator) -> dict[str, APIClient]:  # noqa: F811
    """An API client per kind of caller; the coordinator may see confidential records."""
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


@pytest.fixture
def of_every_visibility() -> dict[str, Action]:
    """An action per visibility, slugged after it."""
    return {
        visibility: ActionFactory(slug=f"action-{visibility}", visibility=visibility)
        for visibility in Action.Visibility.values
    }


@pytest.fixture
def board_actions() -> None:
    """Public actions that differ in every filter of the board: kind, state, segment, occupation, skill, region,
    the countries of their organisations and the organisations themselves."""
    chain_fi, chain_se = region_chain("FI"), region_chain("SE")
    college = ActorFactory(slug="oulu-college", country="FI")
    company = ActorFactory(slug="umea-cells", country="SE")
    operator = OccupationFactory(slug="cell-operator")
    welding = SkillFactory(slug="welding")
    cells, recycling = segment("cell-manufacturing"), segment("recycling")
    specs = [
        ("joint-cells", "joint_programme", "agreed", cells, chain_fi[3], [college]),
        ("recruit", "joint_recruitment", "idea", cells, chain_se[3], [company]),
        ("both", "shared_resources", "done", recycling, chain_fi[2], [college, company]),
        ("nobody", "study_visit", "in_progress", recycling, None, []),
    ]  # fmt: skip
    for slug, kind, state, addressed, region, actors in specs:
        action = ActionFactory(slug=slug, kind=kind, state=state)
        action.segments.add(addressed)
        if region is not None:
            action.regions.add(region)
        for actor in actors:
            ActionParticipantFactory(action=action, actor=actor)
    Action.objects.get(slug="joint-cells").occupations.add(operator)
    Action.objects.get(slug="both").skills.add(welding)
    # Hidden from the anonymous board and API alike.
    hidden = ActionFactory(slug="hidden", visibility="partners")
    hidden.segments.add(cells)


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"kind": "joint_programme"},
        {"state": "idea"},
        {"segment": "cell-manufacturing"},
        {"segment": "recycling", "state": "done"},
        {"occupation": "cell-operator"},
        {"skill": "welding"},
        {"region": "FI1D9"},
        {"region": "SE331"},
        {"countries": "fi"},
        {"countries": "se"},
        {"countries": "fi-se"},
        {"organisation": "oulu-college"},
        {"organisation": "umea-cells", "segment": "recycling"},
    ],
)
def test_the_list_holds_the_boards_actions_for_the_same_filters(
    api_client, client, board_actions, query
):
    board = client.get("/en/cooperation/", query)
    assert board.status_code == 200
    on_board = sorted(action.slug for action in board.context["actions"])

    assert slugs(api_client.get(LIST, {**query, "page_size": 200})) == on_board


@pytest.mark.parametrize("caller", CALLERS)
def test_each_caller_lists_and_opens_exactly_the_actions_the_board_shows_them(
    callers, of_every_visibility, caller
):
    client = callers[caller]
    seen = {f"action-{visibility}" for visibility in SEES[caller]}

    assert set(slugs(client.get(LIST))) == seen
    for visibility in Action.Visibility.values:
        status = client.get(f"{LIST}action-{visibility}/").status_code
        # A hidden action is a 404, as if it did not exist (never a 403 that tells it does).
        assert status == (200 if visibility in SEES[caller] else 404), visibility


def feed(client: APIClient, since: datetime.datetime) -> list[tuple[str, str]]:
    response = client.get(
        "/api/v1/changes/",
        {"since": since.isoformat(), "type": "cooperation-action", "page_size": 200},
    )
    assert response.status_code == 200, response.content
    return [
        (entry["identifier"], entry["kind"]) for entry in response.json()["results"]
    ]


@pytest.mark.parametrize("caller", CALLERS)
def test_the_change_feed_agrees_with_the_list_and_leaves_tombstones_where_an_action_leaves_it(
    callers, of_every_visibility, caller
):
    client = callers[caller]
    since = timezone.now()
    for action in of_every_visibility.values():
        action.state = Action.State.PROPOSED
        action.save()
    assert {slug for slug, _kind in feed(client, since)} == set(slugs(client.get(LIST)))

    since = timezone.now()
    narrowed = of_every_visibility["partners"]
    narrowed.visibility = Action.Visibility.COORDINATORS
    narrowed.save()
    of_every_visibility["public"].delete()

    expected = [("action-partners", "deleted")] if "partners" in SEES[caller] else []
    if caller == "coordinator":
        expected = [("action-partners", "updated")]
    # Every caller saw the public action: its deletion is a tombstone for all.
    assert feed(client, since) == [*expected, ("action-public", "deleted")]
    # A caller that never saw an action finds no trace of it, from the beginning of time either.
    if "coordinators" not in SEES[caller]:
        assert "action-coordinators" not in dict(
            feed(client, datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        )


@pytest.mark.parametrize(
    ("caller", "needs"),
    [
        ("anonymous", ["public-need"]),
        ("public key", ["public-need"]),
        ("partners key", ["partners-need", "public-need"]),
        ("partner", ["partners-need", "public-need"]),
        ("coordinator", ["coordinators-need", "partners-need", "public-need"]),
    ],
)
def test_an_action_names_only_the_needs_the_caller_may_see(callers, caller, needs):
    action = ActionFactory(slug="recruit")
    action.needs.set(
        [
            CompetenceNeedFactory(slug=f"{visibility}-need", visibility=visibility)
            for visibility in ("public", "partners", "coordinators")
        ]
        + [CompetenceNeedFactory(slug="draft-need", state="draft")]
    )
    client = callers[caller]

    [listed] = client.get(LIST).json()["results"]
    detail = client.get(f"{LIST}recruit/").json()

    # The needs' own order (newest statement first, then slug); a draft never.
    assert listed["needs"] == detail["needs"] == needs


def test_the_item_gives_what_the_action_addresses_who_takes_part_and_its_figures(
    api_client, coordinator
):
    action = complete_action(slug="joint-cells")
    action.responsible = coordinator.coordinator
    action.save()

    response = api_client.get(f"{LIST}joint-cells/")
    item = response.json()

    occupation, skill = action.occupations.get(), action.skills.get()
    assert item["url"] == "http://testserver/api/v1/cooperation-actions/joint-cells/"
    assert (item["kind"], item["state"], item["visibility"]) == (
        "joint_programme",
        "in_progress",
        "public",
    )
    assert item["dropped_reason"] == {"fi": None, "sv": None, "en": None}
    assert item["title"] == {
        "fi": action.title_fi,
        "sv": action.title_sv,
        "en": action.title_en,
    }
    assert (item["starts_on"], item["ends_on"]) == ("2027-01-01", "2027-12-31")
    assert item["segments"] == ["cell-manufacturing", "recycling"]
    assert (item["occupations"], item["occupation_esco_uris"]) == (
        [occupation.slug],
        [occupation.esco_uri],
    )
    assert (item["skills"], item["skill_esco_uris"]) == ([skill.slug], [skill.esco_uri])
    assert item["regions"] == ["FI1D9"]
    assert item["needs"] == ["public-need-of-joint-cells"]
    assert item["programmes"] == ["programme-of-joint-cells"]
    # The draft organisation (funder) is left out: it has no item in the API.
    lead, partner = action.participants.exclude(actor__state="draft").order_by(
        "actor__country"
    )
    assert item["participants"] == [
        {
            "slug": taking_part.actor.slug,
            "name": {
                "fi": taking_part.actor.name_fi,
                "sv": taking_part.actor.name_sv,
                "en": taking_part.actor.name_en,
            },
            "country": taking_part.actor.country,
            "role": taking_part.role,
            "url": f"http://testserver/api/v1/actors/{taking_part.actor.slug}/",
        }
        for taking_part in (lead, partner)
    ]
    assert item["figures"] == [
        {
            "measure": "places",
            "promised": 20,
            "achieved": None,
            "due_on": None,
            "achieved_on": None,
        },
        {
            "measure": "students",
            "promised": 20,
            "achieved": 5,
            "due_on": "2027-12-31",
            "achieved_on": None,
        },
    ]
    # The responsible coordinator is a person: neither named nor reachable through the API.
    assert "responsible" not in item
    assert coordinator.username.encode() not in response.content


def test_a_dropped_action_says_why(api_client):
    ActionFactory(
        slug="visit",
        state="dropped",
        dropped_reason_fi="Ei rahoitusta.",
        dropped_reason_en="No funding.",
    )

    item = api_client.get(f"{LIST}visit/").json()

    assert item["state"] == "dropped"
    assert item["dropped_reason"] == {
        "fi": "Ei rahoitusta.",
        "sv": None,
        "en": "No funding.",
    }


@pytest.mark.parametrize(
    ("address", "query", "parameter"),
    [
        (LIST, {"segmnet": "recycling"}, "segmnet"),
        (LIST, {"state": "sleeping"}, "state"),
        (LIST, {"countries": "no"}, "countries"),
        (LIST, {"organisation": "nobody-at-all"}, "organisation"),
        (LIST, {"modified_since": "yesterday"}, "modified_since"),
        (f"{LIST}visit/", {"state": "idea"}, "state"),
    ],
)
def test_unknown_parameters_and_bad_values_are_a_400_naming_the_parameter(
    api_client, address, query, parameter
):
    ActionFactory(slug="visit")

    response = api_client.get(address, query)

    assert response.status_code == 400
    assert parameter in response.json()


def test_modified_since_lists_the_actions_changed_since(api_client):
    ActionFactory(slug="old")
    since = timezone.now()
    ActionFactory(slug="changed")
    ActionFigureFactory(action=Action.objects.get(slug="old"))

    assert slugs(api_client.get(LIST, {"modified_since": since.isoformat()})) == [
        "changed",
        "old",
    ]


def list_costs(client: APIClient, django_assert_num_queries: Any, queries: int, **query: str) -> None:  # fmt: skip
    """The list does `queries` queries for 1 action and for 60, in a page of 200."""
    first = complete_action(slug="joint-cells")
    with django_assert_num_queries(queries):
        assert len(slugs(client.get(LIST, {"page_size": 200, **query}))) == 1
    copies_of(first, 59, children=("participants", "figures"))
    with django_assert_num_queries(queries):
        assert len(slugs(client.get(LIST, {"page_size": 200, **query}))) == 60


def test_an_anonymous_list_does_7_queries_for_1_and_60_actions(
    api_client, django_assert_num_queries
):
    # 1 count, 2 actions, 3 segments, occupations, skills and regions (one UNION ALL), 4 needs, 5 programmes,
    # 6 participants with their organisations, 7 figures
    list_costs(api_client, django_assert_num_queries, 7)


def test_a_filtered_list_adds_one_lookup_per_chosen_filter(
    api_client, django_assert_num_queries
):
    # The 7, and the lookups of the segment and of the region chosen.
    list_costs(
        api_client, django_assert_num_queries, 9, segment="recycling", region="FI1D9"
    )


def test_a_partner_key_adds_only_the_key_lookup(issue_key, django_assert_num_queries):  # noqa: F811
    client = issue_key(scope="partners").client()
    client.get(LIST)  # the key's first use records it
    # The key and its use, then the 7 of a list.
    list_costs(client, django_assert_num_queries, 9)


def test_a_renamed_action_answers_its_old_slug_with_a_301_and_a_change_of_an_organisation_moves_it(
    api_client,
):
    action = complete_action(slug="old-name")
    before = api_client.get(f"{LIST}old-name/").json()["modified"]
    action.slug = "new-name"
    action.save()

    response = api_client.get(f"{LIST}old-name/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"{LIST}new-name/")

    organisation = action.participants.filter(actor__country="FI").get().actor
    organisation.name_sv = "Ny organisation"
    organisation.save()
    item = api_client.get(f"{LIST}new-name/").json()
    assert item["modified"] > before
    assert "Ny organisation" in {p["name"]["sv"] for p in item["participants"]}
