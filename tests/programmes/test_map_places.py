"""The places of the actor and education map: the programmes at one site are one place linking to each, providers
named, what a popup and a marker need, names falling back to another language, an empty map without data, and the
same queries for 1 and 40 actors and programmes."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from programmes.map import PROGRAMME, MapFilters, map_items
from programmes.models import Offering
from skills.models import Actor
from tests.factories import (
    ActorFactory,
    EducationLevelFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SegmentFactory,
    SiteFactory,
)
from tests.programmes.map_page_data import (
    SQUARE,
    _no_tiles,  # noqa: F401 (fixtures)
    count_heading,
    map_places,
)

pytestmark = pytest.mark.django_db


def test_the_programmes_at_one_site_are_one_place_that_links_to_each_of_them(
    client, area
):
    college_site = Offering.objects.get(
        programme__slug="process-operator", starts_on=datetime.date(2027, 8, 1)
    ).site
    technician = ProgrammeFactory(
        slug="battery-technician",
        name_en="Battery technician",
        provider=college_site.actor,
    )
    OfferingFactory(programme=technician, site=college_site)
    [place] = [
        item
        for item in map_items(MapFilters(kind=PROGRAMME, country="FI"))
        if item.kind == PROGRAMME
    ]
    assert [link.name.text for link in place.links] == [
        "Battery technician",
        "Process operator",
    ]
    # Their provider is written once for the place.
    assert place.provider.text == "Oulu College"
    assert [link.provider for link in place.links] == [None, None]
    html = client.get("/en/map/?kind=programme&country=FI").content.decode()
    assert count_heading(html) == "1 place"
    [row] = re.findall(r"<tr data-kind=.*?</tr>", html, re.S)
    assert re.findall(r'<li><a href="([^"]+)"[^>]*data-place="name">', row) == [
        "/en/programmes/battery-technician/",
        "/en/programmes/process-operator/",
    ]
    assert row.count('data-place="provider"') == 1
    assert row.count('data-place="town"') == 1


def test_programmes_of_different_providers_at_one_site_each_name_their_provider(
    client, area
):
    college_site = Offering.objects.get(
        programme__slug="process-operator", starts_on=datetime.date(2027, 8, 1)
    ).site
    guest = ProgrammeFactory(
        slug="guest-course",
        name_en="Guest course",
        provider=Actor.objects.get(slug="university"),
    )
    OfferingFactory(programme=guest, site=college_site)
    [place] = map_items(MapFilters(kind=PROGRAMME, country="FI"))
    assert place.provider is None
    assert [(link.name.text, link.provider.text) for link in place.links] == [
        ("Guest course", "Umeå University"),
        ("Process operator", "Oulu College"),
    ]
    html = client.get("/en/map/?kind=programme&country=FI").content.decode()
    assert re.findall(
        r'<li><a href="([^"]+)"[^>]*>[^<]*</a>\s*<span class="map-list-provider" lang="en" data-place="provider">([^<]+)</span></li>',
        html,
    ) == [
        ("/en/programmes/guest-course/", "Umeå University"),
        ("/en/programmes/process-operator/", "Oulu College"),
    ]


def test_a_map_item_has_what_a_popup_and_a_marker_need(client, area):
    html = client.get("/sv/map/?kind=programme&country=FI").content.decode()
    [item] = map_places(html)
    with translation.override("sv"):
        kind_label_sv = gettext("Programme")
    assert item == {
        "name": "Processoperatör",
        "name_lang": "sv",
        "url": "/sv/programmes/process-operator/",
        "kind": "programme",
        "kind_label": kind_label_sv,
        "town": "Uleåborg",
        "town_lang": "sv",
        "lat": 65.0121,
        "lng": 25.4651,
        "provider": "Uleåborgs yrkesskola",
        "provider_lang": "sv",
    }


def test_a_name_missing_in_the_page_language_falls_back_and_is_marked(client, area):
    ActorFactory(
        slug="untranslated", name_fi="Akkutehdas", name_sv="", name_en="Battery plant"
    )
    SiteFactory(actor=Actor.objects.get(slug="untranslated"))
    html = client.get("/sv/map/?kind=provider&country=FI").content.decode()
    assert (
        '<a href="/sv/actors/untranslated/" lang="fi" data-place="name">Akkutehdas</a> <span class="fallback">'
        in html
    )
    items = map_places(html)
    assert {"name": "Akkutehdas", "name_lang": "fi"}.items() <= next(
        item for item in items if item["url"] == "/sv/actors/untranslated/"
    ).items()


def make_places(count: int) -> None:
    region = RegionFactory(boundary=SQUARE)
    segment = SegmentFactory(code="recycling")
    level = EducationLevelFactory(level=4)
    for _ in range(count):
        site = SiteFactory(
            region=region, latitude=Decimal("65.1"), longitude=Decimal("25.5")
        )
        site.actor.segments.add(segment)
        programme = ProgrammeFactory(
            provider=site.actor, awarded_level=level, segments=[segment]
        )
        OfferingFactory(programme=programme, site=site)


@pytest.mark.parametrize("count", [1, 40])
def test_the_page_does_the_same_queries_for_1_and_40_actors_and_programmes(
    client, django_assert_num_queries, count
):
    make_places(count)
    # 1 segments for the filter form, 2 EQF levels for the filter form, 3 actor sites with actor and region,
    # 4 offerings with programme, provider, site and region, 5 the region outlines, for the digest in their address
    # (kept in the process in production: programmes/outlines.py); map.js fetches them from that address
    # (test_region_outlines.py), 6 the cross-border links and 7 the actions' participants of the optional layer
    # (none here: no sites query; tests/network/test_map_lines.py has some)
    with django_assert_num_queries(7):
        response = client.get("/fi/map/")
    assert len(map_places(response.content.decode())) == 2 * count
    # With filters the same seven: the filters are conditions in queries 3 and 4, not extra queries.
    with django_assert_num_queries(7):
        client.get("/fi/map/?segment=recycling&level=4&country=FI")
    # htmx asks for the results only: queries 1-4, the list without the page around it.
    with django_assert_num_queries(4):
        client.get("/fi/map/?country=FI", headers={"HX-Request": "true"})


def test_the_map_is_empty_but_fine_without_data():
    response = Client().get("/en/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert map_places(html) == []
    assert "No places match these filters." in html
