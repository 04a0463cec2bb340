"""The actor and education map: filters pick the right places, the list and the map show the same ones, bad filters
are a 400, and the page does the same queries however much data there is."""

import datetime
import json
import re
from collections import Counter
from decimal import Decimal
from html import unescape

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

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[25.0, 64.5], [26.5, 64.5], [26.5, 65.5], [25.0, 65.5], [25.0, 64.5]]
    ],
}


@pytest.fixture(autouse=True)
def _no_tiles(settings) -> None:
    settings.TILE_URL = ""


def json_script(html: str, element_id: str) -> object:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, f"no json_script #{element_id}"
    return json.loads(found.group(1))


def map_places(html: str) -> list[dict]:
    """The places map.js draws: the rows of the list with their coordinates, read as its placesInList() reads them."""
    places = []
    for row in re.findall(r"<tr data-kind=.*?</tr>", html, re.S):
        kind, lat, lng = re.search(
            r'<tr data-kind="([\w-]+)" data-lat="([^"]+)" data-lng="([^"]+)">', row
        ).groups()
        url, name_lang, name = re.search(
            r'<a href="([^"]*)" lang="(\w+)" data-place="name">([^<]*)</a>', row
        ).groups()
        town_lang, town = re.search(
            r'<td lang="(\w+)" data-place="town">([^<]*)</td>', row
        ).groups()
        place = {
            "name": unescape(name),
            "name_lang": name_lang,
            "url": unescape(url),
            "kind": kind,
            "kind_label": unescape(
                re.search(r'<span data-place="kind">([^<]*)</span>', row).group(1)
            ),
            "town": unescape(town),
            "town_lang": town_lang,
            "lat": float(lat),
            "lng": float(lng),
        }
        provider = re.search(
            r'<span class="map-list-provider" lang="(\w+)" data-place="provider">([^<]*)</span>',
            row,
        )
        if provider:
            place["provider"] = unescape(provider.group(2))
            place["provider_lang"] = provider.group(1)
        places.append(place)
    return places


def list_rows(html: str) -> list[tuple[str, str, str]]:
    """(kind, link, town) of each place in the list beside the map."""
    rows = re.findall(
        r'<tr data-kind="([\w-]+)"[^>]*>\s*<th scope="row">\s*<a href="([^"]+)".*?</th>\s*<td>.*?</td>\s*<td[^>]*>([^<]*)</td>',
        html,
        re.S,
    )
    return rows


def count_heading(html: str) -> str:
    """The "N places" heading of the list, in one line."""
    found = re.search(r'<h2 id="map-results-title"[^>]*>(.*?)</h2>', html, re.S)
    return " ".join(found.group(1).split())


def places(items: list) -> list[tuple[str, str]]:
    return sorted((item.kind, item.name.text) for item in items)


@pytest.fixture
def area() -> None:
    """Two regions, two segments, two levels; actors and programmes on both sides of the border."""
    oulu_region = RegionFactory(boundary=SQUARE)
    vasterbotten = RegionFactory(
        code="SE331",
        code_2024="SE331",
        country="SE",
        name_fi="Västerbottenin lääni",
        name_sv="Västerbottens län",
        name_en="Västerbotten County",
        boundary=SQUARE,
    )
    recycling = SegmentFactory(code="recycling", name_en="Recycling")
    cells = SegmentFactory(code="cells", name_en="Cell manufacturing")
    level4, level6 = EducationLevelFactory(level=4), EducationLevelFactory(level=6)

    college = ActorFactory(
        slug="college",
        name_en="Oulu College",
        name_sv="Uleåborgs yrkesskola",
        kind=Actor.Kind.PROVIDER,
    )
    college.segments.add(recycling)
    college_site = SiteFactory(actor=college, region=oulu_region)
    university = ActorFactory(
        slug="university",
        name_en="Umeå University",
        kind=Actor.Kind.PROVIDER,
        country="SE",
    )
    university_site = SiteFactory(
        actor=university,
        region=vasterbotten,
        town_en="Umeå",
        town_fi="Uumaja",
        town_sv="Umeå",
    )
    factory = ActorFactory(
        slug="cell-factory",
        name_en="Cell Factory",
        kind=Actor.Kind.EMPLOYER,
        country="SE",
    )
    factory.segments.add(cells)
    SiteFactory(
        actor=factory,
        region=vasterbotten,
        town_en="Skellefteå",
        town_fi="Skellefteå",
        town_sv="Skellefteå",
    )
    # A Swedish company's site in Finland is a place in Finland.
    SiteFactory(actor=factory, region=oulu_region)

    operator = ProgrammeFactory(
        slug="process-operator",
        name_fi="Prosessinhoitaja",
        name_sv="Processoperatör",
        name_en="Process operator",
        provider=college,
        awarded_level=level4,
        segments=[recycling],
    )
    OfferingFactory(
        programme=operator, site=college_site, starts_on=datetime.date(2027, 8, 1)
    )
    # Another start at the same site: the same place.
    OfferingFactory(
        programme=operator, site=college_site, starts_on=datetime.date(2028, 1, 10)
    )
    engineer = ProgrammeFactory(
        slug="battery-engineer",
        name_en="Battery engineer",
        provider=university,
        awarded_level=level6,
        segments=[cells],
    )
    OfferingFactory(programme=engineer, site=university_site)
    hidden = ProgrammeFactory(
        slug="hidden", name_en="Hidden", provider=college, state="draft"
    )
    OfferingFactory(programme=hidden, site=college_site)


def test_without_filters_the_map_has_every_actor_site_and_every_published_programme_site_once(
    area,
):
    assert places(map_items()) == [
        ("employer", "Cell Factory"),
        ("employer", "Cell Factory"),
        ("programme", "Battery engineer"),
        ("programme", "Process operator"),
        ("provider", "Oulu College"),
        ("provider", "Umeå University"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            MapFilters(kind=PROGRAMME),
            [("programme", "Battery engineer"), ("programme", "Process operator")],
        ),
        (
            MapFilters(kind="employer"),
            [("employer", "Cell Factory"), ("employer", "Cell Factory")],
        ),
        (
            MapFilters(segment="recycling"),
            [("programme", "Process operator"), ("provider", "Oulu College")],
        ),
        # The level picks programmes at that level and the providers that give them.
        (
            MapFilters(level=6),
            [("programme", "Battery engineer"), ("provider", "Umeå University")],
        ),
        (MapFilters(level=6, kind="employer"), []),
        # The country is where the place is: the Swedish company's Oulu site is in Finland.
        (
            MapFilters(country="FI"),
            [
                ("employer", "Cell Factory"),
                ("programme", "Process operator"),
                ("provider", "Oulu College"),
            ],
        ),
        (MapFilters(country="SE", kind="provider"), [("provider", "Umeå University")]),
        (
            MapFilters(segment="cells", country="SE"),
            [("employer", "Cell Factory"), ("programme", "Battery engineer")],
        ),
    ],
)
def test_filters_pick_the_right_places(area, filters, expected):
    assert places(map_items(filters)) == expected


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


def test_the_page_filters_by_its_address_and_links_each_place_to_its_page(client, area):
    html = client.get("/en/map/?kind=programme&level=4").content.decode()
    assert list_rows(html) == [
        ("programme", "/en/programmes/process-operator/", "Oulu")
    ]
    html = client.get("/fi/map/?kind=provider&country=SE").content.decode()
    assert list_rows(html) == [("provider", "/fi/actors/university/", "Uumaja")]


@pytest.mark.parametrize(
    "query", ["", "?country=FI", "?segment=cells", "?kind=programme"]
)
@pytest.mark.parametrize("htmx", [False, True])
def test_the_list_and_the_map_items_are_the_same_places(client, area, query, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(f"/en/map/{query}", headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    items = map_places(html)
    rows = list_rows(html)
    assert rows
    assert Counter(rows) == Counter(
        (item["kind"], item["url"], item["town"]) for item in items
    )
    assert count_heading(html) == (
        "1 place" if len(rows) == 1 else f"{len(rows)} places"
    )
    # htmx gets only the results (the list and the items), the browser the whole page.
    assert ("<h1>" in html) is not htmx
    assert "HX-Request" in response.headers["Vary"]


def test_going_back_in_history_gets_the_whole_page(client, area):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get("/en/map/?kind=programme", headers=headers).content.decode()
    assert "<h1>" in html and 'id="map-config"' in html


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


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?level=99", "level"),
        ("?level=four", "level"),
        ("?segment=no-such-segment", "segment"),
        ("?kind=spaceship", "kind"),
        ("?country=NO", "country"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_filter_value_is_a_400_that_shows_the_error(
    client, area, query, field, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(f"/en/map/{query}", headers=headers)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="map-errors" role="alert"' in html
    assert f'<a href="#id_{field}">' in html
    assert "Select a valid choice." in html
    assert map_places(html) == []
    if not htmx:
        assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html


def test_a_bad_filter_value_answers_in_the_language_of_the_page(client, area):
    html = client.get("/fi/map/?kind=spaceship").content.decode()
    assert "Valitse oikea vaihtoehto." in html


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
    # (test_region_outlines.py)
    with django_assert_num_queries(5):
        response = client.get("/fi/map/")
    assert len(map_places(response.content.decode())) == 2 * count
    # With filters the same five: the filters are conditions in queries 3 and 4, not extra queries.
    with django_assert_num_queries(5):
        client.get("/fi/map/?segment=recycling&level=4&country=FI")
    # htmx asks for the results only: queries 1-4, the list without the page around it.
    with django_assert_num_queries(4):
        client.get("/fi/map/?country=FI", headers={"HX-Request": "true"})


def test_the_page_gives_the_map_the_address_of_the_boundaries_not_the_boundaries(
    client, area
):
    html = client.get("/sv/map/").content.decode()
    config = json_script(html, "map-config")
    # The address names the outlines' digest, so that the browser may keep them (test_region_outlines.py).
    address = config["boundariesUrl"]
    assert re.fullmatch(r"/sv/map/regions-[0-9a-f]{12}\.json", address)
    assert "boundaries" not in config and '"coordinates"' not in html
    # Asked for beside the scripts, as map.js's fetch() asks (same-origin credentials), so that it is used.
    assert f'<link rel="preload" href="{address}" as="fetch" crossorigin>' in html


def test_the_boundary_attribution_is_on_the_page_and_on_the_map(client, area):
    html = client.get("/en/map/").content.decode()
    assert (
        '<p class="map-attribution">\n        © EuroGeographics for the administrative boundaries.'
        in html
    )
    config = json_script(html, "map-config")
    assert (
        config["boundaryAttribution"]
        == "© EuroGeographics for the administrative boundaries."
    )
    assert config["tiles"] is None  # tests never touch a tile server


def test_tiles_and_their_attribution_appear_only_when_a_tile_url_is_set(
    client, area, settings
):
    settings.TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.TILE_ATTRIBUTION = (
        '&copy; <a href="https://example.org/copyright">Example tiles</a>'
    )
    html = client.get("/en/map/").content.decode()
    assert json_script(html, "map-config")["tiles"] == {
        "url": "https://tiles.example.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://example.org/copyright">Example tiles</a>',
    }
    assert (
        'Background map: &copy; <a href="https://example.org/copyright">Example tiles</a>'
        in html
    )


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_map_answers_in_each_language_with_one_h1(client, area, language):
    response = client.get(f"/{language}/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_the_map_is_labelled_and_points_screen_reader_users_to_the_list(client, area):
    html = client.get("/en/map/").content.decode()
    assert 'role="region" aria-label="Map of the places in the list"' in html
    assert 'aria-describedby="map-note"' in html
    assert re.search(
        r'<p id="map-note" class="visually-hidden">The list after the map has the same places',
        html,
    )
    assert 'role="status"' in html


def test_the_filter_form_works_without_javascript_and_with_htmx(client, area):
    html = client.get("/en/map/?segment=cells").content.decode()
    assert 'method="get" action="/en/map/"' in html
    assert (
        'hx-get="/en/map/" hx-target="#map-results"' in html
        and 'hx-push-url="true"' in html
    )
    assert '<option value="cells" selected>Cell manufacturing</option>' in html
    assert '<label for="id_level">Education level (EQF)</label>' in html


def test_the_map_is_empty_but_fine_without_data():
    response = Client().get("/en/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert map_places(html) == []
    assert "No places match these filters." in html
