"""The small map of the programme and actor pages: an inline SVG picture of the region outlines with the places
marked (programmes/region_picture.py), named by a title that says each place and its region, linked to the full map
showing that record's places; those pages load no map library. And the full map's ?programme= and ?actor=."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest

from batteryregion.bundled_data import load_bundled_data
from tests.factories import (
    ActorFactory,
    OfferingFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db

OULU_AREA = {
    "type": "Polygon",
    "coordinates": [
        [[24.0, 64.0], [27.0, 64.0], [27.0, 66.0], [24.0, 66.0], [24.0, 64.0]]
    ],
}
WEST_AREA = {
    "type": "Polygon",
    "coordinates": [
        [[18.0, 64.0], [21.0, 64.0], [21.0, 66.0], [18.0, 66.0], [18.0, 64.0]]
    ],
}


@pytest.fixture
def places():
    """A programme given in Oulu (North Ostrobothnia) and in Kajaani (Kainuu, drawn without an outline here), and
    an actor with a site in Oulu; a second region outline in Sweden."""
    north = RegionFactory(boundary=OULU_AREA)
    RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbottenin lääni",
        name_sv="Västerbottens län",
        name_en="Västerbotten County",
        boundary=WEST_AREA,
    )
    kainuu = RegionFactory(
        code="FI1D8",
        code_2024="FI1D8",
        name_fi="Kainuu",
        name_sv="Kajanaland",
        name_en="Kainuu",
    )
    actor = ActorFactory(slug="college")
    oulu = SiteFactory(actor=actor, region=north)
    kajaani = SiteFactory(
        actor=actor,
        region=kainuu,
        town_fi="Kajaani",
        town_sv="Kajana",
        town_en="Kajaani",
        latitude=Decimal("64.2270"),
        longitude=Decimal("27.7285"),
    )
    programme = ProgrammeFactory(slug="cells", provider=actor)
    OfferingFactory(programme=programme, site=oulu)
    OfferingFactory(programme=programme, site=kajaani)
    # Another start date at the same site: one mark.
    OfferingFactory(
        programme=programme, site=oulu, starts_on=datetime.date(2028, 1, 10)
    )
    return programme


def picture(html: str) -> str:
    found = re.search(r'<figure class="region-picture">.*?</figure>', html, re.S)
    assert found, "no region picture"
    return found.group(0)


def test_the_programme_page_draws_its_places_as_an_accessible_svg_without_leaflet(
    client, places
):
    html = client.get("/sv/programmes/cells/").content.decode()
    figure = picture(html)
    svg = re.search(r"<svg [^>]*>", figure).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="region-picture-title"' in svg
    title = unescape(
        re.search(r'<title id="region-picture-title">(.*?)</title>', figure).group(1)
    )
    # Each place once, with its region, in the page's language.
    assert title.count("Uleåborg (Norra Österbotten)") == 1
    assert "Kajana (Kajanaland)" in title
    assert figure.count("<circle ") == 2
    # The regions with a place are highlighted and named; a region without an outline is still in the title.
    assert figure.count('fill="#a7d8c2"') == 1
    assert '<text x="' in figure and ">Norra Österbotten</text>" in figure
    assert '<a href="/sv/map/?programme=cells">Visa på hela kartan</a>' in figure
    # No map library, no GeoJSON, no script for the picture.
    assert "leaflet" not in html.lower()
    assert "map.js" not in html and '"coordinates"' not in html
    assert "css/region_picture.css" in html


def test_the_picture_holds_every_place_even_outside_the_outlines(client, places):
    figure = picture(client.get("/en/programmes/cells/").content.decode())
    left, top, width, height = map(
        int, re.search(r'viewBox="([-\d ]+)"', figure).group(1).split()
    )
    for cx, cy in re.findall(r'<circle cx="(-?\d+)" cy="(-?\d+)"', figure):
        assert left < int(cx) < left + width and top < int(cy) < top + height
    # Coordinates are whole units, never localised with a decimal comma.
    assert not re.search(r'(cx|cy|x|y)="[^"]*,', figure)


def test_the_actor_page_draws_its_sites_and_links_to_them_on_the_full_map(
    client, places
):
    html = client.get("/fi/actors/college/").content.decode()
    figure = picture(html)
    assert "Oulu (Pohjois-Pohjanmaa)" in figure
    assert '<a href="/fi/map/?actor=college">Näytä koko kartalla</a>' in figure
    assert "leaflet" not in html.lower()


def test_a_page_without_places_has_no_picture(client, places):
    ProgrammeFactory(slug="online")
    html = client.get("/en/programmes/online/").content.decode()
    assert "region-picture" not in html


def test_the_full_map_shows_one_programmes_or_actors_places(client, places):
    other = OfferingFactory(programme=ProgrammeFactory(slug="other"))
    response = client.get("/en/map/?programme=cells")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr data-kind=") == 2
    assert "/en/programmes/other/" not in html
    assert "data-map-focus" in html
    assert (
        "Only the places of" in html and 'href="/en/map/">Show every place</a>' in html
    )
    # The actor's own sites, not its programmes' places nor other actors.
    html = client.get("/en/map/?actor=college").content.decode()
    assert html.count('<tr data-kind="provider"') == 2
    assert '<tr data-kind="programme"' not in html
    assert other.site.actor.slug not in html
    # Without them, every place and no note.
    html = client.get("/en/map/").content.decode()
    assert "data-map-focus" not in html


@pytest.mark.parametrize("query", ["programme=nowhere", "actor=nobody"])
def test_an_unknown_programme_or_actor_on_the_map_is_a_clear_400(client, places, query):
    response = client.get(f"/en/map/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "No programme has the address" in html or "No actor has the address" in html
    assert "<tr data-kind=" not in html


def test_the_picture_of_a_bundled_page_is_small():
    """The picture is part of every programme and actor page: a few kilobytes, compressed to less than two."""
    import gzip

    from django.test import Client

    load_bundled_data()
    html = Client().get("/fi/actors/keliber/").content.decode()
    figure = picture(html).encode()
    assert len(figure) < 6000
    assert len(gzip.compress(figure)) < 2000
    # All seven regions are drawn, in whole units.
    assert picture(html).count("<path ") == 7
    assert not re.search(r'd="[^"]*\.', picture(html))
