"""The map's optional layer "Cross-border cooperation": the page embeds a line for each cross-border link the viewer
may see (recorded links and joint actions), between each actor's first site; links with an actor without a site are
counted, not drawn; the same queries for 1 and many links."""

import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from programmes.map_lines import cross_border_lines
from tests.factories import (
    ActionFactory,
    ActionParticipantFactory,
    ActorFactory,
    ActorLinkFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

MAP_LINES = re.compile(
    r'<script id="map-lines" type="application/json">(.*?)</script>', re.S
)


def lines_of(response) -> dict:
    return json.loads(MAP_LINES.search(response.content.decode()).group(1))


def pairs(data: dict) -> list[tuple[str, str, str]]:
    return sorted(
        (
            line["from"]["url"].split("/")[-2],
            line["to"]["url"].split("/")[-2],
            line["kind"],
        )
        for line in data["lines"]
    )


@pytest.mark.parametrize("viewer", ["anonymous", "partner", "coordinator"])
def test_the_map_draws_the_cross_border_links_the_viewer_may_see(
    viewers, network, actions, viewer
):
    data = lines_of(viewers[viewer].get("/en/map/"))

    expected = [
        ("boliden", "osao", "apprenticeship"),  # entered from the Swedish side
        ("centria", "boliden", "research"),
        ("osao", "northvolt", "agreement"),
        # Joint actions across the border, lower id first: bridge's two pairs (OSAO–Centria is within Finland).
        ("osao", "northvolt", "joint_action"),
        ("centria", "northvolt", "joint_action"),
    ]
    if viewer != "anonymous":
        expected.append(("centria", "boliden", "joint_action"))
    assert pairs(data) == sorted(expected)
    assert data["skipped"] == 0
    line = next(
        line
        for line in data["lines"]
        if line["kind"] == "joint_action" and "northvolt" in line["to"]["url"]
    )
    assert line["kindLabel"] == "Joint action"
    assert line["actions"] == [{"title": "Bridge", "url": "/en/cooperation/bridge/"}]
    assert (
        line["networkUrl"] == "/en/network/?kind=joint_action&across=on#network-links"
    )


def test_each_end_is_the_actors_first_site_and_links_without_a_site_are_counted(
    client, network
):
    # OSAO's main site comes first, whatever the slugs; a Swedish actor without a site is skipped.
    SiteFactory(
        actor=network.osao,
        slug="a-first-by-slug",
        latitude=Decimal("60.1"),
        longitude=Decimal("24.9"),
    )
    SiteFactory(
        actor=network.osao,
        slug="z-main",
        is_main=True,
        latitude=Decimal("64.2"),
        longitude=Decimal("27.7"),
    )
    ActorLinkFactory(
        actor=network.osao, partner=ActorFactory(slug="nowhere", country="SE")
    )
    # Only within Finland, and a draft link: no line, nothing skipped.
    ActorLinkFactory(actor=network.osao, partner=ActorFactory(country="FI"))
    ActorLinkFactory(
        actor=network.osao, partner=ActorFactory(country="SE"), state="draft"
    )

    data = cross_border_lines(AnonymousUser())

    agreement = next(line for line in data["lines"] if line["kind"] == "agreement")
    assert (agreement["from"]["lat"], agreement["from"]["lng"]) == (64.2, 27.7)
    assert data["skipped"] == 1
    assert len(data["lines"]) == 3
    html = client.get("/en/map/").content.decode()
    assert "1 link is not drawn because an actor has no site on the map." in html
    assert (
        '<input type="checkbox" id="map-layer-links"' in html
        and "checked" not in html.split('id="map-layer-links"')[1][:40]
    )
    assert '<label for="map-layer-links">Cross-border cooperation</label>' in html
    assert 'href="/en/network/?across=on#network-links"' in html


def _more(network, count: int) -> None:
    for _ in range(count):
        ActorLinkFactory(
            actor=SiteFactory(actor__country="FI").actor,
            partner=SiteFactory(actor__country="SE").actor,
        )
        action = ActionFactory(visibility="public", state="in_progress")
        ActionParticipantFactory(action=action, actor=network.osao)
        ActionParticipantFactory(
            action=action, actor=SiteFactory(actor__country="SE").actor
        )


def test_the_map_page_does_the_same_queries_for_1_and_30_links_and_actions(
    client, network, django_assert_num_queries
):
    # The map's 5 (tests/programmes/test_map_places.py), 6 the cross-border links with both actors, 7 the visible
    # actions' participants with action and actor, 8 the first sites of their actors
    _more(network, 1)
    with django_assert_num_queries(8):
        data = lines_of(client.get("/en/map/"))
    assert len(data["lines"]) == 3 + 1 + 1
    _more(network, 29)
    with django_assert_num_queries(8):
        data = lines_of(client.get("/en/map/"))
    assert len(data["lines"]) == 3 + 30 + 30
