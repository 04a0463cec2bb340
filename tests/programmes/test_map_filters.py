"""The actor and education map's filters: without filters every place once, filters pick the right places, the page
filters by its address, the list and the map show the same places, going back gets the whole page, a bad filter is a
400 that shows the error in the page's language, and the form works without JavaScript and with htmx."""

import re
from collections import Counter

import pytest

from programmes.map import PROGRAMME, MapFilters, map_items
from tests.programmes.map_page_data import (
    _no_tiles,  # noqa: F401 (fixtures)
    count_heading,
    map_places,
)

pytestmark = pytest.mark.django_db


def list_rows(html: str) -> list[tuple[str, str, str]]:
    """(kind, link, town) of each place in the list beside the map."""
    rows = re.findall(
        r'<tr data-kind="([\w-]+)"[^>]*>\s*<th scope="row">\s*<a href="([^"]+)".*?</th>\s*<td>.*?</td>\s*<td[^>]*>([^<]*)</td>',
        html,
        re.S,
    )
    return rows


def places(items: list) -> list[tuple[str, str]]:
    return sorted((item.kind, item.name.text) for item in items)


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


def test_the_filter_form_works_without_javascript_and_with_htmx(client, area):
    html = client.get("/en/map/?segment=cells").content.decode()
    assert 'method="get" action="/en/map/"' in html
    assert (
        'hx-get="/en/map/" hx-target="#map-results"' in html
        and 'hx-push-url="true"' in html
    )
    assert '<option value="cells" selected>Cell manufacturing</option>' in html
    assert '<label for="id_level">Education level (EQF)</label>' in html
