"""Links between actors in the partner API: the network page's filters giving the page's links, who sees drafts and
discontinued links, the item, the parameters it refuses, the change feed, and a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from batteryregion.sync.models import IdentifierAlias
from skills.models import ActorLink
from tests.api.factories import complete_link, more_links
from tests.factories import ActorLinkFactory
from tests.network.conftest import Network, small_network

pytestmark = pytest.mark.django_db

LIST = "/api/v1/actor-links/"


@pytest.fixture
def network(db) -> Network:
    return small_network()


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def discontinue(link: ActorLink) -> None:
    link.state = "discontinued"
    link.ended_on = datetime.date(2026, 6, 30)
    link.save()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"segment": "cells"},
        {"segment": "recycling"},
        {"region": "FI1D9"},
        {"region": "SE331"},
        {"region": "FI1D5"},
        {"kind": "research"},
        {"kind": "cluster"},
        {"across": "true"},
        {"segment": "cells", "region": "SE331", "kind": "agreement", "across": "true"},
        {"segment": "recycling", "across": "true"},
    ],
)
def test_the_list_holds_the_links_of_the_network_pages_table_for_the_same_parameters(
    api_client, client, network, query
):
    page = client.get("/en/network/", query)
    assert page.status_code == 200
    on_page = [row.link.pk for row in page.context["rows"]]

    assert ids(api_client.get(LIST, {**query, "page_size": 200})) == on_page


def test_drafts_and_links_to_draft_actors_are_in_no_list_and_discontinued_ones_only_when_asked(
    api_client, network
):
    discontinue(network.research)
    shown = [network.agreement.pk, network.apprenticeship.pk, network.shared.pk]

    assert ids(api_client.get(LIST)) == shown
    assert ids(api_client.get(LIST, {"state": "discontinued"})) == [network.research.pk]
    assert sorted(ids(api_client.get(LIST, {"state": "all"}))) == sorted(
        [*shown, network.research.pk]
    )
    # Discontinued links keep their detail and say so.
    detail = api_client.get(f"{LIST}{network.research.pk}/").json()
    assert (detail["state"], detail["ended_on"]) == ("discontinued", "2026-06-30")


def test_a_published_link_with_a_discontinued_actor_stays_in_the_api_list_not_on_the_page(
    api_client, client, network
):
    discontinue(network.northvolt)

    assert network.agreement.pk in ids(api_client.get(LIST))
    page = client.get("/en/network/")
    assert network.agreement.pk not in [row.link.pk for row in page.context["rows"]]


def test_a_draft_link_is_a_404_except_to_a_coordinator_who_may_edit_links(
    api_client, coordinator_api_client, network
):
    draft = ActorLink.objects.get(state="draft")
    to_draft_actor = ActorLink.objects.get(partner__slug="draft-actor")

    for link in (draft, to_draft_actor):
        assert api_client.get(f"{LIST}{link.pk}/").status_code == 404
        preview = coordinator_api_client.get(f"{LIST}{link.pk}/")
        assert preview.status_code == 200
        assert preview["Cache-Control"].startswith("private")
    # The coordinator's lists hold no drafts either.
    assert draft.pk not in ids(coordinator_api_client.get(LIST, {"state": "all"}))


def test_an_item_shows_both_actors_the_kind_dates_description_and_segments(
    api_client, network
):
    link = network.apprenticeship  # entered from the Swedish side

    item = api_client.get(f"{LIST}{link.pk}/").json()

    assert {key: value for key, value in item.items() if key not in ("created", "modified")} == {
        "id": link.pk,
        "url": f"http://testserver/api/v1/actor-links/{link.pk}/",
        "actor": {
            "slug": "boliden",
            "name": {"fi": "Boliden", "sv": "Boliden", "en": "Boliden"},
            "country": "SE",
            "kind": "employer",
            "url": "http://testserver/api/v1/actors/boliden/",
        },
        "partner": {
            "slug": "osao",
            "name": {"fi": "OSAO", "sv": "OSAO", "en": "OSAO"},
            "country": "FI",
            "kind": "provider",
            "url": "http://testserver/api/v1/actors/osao/",
        },
        "kind": "apprenticeship",
        "crosses_border": True,
        "state": "published",
        "started_on": "2024-01-15",
        "ended_on": "2025-06-30",
        "description": {
            "fi": "Yhteistyösopimus",
            "sv": "Samarbetsavtal",
            "en": "Cooperation agreement",
        },
        "segments": ["cells", "recycling"],
        "source_url": "https://example.org/agreement",
        "verified_on": None,
    }  # fmt: skip
    assert item["created"].endswith("Z") and item["modified"].endswith("Z")
    assert api_client.get(item["partner"]["url"]).json()["slug"] == "osao"
    shared = api_client.get(f"{LIST}{network.shared.pk}/").json()
    assert shared["crosses_border"] is False


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"segmnet": "cells"}, "segmnet"),
        ({"actor": "osao"}, "actor"),
        ({"kind": "friendship"}, "kind"),
        ({"segment": "no-such-segment"}, "segment"),
        ({"region": "XX999"}, "region"),
        ({"state": "draft"}, "state"),
    ],
)
def test_an_unknown_parameter_or_value_is_a_400_naming_it(
    api_client, network, query, parameter
):
    response = api_client.get(LIST, query)

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_a_detail_takes_no_filter_and_an_unknown_id_is_a_404(api_client, network):
    address = f"{LIST}{network.agreement.pk}/"

    assert api_client.get(address, {"kind": "research"}).status_code == 400
    assert api_client.get(f"{LIST}999999/").status_code == 404
    assert api_client.get(f"{LIST}not-a-number/").status_code == 404


def test_an_id_is_never_renamed_so_links_have_no_aliases_and_a_404_costs_no_alias_lookup(
    api_client, network, django_assert_num_queries
):
    network.agreement.kind = ActorLink.Kind.RESEARCH
    network.agreement.full_clean()
    network.agreement.save()

    assert not IdentifierAlias.objects.exists()
    # The link looked up, nothing else.
    with django_assert_num_queries(1):
        assert api_client.get(f"{LIST}999999/").status_code == 404


def feed(client, since: datetime.datetime) -> list[dict]:
    response = client.get(
        "/api/v1/changes/", {"since": since.isoformat(), "type": "actor-link"}
    )
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_change_feed_reports_created_updated_discontinued_and_deleted_links(
    api_client, network
):
    since = timezone.now()
    created = ActorLinkFactory(actor=network.northvolt, partner=network.boliden)
    discontinue(network.research)
    shared = network.shared.pk
    network.shared.delete()
    network.agreement.state = "draft"
    network.agreement.save()
    # A link shows its actors' names: renaming Boliden updates its apprenticeship link.
    network.boliden.name_en = "Boliden Mines"
    network.boliden.save()

    entries = {
        entry["identifier"]: (entry["kind"], entry["url"])
        for entry in feed(api_client, since)
    }

    def url(pk: int) -> str:
        return f"http://testserver{LIST}{pk}/"

    assert entries == {
        str(created.pk): ("created", url(created.pk)),
        str(network.research.pk): ("discontinued", url(network.research.pk)),
        str(shared): ("deleted", None),
        # Back to draft: out of the lists, a tombstone.
        str(network.agreement.pk): ("deleted", None),
        str(network.apprenticeship.pk): ("updated", url(network.apprenticeship.pk)),
    }


def test_an_actor_back_to_draft_takes_its_links_out_of_the_lists_with_a_tombstone(
    api_client, network
):
    since = timezone.now()
    network.northvolt.state = "draft"
    network.northvolt.save()

    assert network.agreement.pk not in ids(api_client.get(LIST, {"state": "all"}))
    assert [(e["identifier"], e["kind"]) for e in feed(api_client, since)] == [
        (str(network.agreement.pk), "deleted")
    ]
    # Published again: the link is back, as updated.
    network.northvolt.state = "published"
    network.northvolt.save()
    assert [(e["identifier"], e["kind"]) for e in feed(api_client, since)] == [
        (str(network.agreement.pk), "updated")
    ]


def test_a_segment_or_an_actor_changed_moves_the_links_modified_time(
    api_client, network
):
    link = network.agreement
    before = api_client.get(f"{LIST}{link.pk}/").json()["modified"]
    network.cells.code = "cell-manufacturing"
    network.cells.save()
    after_segment = api_client.get(f"{LIST}{link.pk}/").json()
    network.northvolt.save()
    after_actor = api_client.get(f"{LIST}{link.pk}/").json()

    assert after_segment["segments"] == ["cell-manufacturing"]
    assert before < after_segment["modified"] < after_actor["modified"]


def test_a_filtered_list_does_the_same_queries_for_1_and_40_links(
    api_client, django_assert_num_queries
):
    first = complete_link()
    query = {
        "segment": "recycling",
        "region": "FI1D9",
        "kind": "agreement",
        "across": "true",
        "page_size": 200,
    }
    # 1 the segment, 2 the region, 3 count, 4 links + both actors, 5 segments
    with django_assert_num_queries(5):
        assert len(ids(api_client.get(LIST, query))) == 1
    more_links(first, 39)
    with django_assert_num_queries(5):
        assert len(ids(api_client.get(LIST, query))) == 40
    # Unfiltered: count, links, segments.
    with django_assert_num_queries(3):
        assert len(ids(api_client.get(LIST, {"page_size": 200}))) == 40


@pytest.mark.parametrize("value", ["-58800", "yes", "1"])
def test_a_value_of_across_other_than_true_or_false_is_a_400_naming_it(client, value):
    response = client.get("/api/v1/actor-links/", {"across": value})
    assert response.status_code == 400
    assert "across" in response.json()
