"""Actors in the partner API: their sites on the map, filters by kind, country, region and segment."""

import pytest

from skills.models import Actor
from tests.api.factories import complete_actor, region_chain, segment
from tests.factories import ActorFactory, SiteFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/actors/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_an_actor_lists_its_sites_main_first_with_town_region_and_coordinates(
    api_client,
):
    actor = complete_actor(slug="osao", website="")

    item = api_client.get(f"{LIST}osao/").json()

    assert item["name"] == {
        "fi": actor.name_fi,
        "sv": actor.name_sv,
        "en": actor.name_en,
    }
    assert item["website"] is None
    assert item["segments"] == ["raw-materials", "recycling"]
    assert [
        (site["town"]["sv"], site["region"], site["is_main"]) for site in item["sites"]
    ] == [
        ("Uleåborg", "FI1D9", True),
        ("Brahestad", "FI1D9", False),
    ]
    assert (item["sites"][0]["latitude"], item["sites"][0]["longitude"]) == (
        65.0121,
        25.4651,
    )
    assert item["page_url"]["fi"] == "http://testserver/fi/actors/osao/"


def test_the_region_filter_includes_the_regions_below_it(api_client):
    finland, sweden = region_chain("FI"), region_chain("SE")
    SiteFactory(actor=ActorFactory(slug="oulu-college"), region=finland[3])
    SiteFactory(
        actor=ActorFactory(slug="skelleftea-employer", country="SE"), region=sweden[3]
    )
    # Two sites in the region still list the actor once.
    both = ActorFactory(slug="on-both-sides")
    SiteFactory(actor=both, region=finland[3])
    SiteFactory(actor=both, region=finland[3])
    SiteFactory(actor=both, region=sweden[3])

    assert slugs(api_client.get(LIST, {"region": "FI1D9"})) == [
        "on-both-sides",
        "oulu-college",
    ]
    assert slugs(api_client.get(LIST, {"region": "FI1"})) == [
        "on-both-sides",
        "oulu-college",
    ]
    assert slugs(api_client.get(LIST, {"region": "SE"})) == [
        "on-both-sides",
        "skelleftea-employer",
    ]


def test_the_actor_filters_combine(api_client):
    recycling = segment("recycling")
    cells = segment("cell-manufacturing")
    ActorFactory(
        slug="fi-recycler", kind=Actor.Kind.EMPLOYER, name_sv="Metallåtervinnare"
    ).segments.add(recycling)
    ActorFactory(
        slug="se-recycler", kind=Actor.Kind.EMPLOYER, country="SE"
    ).segments.add(recycling)
    ActorFactory(slug="fi-college", kind=Actor.Kind.PROVIDER).segments.add(
        recycling, cells
    )
    ActorFactory(slug="fi-cell-maker", kind=Actor.Kind.EMPLOYER).segments.add(cells)

    assert slugs(
        api_client.get(
            LIST, {"kind": "employer", "country": "FI", "segment": "recycling"}
        )
    ) == ["fi-recycler"]
    assert slugs(
        api_client.get(
            LIST, {"segment": ["recycling", "cell-manufacturing"], "country": "FI"}
        )
    ) == [
        "fi-cell-maker",
        "fi-college",
        "fi-recycler",
    ]
    # Search looks in every language, whatever the request's language.
    response = api_client.get(
        LIST, {"q": "återvinn"}, headers={"accept-language": "fi"}
    )
    assert slugs(response) == ["fi-recycler"]


def test_the_actor_list_does_the_same_queries_for_1_and_50_actors(
    api_client, django_assert_num_queries
):
    complete_actor()
    # 1 count, 2 actors, 3 segments, 4 sites + region
    with django_assert_num_queries(4):
        api_client.get(LIST)
    for _ in range(49):
        complete_actor()
    with django_assert_num_queries(4):
        response = api_client.get(LIST)
    assert response.json()["count"] == 50
