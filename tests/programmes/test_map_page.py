"""The actor and education map page around the map: the address of the region boundaries rather than the boundaries,
the boundary and tile attributions, tiles only when a tile server is set, one h1 in each language, and a labelled map
that points screen reader users to the list."""

import json
import re

import pytest

from tests.programmes.map_page_data import _no_tiles  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def json_script(html: str, element_id: str) -> object:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, f"no json_script #{element_id}"
    return json.loads(found.group(1))


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
